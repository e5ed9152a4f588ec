/**
 * Money arithmetic of refunds, in integer fen. A line paid P for q units: the k-th unit
 * refunded (counted over all returns of the line) is worth floor(P·k/q) − floor(P·(k−1)/q),
 * so the units of a line add up to exactly P whatever the order they come back in.
 */

/** What units from+1 … to of a line are worth (0 ≤ from ≤ to ≤ quantity). */
export function unitsValue(paidAmount: number, quantity: number, from: number, to: number): number {
  if (quantity <= 0 || to <= from) return 0;
  const paid = BigInt(paidAmount);
  const q = BigInt(quantity);
  return Number((paid * BigInt(to)) / q - (paid * BigInt(from)) / q);
}

/** A percentage fee of an amount, rounded down to the fen (in the customer's favour). */
export function percentFee(amount: number, percent: number): number {
  if (percent <= 0 || amount <= 0) return 0;
  const basisPoints = BigInt(Math.round(percent * 100));
  return Number((BigInt(amount) * basisPoints) / 10_000n);
}

/** Splits an amount across buckets in order, each taking at most its capacity. */
export function allocateInOrder(amount: number, capacities: readonly number[]): number[] {
  let left = amount;
  return capacities.map((capacity) => {
    const take = Math.max(0, Math.min(capacity, left));
    left -= take;
    return take;
  });
}
