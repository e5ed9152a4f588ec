/** The money rules in integer fen: order discount allocation and the pricing of refunded units. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePaidAmounts, type LineBase } from '../src/modules/orders/allocation.ts';
import { allocateInOrder, percentFee, unitsValue } from '../src/modules/refunds/refund-arithmetic.ts';

const line = (unitPrice: number, quantity = 1, discountAmount = 0): LineBase => ({ unitPrice, quantity, discountAmount });

/** The contract's rule, written out literally and independently of the product's code. */
function contractPaidAmounts(lines: readonly LineBase[], discount: number): number[] {
  const bases = lines.map((l) => l.unitPrice * l.quantity - l.discountAmount);
  const total = bases.reduce((s, b) => s + b, 0);
  if (total === 0) return bases;
  const shares = bases.map((b) => Math.floor((discount * b) / total));
  let leftover = discount - shares.reduce((s, v) => s + v, 0);
  const largestFirst = bases.map((_, i) => i).sort((i, j) => (bases[j] ?? 0) - (bases[i] ?? 0) || i - j);
  for (const i of largestFirst) {
    if (leftover === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    leftover -= 1;
  }
  return bases.map((b, i) => b - (shares[i] ?? 0));
}

const lineArbitrary = fc
  .record({
    unitPrice: fc.integer({ min: 0, max: 100_000 }),
    quantity: fc.integer({ min: 1, max: 20 }),
    discountRatio: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ unitPrice, quantity, discountRatio }) => line(unitPrice, quantity, Math.floor(unitPrice * quantity * discountRatio)));

const orderArbitrary = fc
  .record({ lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 8 }), discountRatio: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ lines, discountRatio }) => {
    const total = lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discountAmount, 0);
    return { lines, discount: Math.floor(total * discountRatio) };
  });

/** Splits q units into returns of random sizes: a composition of q. */
const splitArbitrary = fc.integer({ min: 1, max: 60 }).chain((quantity) =>
  fc.array(fc.integer({ min: 1, max: quantity }), { minLength: 1, maxLength: quantity }).map((sizes) => {
    const parts: number[] = [];
    let left = quantity;
    for (const size of sizes) {
      if (left === 0) break;
      const take = Math.min(size, left);
      parts.push(take);
      left -= take;
    }
    if (left > 0) parts.push(left);
    return { quantity, parts };
  }),
);

