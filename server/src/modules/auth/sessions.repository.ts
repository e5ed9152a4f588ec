/** Session tokens: random, stored only as a SHA-256 hash, revocable, expiring. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { precompiled } from '../../db/precompiled.ts';
import { newId } from '../../lib/ids.ts';

export type SessionKind = 'user' | 'customer';

export type SessionRow = {
  id: string;
  kind: SessionKind;
  userId: string | null;
  customerId: string | null;
  expiresAt: string;
};

/** SHA-256 of a token, the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type CreateSessionOptions = {
  kind: SessionKind;
  userId?: string | null;
  customerId?: string | null;
  now: Date;
  ttlMs: number;
};

/** Creates a session and returns its bearer token (shown once, never stored). */
export async function createSession(db: Db, options: CreateSessionOptions): Promise<{ token: string; expiresAt: string }> {
  const token = `${options.kind === 'user' ? 'rfs' : 'rfc'}_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(options.now.getTime() + options.ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: newId('ses'),
      tokenHash: hashToken(token),
      kind: options.kind,
      userId: options.userId ?? null,
      customerId: options.customerId ?? null,
      createdAt: options.now.toISOString(),
      expiresAt,
      revokedAt: null,
    })
    .execute();
  return { token, expiresAt };
}

/** The live session for a token, or undefined when unknown, expired or revoked. */
export async function findLiveSession(db: Db, token: string, now: Date): Promise<SessionRow | undefined> {
  return (await selectLiveSession(db, { tokenHash: hashToken(token), now: now.toISOString() })).rows[0];
}

// Every authenticated request runs it: built and compiled once (db/precompiled.ts).
const selectLiveSession = precompiled<{ tokenHash: string; now: string }, SessionRow>(
  (db, p) =>
    db
      .selectFrom('sessions')
      .select(['id', 'kind', 'userId', 'customerId', 'expiresAt'])
      .where('tokenHash', '=', p('tokenHash'))
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', p('now')) as never,
);

/** Revokes the session of a token (logout). */
export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revokedAt: now.toISOString() }).where('tokenHash', '=', hashToken(token)).execute();
}
