/**
 * The scheduled look at stages past their time limit: each overdue stage visit is
 * escalated once, by the process's stage.overdue automations (hand it to a manager,
 * notify a channel), each run written on the return's timeline by the automation actor.
 * Runs from the schedule kept in the database (scheduled_jobs), so one server takes each
 * turn and a test drives it with a manual clock.
 */
import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import { everything } from '../lib/scope.ts';
import { claimJob, ensureJob, finishJob } from '../modules/logistics/scheduled-jobs.repository.ts';
import { findOverdueStages, markStageEscalated } from '../modules/process/stage-work.repository.ts';
import { lockReturnRow } from '../modules/returns/returns.repository.ts';
import { runAutomations } from './steps/run-automations.ts';

export const escalationJob = { name: 'stage-escalations', intervalSeconds: 300 } as const;

/** Escalates every overdue stage not escalated yet; how many were looked at and how many an automation acted on. */
export async function escalateOverdueStages(ctx: AppContext): Promise<{ overdue: number; escalated: number }> {
  const now = ctx.clock.now();
  let overdue = 0;
  let escalated = 0;
  for (const stage of await findOverdueStages(ctx.db, now.toISOString(), 500)) {
    const acted = await ctx.db.transaction().execute(async (trx) => {
      const ret = await lockReturnRow(trx, stage.returnId, everything, isPostgres(trx));
      // Marked first: a stage visit is escalated once, even by two servers at the same turn.
      if (!ret || !(await markStageEscalated(trx, stage.id, now))) return null;
      return runAutomations(trx, { returnId: ret.id, event: 'stage.overdue', stage: stage.stage, now });
    });
    if (acted === null) continue;
    overdue += 1;
    if (acted.ran > 0) escalated += 1;
  }
  if (escalated > 0) ctx.notifyOutbox();
  return { overdue, escalated };
}

/** Takes the escalation job's turn when the database schedule says it is due; null when it is not. */
export async function runEscalationJob(ctx: AppContext): Promise<{ overdue: number; escalated: number } | null> {
  await ensureJob(ctx.db, escalationJob.name, escalationJob.intervalSeconds, ctx.clock.now());
  if (!(await claimJob(ctx.db, escalationJob.name, ctx.clock.now(), 10 * 60_000))) return null;
  try {
    const result = await escalateOverdueStages(ctx);
    await finishJob(ctx.db, escalationJob.name, { result, error: null, now: ctx.clock.now() });
    return result;
  } catch (error) {
    await finishJob(ctx.db, escalationJob.name, {
      result: null,
      error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      now: ctx.clock.now(),
    });
    throw error;
  }
}
