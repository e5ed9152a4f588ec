/** Calendar dates in a shop's time zone (Asia/Shanghai by default), as the law counts days. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Since 1980 every zone's offset from UTC has been a whole number of quarter hours, so all
 * instants of one UTC quarter hour fall on the same local date, and all of one UTC minute
 * on the same local minute: what Intl works out for one of them is kept for the rest
 * (Intl formatting was ~2% of a return creation's CPU in the benchmark's profile;
 * docs/performance.md). Earlier or invalid instants are always worked out.
 */
const cachedSince = Date.UTC(1980, 0, 1);

/** Memoizes `compute` per time zone and UTC period of `periodMs` (a divisor of 15 minutes). */
export function perPeriod(periodMs: number, compute: (instant: Date, timeZone: string) => string): (instant: Date, timeZone: string) => string {
  const zones = new Map<string, Map<number, string>>();
  return (instant, timeZone) => {
    const ms = instant.getTime();
    if (!(ms >= cachedSince)) return compute(instant, timeZone);
    let cache = zones.get(timeZone);
    if (!cache) {
      cache = new Map();
      zones.set(timeZone, cache);
    }
    const key = Math.floor(ms / periodMs);
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(instant, timeZone);
      if (cache.size >= 4096) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate: (instant: Date, timeZone: string) => string = perPeriod(15 * 60_000, (instant, timeZone) => formatter(timeZone).format(instant));

/** Whole calendar days from date a to date b (YYYY-MM-DD), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The date n calendar days after a date (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The compact date used in document numbers, e.g. 20261127. */
export function compactLocalDate(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).replaceAll('-', '');
}
