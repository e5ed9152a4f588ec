/**
 * API keys for integrations: random, shown once, stored only as a SHA-256 hash, scoped to
 * staff roles, revocable, with the time each was last used.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';
import type { Role } from '../auth/roles.ts';
import { hashToken } from '../auth/sessions.repository.ts';

export const apiKeyPrefix = 'rfk_';

export type ApiKey = {
  id: string;
  name: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  roles: Role[];
  createdById: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type ApiKeyRow = Omit<ApiKey, 'roles'> & { roles: string };

const columns = ['id', 'name', 'prefix', 'roles', 'createdById', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

const toApiKey = (row: ApiKeyRow): ApiKey => ({ ...row, roles: JSON.parse(row.roles) as Role[] });

/** Whether a bearer token looks like an API key rather than a session token. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(apiKeyPrefix);
}

/** Creates a key; the returned `key` is the only time it is seen. */
export async function createApiKey(db: Db, o: { name: string; roles: Role[]; createdById: string | null; now: Date }): Promise<ApiKey & { key: string }> {
  const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
  const row = {
    id: newId('key'),
    name: o.name,
    prefix: key.slice(0, apiKeyPrefix.length + 8),
    keyHash: hashToken(key),
    roles: JSON.stringify(o.roles),
    createdById: o.createdById,
    createdAt: o.now.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await db.insertInto('apiKeys').values(row).execute();
  const { keyHash: _hash, ...stored } = row;
  return { ...toApiKey(stored), key };
}

/** Every key, newest first (never the key itself). */
export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  return (await db.selectFrom('apiKeys').select(columns).orderBy('id', 'desc').execute()).map(toApiKey);
}

/** A key by id. */
export async function findApiKey(db: Db, id: string): Promise<ApiKey | undefined> {
  const row = await db.selectFrom('apiKeys').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/** The live (not revoked) key a presented secret belongs to. */
export async function findLiveApiKey(db: Db, key: string): Promise<ApiKey | undefined> {
  const row = await db.selectFrom('apiKeys').select(columns).where('keyHash', '=', hashToken(key)).where('revokedAt', 'is', null).executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/** Revokes a key; false when there is no such live key. */
export async function revokeApiKey(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('apiKeys').set({ revokedAt: now.toISOString() }).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Notes that a key was used, at most once a minute per key (a write per request would be waste). */
export async function touchApiKey(db: Db, key: Pick<ApiKey, 'id' | 'lastUsedAt'>, now: Date): Promise<void> {
  if (key.lastUsedAt && now.getTime() - Date.parse(key.lastUsedAt) < 60_000) return;
  await db.updateTable('apiKeys').set({ lastUsedAt: now.toISOString() }).where('id', '=', key.id).execute();
}
