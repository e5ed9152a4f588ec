/** Median times per stage, from stage rows (pure; the rows come from the repository). */

/** The median of numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export type OpenStageRow = { stage: string; enteredAt: string; dueAt: string | null };
export type ClosedStageRow = { stage: string; enteredAt: string; exitedAt: string };
export type StageNumbers = { current: number; overdue: number; medianHours: number | null; typicalHours: number | null };

/** Per stage: returns there now, overdue ones, median hours so far, and the median time recent returns took. */
export function stageNumbers(open: readonly OpenStageRow[], closed: readonly ClosedStageRow[], now: string): Map<string, StageNumbers> {
  const byStage = new Map<string, { waiting: number[]; overdue: number; took: number[] }>();
  const entry = (stage: string) => {
    let e = byStage.get(stage);
    if (!e) {
      e = { waiting: [], overdue: 0, took: [] };
      byStage.set(stage, e);
    }
    return e;
  };
  for (const row of open) {
    const e = entry(row.stage);
    e.waiting.push(hours(row.enteredAt, now));
    if (row.dueAt !== null && row.dueAt < now) e.overdue += 1;
  }
  for (const row of closed) entry(row.stage).took.push(hours(row.enteredAt, row.exitedAt));
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return new Map(
    [...byStage].map(([stage, e]) => [
      stage,
      { current: e.waiting.length, overdue: e.overdue, medianHours: round(median(e.waiting)), typicalHours: round(median(e.took)) },
    ]),
  );
}
