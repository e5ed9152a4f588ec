/**
 * Server secrets the portal signs with, stored in the database so that every app
 * server (and every restart) signs and verifies with the same key.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';

const cache = new WeakMap<Db, Map<string, Promise<string>>>();

async function readOrCreate(db: Db, key: string, now: Date): Promise<string> {
  const existing = await db.selectFrom('portalSettings').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return existing.value;
  // Two servers may race to create it: the first insert wins and both read the winner.
  await db
    .insertInto('portalSettings')
    .values({ key, value: randomBytes(32).toString('base64url'), createdAt: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('portalSettings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

/** A random secret by name, created on first use; read once per database handle. */
export function serverSecret(db: Db, key: string, now: Date): Promise<string> {
  let secrets = cache.get(db);
  if (!secrets) {
    secrets = new Map();
    cache.set(db, secrets);
  }
  let secret = secrets.get(key);
  if (!secret) {
    secret = readOrCreate(db, key, now);
    secrets.set(key, secret);
    secret.catch(() => secrets.delete(key));
  }
  return secret;
}
