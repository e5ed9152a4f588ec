/**
 * The bookkeeping of the facts job: one state row (time zone the facts are cut in, rebuild
 * progress, a lease so that one server at a time works on the facts) and the queue the
 * triggers fill with what changed.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';

export type FactsStatus = 'empty' | 'rebuilding' | 'ready';

export type FactsState = { status: FactsStatus; timeZone: string | null; rebuildNext: string | null; refreshedAt: string | null; rebuiltAt: string | null };

const stateId = 'facts';

/** The state row (created on first use). */
export async function readFactsState(db: Db): Promise<FactsState> {
  const row = await db
    .selectFrom('analyticsState')
    .select(['status', 'timeZone', 'rebuildNext', 'refreshedAt', 'rebuiltAt'])
    .where('id', '=', stateId)
    .executeTakeFirst();
  return row ? { ...row, status: row.status as FactsStatus } : { status: 'empty', timeZone: null, rebuildNext: null, refreshedAt: null, rebuiltAt: null };
}

/** Takes (or renews) the lease on the facts for `leaseMs`; false when another runner holds it. */
export async function claimFactsLease(db: Db, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  await db
    .insertInto('analyticsState')
    .values({ id: stateId, status: 'empty', timeZone: null, rebuildNext: null, lockedBy: null, lockedUntil: null, refreshedAt: null, rebuiltAt: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const result = await db
    .updateTable('analyticsState')
    .set({ lockedBy: runner, lockedUntil: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', stateId)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now.toISOString()), eb('lockedBy', '=', runner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Lets the lease go (only the runner's own). */
export async function releaseFactsLease(db: Db, runner: string): Promise<void> {
  await db.updateTable('analyticsState').set({ lockedBy: null, lockedUntil: null }).where('id', '=', stateId).where('lockedBy', '=', runner).execute();
}

/** Records the state after a step of the job. */
export async function updateFactsState(db: Db, patch: Partial<FactsState>): Promise<void> {
  await db.updateTable('analyticsState').set(patch).where('id', '=', stateId).execute();
}

export type QueuedChange = { kind: string; key: string };

/**
 * Takes up to `limit` queued changes out of the queue, inside the caller's transaction:
 * exactly the rows it read. On PostgreSQL a change's transaction queues a row of its own
 * (migration 0012), seen here only once it has committed; a row queued for the same key
 * meanwhile stays for the next run. Keys come back once each, with how many rows were taken.
 */
export async function takeQueuedChanges(db: Db, limit: number): Promise<{ changes: QueuedChange[]; rows: number }> {
  let query = db.selectFrom('analyticsQueue').select(['kind', 'key', 'txid']).orderBy('kind').orderBy('key').limit(limit);
  if (isPostgres(db)) query = query.forUpdate().skipLocked();
  const rows = await query.execute();
  for (let i = 0; i < rows.length; i += 300) {
    const taken = rows.slice(i, i + 300).map((r) => sql`(${r.kind}, ${r.key}, ${r.txid})`);
    await sql`delete from analytics_queue where (kind, key, txid) in (${sql.join(taken)})`.execute(db);
  }
  const seen = new Set<string>();
  const changes: QueuedChange[] = [];
  for (const { kind, key } of rows) {
    if (seen.has(`${kind}\u0000${key}`)) continue;
    seen.add(`${kind}\u0000${key}`);
    changes.push({ kind, key });
  }
  return { changes, rows: rows.length };
}

/** Whether anything waits in the queue. */
export async function hasQueuedChanges(db: Db): Promise<boolean> {
  const row = await db.selectFrom('analyticsQueue').select('key').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Empties the queue (a rebuild covers everything queued before it started). */
export async function clearQueuedChanges(db: Db): Promise<void> {
  await db.deleteFrom('analyticsQueue').execute();
}
