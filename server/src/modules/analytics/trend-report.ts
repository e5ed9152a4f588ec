/** The return rate by day, week or month in the shop's time zone, with the period before beside it. */
import type { TrendQuery, TrendReport } from './analytics.schema.ts';
import { previousPeriod, type ReportScope, rate } from './report-scope.ts';
import { type Period, returnSums, salesSums } from './reports.repository.ts';
import { daysIn, monthOf, weekOf } from './shop-time.ts';

type Interval = TrendQuery['interval'];
type Sums = { returnedUnits: number; soldUnits: number; returnedValue: number; soldValue: number };

const bucketOf = (day: string, interval: Interval) => (interval === 'day' ? day : interval === 'week' ? weekOf(day) : `${monthOf(day)}-01`);

function point(s: Sums) {
  return { ...s, unitRate: rate(s.returnedUnits, s.soldUnits), valueRate: rate(s.returnedValue, s.soldValue) };
}

async function series(scope: ReportScope, period: Period, interval: Interval): Promise<{ buckets: Map<string, Sums>; total: Sums }> {
  const [returned, sold] = await Promise.all([returnSums(scope.db, 'day', period, scope.filters), salesSums(scope.db, 'day', period, scope.filters)]);
  const buckets = new Map<string, Sums>();
  const total: Sums = { returnedUnits: 0, soldUnits: 0, returnedValue: 0, soldValue: 0 };
  for (const day of daysIn(period.from, period.to)) {
    const key = bucketOf(day, interval);
    const sums = buckets.get(key) ?? { returnedUnits: 0, soldUnits: 0, returnedValue: 0, soldValue: 0 };
    const r = returned.get(day);
    const s = sold.get(day);
    sums.returnedUnits += r?.returnedUnits ?? 0;
    sums.returnedValue += r?.returnedValue ?? 0;
    sums.soldUnits += s?.units ?? 0;
    sums.soldValue += s?.value ?? 0;
    buckets.set(key, sums);
  }
  for (const s of buckets.values()) {
    total.returnedUnits += s.returnedUnits;
    total.soldUnits += s.soldUnits;
    total.returnedValue += s.returnedValue;
    total.soldValue += s.soldValue;
  }
  return { buckets, total };
}

/** The trend report; the previous period's buckets are matched to the current ones in order. */
export async function buildTrendReport(scope: ReportScope, interval: Interval): Promise<TrendReport> {
  const previous = previousPeriod(scope.period);
  const [current, before] = await Promise.all([series(scope, scope.period, interval), series(scope, previous, interval)]);
  const previousPoints = [...before.buckets].map(([start, s]) => ({ start, ...point(s) }));
  // The period before, aligned bucket by bucket from its end (weeks and months may be partial at the start).
  const offset = previousPoints.length - current.buckets.size;
  const data = [...current.buckets].map(([start, s], i) => ({ start, ...point(s), previous: previousPoints[i + offset] ?? null }));
  return {
    ...scope.meta,
    interval,
    previousPeriod: previous,
    data,
    totals: { current: point(current.total), previous: point(before.total) },
  };
}
