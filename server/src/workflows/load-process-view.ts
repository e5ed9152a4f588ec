/** The process in force with, per stage, the returns sitting there now and their times. */
import type { AppContext } from '../context.ts';
import type { Scope } from '../lib/scope.ts';
import { getCurrentProcess } from '../modules/process/process.repository.ts';
import type { ProcessView } from '../modules/process/process-view.schema.ts';
import { stageNumbers } from '../modules/process/stage-statistics.ts';
import { countFinishedReturns, findOpenStageRows, findRecentClosedStageRows } from '../modules/process/stage-stats.repository.ts';

/** How many finished stage rows the typical times are taken from. */
const recentStageRows = 2000;

/** The process picture's data, counting only returns the scope may see. */
export async function loadProcessView(ctx: AppContext, scope: Scope): Promise<ProcessView> {
  const now = ctx.clock.now().toISOString();
  const [process, open, closed, finished] = await Promise.all([
    getCurrentProcess(ctx.db),
    findOpenStageRows(ctx.db, scope),
    findRecentClosedStageRows(ctx.db, scope, recentStageRows),
    countFinishedReturns(ctx.db, scope),
  ]);
  const numbers = stageNumbers(open, closed, now);
  return {
    version: process.version,
    automations: process.automations ?? [],
    now,
    stages: process.stages.map((stage) => {
      const n = numbers.get(stage.code);
      if (stage.code === 'done') return { ...stage, current: finished, overdue: 0, medianHours: null, typicalHours: null };
      return { ...stage, current: n?.current ?? 0, overdue: n?.overdue ?? 0, medianHours: n?.medianHours ?? null, typicalHours: n?.typicalHours ?? null };
    }),
  };
}
