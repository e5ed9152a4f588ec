/**
 * Jobs that run on a schedule kept in the database (no timer in a process matters): each
 * job has a next run time, and a server runs it only after winning a conditional update
 * that moves the next run on and leases the job, so one server runs each turn. A server
 * that dies mid-run loses its lease and the job runs again at the next turn.
 */
import type { Db } from '../../db/connect.ts';

export type ScheduledJob = {
  name: string;
  intervalSeconds: number;
  nextRunAt: string;
  lockedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastResult: string | null;
  lastError: string | null;
};

/** Creates the job if it is new (due at once). */
export async function ensureJob(db: Db, name: string, intervalSeconds: number, now: Date): Promise<void> {
  await db
    .insertInto('scheduledJobs')
    .values({
      name,
      intervalSeconds,
      nextRunAt: now.toISOString(),
      lockedUntil: null,
      lastStartedAt: null,
      lastFinishedAt: null,
      lastResult: null,
      lastError: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Takes the job's turn if it is due and free; false when another server has it or it is not due. */
export async function claimJob(db: Db, name: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = now.toISOString();
  const job = await db.selectFrom('scheduledJobs').select(['intervalSeconds', 'nextRunAt']).where('name', '=', name).executeTakeFirst();
  if (!job || job.nextRunAt > at) return false;
  const result = await db
    .updateTable('scheduledJobs')
    .set({
      nextRunAt: new Date(now.getTime() + job.intervalSeconds * 1000).toISOString(),
      lockedUntil: new Date(now.getTime() + leaseMs).toISOString(),
      lastStartedAt: at,
    })
    .where('name', '=', name)
    .where('nextRunAt', '=', job.nextRunAt)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records how a run ended and frees the job. */
export async function finishJob(db: Db, name: string, o: { result: unknown; error: string | null; now: Date }): Promise<void> {
  await db
    .updateTable('scheduledJobs')
    .set({
      lockedUntil: null,
      lastFinishedAt: o.now.toISOString(),
      lastResult: o.error ? null : JSON.stringify(o.result ?? null),
      lastError: o.error,
    })
    .where('name', '=', name)
    .execute();
}

/** Makes a job due now (an admin's "run now"); false when there is no such job. */
export async function makeJobDue(db: Db, name: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('scheduledJobs').set({ nextRunAt: now.toISOString() }).where('name', '=', name).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every job and how it last ran. */
export async function listJobs(db: Db): Promise<ScheduledJob[]> {
  return db.selectFrom('scheduledJobs').selectAll().orderBy('name').execute();
}
