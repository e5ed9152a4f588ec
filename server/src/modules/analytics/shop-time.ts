/**
 * Days, weeks and months in the shop's time zone, in JavaScript and in SQL. Facts are
 * keyed by the local calendar day; a period [from, to) of local days is turned into UTC
 * instants to select source rows, and a stored instant into its local day in SQL.
 */
import { type RawBuilder, sql } from 'kysely';
import { addDays, localDate } from '../../lib/local-date.ts';

export { addDays, localDate };

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant (ISO) at which a local day (YYYY-MM-DD) begins. */
export function dayStart(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Two rounds settle a day that starts next to an offset change.
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The Monday (YYYY-MM-DD) of the ISO week a day is in. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The month (YYYY-MM) of a day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** The first day of the month after a month (YYYY-MM). */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Every day in [from, to). */
export function daysIn(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Offsets of a zone between 2000 and 2100: one entry when it has no daylight saving. */
function offsetSpans(timeZone: string): { until: string | null; minutes: number }[] {
  const spans: { until: string | null; minutes: number }[] = [];
  let current = offsetMinutes(new Date(Date.UTC(2000, 0, 1)), timeZone);
  // Offsets change on the hour: step by hours around each change found day by day.
  for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000) {
    const next = offsetMinutes(new Date(t + 86_400_000), timeZone);
    if (next === current) continue;
    let change = t;
    while (offsetMinutes(new Date(change + 900_000), timeZone) === current) change += 900_000;
    spans.push({ until: new Date(change + 900_000).toISOString(), minutes: current });
    current = next;
  }
  spans.push({ until: null, minutes: current });
  return spans;
}

const spanCache = new Map<string, { until: string | null; minutes: number }[]>();

/** SQL for the local day (YYYY-MM-DD text) of a timestamp column. */
export function localDaySql(column: RawBuilder<unknown>, timeZone: string, postgres: boolean): RawBuilder<string> {
  if (postgres) return sql<string>`to_char(${column} at time zone ${sql.lit(timeZone)}, 'YYYY-MM-DD')`;
  let spans = spanCache.get(timeZone);
  if (!spans) {
    spans = offsetSpans(timeZone);
    spanCache.set(timeZone, spans);
  }
  const shift = (minutes: number) => sql.lit(`${minutes >= 0 ? '+' : ''}${minutes} minutes`);
  const only = spans[0];
  if (spans.length === 1 && only) return sql<string>`date(${column}, ${shift(only.minutes)})`;
  const branches = spans.map((s) =>
    s.until === null ? sql`else date(${column}, ${shift(s.minutes)})` : sql`when ${column} < ${sql.lit(s.until)} then date(${column}, ${shift(s.minutes)})`,
  );
  return sql<string>`(case ${sql.join(branches, sql` `)} end)`;
}
