/** Products whose return rate jumped against their own past (or their category's), with when and why. */
import type { JumpsQuery, JumpsReport } from './analytics.schema.ts';
import { pageAfter, type ReportScope } from './report-scope.ts';
import { type Period, productLabels, returnSums, salesSums } from './reports.repository.ts';
import { addDays, daysIn, weekOf } from './shop-time.ts';
import { changePoint, defaultJumpRule, judgeJump, type Proportion, wilson } from './significance.ts';

type Row = JumpsReport['data'][number];

async function weeklySeries(scope: ReportScope, productId: string, period: Period): Promise<({ start: string } & Proportion)[]> {
  const filters = { ...scope.filters, productId };
  const [returned, sold] = await Promise.all([returnSums(scope.db, 'day', period, filters), salesSums(scope.db, 'day', period, filters)]);
  const weeks = new Map<string, Proportion>();
  for (const day of daysIn(period.from, period.to)) {
    const w = weeks.get(weekOf(day)) ?? { returned: 0, sold: 0 };
    w.returned += returned.get(day)?.returnedUnits ?? 0;
    w.sold += sold.get(day)?.units ?? 0;
    weeks.set(weekOf(day), w);
  }
  return [...weeks].map(([start, p]) => ({ start, ...p }));
}

/** The reason whose units grew most beyond what the baseline mix predicts. */
async function topReason(scope: ReportScope, productId: string, baseline: Period, scale: number): Promise<string | null> {
  const filters = { ...scope.filters, productId };
  const [now, before] = await Promise.all([returnSums(scope.db, 'reason', scope.period, filters), returnSums(scope.db, 'reason', baseline, filters)]);
  let best: { code: string; excess: number } | null = null;
  for (const [code, m] of now) {
    const excess = m.returnedUnits - (before.get(code)?.returnedUnits ?? 0) * scale;
    if (best === null || excess > best.excess) best = { code, excess };
  }
  return best?.code ?? null;
}

/** The jumped products, most significant first. */
export async function buildJumpsReport(scope: ReportScope, q: Pick<JumpsQuery, 'baselineDays' | 'limit' | 'cursor'>): Promise<JumpsReport> {
  const rule = defaultJumpRule;
  const baseline: Period = { from: addDays(scope.period.from, -q.baselineDays), to: scope.period.from };
  const filters = { ...scope.filters, reasonCodes: undefined };
  const [returnedNow, soldNow, returnedBefore, soldBefore] = await Promise.all([
    returnSums(scope.db, 'product', scope.period, filters),
    salesSums(scope.db, 'product', scope.period, filters),
    returnSums(scope.db, 'product', baseline, filters),
    salesSums(scope.db, 'product', baseline, filters),
  ]);
  const candidates = [...returnedNow].filter(([, m]) => m.returnedUnits >= rule.minReturnedUnits).map(([id]) => id);
  const products = await productLabels(scope.db, candidates);
  // The category's baseline, for products too new (or too quiet) to have their own.
  const categoryBaseline = new Map<string, Proportion>();
  const allProducts = await productLabels(scope.db, [...new Set([...returnedBefore.keys(), ...soldBefore.keys()])]);
  for (const [id, s] of soldBefore) {
    const category = allProducts.get(id)?.category;
    if (category === undefined) continue;
    const c = categoryBaseline.get(category) ?? { returned: 0, sold: 0 };
    c.sold += s.units;
    c.returned += returnedBefore.get(id)?.returnedUnits ?? 0;
    categoryBaseline.set(category, c);
  }
  const flagged: Omit<Row, 'since' | 'topReason' | 'topReasonLabel'>[] = [];
  for (const id of candidates) {
    const product = products.get(id);
    if (!product) continue;
    const current = { returned: returnedNow.get(id)?.returnedUnits ?? 0, sold: soldNow.get(id)?.units ?? 0 };
    const own = { returned: returnedBefore.get(id)?.returnedUnits ?? 0, sold: soldBefore.get(id)?.units ?? 0 };
    const useOwn = own.sold >= rule.minSoldUnits;
    const base = useOwn ? own : (categoryBaseline.get(product.category) ?? { returned: 0, sold: 0 });
    const verdict = judgeJump(current, base, rule);
    if (!verdict.jumped) continue;
    const interval = wilson(Math.min(current.returned, current.sold), current.sold);
    flagged.push({
      productId: id,
      sku: product.sku,
      name: product.name,
      category: product.category,
      soldUnits: current.sold,
      returnedUnits: current.returned,
      unitRate: verdict.rate,
      baselineSoldUnits: base.sold,
      baselineReturnedUnits: base.returned,
      baselineRate: verdict.baselineRate,
      baselineSource: useOwn ? 'product' : 'category',
      lift: verdict.lift,
      z: Math.round(verdict.z * 100) / 100,
      low: interval.low,
      high: interval.high,
    });
  }
  const page = pageAfter(flagged, { limit: q.limit, cursor: q.cursor, value: (r) => r.z, key: (r) => r.productId });
  const data: Row[] = [];
  for (const r of page.data) {
    const weeks = await weeklySeries(scope, r.productId, { from: baseline.from, to: scope.period.to });
    const scale = r.baselineSoldUnits > 0 && r.baselineSource === 'product' ? r.soldUnits / r.baselineSoldUnits : 0;
    const reason = await topReason(scope, r.productId, baseline, scale);
    data.push({ ...r, since: changePoint(weeks) ?? scope.period.from, topReason: reason, topReasonLabel: reason ? scope.reasonLabel(reason) : null });
  }
  return { ...scope.meta, baseline, rule, data, nextCursor: page.nextCursor };
}