describe('allocatePaidAmounts: the order discount shared across lines', () => {
  it('shares the discount by base and gives no leftover when it divides evenly', () => {
    expect(allocatePaidAmounts([line(1000), line(3000)], 400)).toEqual([900, 2700]);
  });

  it('takes the line price less its own discount as the base', () => {
    // bases 2500 and 2500; the order discount 1000 splits evenly
    expect(allocatePaidAmounts([line(1000, 3, 500), line(2500)], 1000)).toEqual([2000, 2000]);
  });

  it('gives a leftover fen to the largest base, not to the largest remainder', () => {
    // bases 3 and 4, discount 2: shares floor(6/7)=0 and floor(8/7)=1; the leftover fen goes
    // to the base of 4 (largest base) although the base of 3 has the larger remainder.
    expect(allocatePaidAmounts([line(3), line(4)], 2)).toEqual([3, 2]);
  });

  it('breaks ties between equal bases in favour of the earlier line', () => {
    // bases 5, 5, 2, discount 3: shares 1, 1, 0; one fen left, to the first of the two 5s
    expect(allocatePaidAmounts([line(5), line(5), line(2)], 3)).toEqual([3, 4, 2]);
    expect(allocatePaidAmounts([line(100), line(100), line(100)], 100)).toEqual([66, 67, 67]);
  });

  it('hands out several leftover fen one each, largest bases first', () => {
    expect(allocatePaidAmounts([line(1), line(1), line(1), line(1)], 3)).toEqual([0, 0, 0, 1]);
    // bases 2, 7, 7, 3 (total 19), discount 10: shares 1, 3, 3, 1 (sum 8); two fen left to the 7s
    expect(allocatePaidAmounts([line(2), line(7), line(7), line(3)], 10)).toEqual([1, 3, 3, 2]);
  });

  it('leaves every line untouched without an order discount, and zero-price lines at zero', () => {
    expect(allocatePaidAmounts([line(1999, 3, 7), line(0), line(501)], 0)).toEqual([5990, 0, 501]);
    expect(allocatePaidAmounts([line(0), line(0)], 0)).toEqual([0, 0]);
  });

  it('takes everything when the discount equals the goods', () => {
    expect(allocatePaidAmounts([line(333, 3), line(1)], 1000)).toEqual([0, 0]);
  });

  it('property: follows the contract rule, adds up exactly, and never goes negative or above the base', () => {
    fc.assert(
      fc.property(orderArbitrary, ({ lines, discount }) => {
        const paid = allocatePaidAmounts(lines, discount);
        const bases = lines.map((l) => l.unitPrice * l.quantity - l.discountAmount);
        expect(paid).toEqual(contractPaidAmounts(lines, discount));
        expect(paid.reduce((s, p) => s + p, 0)).toBe(bases.reduce((s, b) => s + b, 0) - discount);
        paid.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(bases[i] ?? 0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: exact beyond the safe range of floating point', () => {
    // Up to 9e12 fen: D × base reaches 1e25, far past 2^53, where floating point would lose fen.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3_000_000_000_000 }), { minLength: 1, maxLength: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (prices, ratio) => {
          const lines = prices.map((p) => line(p));
          const total = prices.reduce((s, p) => s + p, 0);
          const discount = Math.floor(total * ratio);
          const paid = allocatePaidAmounts(lines, discount);
          expect(paid.reduce((s, p) => s + p, 0)).toBe(total - discount);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('unitsValue: the k-th unit of a line is worth floor(P·k/q) − floor(P·(k−1)/q)', () => {
  it('prices units on small examples', () => {
    // P = 100 for 3 units: 33, 33, 34
    expect([1, 2, 3].map((k) => unitsValue(100, 3, k - 1, k))).toEqual([33, 33, 34]);
    expect(unitsValue(100, 3, 0, 2)).toBe(66);
    expect(unitsValue(100, 3, 1, 3)).toBe(67);
    expect(unitsValue(100, 3, 0, 3)).toBe(100);
    // P = 2 for 3 units: floor(2/3)=0, floor(4/3)=1, floor(6/3)=2 → 0, 1, 1
    expect([1, 2, 3].map((k) => unitsValue(2, 3, k - 1, k))).toEqual([0, 1, 1]);
  });

  it('is zero for an empty range or a line without units', () => {
    expect(unitsValue(100, 3, 2, 2)).toBe(0);
    expect(unitsValue(100, 3, 2, 1)).toBe(0);
    expect(unitsValue(100, 0, 0, 1)).toBe(0);
  });

  it('property: any split of q units into returns, priced in any order, adds up to exactly P', () => {
    fc.assert(
      fc.property(splitArbitrary, fc.integer({ min: 0, max: 50_000_000 }), fc.infiniteStream(fc.nat()), ({ quantity, parts }, paid, picks) => {
        // Returns are priced in whatever order they are refunded: each takes the next unit numbers.
        const pending = [...parts];
        const pieces: number[] = [];
        let counter = 0;
        const random = picks[Symbol.iterator]();
        while (pending.length > 0) {
          const [size] = pending.splice((random.next().value as number) % pending.length, 1);
          const units = size ?? 0;
          const value = unitsValue(paid, quantity, counter, counter + units);
          counter += units;
          pieces.push(value);
          // each unit is worth floor(P/q) or ceil(P/q)
          expect(value).toBeGreaterThanOrEqual(Math.floor(paid / quantity) * units);
          expect(value).toBeLessThanOrEqual(Math.ceil(paid / quantity) * units);
        }
        expect(counter).toBe(quantity);
        expect(pieces.reduce((s, v) => s + v, 0)).toBe(paid);
      }),
      { numRuns: 500 },
    );
  });
});

describe('percentFee: a percentage rounded down to the fen, in the customer favour', () => {
  it('computes fees on small examples', () => {
    expect(percentFee(10_000, 10)).toBe(1_000);
    expect(percentFee(999, 10)).toBe(99);
    expect(percentFee(1_001, 2.5)).toBe(25);
    expect(percentFee(1, 99)).toBe(0);
    expect(percentFee(12_345, 100)).toBe(12_345);
  });

  it('is zero for no fee or no amount', () => {
    expect(percentFee(10_000, 0)).toBe(0);
    expect(percentFee(0, 15)).toBe(0);
    expect(percentFee(-100, 15)).toBe(0);
  });

  it('property: floor(amount × percent / 100), between 0 and the amount, growing with the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, basisPoints) => {
        const percent = basisPoints / 100;
        const fee = percentFee(amount, percent);
        expect(fee).toBe(Math.floor((amount * basisPoints) / 10_000));
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(amount);
        expect(percentFee(amount + 1, percent)).toBeGreaterThanOrEqual(fee);
      }),
      { numRuns: 500 },
    );
  });
});

describe('allocateInOrder: an amount split across buckets, earlier ones filled first', () => {
  it('splits on small examples', () => {
    expect(allocateInOrder(150, [100, 100])).toEqual([100, 50]);
    expect(allocateInOrder(50, [100, 100])).toEqual([50, 0]);
    expect(allocateInOrder(300, [100, 100])).toEqual([100, 100]);
    expect(allocateInOrder(0, [100])).toEqual([0]);
    expect(allocateInOrder(10, [0, -5, 20])).toEqual([0, 0, 10]);
  });

  it('property: never above a capacity, adds up to the amount when it fits, greedy in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 10 }), (amount, capacities) => {
        const parts = allocateInOrder(amount, capacities);
        const room = capacities.reduce((s, c) => s + c, 0);
        expect(parts).toHaveLength(capacities.length);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(Math.min(amount, room));
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(capacities[i] ?? 0);
          // a bucket left short means nothing was left for the buckets after it
          if (p < (capacities[i] ?? 0)) expect(parts.slice(i + 1).every((later) => later === 0)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
