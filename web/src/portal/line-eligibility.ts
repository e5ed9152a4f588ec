/**
 * Whether each order line can still be returned, in plain words: already returned,
 * not returnable (product or category), or past its window — and when only the
 * no-reason window has passed, until when a fault (quality, wrong item…) still counts.
 */
import type { OrderLine, Preview, ReturnView } from './portal-types.ts';

export type LineEligibility =
  | { kind: 'open'; faultOnly: false }
  | { kind: 'open'; faultOnly: true; noReasonDays: number; noReasonDeadline: string; faultRefundDeadline: string | null; faultExchangeDeadline: string | null }
  | { kind: 'returned'; returnNumbers: string[] }
  | { kind: 'blocked'; message: string; messageEn: string }
  | { kind: 'expired'; deadline: string };

export type EligibilityInput = {
  lines: readonly OrderLine[];
  /** The policy's verdict with the no-reason reason (the shortest window). */
  noReason: Preview | undefined;
  /** The verdict with a shop-fault reason and an exchange (the longest window). */
  fault: Preview | undefined;
  returns: readonly ReturnView[];
  /** Days of the no-reason and the shop-fault refund windows, and today in the shop's time zone (YYYY-MM-DD). */
  windows: { returnWindowDays: number; faultRefundDays: number; today: string } | undefined;
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Each line's eligibility by order line id. */
export function lineEligibility(input: EligibilityInput): Map<string, LineEligibility> {
  const result = new Map<string, LineEligibility>();
  for (const line of input.lines) {
    if (line.returnableQuantity <= 0) {
      const numbers = input.returns
        .filter((r) => r.status !== 'rejected' && r.status !== 'cancelled' && r.lines.some((l) => l.orderLineId === line.id))
        .map((r) => r.number);
      result.set(line.id, { kind: 'returned', returnNumbers: numbers });
      continue;
    }
    const noReason = input.noReason?.lines.find((l) => l.orderLineId === line.id);
    const fault = input.fault?.lines.find((l) => l.orderLineId === line.id);
    const hard = (noReason?.violations ?? []).find((v) => v.rule !== 'return_window');
    if (hard) {
      result.set(line.id, { kind: 'blocked', message: hard.message, messageEn: hard.messageEn });
      continue;
    }
    const noReasonLate = noReason?.violations.some((v) => v.rule === 'return_window') ?? false;
    if (!noReasonLate) {
      result.set(line.id, { kind: 'open', faultOnly: false });
      continue;
    }
    const faultLate = fault ? fault.violations.some((v) => v.rule === 'return_window') : true;
    if (faultLate) result.set(line.id, { kind: 'expired', deadline: fault?.deadline ?? noReason?.deadline ?? '' });
    else {
      const noReasonDeadline = noReason?.deadline ?? '';
      // The fault refund window ends (faultRefundDays − returnWindowDays) days after the no-reason one.
      const refundDeadline =
        input.windows && noReasonDeadline ? addDays(noReasonDeadline, input.windows.faultRefundDays - input.windows.returnWindowDays) : null;
      result.set(line.id, {
        kind: 'open',
        faultOnly: true,
        noReasonDays: input.windows?.returnWindowDays ?? 7,
        noReasonDeadline,
        faultRefundDeadline: refundDeadline && input.windows && refundDeadline >= input.windows.today ? refundDeadline : null,
        faultExchangeDeadline: fault?.deadline ?? null,
      });
    }
  }
  return result;
}
