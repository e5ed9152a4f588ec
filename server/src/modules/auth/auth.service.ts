/** Staff login, user creation, and the first-start admin. */
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword, verifyDecoy, verifyPassword } from './passwords.ts';
import { countRecentFailures, maxFailures, recordFailure } from './rate-limit.repository.ts';
import type { Role } from './roles.ts';
import { createSession } from './sessions.repository.ts';
import { anyUserExists, findUserWithHashByEmail, insertUser, type User } from './users.repository.ts';

export const staffSessionTtlMs = 12 * 60 * 60 * 1000;

export type LoginOptions = { email: string; password: string; clientKey: string; now: Date };

/**
 * Checks a staff login. Failures count towards the client's rate limit; once over it,
 * failures answer 429 instead of 401. A correct login is never refused (the contract:
 * successful calls are not rate-limited).
 */
export async function login(db: Db, options: LoginOptions): Promise<{ token: string; expiresAt: string; user: User }> {
  const found = await findUserWithHashByEmail(db, options.email);
  const ok = found && !found.disabled ? await verifyPassword(found.passwordHash, options.password) : await verifyDecoy(options.password);
  if (!ok || !found) {
    const bucket = `login:${options.clientKey}`;
    const previous = await countRecentFailures(db, bucket, options.now);
    await recordFailure(db, bucket, options.now);
    if (previous >= maxFailures) throw new AppError('rate_limited', 'Too many failed logins; try again later');
    throw new AppError('unauthenticated', 'Wrong email or password');
  }
  const { passwordHash: _hash, ...user } = found;
  const session = await createSession(db, { kind: 'user', userId: user.id, now: options.now, ttlMs: staffSessionTtlMs });
  return { ...session, user };
}

export type CreateUserOptions = { email: string; name: string; password: string; roles: Role[]; locale?: string; now: Date };

/** Creates a staff user; a taken email answers 409 conflict. */
export async function createUser(db: Db, options: CreateUserOptions): Promise<User> {
  const email = options.email.trim().toLowerCase();
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new AppError('conflict', `A user with email ${email} already exists`);
  return insertUser(db, {
    id: newId('usr'),
    email,
    name: options.name,
    passwordHash: await hashPassword(options.password),
    roles: options.roles,
    ...(options.locale ? { locale: options.locale } : {}),
    now: options.now,
  });
}

/** Creates the admin named by RETURNFLOW_ADMIN_EMAIL/PASSWORD when no user exists yet. */
export async function ensureFirstAdmin(db: Db, email: string | undefined, password: string | undefined, now: Date): Promise<User | undefined> {
  if (!email || !password) return undefined;
  if (await anyUserExists(db)) return undefined;
  return createUser(db, { email, name: 'Administrator', password, roles: ['admin'], now });
}
