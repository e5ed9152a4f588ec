/**
 * The demo's history is replayed in time order on a clock the demo moves by hand: each
 * task (an order placed, a step of a return) runs with "now" set to its moment, so the
 * workflows stamp timelines, stage due dates, ledger rows, refunds and outbox events
 * with consistent past times, and check policy windows against that same moment.
 */
import type { Clock } from '../lib/clock.ts';

export type ScheduledTask = { at: number; label: string; run: () => Promise<void> };

export type DemoSchedule = {
  add(at: number, label: string, run: () => Promise<void>): void;
  /** Runs every task in time order (ties in the order added); a failing task is reported and skipped. */
  run(clock: Clock & { set(date: Date): void }, onError: (task: ScheduledTask, error: unknown) => void): Promise<void>;
};

/** An empty schedule. */
export function demoSchedule(): DemoSchedule {
  const tasks: (ScheduledTask & { seq: number })[] = [];
  return {
    add(at, label, run) {
      tasks.push({ at, label, run, seq: tasks.length });
    },
    async run(clock, onError) {
      tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const task of tasks) {
        clock.set(new Date(task.at));
        try {
          await task.run();
        } catch (error) {
          onError(task, error);
        }
      }
    },
  };
}
