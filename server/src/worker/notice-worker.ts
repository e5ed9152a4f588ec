/**
 * The second consumer of the outbox: fans each committed event out to notices (customer,
 * in-app, group robots) in the transaction that claims it, sends due notices with retries,
 * and runs the jobs scheduled in the database (shipping reminders and deadlines, overdue
 * stages, count plans due). Several
 * servers on one PostgreSQL share the work through row claims and leases; started beside
 * the outbox worker.
 */
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { systemActor } from '../lib/actor.ts';
import { cuttableWait } from '../lib/cuttable-wait.ts';
import { claimJob, ensureJob, finishJob } from '../modules/logistics/scheduled-jobs.repository.ts';
import { deliverBatch } from '../modules/notifications/deliver-notices.ts';
import { fanOutManyReturnNotices } from '../modules/notifications/fan-out-notices.ts';
import { claimDueNotices } from '../modules/notifications/notices.repository.ts';
import type { NotificationSettings } from '../modules/notifications/notification-settings.schema.ts';
import { claimEventsForNotices } from '../modules/notifications/outbox-notices.repository.ts';
import { loadSettings } from '../modules/notifications/settings.repository.ts';
import { enforceShippingDeadlines } from '../workflows/enforce-shipping-deadlines.ts';
import { escalateOverdueStages, escalationJob } from '../workflows/escalate-overdue-stages.ts';
import { countPlanJob, runDueCountPlans } from '../workflows/plan-stock-counts.ts';

export type NoticeWorkerOptions = {
  ctx: AppContext;
  log: Logger;
  pollMs?: number;
  /** How long a claimed notice is kept from other workers (longer than any send). */
  leaseMs?: number;
  batchSize?: number;
  env?: NodeJS.ProcessEnv;
  /** Run the scheduled jobs too (default yes). */
  jobs?: boolean;
  /** Do not loop: passes run only when called (tests). */
  manual?: boolean;
};

export type NoticeWorker = {
  notify(): void;
  stop(): Promise<void>;
  /** One full pass: fan out, send what is due, run due jobs. */
  runOnce(): Promise<number>;
  /** Only writes the notices of new events (tests stop a "crashed" worker here). */
  fanOutOnce(): Promise<number>;
  /** Only sends what is due. */
  deliverOnce(): Promise<number>;
  /** Only runs the due jobs. */
  runJobsOnce(): Promise<number>;
};

type Job = { name: string; intervalSeconds: number; run: (settings: NotificationSettings) => Promise<unknown> };

