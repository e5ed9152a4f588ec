/**
 * Keeps the analytics facts current in the background: a run of the facts job every few
 * seconds, or at once when a change is announced. Several servers may run it; the lease
 * in the database lets one work at a time.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import { cuttableWait } from '../../lib/cuttable-wait.ts';
import { refreshFacts } from './refresh-facts.ts';

export type FactsWorker = { notify(): void; stop(): Promise<void> };

/** Starts the loop; `notify` wakes it early. */
export function startFactsWorker(o: { db: Db; log: Logger; pollMs?: number; minPauseMs?: number }): FactsWorker {
  const pollMs = o.pollMs ?? 5000;
  const minPauseMs = o.minPauseMs ?? 500;
  const runner = randomUUID();
  let stopped = false;
  let wake: (() => void) | undefined;
  let endPause: (() => void) | undefined;
  async function loop(): Promise<void> {
    while (!stopped) {
      const started = performance.now();
      try {
        const result = await refreshFacts(o.db, { runner, budgetMs: 20_000, gentle: true });
        if (result.rebuilt) o.log.info({ status: result.state.status }, 'analytics facts rebuilt');
      } catch (error) {
        o.log.error({ err: error }, 'analytics facts refresh failed');
      }
      if (stopped) break;
      // A pause between runs, so a busy shop's stream of changes is taken in batches: 50
      // times as long as the run took (0.5–30 s), so the job uses at most ~2% of the
      // server. A run recomputes each touched day whole, and on SQLite its queries hold the
      // event loop: under a burst of returns today's recompute grew with the day, and at
      // 20 times it still cost ~5% of each creation (docs/performance.md). Reports lose
      // nothing by it: each catches the facts up before it reads them (catchUpFacts).
      const pauseMs = Math.max(minPauseMs, Math.min(30_000, 50 * (performance.now() - started)));
      // Only stopping cuts the pause short; a notice of changes does not (the pause batches them).
      const pause = cuttableWait(pauseMs);
      endPause = pause.cut;
      await pause.done;
      endPause = undefined;
      if (stopped) break;
      const poll = cuttableWait(pollMs);
      wake = poll.cut;
      await poll.done;
      wake = undefined;
    }
  }
  const running = loop();
  return {
    notify: () => wake?.(),
    async stop() {
      stopped = true;
      endPause?.();
      wake?.();
      await running;
    },
  };
}
