/**
 * The arithmetic of a refund breakdown, pure and in integer fen: accepted units priced
 * by grade, the restocking and grade fees of a line (rounded once, over the whole line),
 * and the customer's return postage shared over the lines. The valuation step and the
 * property tests both run this code.
 */
import type { Policy } from '../policy/policy.schema.ts';
import { allocateInOrder, unitsValue } from './refund-arithmetic.ts';

export const grades = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof grades)[number];

/** A group of a line's accepted units: one inspection grade, or none (accepted without inspection). */
export type GradeBucket = { grade: Grade | null; accepted: number; valued: number; value: number };

/** Fee rates of a line in basis points (1/100 of a percent): what the reason and each grade take. */
export type FeeRates = { restocking: number; byGrade: Record<Grade, number> };

const basisPoints = (percent: number) => Math.max(0, Math.min(10_000, Math.round(percent * 100)));

/**
 * The fee rates of a line under the policy: none at all when the shop is at fault. The
 * restocking percent the return's decision fixed for the line (a shop rule's fee) comes
 * before the policy's.
 */
export function feeRates(policy: Pick<Policy, 'restockingFeePercent' | 'gradeFeePercent'>, shopFault: boolean, decidedPercent?: number): FeeRates {
  if (shopFault) return { restocking: 0, byGrade: { A: 0, B: 0, C: 0, D: 0 } };
  const grade = (g: Grade) => basisPoints(policy.gradeFeePercent?.[g] ?? 0);
  return {
    restocking: basisPoints(decidedPercent ?? policy.restockingFeePercent),
    byGrade: { A: grade('A'), B: grade('B'), C: grade('C'), D: grade('D') },
  };
}

/** The rate a bucket pays: the reason's restocking fee plus its grade's fee, at most 100 %. */
export function bucketRate(rates: FeeRates, grade: Grade | null): number {
  return Math.min(10_000, rates.restocking + (grade ? rates.byGrade[grade] : 0));
}

export type LineFees = { restockingFee: number; gradeFee: number; fee: number };

/**
 * The fees of a line from the value of its buckets, rounded down to the fen once over the
 * whole line (in the customer's favour), never above the value. The restocking part is
 * what the reason alone would take; the grade part is the rest.
 */
export function lineFees(buckets: readonly { grade: Grade | null; value: number }[], rates: FeeRates): LineFees {
  let weighted = 0n;
  let value = 0n;
  for (const b of buckets) {
    if (b.value <= 0) continue;
    weighted += BigInt(b.value) * BigInt(bucketRate(rates, b.grade));
    value += BigInt(b.value);
  }
  const fee = Number(weighted / 10_000n < value ? weighted / 10_000n : value);
  const restockingFee = Math.min(fee, Number((value * BigInt(rates.restocking)) / 10_000n));
  return { restockingFee, gradeFee: fee - restockingFee, fee };
}

/**
 * Prices the unpriced units of each bucket against the order line: they take the unit
 * numbers from+1 … in bucket order, so the values add up to exactly unitsValue(from, to).
 * At most `limit` units are priced (the line's accepted units not yet priced). Returns the
 * units priced and the value of each bucket's new units.
 */
export function priceBuckets(
  paidAmount: number,
  quantity: number,
  from: number,
  buckets: readonly GradeBucket[],
  limit: number,
): { units: number; value: number }[] {
  let cursor = from;
  let left = Math.max(0, limit);
  return buckets.map((b) => {
    const units = Math.min(left, Math.max(0, b.accepted - b.valued));
    left -= units;
    const end = Math.min(quantity, cursor + units);
    const value = unitsValue(paidAmount, quantity, cursor, end);
    cursor = end;
    return { units, value };
  });
}

/**
 * The buckets of a line: the graded ones as recorded, and the rest of the line's accepted
 * units (and their priced value) as the ungraded bucket, first.
 */
