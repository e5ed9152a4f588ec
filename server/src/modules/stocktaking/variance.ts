/** The totals of a variance report: units and value over and short, at the product price of the snapshot. */
import type { VarianceLine, VarianceReport } from './stocktaking.schema.ts';

/** Adds up a count's variance lines. */
export function varianceTotals(lines: readonly VarianceLine[]): VarianceReport['totals'] {
  const totals = {
    lines: lines.length,
    countedLines: 0,
    linesWithVariance: 0,
    unitsOver: 0,
    unitsShort: 0,
    netUnits: 0,
    valueOver: 0,
    valueShort: 0,
    netValue: 0,
  };
  for (const l of lines) {
    if (l.countedQuantity === null || l.variance === null) continue;
    totals.countedLines += 1;
    if (l.variance === 0) continue;
    totals.linesWithVariance += 1;
    const value = l.varianceValue ?? 0;
    if (l.variance > 0) {
      totals.unitsOver += l.variance;
      totals.valueOver += value;
    } else {
      totals.unitsShort += -l.variance;
      totals.valueShort += -value;
    }
  }
  totals.netUnits = totals.unitsOver - totals.unitsShort;
  totals.netValue = totals.valueOver - totals.valueShort;
  return totals;
}
