/**
 * When a count plan runs: once on its start date, or every month / quarter on the start
 * date's day (clamped to short months: a plan started on the 31st runs on 28 February).
 * Dates are calendar dates (YYYY-MM-DD) in the shop's time zone; the next run is stored
 * on the plan, so any server (or none, until one starts) can pick it up.
 */

export const countSchedules = ['once', 'monthly', 'quarterly'] as const;
export type CountSchedule = (typeof countSchedules)[number];

const monthsBetweenRuns: Record<Exclude<CountSchedule, 'once'>, number> = { monthly: 1, quarterly: 3 };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The k-th run date of a repeating plan anchored on a date (k = 0 is the anchor). */
export function occurrence(anchor: string, schedule: Exclude<CountSchedule, 'once'>, k: number): string {
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const months = m - 1 + k * monthsBetweenRuns[schedule];
  const year = y + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(d, daysInMonth(year, month));
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first run date on or after a date (once: the anchor if not past, else null). */
export function firstRunOnOrAfter(anchor: string, schedule: CountSchedule, date: string): string | null {
  if (schedule === 'once') return anchor >= date ? anchor : null;
  if (anchor >= date) return anchor;
  // Jump close, then step: at most a few iterations.
  const [ay, am] = anchor.split('-').map(Number) as [number, number];
  const [dy, dm] = date.split('-').map(Number) as [number, number];
  let k = Math.max(0, Math.floor(((dy - ay) * 12 + (dm - am)) / monthsBetweenRuns[schedule]) - 1);
  while (occurrence(anchor, schedule, k) < date) k += 1;
  return occurrence(anchor, schedule, k);
}

/** The run after today's (or a late one): the first run date strictly after `today`; null for a one-off. */
export function nextRunAfter(anchor: string, schedule: CountSchedule, today: string): string | null {
  if (schedule === 'once') return null;
  const next = firstRunOnOrAfter(anchor, schedule, today);
  if (next === null) return null;
  if (next > today) return next;
  return firstRunOnOrAfter(anchor, schedule, addOneDay(today));
}

function addOneDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
