/** Return rates and the flag for customers who return far more than the shop's average. */

/** Returned ÷ sold units, or null when nothing was sold. */
export function returnRate(returnedUnits: number, soldUnits: number): number | null {
  return soldUnits > 0 ? returnedUnits / soldUnits : null;
}

/** The least rate that is flagged whatever the average (a customer returning one in five units). */
const floorRate = 0.2;

/**
 * Flagged: at least two units returned, and a return rate at least twice the shop's
 * average and at least 20 %.
 */
export function isFlagged(returnedUnits: number, soldUnits: number, averageRate: number | null): boolean {
  const rate = returnRate(returnedUnits, soldUnits);
  if (rate === null || returnedUnits < 2) return false;
  return rate >= Math.max(2 * (averageRate ?? 0), floorRate);
}
