/** Idempotency records: the first response to a key, replayed for 24 hours. */
import type { Db } from '../../db/connect.ts';

export const idempotencyTtlMs = 24 * 60 * 60 * 1000;

export type IdempotencyRecord = { requestHash: string; statusCode: number | null; responseBody: string | null; createdAt: string };

/** The record of a key within a caller's scope. */
export async function findIdempotencyRecord(db: Db, scope: string, key: string): Promise<IdempotencyRecord | undefined> {
  return db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'responseBody', 'createdAt'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Reserves a key for a request in flight; false when another request holds it. */
export async function reserveIdempotencyKey(db: Db, scope: string, key: string, requestHash: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('idempotencyKeys')
    .values({ scope, key, requestHash, statusCode: null, responseBody: null, createdAt: now.toISOString() })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Stores the response of a reserved key. */
export async function completeIdempotencyKey(db: Db, scope: string, key: string, statusCode: number, responseBody: string): Promise<void> {
  await db.updateTable('idempotencyKeys').set({ statusCode, responseBody }).where('scope', '=', scope).where('key', '=', key).execute();
}

/** Forgets a key (expired, abandoned, or its request failed on our side). */
export async function releaseIdempotencyKey(db: Db, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Deletes records older than the replay window (housekeeping). */
export async function pruneIdempotencyKeys(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('idempotencyKeys')
    .where('createdAt', '<', new Date(now.getTime() - idempotencyTtlMs).toISOString())
    .execute();
}
