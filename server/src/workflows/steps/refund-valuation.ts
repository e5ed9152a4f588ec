/**
 * What a return is worth to the customer. Accepted units are priced against their order
 * line in unit order (the k-th unit of a line is worth floor(P·k/q) − floor(P·(k−1)/q));
 * the price is fixed when money is claimed, and shown provisionally before that.
 */
import type { Db } from '../../db/connect.ts';
import { advanceValuedQuantity, claimShippingRefund, findLineCounters, findOrderTotals } from '../../modules/orders/orders.repository.ts';
import { findReason } from '../../modules/policy/evaluate.ts';
import type { Policy } from '../../modules/policy/policy.schema.ts';
import { percentFee, unitsValue } from '../../modules/refunds/refund-arithmetic.ts';
import { acceptedUnitsOfOrder, type ReturnLineRow, type ReturnRow, updateReturn, updateReturnLine } from '../../modules/returns/returns.repository.ts';

export type LineValue = { lineId: string; value: number; fee: number };
export type Valuation = { lines: LineValue[]; shipping: number; refundable: number };

/** The restocking fee of a line's value under the policy (none when the shop is at fault). */
export function lineFee(policy: Policy, reasonCode: string, value: number): number {
  return findReason(policy, reasonCode).shopFault ? 0 : percentFee(value, policy.restockingFeePercent);
}

async function provisionalShipping(db: Db, ret: ReturnRow, policy: Policy): Promise<number> {
  if (ret.shippingRefundAmount > 0 || policy.shippingFeeRefund === 'never') return ret.shippingRefundAmount;
  const totals = await findOrderTotals(db, ret.orderId);
  if (totals.shippingFee === 0 || totals.shippingRefundReturnId !== null) return 0;
  const accepted = await acceptedUnitsOfOrder(db, ret.orderId);
  if (accepted.units < totals.units) return 0;
  if (policy.shippingFeeRefund === 'full_return_shop_fault' && !accepted.reasonCodes.every((code) => findReason(policy, code).shopFault)) return 0;
  return totals.shippingFee;
}

/** The refundable amount of a return: exact for priced units, provisional for the rest. */
export async function computeRefundable(db: Db, ret: ReturnRow, lines: readonly ReturnLineRow[], policy: Policy): Promise<Valuation> {
  const counters = await findLineCounters(
    db,
    lines.map((l) => l.orderLineId),
  );
  const values = lines.map((line): LineValue => {
    const counter = counters.get(line.orderLineId);
    const unpriced = line.acceptedQuantity - line.valuedQuantity;
    const provisional =
      counter && unpriced > 0
        ? unitsValue(counter.paidAmount, counter.quantity, counter.valuedQuantity, Math.min(counter.quantity, counter.valuedQuantity + unpriced))
        : 0;
    const value = line.valueAmount + provisional;
    return { lineId: line.id, value, fee: Math.min(value, lineFee(policy, line.reasonCode, value)) };
  });
  const anyAccepted = lines.some((l) => l.acceptedQuantity > 0);
  const shipping = anyAccepted ? await provisionalShipping(db, ret, policy) : 0;
  return { lines: values, shipping, refundable: values.reduce((s, v) => s + v.value - v.fee, 0) + shipping };
}

/**
 * Fixes the price of every accepted, unpriced unit of the return (taking unit numbers
 * from the order line's counter under its row lock) and claims the shipping refund when
 * due. Run in the refund's transaction, after the return row is locked.
 */
export async function priceAcceptedUnits(db: Db, ret: ReturnRow, lines: readonly ReturnLineRow[], policy: Policy): Promise<void> {
  // Order lines are locked in one fixed order, so refunds of returns that name the same
  // lines in different orders never wait on each other in a circle.
  const byOrderLine = [...lines].sort((a, b) => (a.orderLineId < b.orderLineId ? -1 : a.orderLineId > b.orderLineId ? 1 : 0));
  for (const line of byOrderLine) {
    const unpriced = line.acceptedQuantity - line.valuedQuantity;
    if (unpriced <= 0) continue;
    const taken = await advanceValuedQuantity(db, line.orderLineId, unpriced);
    const valueAmount = line.valueAmount + unitsValue(taken.paidAmount, taken.quantity, taken.from, taken.to);
    await updateReturnLine(db, line.id, {
      valuedQuantity: line.acceptedQuantity,
      valueAmount,
      feeAmount: Math.min(valueAmount, lineFee(policy, line.reasonCode, valueAmount)),
    });
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
