/**
 * Failure counters for login and portal lookup, kept in the database so that every
 * app server sees the same count.
 */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export const failureWindowMs = 15 * 60 * 1000;
export const maxFailures = 10;

/** Failures recorded for a bucket within the window. */
export async function countRecentFailures(db: Db, bucket: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - failureWindowMs).toISOString();
  const row = await db
    .selectFrom('authFailures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records one failure for a bucket. */
export async function recordFailure(db: Db, bucket: string, now: Date): Promise<void> {
  await db
    .insertInto('authFailures')
    .values({ id: newId('af'), bucket, createdAt: now.toISOString() })
    .execute();
}

/** Deletes failures older than the window (housekeeping). */
export async function pruneFailures(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - failureWindowMs).toISOString();
  await db.deleteFrom('authFailures').where('createdAt', '<=', before).execute();
}
