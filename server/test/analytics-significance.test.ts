/** The significance rules of the analytics: a jump is news only with enough units, a real lift and a small chance of noise. */
import { describe, expect, it } from 'vitest';
import { quantileHours } from '../src/modules/analytics/process-money-customers.ts';
import { dayStart, offsetMinutes, weekOf } from '../src/modules/analytics/shop-time.ts';
import { changePoint, defaultJumpRule, isFarAboveAverage, judgeJump, twoProportionZ, wilson } from '../src/modules/analytics/significance.ts';

describe('return rate jumps', () => {
  it('never flags 1 of 2, however high the rate', () => {
    expect(judgeJump({ returned: 1, sold: 2 }, { returned: 10, sold: 1000 }).jumped).toBe(false);
    expect(judgeJump({ returned: 4, sold: 4 }, { returned: 10, sold: 1000 }).jumped).toBe(false);
  });

  it('flags a clear rise on enough units', () => {
    const verdict = judgeJump({ returned: 30, sold: 200 }, { returned: 40, sold: 1000 });
    expect(verdict.jumped).toBe(true);
    expect(verdict.lift).toBeCloseTo(3.75, 6);
    expect(verdict.z).toBeGreaterThan(defaultJumpRule.minZ);
  });

  it('does not flag noise: a small rise, or a lift the sample cannot support', () => {
    expect(judgeJump({ returned: 6, sold: 100 }, { returned: 50, sold: 1000 }).jumped).toBe(false);
    // 2× the baseline on 40 units: z ≈ 1.9, not enough.
    expect(judgeJump({ returned: 6, sold: 40 }, { returned: 75, sold: 1000 }).jumped).toBe(false);
    expect(judgeJump({ returned: 60, sold: 400 }, { returned: 75, sold: 1000 }).jumped).toBe(true);
  });

  it('computes the pooled two-proportion z and the Wilson interval', () => {
    // p1 = 0.15, p2 = 0.04, pooled = 70/1200.
    const pooled = 70 / 1200;
    const expected = (0.15 - 0.04) / Math.sqrt(pooled * (1 - pooled) * (1 / 200 + 1 / 1000));
    expect(twoProportionZ({ returned: 30, sold: 200 }, { returned: 40, sold: 1000 })).toBeCloseTo(expected, 10);
    const interval = wilson(1, 2);
    expect(interval.low).toBeCloseTo(0.0945, 3);
    expect(interval.high).toBeCloseTo(0.9055, 3);
  });

  it('finds the week a rise began', () => {
    const weeks = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06'].map((start, i) => ({
      start,
      sold: 200,
      returned: i < 3 ? 8 : 40,
    }));
    expect(changePoint(weeks)).toBe('2026-06-22');
  });
});

describe('customers far above average', () => {
  it('needs units and a lower bound well above the average', () => {
    expect(isFarAboveAverage({ returned: 2, sold: 2 }, 0.1)).toBe(false);
    expect(isFarAboveAverage({ returned: 8, sold: 10 }, 0.1)).toBe(true);
    expect(isFarAboveAverage({ returned: 3, sold: 10 }, 0.1)).toBe(false);
  });
});

describe('shop time and durations', () => {
  it('cuts days at local midnight, also where clocks change', () => {
    expect(dayStart('2026-10-01', 'Asia/Shanghai')).toBe('2026-09-30T16:00:00.000Z');
    expect(offsetMinutes(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(dayStart('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    expect(weekOf('2026-10-01')).toBe('2026-09-28');
  });

  it('reads median and 90th percentile from duration buckets', () => {
    // Nine stays of 2 h and one of 10 h: median 2 h, p90 2 h; with two of 10 h, p90 is 10 h.
    const bucket = (seconds: number) => Math.floor(Math.log(seconds / 60) / Math.log(1.1)) + 1;
    const rows = [
      { bucket: bucket(7200), count: 9, seconds: 9 * 7200 },
      { bucket: bucket(36_000), count: 1, seconds: 36_000 },
    ];
    expect(quantileHours(rows, 0.5)).toBe(2);
    expect(quantileHours(rows, 0.9)).toBe(2);
    expect(
      quantileHours([{ ...rows[0], count: 8, seconds: 8 * 7200 } as (typeof rows)[0], { ...rows[1], count: 2, seconds: 72_000 } as (typeof rows)[0]], 0.9),
    ).toBe(10);
    expect(quantileHours([], 0.5)).toBeNull();
  });
});