export function lineBuckets(
  line: { acceptedQuantity: number; valuedQuantity: number; valueAmount: number },
  graded: readonly { grade: Grade; acceptedQuantity: number; valuedQuantity: number; valueAmount: number }[],
): GradeBucket[] {
  const byGrade = grades.map((grade) => graded.find((g) => g.grade === grade)).filter((g) => g !== undefined);
  const sum = (pick: (g: (typeof byGrade)[number]) => number) => byGrade.reduce((s, g) => s + pick(g), 0);
  const ungraded: GradeBucket = {
    grade: null,
    accepted: Math.max(0, line.acceptedQuantity - sum((g) => g.acceptedQuantity)),
    valued: Math.max(0, line.valuedQuantity - sum((g) => g.valuedQuantity)),
    value: Math.max(0, line.valueAmount - sum((g) => g.valueAmount)),
  };
  return [ungraded, ...byGrade.map((g) => ({ grade: g.grade, accepted: g.acceptedQuantity, valued: g.valuedQuantity, value: g.valueAmount }))];
}

/** The return postage the customer pays, shared over the lines in order (each at most what it refunds). */
export function returnShippingShares(deduction: number, lineRefundables: readonly number[]): number[] {
  const room = lineRefundables.reduce((s, v) => s + Math.max(0, v), 0);
  return allocateInOrder(Math.min(deduction, room), lineRefundables);
}

/** A return line as valuation sees it: its counters, its graded units, its order line's price and counter, its fee rates. */
export type LineInput = {
  line: { acceptedQuantity: number; valuedQuantity: number; valueAmount: number };
  graded: readonly { grade: Grade; acceptedQuantity: number; valuedQuantity: number; valueAmount: number }[];
  /** The order line: what it cost, its units, and how many of them are priced (over all its returns). */
  counter: { paidAmount: number; quantity: number; valuedQuantity: number } | undefined;
  rates: FeeRates;
};

export type LineBreakdown = LineFees & {
  value: number;
  returnShipping: number;
  refundable: number;
  grades: { grade: Grade | null; units: number; value: number }[];
};

/**
 * The breakdown of a return's lines: priced units at their price, unpriced accepted units
 * provisionally at the next unit numbers of their order line, fees per line, and the
 * customer's return postage shared over the lines.
 */
export function breakdownLines(inputs: readonly LineInput[], returnShippingDeduction: number): LineBreakdown[] {
  const priced = inputs.map((input) => {
    const buckets = lineBuckets(input.line, input.graded);
    const unpriced = input.line.acceptedQuantity - input.line.valuedQuantity;
    const fresh = input.counter ? priceBuckets(input.counter.paidAmount, input.counter.quantity, input.counter.valuedQuantity, buckets, unpriced) : [];
    const grades = buckets.map((b, i) => ({ grade: b.grade, units: b.accepted, value: b.value + (fresh[i]?.value ?? 0) }));
    const fees = lineFees(grades, input.rates);
    return { grades, fees, value: grades.reduce((s, g) => s + g.value, 0) };
  });
  const shares = returnShippingShares(
    returnShippingDeduction,
    priced.map((p) => p.value - p.fees.fee),
  );
  return priced.map((p, i) => {
    const returnShipping = shares[i] ?? 0;
    return {
      ...p.fees,
      value: p.value,
      returnShipping,
      refundable: p.value - p.fees.fee - returnShipping,
      grades: p.grades.filter((g) => g.units > 0),
    };
  });
}

export type PricedLine = {
  /** Units and value newly priced per bucket (ungraded first, then A–D). */
  buckets: { grade: Grade | null; units: number; value: number }[];
  valueAmount: number;
  feeAmount: number;
};

/**
 * Fixes the price of a line's accepted, unpriced units once their unit numbers were taken
 * from the order line (from+1 … from+n): the new value per bucket, the line's value and fee.
 */
export function priceLine(input: Omit<LineInput, 'counter'>, taken: { paidAmount: number; quantity: number; from: number }): PricedLine {
  const buckets = lineBuckets(input.line, input.graded);
  const unpriced = input.line.acceptedQuantity - input.line.valuedQuantity;
  const fresh = priceBuckets(taken.paidAmount, taken.quantity, taken.from, buckets, unpriced);
  const values = buckets.map((b, i) => ({ grade: b.grade, value: b.value + (fresh[i]?.value ?? 0) }));
  return {
    buckets: buckets.map((b, i) => ({ grade: b.grade, units: fresh[i]?.units ?? 0, value: fresh[i]?.value ?? 0 })),
    valueAmount: input.line.valueAmount + fresh.reduce((s, f) => s + f.value, 0),
    feeAmount: lineFees(values, input.rates).fee,
  };
}
