/** Why goods come back: top reasons and how they move, and one product's reason mix against its category's. */
import type { ProductReasonsReport, ReasonsReport } from './analytics.schema.ts';
import { previousPeriod, type ReportScope, rate } from './report-scope.ts';
import { categoryReasonUnits, productLabels, returnSums, salesSums } from './reports.repository.ts';
import { daysIn, weekOf } from './shop-time.ts';

const share = (part: number, whole: number) => rate(part, whole) ?? 0;
const change = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 10_000) / 10_000 : null);

/** Units per reason per week, from rows keyed `day|reason`. */
function weeklyByReason(rows: Map<string, { returnedUnits: number }>, from: string, to: string): { start: string; units: Record<string, number> }[] {
  const weeks = new Map<string, Record<string, number>>();
  for (const day of daysIn(from, to)) if (!weeks.has(weekOf(day))) weeks.set(weekOf(day), {});
  for (const [key, m] of rows) {
    const [day, reason] = key.split('|') as [string, string];
    const week = weeks.get(weekOf(day));
    if (week && m.returnedUnits > 0) week[reason] = (week[reason] ?? 0) + m.returnedUnits;
  }
  return [...weeks].map(([start, units]) => ({ start, units }));
}

/** Top reasons (and reason categories) in the period against the period before. */
export async function buildReasonsReport(scope: ReportScope): Promise<ReasonsReport> {
  const previous = previousPeriod(scope.period);
  const [now, before, daily] = await Promise.all([
    returnSums(scope.db, 'reason', scope.period, scope.filters),
    returnSums(scope.db, 'reason', previous, scope.filters),
    returnSums(scope.db, 'dayReason', scope.period, scope.filters),
  ]);
  const units = (m: Map<string, { returnedUnits: number }>, key: string) => m.get(key)?.returnedUnits ?? 0;
  const totalNow = [...now.values()].reduce((s, m) => s + m.returnedUnits, 0);
  const totalBefore = [...before.values()].reduce((s, m) => s + m.returnedUnits, 0);
  const codes = [...new Set([...now.keys(), ...before.keys()])];
  const reasons = codes
    .map((code) => ({
      code,
      label: scope.reasonLabel(code),
      category: scope.reasonCategory(code),
      returnedUnits: units(now, code),
      share: share(units(now, code), totalNow),
      previousUnits: units(before, code),
      previousShare: share(units(before, code), totalBefore),
      change: change(units(now, code), units(before, code)),
    }))
    .filter((r) => r.returnedUnits > 0 || r.previousUnits > 0)
    .sort((a, b) => b.returnedUnits - a.returnedUnits || a.code.localeCompare(b.code));
  const byCategory = new Map<string, { now: number; before: number }>();
  for (const r of reasons) {
    const c = byCategory.get(r.category) ?? { now: 0, before: 0 };
    c.now += r.returnedUnits;
    c.before += r.previousUnits;
    byCategory.set(r.category, c);
  }
  const categories = [...byCategory]
    .map(([code, c]) => ({
      code,
      label: code,
      returnedUnits: c.now,
      share: share(c.now, totalNow),
      previousUnits: c.before,
      previousShare: share(c.before, totalBefore),
      change: change(c.now, c.before),
    }))
    .sort((a, b) => b.returnedUnits - a.returnedUnits || a.code.localeCompare(b.code));
  return { ...scope.meta, previousPeriod: previous, reasons, categories, weekly: weeklyByReason(daily, scope.period.from, scope.period.to) };
}

/** A product's reasons against its category's, and its weekly rate by reason: "size complaints tripled since the new batch". */
export async function buildProductReasonsReport(scope: ReportScope, productId: string): Promise<ProductReasonsReport | undefined> {
  const product = (await productLabels(scope.db, [productId])).get(productId);
  if (!product) return undefined;
  const filters = { ...scope.filters, productId, category: undefined, supplierId: undefined };
  const [mine, category, daily, sold] = await Promise.all([
    returnSums(scope.db, 'reason', scope.period, filters),
    categoryReasonUnits(scope.db, product.category, scope.period),
    returnSums(scope.db, 'dayReason', scope.period, filters),
    salesSums(scope.db, 'day', scope.period, filters),
  ]);
  const mineTotal = [...mine.values()].reduce((s, m) => s + m.returnedUnits, 0);
  const categoryTotal = [...category.values()].reduce((s, u) => s + u, 0);
  const codes = [...new Set([...mine.keys(), ...category.keys()])];
  const mix = codes
    .map((code) => {
      const productUnits = mine.get(code)?.returnedUnits ?? 0;
      const categoryUnits = category.get(code) ?? 0;
      return {
        code,
        label: scope.reasonLabel(code),
        productUnits,
        productShare: share(productUnits, mineTotal),
        categoryUnits,
        categoryShare: share(categoryUnits, categoryTotal),
      };
    })
    .filter((m) => m.productUnits > 0 || m.categoryUnits > 0)
    .sort((a, b) => b.productUnits - a.productUnits || b.categoryUnits - a.categoryUnits);
  const weeks = weeklyByReason(daily, scope.period.from, scope.period.to);
  const soldByWeek = new Map<string, number>();
  for (const [day, s] of sold) soldByWeek.set(weekOf(day), (soldByWeek.get(weekOf(day)) ?? 0) + s.units);
  const weekly = weeks.map((w) => {
    const returnedUnits = Object.values(w.units).reduce((s, u) => s + u, 0);
    const soldUnits = soldByWeek.get(w.start) ?? 0;
    return { start: w.start, returnedUnits, soldUnits, unitRate: rate(returnedUnits, soldUnits), units: w.units };
  });
  return { ...scope.meta, product: { id: product.id, sku: product.sku, name: product.name, category: product.category }, mix, weekly };
}
