/**
 * What a return is worth to the customer. Accepted units are priced against their order
 * line in unit order (the k-th unit of a line is worth floor(P·k/q) − floor(P·(k−1)/q)),
 * grouped by inspection grade; each line pays the policy's restocking fee (by reason) and
 * grade fees, rounded once over the line; the customer's return postage comes off when
 * none of the return is the shop's fault. The price is fixed when money is claimed, and
 * shown provisionally before that.
 */
import type { Db } from '../../db/connect.ts';
import { advanceValuedQuantity, claimShippingRefund, findLineCounters, findOrderTotals } from '../../modules/orders/orders.repository.ts';
import { findReason } from '../../modules/policy/evaluate.ts';
import type { Policy } from '../../modules/policy/policy.schema.ts';
import { restockingFeeWaived } from '../../modules/policy/reasons.ts';
import { addPricedGrade, findLineGrades } from '../../modules/refunds/line-grades.repository.ts';
import { breakdownLines, feeRates, type Grade, priceLine } from '../../modules/refunds/refund-breakdown.ts';
import { goodsComeBack } from '../../modules/returns/return-status.ts';
import { acceptedUnitsOfOrder, type ReturnLineRow, type ReturnRow, updateReturn, updateReturnLine } from '../../modules/returns/returns.repository.ts';

export type GradeValue = { grade: Grade | null; units: number; value: number };

export type LineValue = {
  lineId: string;
  /** What the accepted units cost the customer (priced, or provisional). */
  value: number;
  /** Restocking fee (by reason) plus grade fees, rounded once. */
  fee: number;
  restockingFee: number;
  gradeFee: number;
  /** This line's share of the customer's return postage. */
  returnShipping: number;
  /** value − fee − returnShipping. */
  refundable: number;
  grades: GradeValue[];
};

export type Valuation = {
  lines: LineValue[];
  /** The order's shipping fee, refunded with this return. */
  shipping: number;
  /** The customer's return postage deducted (Σ of the lines' shares). */
  returnShipping: number;
  /** Who pays the return postage: the shop, the customer (deducted), or nobody (no goods come back). */
  returnShippingPayer: 'shop' | 'customer' | 'none';
  refundable: number;
};

type ValuedReturn = Pick<ReturnRow, 'id' | 'orderId' | 'type' | 'returnless' | 'resolution' | 'shippingRefundAmount' | 'decision'>;
type ValuedLine = Pick<ReturnLineRow, 'orderLineId' | 'reasonCode'>;

const isShopFault = (policy: Policy, reasonCode: string) => findReason(policy, reasonCode).shopFault === true;

/** What the return's decision fixed for a line (a rule's fee, who pays postage); absent on older returns. */
const termsOf = (ret: Pick<ReturnRow, 'decision'>, line: ValuedLine) => ret.decision.lines?.find((t) => t.orderLineId === line.orderLineId);

/**
 * The fee rates of a line: none where the restocking fee is waived (also on returns decided
 * before the waiver was kept), else the decided restocking percent, else the policy's;
 * grades by the policy.
 */
function ratesOf(ret: Pick<ReturnRow, 'decision'>, line: ValuedLine, policy: Policy) {
  const decided = restockingFeeWaived(findReason(policy, line.reasonCode)) ? 0 : termsOf(ret, line)?.feePercent;
  return feeRates(policy, isShopFault(policy, line.reasonCode), decided);
}

/**
 * Who pays for sending the goods back: as the decision fixed per line (else the shop on
 * its faults, the policy's payer otherwise); the customer only when every line is theirs
 * to pay — one parcel, and the shop pays when any of it is the shop's.
 */
export function returnShippingPayer(ret: Pick<ReturnRow, 'type' | 'returnless' | 'resolution' | 'decision'>, lines: readonly ValuedLine[], policy: Policy) {
  if (!goodsComeBack(ret)) return 'none' as const;
  if (ret.resolution === 'exchange') return 'shop' as const;
  const payers = lines.map(
    (l) => termsOf(ret, l)?.shippingPaidBy ?? (isShopFault(policy, l.reasonCode) ? 'shop' : (policy.returnShippingNoReason ?? 'customer')),
  );
  return payers.every((p) => p === 'customer') ? ('customer' as const) : ('shop' as const);
}

