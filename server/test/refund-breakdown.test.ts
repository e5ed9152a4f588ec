/**
 * The refund breakdown's arithmetic, property-based: order discounts allocated, units
 * priced by grade over several returns and several refunds each, restocking and grade
 * fees rounded once per line, the customer's return postage, and refunds split over the
 * lines — every fen accounted for, never above what was paid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePaidAmounts } from '../src/modules/orders/allocation.ts';
import { allocateInOrder } from '../src/modules/refunds/refund-arithmetic.ts';
import {
  breakdownLines,
  bucketRate,
  feeRates,
  type Grade,
  grades,
  lineFees,
  priceLine,
  returnShippingShares,
} from '../src/modules/refunds/refund-breakdown.ts';

type Policy = { restockingFeePercent: number; gradeFeePercent: Record<Grade, number>; deduction: number };

const percentArbitrary = fc.integer({ min: 0, max: 400 }).map((halfPoints) => halfPoints / 4); // 0 … 100 in steps of 0.25
const policyArbitrary: fc.Arbitrary<Policy> = fc.record({
  restockingFeePercent: fc.oneof(
    fc.constant(0),
    percentArbitrary.map((p) => p / 3),
  ),
  gradeFeePercent: fc.record({ A: fc.constant(0), B: percentArbitrary.map((p) => p / 4), C: percentArbitrary.map((p) => p / 2), D: percentArbitrary }),
  deduction: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
});

const gradeArbitrary = fc.constantFrom<Grade | null>(null, 'A', 'B', 'C', 'D');

/** An order of lines with line and order discounts, its units shared among up to three returns, each unit graded. */
const scenarioArbitrary = fc
  .record({
    lines: fc.array(
      fc.record({
        unitPrice: fc.integer({ min: 0, max: 60_000 }),
        quantity: fc.integer({ min: 1, max: 6 }),
        discountRatio: fc.double({ min: 0, max: 0.5, noNaN: true }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    orderDiscountRatio: fc.double({ min: 0, max: 0.6, noNaN: true }),
    returns: fc.integer({ min: 1, max: 3 }),
  })
  .chain((o) => {
    const units = o.lines.reduce((s, l) => s + l.quantity, 0);
    return fc.record({
      order: fc.constant(o),
      owners: fc.array(fc.integer({ min: 0, max: o.returns - 1 }), { minLength: units, maxLength: units }),
      unitGrades: fc.array(gradeArbitrary, { minLength: units, maxLength: units }),
      faults: fc.array(fc.boolean(), { minLength: o.returns * o.lines.length, maxLength: o.returns * o.lines.length }),
      customerPays: fc.array(fc.boolean(), { minLength: o.returns, maxLength: o.returns }),
      // Events: accept a first part, accept the rest, and refunds (amount as a fraction of what is left).
      events: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('accept' as const),
            ret: fc.integer({ min: 0, max: o.returns - 1 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          fc.record({
            kind: fc.constant('refund' as const),
            ret: fc.integer({ min: 0, max: o.returns - 1 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
        ),
        { maxLength: 16 },
      ),
      policy: policyArbitrary,
    });
  });

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;
type Bucket = { grade: Grade; acceptedQuantity: number; valuedQuantity: number; valueAmount: number };
type ModelLine = {
  orderLine: number;
  shopFault: boolean;
  /** Grades of the units still due, in the order they are accepted. */
  due: (Grade | null)[];
  acceptedQuantity: number;
  valuedQuantity: number;
  valueAmount: number;
  graded: Bucket[];
  claimed: number;
};
type ModelReturn = { lines: ModelLine[]; deduction: number; refunds: number[] };
type Counter = { paidAmount: number; quantity: number; valuedQuantity: number };

/** Runs a scenario with the product's arithmetic, the way the refund workflow does, checking each refund. */
function run(scenario: Scenario) {
  const { order, owners, unitGrades, faults, customerPays, events, policy } = scenario;
  const bases = order.lines.map((l) => ({
    unitPrice: l.unitPrice,
    quantity: l.quantity,
    discountAmount: Math.floor(l.unitPrice * l.quantity * l.discountRatio),
  }));
  const baseTotal = bases.reduce((s, b) => s + b.unitPrice * b.quantity - b.discountAmount, 0);
  const paid = allocatePaidAmounts(bases, Math.floor(baseTotal * order.orderDiscountRatio));
  const counters: Counter[] = order.lines.map((l, i) => ({ paidAmount: paid[i] ?? 0, quantity: l.quantity, valuedQuantity: 0 }));

  const returns: ModelReturn[] = Array.from({ length: order.returns }, (_, r) => ({
    lines: [],
    deduction: customerPays[r] ? policy.deduction : 0,
    refunds: [],
  }));
  let unit = 0;
  order.lines.forEach((l, j) => {
    for (let k = 0; k < l.quantity; k++, unit++) {
      const r = owners[unit] ?? 0;
      const ret = returns[r] as ModelReturn;
      let line = ret.lines.find((x) => x.orderLine === j);
      if (!line) {
        line = {
          orderLine: j,
          shopFault: faults[r * order.lines.length + j] ?? false,
          due: [],
          acceptedQuantity: 0,
          valuedQuantity: 0,
          valueAmount: 0,
          graded: [],
          claimed: 0,
        };
        ret.lines.push(line);
      }
      line.due.push(unitGrades[unit] ?? null);
    }
  });
  const ratesOf = (line: ModelLine) => feeRates(policy, line.shopFault);
  const refundableOf = (ret: ModelReturn) =>
    breakdownLines(
      ret.lines.map((l) => ({ line: l, graded: l.graded, counter: counters[l.orderLine], rates: ratesOf(l) })),
      ret.deduction,
    );

  const accept = (ret: ModelReturn, share: number) => {
    for (const line of ret.lines) {
      const count = Math.ceil(line.due.length * share);
      for (const grade of line.due.splice(0, count)) {
        line.acceptedQuantity += 1;
        if (!grade) continue;
        const bucket = line.graded.find((b) => b.grade === grade) ?? { grade, acceptedQuantity: 0, valuedQuantity: 0, valueAmount: 0 };
        if (!line.graded.includes(bucket)) line.graded.push(bucket);
        bucket.acceptedQuantity += 1;
      }
    }
  };

  const refund = (ret: ModelReturn, share: number | null) => {
    // Price the accepted units: they take the next unit numbers of their order line.
    for (const line of ret.lines) {
      const unpriced = line.acceptedQuantity - line.valuedQuantity;
      if (unpriced <= 0) continue;
      const counter = counters[line.orderLine] as Counter;
      const from = counter.valuedQuantity;
      counter.valuedQuantity += unpriced;
      expect(counter.valuedQuantity).toBeLessThanOrEqual(counter.quantity);
      const priced = priceLine({ line, graded: line.graded, rates: ratesOf(line) }, { paidAmount: counter.paidAmount, quantity: counter.quantity, from });
      expect(priced.buckets.reduce((s, b) => s + b.units, 0)).toBe(unpriced);
      for (const b of priced.buckets) {
        const bucket = line.graded.find((g) => g.grade === b.grade);
        if (bucket) {
          bucket.valuedQuantity += b.units;
          bucket.valueAmount += b.value;
        }
      }
      line.valuedQuantity = line.acceptedQuantity;
      line.valueAmount = priced.valueAmount;
    }
    const breakdown = refundableOf(ret);
    const capacities = breakdown.map((b, i) => b.refundable - (ret.lines[i] as ModelLine).claimed);
    // What earlier refunds claimed never exceeds what a line refunds now.
    for (const c of capacities) expect(c).toBeGreaterThanOrEqual(0);
    const remaining = capacities.reduce((s, c) => s + c, 0);
    if (remaining <= 0) return;
    const amount = share === null ? remaining : Math.max(1, Math.floor(remaining * share));
    const parts = allocateInOrder(amount, capacities);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
    parts.forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(capacities[i] ?? 0);
      (ret.lines[i] as ModelLine).claimed += p;
    });
    ret.refunds.push(amount);
  };

  for (const e of events) {
    const ret = returns[e.ret] as ModelReturn;
    if (e.kind === 'accept') accept(ret, e.share);
    else refund(ret, e.share);
  }
  // Every unit comes back in the end, and each return is refunded what is left.
  for (const ret of returns) {
    accept(ret, 1);
    refund(ret, null);
  }
  return { paid, counters, returns, breakdowns: returns.map(refundableOf) };
}

describe('refund breakdown: allocation, grades, fees and postage over several returns and refunds', () => {
  it('property: every fen of every line is priced once, refunded, charged as a fee or as postage — never more than was paid', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const { paid, counters, returns, breakdowns } = run(scenario);
        // every unit of every order line was priced, and the units of a line add up to what it cost
        for (const c of counters) expect(c.valuedQuantity).toBe(c.quantity);
        const valueByOrderLine = paid.map(() => 0);
        for (const [r, ret] of returns.entries()) {
          for (const [i, line] of ret.lines.entries()) {
            valueByOrderLine[line.orderLine] = (valueByOrderLine[line.orderLine] ?? 0) + (breakdowns[r]?.[i]?.value ?? 0);
          }
        }
        expect(valueByOrderLine).toEqual(paid);

        let refunded = 0;
        let kept = 0;
        returns.forEach((ret, r) => {
          const lines = breakdowns[r] ?? [];
          const refundable = lines.reduce((s, l) => s + l.refundable, 0);
          const afterFees = lines.reduce((s, l) => s + l.value - l.fee, 0);
          // the refunds of a return add up to exactly what it refunds: the postage comes off once, never below zero
          expect(ret.refunds.reduce((s, a) => s + a, 0)).toBe(refundable);
          expect(refundable).toBe(Math.max(0, afterFees - ret.deduction));
          for (const [i, line] of ret.lines.entries()) expect(line.claimed).toBe(lines[i]?.refundable);
          refunded += refundable;
          kept += lines.reduce((s, l) => s + l.fee + l.returnShipping, 0);
        });
        // no fen is lost: what was paid for the goods is refunded or kept as fees and postage
        expect(refunded + kept).toBe(paid.reduce((s, p) => s + p, 0));
      }),
      { numRuns: 400 },
    );
  });

  it('property: fees are rounded once per line, in the customer favour, and never on the shop fault', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.boolean(),
        fc.array(fc.record({ grade: gradeArbitrary, value: fc.integer({ min: 0, max: 5_000_000 }) }), { maxLength: 5 }),
        (policy, shopFault, buckets) => {
          const rates = feeRates(policy, shopFault);
          const fees = lineFees(buckets, rates);
          const value = buckets.reduce((s, b) => s + b.value, 0);
          // exact: Σ value × rate in basis points, divided once
          const exact = buckets.reduce((s, b) => s + BigInt(b.value) * BigInt(bucketRate(rates, b.grade)), 0n);
          expect(BigInt(fees.fee)).toBe(exact / 10_000n < BigInt(value) ? exact / 10_000n : BigInt(value));
          expect(fees.restockingFee + fees.gradeFee).toBe(fees.fee);
          expect(fees.restockingFee).toBeGreaterThanOrEqual(0);
          expect(fees.gradeFee).toBeGreaterThanOrEqual(0);
          expect(fees.fee).toBeLessThanOrEqual(value);
          if (shopFault) expect(fees.fee).toBe(0);
          // one more fen of value never refunds less
          for (const [i, b] of buckets.entries()) {
            const more = lineFees(
              buckets.map((x, j) => (j === i ? { ...x, value: b.value + 1 } : x)),
              rates,
            );
            expect(value + 1 - more.fee).toBeGreaterThanOrEqual(value - fees.fee);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes each grade fee on the units of that grade, rounded once over the line', () => {
    const policy = { restockingFeePercent: 0, gradeFeePercent: { A: 0, B: 10, C: 25, D: 50 } };
    // three units of 3333: A, C, D → fees 0 + 833.25 + 1666.5 = 2499.75 → 2499 (rounded once, not 833 + 1666)
    expect(
      lineFees(
        [
          { grade: 'A', value: 3333 },
          { grade: 'C', value: 3333 },
          { grade: 'D', value: 3333 },
        ],
        feeRates(policy, false),
      ),
    ).toEqual({ restockingFee: 0, gradeFee: 2499, fee: 2499 });
    // with a 10 % restocking fee too: 999.9 restocking → 999, and the rest of floor(3499.65) = 3499 is by grade
    expect(
      lineFees(
        [
          { grade: 'A', value: 3333 },
          { grade: 'C', value: 3333 },
          { grade: 'D', value: 3333 },
        ],
        feeRates({ ...policy, restockingFeePercent: 10 }, false),
      ),
    ).toEqual({ restockingFee: 999, gradeFee: 2500, fee: 3499 });
    expect(lineFees([{ grade: 'D', value: 3333 }], feeRates(policy, true))).toEqual({ restockingFee: 0, gradeFee: 0, fee: 0 });
    expect(grades).toEqual(['A', 'B', 'C', 'D']);
  });

  it('prices ungraded units first, then by grade, so a line is priced to the fen whatever the grades', () => {
    // 100 for 3 units (33, 33, 34): one ungraded unit, two of grade C
    const priced = priceLine(
      {
        line: { acceptedQuantity: 3, valuedQuantity: 0, valueAmount: 0 },
        graded: [{ grade: 'C', acceptedQuantity: 2, valuedQuantity: 0, valueAmount: 0 }],
        rates: feeRates({ restockingFeePercent: 0, gradeFeePercent: { A: 0, B: 0, C: 50, D: 0 } }, false),
      },
      { paidAmount: 100, quantity: 3, from: 0 },
    );
    expect(priced.buckets.filter((b) => b.units > 0)).toEqual([
      { grade: null, units: 1, value: 33 },
      { grade: 'C', units: 2, value: 67 },
    ]);
    expect(priced).toMatchObject({ valueAmount: 100, feeAmount: 33 });
  });

  it('shares the return postage over the lines in order, never more than a line refunds', () => {
    expect(returnShippingShares(1000, [300, 2000])).toEqual([300, 700]);
    expect(returnShippingShares(1000, [300, 200])).toEqual([300, 200]);
    expect(returnShippingShares(0, [300, 200])).toEqual([0, 0]);
    const lines = breakdownLines(
      [
        {
          line: { acceptedQuantity: 1, valuedQuantity: 1, valueAmount: 500 },
          graded: [],
          counter: { paidAmount: 500, quantity: 1, valuedQuantity: 1 },
          rates: feeRates({ restockingFeePercent: 0, gradeFeePercent: { A: 0, B: 0, C: 0, D: 0 } }, false),
        },
      ],
      800,
    );
    expect(lines[0]).toMatchObject({ value: 500, fee: 0, returnShipping: 500, refundable: 0 });
  });
});