/** Starts the worker loop. */
export function startNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const { ctx, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const env = options.env ?? process.env;
  let stopped = false;
  let notified = false;
  let wake: (() => void) | undefined;

  const fanOutRuntime = (settings: NotificationSettings) => ({ publicUrl: ctx.config.publicUrl, settings });

  const jobs: Job[] = [
    {
      name: 'return-shipping-deadlines',
      intervalSeconds: 3600,
      run: (settings) => enforceShippingDeadlines(ctx, { automation: settings.automation, fanOut: fanOutRuntime(settings) }),
    },
    // Overdue process stages, escalated by the process's automations (issue 5).
    { ...escalationJob, run: () => escalateOverdueStages(ctx) },
    // Count sheets of the count plans due today (monthly, quarterly, one-off; issue 6).
    { ...countPlanJob, run: () => runDueCountPlans(ctx, systemActor) },
  ];

  async function fanOutOnce(settings?: NotificationSettings): Promise<number> {
    const current = settings ?? (await loadSettings(ctx.db, env));
    const now = ctx.clock.now();
    // Templates, the process and robots are read once for the events of this pass.
    const memo = new Map<string, Promise<unknown>>();
    return claimEventsForNotices(ctx.db, 100, now, async (trx, events) => {
      await fanOutManyReturnNotices(
        trx,
        events.map((event) => ({ key: event.id, type: event.type, createdAt: event.createdAt, payload: event.payload })),
        { ...fanOutRuntime(current), now, memo },
      );
    });
  }

  // Sends in flight: the loop does not wait for them, so a slow vendor never holds up the
  // fan-out of new events or the sends of other channels; at most `batchSize` at a time.
  const sending = new Set<Promise<void>>();

  async function deliverOnce(settings?: NotificationSettings, wait = true): Promise<number> {
    const room = batchSize - sending.size;
    if (room > 0) {
      const current = settings ?? (await loadSettings(ctx.db, env));
      const batches = await claimDueNotices(ctx.db, ctx.clock.now(), room, leaseMs);
      const runtime = { db: ctx.db, now: () => ctx.clock.now(), settings: current };
      for (const batch of batches) {
        const send: Promise<void> = deliverBatch(runtime, batch)
          .then(() => undefined)
          .catch((error: unknown) => log.error({ err: error, batchId: batch.batchId }, 'notice delivery failed'))
          .finally(() => {
            sending.delete(send);
            // More may be due, and there is room again.
            notify();
          });
        sending.add(send);
      }
      if (wait) await Promise.all(sending);
      return batches.length;
    }
    if (wait) await Promise.all(sending);
    return 0;
  }

  async function runJobsOnce(settings?: NotificationSettings): Promise<number> {
    if (options.jobs === false) return 0;
    const current = settings ?? (await loadSettings(ctx.db, env));
    let ran = 0;
    for (const job of jobs) {
      await ensureJob(ctx.db, job.name, job.intervalSeconds, ctx.clock.now());
      if (!(await claimJob(ctx.db, job.name, ctx.clock.now(), 10 * 60_000))) continue;
      ran += 1;
      try {
        const result = await job.run(current);
        await finishJob(ctx.db, job.name, { result, error: null, now: ctx.clock.now() });
      } catch (error) {
        log.error({ err: error, job: job.name }, 'scheduled job failed');
        await finishJob(ctx.db, job.name, { result: null, error: error instanceof Error ? error.message.slice(0, 500) : String(error), now: ctx.clock.now() });
      }
    }
    return ran;
  }

  // The loop passes often (after every send): settings are read at most every few
  // seconds and the job table looked at every quarter minute; a manual pass reads both.
  let settingsRead: { at: number; value: NotificationSettings } | undefined;
  let jobsLookedAt = 0;

  async function pass(wait: boolean): Promise<number> {
    if (wait || !settingsRead || Date.now() - settingsRead.at > 3000) settingsRead = { at: Date.now(), value: await loadSettings(ctx.db, env) };
    const settings = settingsRead.value;
    const fanned = await fanOutOnce(settings);
    const sent = await deliverOnce(settings, wait);
    let ran = 0;
    if (wait || Date.now() - jobsLookedAt > 15_000) {
      jobsLookedAt = Date.now();
      ran = await runJobsOnce(settings);
    }
    return fanned + sent + ran;
  }

  /** One pass, waiting for the sends it started. */
  function runOnce(): Promise<number> {
    return pass(true);
  }

  function notify(): void {
    notified = true;
    wake?.();
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      notified = false;
      let didWork = 0;
      try {
        didWork = await pass(false);
      } catch (error) {
        log.error({ err: error }, 'notice worker pass failed');
      }
      if (stopped) break;
      if (didWork > 0 || notified) {
        // Let I/O run between busy passes: on SQLite every query completes synchronously,
        // so a loop that always has work would otherwise starve the sockets it sends on.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const poll = cuttableWait(pollMs);
      wake = poll.cut;
      await poll.done;
      wake = undefined;
    }
  }

  const running = options.manual ? Promise.resolve() : loop();
  return {
    notify,
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await Promise.all(sending);
    },
    runOnce,
    fanOutOnce: () => fanOutOnce(),
    deliverOnce: () => deliverOnce(),
    runJobsOnce: () => runJobsOnce(),
  };
}
