/**
 * What each order line cost the customer (paidAmount), fixed at order creation:
 * base = unit price × quantity − the line's own discount; the order discount D is shared
 * as floor(D × base / Σ base); the fen left over go one each to the largest bases
 * (ties to the earlier line).
 */

export type LineBase = { unitPrice: number; quantity: number; discountAmount: number };

/** The paid amount of each line, in order; Σ equals Σ base − orderDiscount exactly. */
export function allocatePaidAmounts(lines: readonly LineBase[], orderDiscount: number): number[] {
  const bases = lines.map((l) => BigInt(l.unitPrice) * BigInt(l.quantity) - BigInt(l.discountAmount));
  const total = bases.reduce((a, b) => a + b, 0n);
  const discount = BigInt(orderDiscount);
  if (total === 0n) return bases.map(Number);
  const shares = bases.map((b) => (discount * b) / total);
  let leftover = discount - shares.reduce((a, b) => a + b, 0n);
  const byBase = bases.map((b, i) => ({ b, i })).sort((x, y) => (x.b === y.b ? x.i - y.i : x.b > y.b ? -1 : 1));
  for (let k = 0; leftover > 0n; k = (k + 1) % byBase.length) {
    const target = byBase[k];
    if (!target) break;
    shares[target.i] = (shares[target.i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return bases.map((b, i) => Number(b - (shares[i] ?? 0n)));
}
