/**
 * When a rate is news and when it is noise. A product's return rate "jumped" only with
 * enough units to tell (never 1 of 2), a real lift, and a two-proportion z-test that a
 * chance rise would pass about once in a thousand; a customer's rate is "far above
 * average" when even the low end of its Wilson interval is well above the average.
 */

/** A count of returned units out of units sold. */
export type Proportion = { returned: number; sold: number };

/** The Wilson score interval of k out of n at z (1.96: 95%). */
export function wilson(k: number, n: number, z = 1.96): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = Math.min(1, k / n);
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The pooled two-proportion z statistic of a (current) against b (baseline); 0 when undefined. */
export function twoProportionZ(a: Proportion, b: Proportion): number {
  if (a.sold <= 0 || b.sold <= 0) return 0;
  const pa = Math.min(1, a.returned / a.sold);
  const pb = Math.min(1, b.returned / b.sold);
  const pooled = Math.min(1, (a.returned + b.returned) / (a.sold + b.sold));
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.sold + 1 / b.sold));
  if (se === 0) return 0;
  return (pa - pb) / se;
}

export type JumpRule = { minSoldUnits: number; minReturnedUnits: number; minLift: number; minZ: number };

/** The default rule: 30 units sold, 5 returned, 1.5× the baseline rate, z ≥ 3.09 (one-sided p ≤ 0.001). */
export const defaultJumpRule: JumpRule = { minSoldUnits: 30, minReturnedUnits: 5, minLift: 1.5, minZ: 3.09 };

export type JumpVerdict = { jumped: boolean; z: number; lift: number | null; rate: number; baselineRate: number };

/** Whether a period's rate jumped against a baseline under the rule. */
export function judgeJump(current: Proportion, baseline: Proportion, rule: JumpRule = defaultJumpRule): JumpVerdict {
  const rate = current.sold > 0 ? current.returned / current.sold : 0;
  const baselineRate = baseline.sold > 0 ? baseline.returned / baseline.sold : 0;
  const z = twoProportionZ(current, baseline);
  const lift = baselineRate > 0 ? rate / baselineRate : null;
  const enough = current.sold >= rule.minSoldUnits && current.returned >= rule.minReturnedUnits && baseline.sold >= rule.minSoldUnits;
  const lifted = lift === null ? rate > 0 : lift >= rule.minLift;
  return { jumped: enough && lifted && z >= rule.minZ, z, lift, rate, baselineRate };
}

export type OutlierRule = { minSoldUnits: number; minReturnedUnits: number; factor: number };

/** A customer needs 5 units bought, 3 returned, and a Wilson lower bound over 2× the average rate. */
export const defaultOutlierRule: OutlierRule = { minSoldUnits: 5, minReturnedUnits: 3, factor: 2 };

/** Whether a customer's rate is far above the average rate. */
export function isFarAboveAverage(customer: Proportion, averageRate: number, rule: OutlierRule = defaultOutlierRule): boolean {
  if (customer.sold < rule.minSoldUnits || customer.returned < rule.minReturnedUnits) return false;
  return wilson(Math.min(customer.returned, customer.sold), customer.sold).low > averageRate * rule.factor;
}

/**
 * The most likely start of a rise in a weekly series: the week that splits it into a
 * before and an after whose rates differ most (largest z of after against before).
 */
export function changePoint(weeks: readonly ({ start: string } & Proportion)[]): string | null {
  const total = weeks.reduce((t, w) => ({ returned: t.returned + w.returned, sold: t.sold + w.sold }), { returned: 0, sold: 0 });
  let best: { start: string; z: number } | null = null;
  let head: Proportion = { returned: 0, sold: 0 };
  for (const week of weeks) {
    const tail = { returned: total.returned - head.returned, sold: total.sold - head.sold };
    const z = head.sold > 0 ? twoProportionZ(tail, head) : Number.NEGATIVE_INFINITY;
    if (best === null || z > best.z) best = { start: week.start, z };
    head = { returned: head.returned + week.returned, sold: head.sold + week.sold };
  }
  return best?.start ?? null;
}
