/**
 * Keeps the analytics facts current in the background: a run of the facts job every few
 * seconds, or at once when a change is announced. Several servers may run it; the lease
 * in the database lets one work at a time.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import { refreshFacts } from './refresh-facts.ts';

export type FactsWorker = { notify(): void; stop(): Promise<void> };

/** Starts the loop; `notify` wakes it early. */
export function startFactsWorker(o: { db: Db; log: Logger; pollMs?: number }): FactsWorker {
  const pollMs = o.pollMs ?? 5000;
  const runner = randomUUID();
  let stopped = false;
  let wake: (() => void) | undefined;
  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const result = await refreshFacts(o.db, { runner, budgetMs: 20_000 });
        if (result.rebuilt) o.log.info({ status: result.state.status }, 'analytics facts rebuilt');
      } catch (error) {
        o.log.error({ err: error }, 'analytics facts refresh failed');
      }
      if (stopped) break;
      // A pause between runs, so a busy shop's stream of changes is taken in batches.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }
  const running = loop();
  return {
    notify: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
