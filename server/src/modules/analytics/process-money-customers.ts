/** Process health (time per stage, overdue work), money and goods, and the customers who return most. */
import { getCurrentProcess } from '../process/process.repository.ts';
import type { CustomersReport, MoneyReport, ProcessHealthReport } from './analytics.schema.ts';
import { bucketRatio } from './facts.repository.ts';
import { pageAfter, type ReportScope, rate } from './report-scope.ts';
import {
  customerSales,
  customersWithReturns,
  namesOf,
  openStages,
  productLabels,
  type ReturnMeasures,
  returnSums,
  type StageBucketRow,
  salesSums,
  stageBuckets,
} from './reports.repository.ts';
import { defaultOutlierRule, isFarAboveAverage, wilson } from './significance.ts';

const bucketBounds = (bucket: number): [number, number] => (bucket === 0 ? [0, 60] : [60 * bucketRatio ** (bucket - 1), 60 * bucketRatio ** bucket]);

/**
 * The q-quantile (nearest rank) of durations kept as buckets, in hours: the mean of the
 * bucket the rank falls in, so within a bucket's width (10%) and exact when its stays are equal.
 */
export function quantileHours(rows: readonly Pick<StageBucketRow, 'bucket' | 'count' | 'seconds'>[], q: number): number | null {
  const sorted = [...rows].filter((r) => r.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, r) => s + r.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let before = 0;
  for (const r of sorted) {
    if (before + r.count >= rank) {
      const [low, high] = bucketBounds(r.bucket);
      const seconds = Math.min(high, Math.max(low, r.seconds / r.count));
      return Math.round((seconds / 3600) * 100) / 100;
    }
    before += r.count;
  }
  return null;
}

function duration(rows: StageBucketRow[]) {
  return { count: rows.reduce((s, r) => s + r.count, 0), medianHours: quantileHours(rows, 0.5), p90Hours: quantileHours(rows, 0.9) };
}

/** Time in each stage (median, 90th percentile) of stays ended in the period, work open and overdue now, application → money back. */
export async function buildProcessHealthReport(scope: ReportScope): Promise<ProcessHealthReport> {
  const now = scope.now.toISOString();
  const [buckets, open, process] = await Promise.all([stageBuckets(scope.db, scope.period), openStages(scope.db, now), getCurrentProcess(scope.db)]);
  const english = scope.locale === 'en';
  const stages = process.stages
    .filter((s) => s.code !== 'done' && s.enabled)
    .map((s) => {
      const stays = duration(buckets.filter((b) => b.stage === s.code));
      const here = open.filter((o) => o.stage === s.code);
      const openCount = here.reduce((n, o) => n + o.open, 0);
      const overdue = here.reduce((n, o) => n + o.overdue, 0);
      const limit = s.timeLimitHours ?? null;
      const health: 'good' | 'warn' | 'bad' | 'idle' =
        stays.count === 0 && openCount === 0
          ? 'idle'
          : (limit !== null && stays.medianHours !== null && stays.medianHours > limit) || (overdue > 0 && overdue >= openCount * 0.1)
            ? 'bad'
            : (limit !== null && stays.p90Hours !== null && stays.p90Hours > limit) || overdue > 0
              ? 'warn'
              : 'good';
      return { stage: s.code, name: english ? s.nameEn : s.name, ownerRole: s.ownerRole, timeLimitHours: limit, open: openCount, overdue, health, ...stays };
    });
  const overdue = open
    .filter((o) => o.overdue > 0)
    .map((o) => ({ stage: o.stage, ownerRole: o.ownerRole, assignedUserId: o.assignedUserId, assignedUserName: o.assignedUserName, count: o.overdue }))
    .sort((a, b) => b.count - a.count);
  return { ...scope.meta, now, stages, overdue, moneyBack: duration(buckets.filter((b) => b.stage === '_money_back')) };
}

function money(m: ReturnMeasures | undefined) {
  const v = (k: keyof ReturnMeasures) => m?.[k] ?? 0;
  const lostValue = v('damagedValue') + v('scrappedValue');
  return {
    returnedUnits: v('returnedUnits'),
    returnedValue: v('returnedValue'),
    refundedAmount: v('refundedAmount'),
    storeCreditAmount: v('storeCreditAmount'),
    feeAmount: v('feeAmount'),
    restockedUnits: v('restockedUnits'),
    restockedValue: v('restockedValue'),
    damagedUnits: v('damagedUnits'),
    damagedValue: v('damagedValue'),
    scrappedUnits: v('scrappedUnits'),
    scrappedValue: v('scrappedValue'),
    vendorUnits: v('vendorUnits'),
    vendorValue: v('vendorValue'),
    lostValue,
    cost: v('refundedAmount') - v('restockedValue'),
  };
}