async function provisionalShipping(db: Db, ret: ValuedReturn, policy: Policy): Promise<number> {
  if (ret.shippingRefundAmount > 0 || policy.shippingFeeRefund === 'never') return ret.shippingRefundAmount;
  const totals = await findOrderTotals(db, ret.orderId);
  if (totals.shippingFee === 0 || totals.shippingRefundReturnId !== null) return 0;
  const accepted = await acceptedUnitsOfOrder(db, ret.orderId);
  if (accepted.units < totals.units) return 0;
  if (policy.shippingFeeRefund === 'full_return_shop_fault' && !accepted.reasonCodes.every((code) => isShopFault(policy, code))) return 0;
  return totals.shippingFee;
}

/** The refundable amount of a return: exact for priced units, provisional for the rest. */
export async function computeRefundable(db: Db, ret: ValuedReturn, lines: readonly ReturnLineRow[], policy: Policy): Promise<Valuation> {
  // Nothing accepted yet (a new or unreceived return): nothing to price, no need to read.
  const priced = lines.some((l) => l.acceptedQuantity > 0 || l.valuedQuantity > 0);
  const [counters, graded] = priced
    ? await Promise.all([
        findLineCounters(
          db,
          lines.map((l) => l.orderLineId),
        ),
        findLineGrades(
          db,
          lines.map((l) => l.id),
        ),
      ])
    : [new Map(), new Map()];
  const payer = returnShippingPayer(ret, lines, policy);
  const breakdown = breakdownLines(
    lines.map((line) => ({ line, graded: graded.get(line.id) ?? [], counter: counters.get(line.orderLineId), rates: ratesOf(ret, line, policy) })),
    payer === 'customer' ? policy.returnShippingDeduction : 0,
  );
  const values = breakdown.map((b, i): LineValue => ({ lineId: lines[i]?.id ?? '', ...b }));
  const anyAccepted = lines.some((l) => l.acceptedQuantity > 0);
  const shipping = anyAccepted ? await provisionalShipping(db, ret, policy) : 0;
  return {
    lines: values,
    shipping,
    returnShipping: values.reduce((s, v) => s + v.returnShipping, 0),
    returnShippingPayer: payer,
    refundable: values.reduce((s, v) => s + v.refundable, 0) + shipping,
  };
}

/**
 * Fixes the price of every accepted, unpriced unit of the return (taking unit numbers
 * from the order line's counter under its row lock, ungraded units first, then by grade)
 * and claims the shipping refund when due. Run in the refund's transaction, after the
 * return row is locked.
 */
export async function priceAcceptedUnits(db: Db, ret: ReturnRow, lines: readonly ReturnLineRow[], policy: Policy): Promise<void> {
  // Order lines are locked in one fixed order, so refunds of returns that name the same
  // lines in different orders never wait on each other in a circle.
  const byOrderLine = [...lines].sort((a, b) => (a.orderLineId < b.orderLineId ? -1 : a.orderLineId > b.orderLineId ? 1 : 0));
  const graded = await findLineGrades(
    db,
    lines.map((l) => l.id),
  );
  for (const line of byOrderLine) {
    const unpriced = line.acceptedQuantity - line.valuedQuantity;
    if (unpriced <= 0) continue;
    const taken = await advanceValuedQuantity(db, line.orderLineId, unpriced);
    const priced = priceLine({ line, graded: graded.get(line.id) ?? [], rates: ratesOf(ret, line, policy) }, taken);
    for (const bucket of priced.buckets) {
      if (bucket.grade) await addPricedGrade(db, { returnLineId: line.id, grade: bucket.grade, units: bucket.units, value: bucket.value });
    }
    await updateReturnLine(db, line.id, { valuedQuantity: line.acceptedQuantity, valueAmount: priced.valueAmount, feeAmount: priced.feeAmount });
  }
  await claimShippingWhenDue(db, ret, policy);
}

/**
 * Gives the order's shipping fee refund to this return once its accepted units complete
 * the order (and the policy refunds it), so that no other return of the order shows it
 * too. Returns the return's shipping refund amount.
 */
export async function claimShippingWhenDue(db: Db, ret: ReturnRow, policy: Policy): Promise<number> {
  if (ret.shippingRefundAmount > 0) return ret.shippingRefundAmount;
  const shipping = await provisionalShipping(db, ret, policy);
  if (shipping === 0 || !(await claimShippingRefund(db, ret.orderId, ret.id))) return 0;
  await updateReturn(db, ret.id, { shippingRefundAmount: shipping });
  return shipping;
}
