/** Staff users. */
import type { Db } from '../../db/connect.ts';
import type { Role } from './roles.ts';

export type User = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  locale: string;
  disabled: boolean;
  createdAt: string;
};

type UserRow = {
  id: string;
  email: string;
  name: string;
  roles: string;
  locale: string;
  disabled: number;
  createdAt: string;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    locale: row.locale,
    disabled: row.disabled === 1,
    createdAt: row.createdAt,
  };
}

const columns = ['id', 'email', 'name', 'roles', 'locale', 'disabled', 'createdAt'] as const;

/** A user by id. */
export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** A user and their password hash by (lower-cased) email. */
export async function findUserWithHashByEmail(db: Db, email: string): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...columns, 'passwordHash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.passwordHash } : undefined;
}

export type InsertUserOptions = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  locale?: string;
  now: Date;
};

/** Inserts a user; the unique email index turns a duplicate into an error the caller maps. */
export async function insertUser(db: Db, options: InsertUserOptions): Promise<User> {
  const row = {
    id: options.id,
    email: options.email.trim().toLowerCase(),
    name: options.name,
    passwordHash: options.passwordHash,
    roles: JSON.stringify(options.roles),
    locale: options.locale ?? 'zh-CN',
    disabled: 0,
    createdAt: options.now.toISOString(),
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** All users, by email. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(columns).orderBy('email').execute();
  return rows.map(toUser);
}

/** Whether any user exists (first-start admin creation). */
export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Remembers a user's interface language. */
export async function updateUserLocale(db: Db, id: string, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', id).execute();
}