/** Money refunded, fees kept, store credit, goods recovered and lost, and the cost of returns per product, for the returns filed in the period. */
export async function buildMoneyReport(scope: ReportScope, q: { limit: number; cursor?: string | undefined }): Promise<MoneyReport> {
  const [totals, byProduct] = await Promise.all([
    returnSums(scope.db, 'total', scope.period, scope.filters),
    returnSums(scope.db, 'product', scope.period, scope.filters),
  ]);
  const rows = [...byProduct].map(([productId, m]) => ({ productId, ...money(m) }));
  const page = pageAfter(rows, { limit: q.limit, cursor: q.cursor, value: (r) => r.cost, key: (r) => r.productId });
  const labels = await productLabels(
    scope.db,
    page.data.map((r) => r.productId),
  );
  const data = page.data.map((r) => {
    const p = labels.get(r.productId);
    return { ...r, sku: p?.sku ?? r.productId, name: p?.name ?? '', category: p?.category ?? '' };
  });
  return { ...scope.meta, totals: money(totals.get('*')), data, nextCursor: page.nextCursor };
}

/** Repeat returners (two returns or more) and customers whose return rate is far above the average. */
export async function buildCustomersReport(
  scope: ReportScope,
  q: { limit: number; cursor?: string | undefined; show: 'all' | 'repeat' | 'outliers' },
): Promise<CustomersReport> {
  const rule = defaultOutlierRule;
  const [returners, returned, sold] = await Promise.all([
    customersWithReturns(scope.db, scope.period, { returns: 2, units: rule.minReturnedUnits }),
    returnSums(scope.db, 'total', scope.period, {}),
    salesSums(scope.db, 'total', scope.period, {}),
  ]);
  const averageRate = rate(returned.get('*')?.returnedUnits ?? 0, sold.get('*')?.units ?? 0);
  // Only repeat returners and customers with enough units returned can be either. Repeat
  // returners need no sales; only the others can be far above average, so only they (and
  // then the page shown) need their sales looked up.
  const candidates = returners;
  const sales = await customerSales(
    scope.db,
    candidates.filter((c) => c.returnedUnits >= rule.minReturnedUnits).map((c) => c.customerId),
    scope.period,
  );
  const rows = candidates.map((c) => {
    const soldUnits = sales.get(c.customerId)?.units;
    return {
      ...c,
      repeat: c.returns >= 2,
      outlier: averageRate !== null && soldUnits !== undefined && isFarAboveAverage({ returned: c.returnedUnits, sold: soldUnits }, averageRate, rule),
    };
  });
  const shown = rows.filter((r) => q.show === 'all' || (q.show === 'repeat' ? r.repeat : r.outlier));
  const page = pageAfter(shown, { limit: q.limit, cursor: q.cursor, value: (r) => r.returns * 1_000_000 + r.returnedUnits, key: (r) => r.customerId });
  const ids = page.data.map((r) => r.customerId);
  const [names, pageSales] = await Promise.all([
    namesOf(scope.db, 'customers', ids),
    customerSales(
      scope.db,
      ids.filter((id) => !sales.has(id)),
      scope.period,
    ),
  ]);
  const data = page.data.map((r) => {
    const soldUnits = (sales.get(r.customerId) ?? pageSales.get(r.customerId))?.units ?? 0;
    return {
      ...r,
      name: names.get(r.customerId) ?? r.customerId,
      soldUnits,
      unitRate: rate(r.returnedUnits, soldUnits),
      low: soldUnits > 0 ? Math.round(wilson(Math.min(r.returnedUnits, soldUnits), soldUnits).low * 10_000) / 10_000 : null,
    };
  });
  return {
    ...scope.meta,
    averageRate,
    repeatCount: rows.filter((r) => r.repeat).length,
    outlierCount: rows.filter((r) => r.outlier).length,
    rule,
    data,
    nextCursor: page.nextCursor,
  };
}
