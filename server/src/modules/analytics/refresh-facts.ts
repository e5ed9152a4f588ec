/**
 * The facts job: drains the queue of changes (filled by triggers in the transaction of
 * each change): each return and each hour of orders changed moves the facts by the
 * difference in its parts (facts.repository.ts); rebuilds everything, in
 * chunks of days, when the facts are new or the shop's time zone changed. One runner at a
 * time holds the lease, so several servers can run it; every step is idempotent (a day is
 * replaced, a return's parts are replaced by the same), so a crash or a repeat costs time,
 * not correctness.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { getCurrentPolicy } from '../policy/policy.repository.ts';
import { clearFacts, type DayRange, moveReturnParts, moveSalesParts, rebuildDays, sourceDaySpan } from './facts.repository.ts';
import {
  claimFactsLease,
  clearQueuedChanges,
  type FactsState,
  hasQueuedChanges,
  type QueuedChange,
  readFactsState,
  releaseFactsLease,
  takeQueuedChanges,
  updateFactsState,
} from './facts-state.repository.ts';
import { addDays } from './shop-time.ts';

const leaseMs = 60_000;
// Queued changes per transaction: moving 200 returns takes ~10–20 ms, and on SQLite a
// request waits for the connection no longer than that (a rebuild's chunk of days excepted).
const batchSize = 200;
const rebuildChunkDays = 10;

export type RefreshOptions = {
  /** Stop starting new steps after this many milliseconds (the rest waits for the next run). */
  budgetMs?: number;
  runner?: string;
  /**
   * Rest between batches as long as the last one took (the background worker): on SQLite a
   * request reads and writes through the one connection several times, and back-to-back
   * batches made it wait for one at each (p99 +100 ms at 10 clients while 2,000 changes drained).
   */
  gentle?: boolean;
};

export type RefreshResult = { ran: boolean; rebuilt: boolean; changes: number; state: FactsState };

/**
 * Brings the facts up to a batch of queued changes: each return changed and each hour of
 * orders changed moves the facts by the difference in its parts.
 */
async function applyChanges(db: Db, changes: readonly QueuedChange[], timeZone: string): Promise<void> {
  const keysOf = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.key);
  await moveReturnParts(db, keysOf('return'), timeZone);
  await moveSalesParts(db, keysOf('sales'), timeZone);
}

/** Rebuilds the facts from the source tables in chunks of days; resumable from `rebuildNext`. */
async function rebuild(db: Db, state: FactsState, timeZone: string, o: { runner: string; deadline: number }): Promise<boolean> {
  let next = state.rebuildNext;
  if (state.status !== 'rebuilding' || state.timeZone !== timeZone || next === null) {
    await db.transaction().execute(async (trx) => {
      // Whatever was queued is covered by the rebuild; changes from now on queue afresh.
      await clearQueuedChanges(trx);
      await clearFacts(trx);
      const span = await sourceDaySpan(trx, timeZone);
      next = span?.from ?? '9999-12-31';
      await updateFactsState(trx, { status: 'rebuilding', timeZone, rebuildNext: next });
    });
  }
  for (;;) {
    const span = await sourceDaySpan(db, timeZone);
    if (!span || next === null || next >= span.to) break;
    if (Date.now() > o.deadline) return false;
    const range: DayRange = { from: next, to: addDays(next, rebuildChunkDays) };
    await db.transaction().execute(async (trx) => {
      await rebuildDays(trx, range, timeZone);
      await updateFactsState(trx, { rebuildNext: range.to });
    });
    next = range.to;
    await claimFactsLease(db, o.runner, new Date(), leaseMs);
  }
  await updateFactsState(db, { status: 'ready', rebuildNext: null, rebuiltAt: new Date().toISOString(), refreshedAt: new Date().toISOString() });
  return true;
}

/** One run of the job: rebuild when needed, then drain the queue. Returns ran: false when another runner holds the lease. */
export async function refreshFacts(db: Db, options: RefreshOptions = {}): Promise<RefreshResult> {
  const runner = options.runner ?? randomUUID();
  const deadline = Date.now() + (options.budgetMs ?? 30_000);
  if (!(await claimFactsLease(db, runner, new Date(), leaseMs))) return { ran: false, rebuilt: false, changes: 0, state: await readFactsState(db) };
  let rebuilt = false;
  let changes = 0;
  try {
    const { timeZone } = await getCurrentPolicy(db);
    const state = await readFactsState(db);
    if (state.status !== 'ready' || state.timeZone !== timeZone) {
      rebuilt = await rebuild(db, state, timeZone, { runner, deadline });
      if (!rebuilt) return { ran: true, rebuilt, changes, state: await readFactsState(db) };
    }
    while (Date.now() <= deadline) {
      const batchStarted = performance.now();
      const taken = await db.transaction().execute(async (trx) => {
        const batch = await takeQueuedChanges(trx, batchSize);
        if (batch.changes.length > 0) {
          await applyChanges(trx, batch.changes, timeZone);
          await updateFactsState(trx, { refreshedAt: new Date().toISOString() });
        }
        return batch;
      });
      changes += taken.changes.length;
      if (taken.rows < batchSize) break;
      if (options.gentle) await new Promise((resolve) => setTimeout(resolve, Math.min(100, performance.now() - batchStarted)));
      await claimFactsLease(db, runner, new Date(), leaseMs);
    }
    return { ran: true, rebuilt, changes, state: await readFactsState(db) };
  } finally {
    await releaseFactsLease(db, runner);
  }
}

/**
 * Brings the facts up to what is committed before a report reads them: runs the job now
 * when something waits in the queue (or waits, up to `waitMs`, for the runner that holds
 * the lease). A report never answers from facts older than the changes it could see.
 */
export async function catchUpFacts(db: Db, waitMs = 3000): Promise<FactsState> {
  const deadline = Date.now() + waitMs;
  const { timeZone } = await getCurrentPolicy(db);
  for (;;) {
    const state = await readFactsState(db);
    const current = state.status === 'ready' && state.timeZone === timeZone && !(await hasQueuedChanges(db));
    if (current || Date.now() > deadline) return state;
    const result = await refreshFacts(db, { budgetMs: Math.max(500, deadline - Date.now()) });
    if (result.ran && result.state.status === 'ready' && !(await hasQueuedChanges(db))) return result.state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
