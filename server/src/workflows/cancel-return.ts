/** The customer (or service for them) withdraws a return before goods arrive or money moves. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { releaseShippingRefund } from '../modules/orders/orders.repository.ts';
import { findRefundsForReturn } from '../modules/refunds/refunds.repository.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { releaseReplacements } from './steps/exchange-stock.ts';

export type CancelOptions = { returnId: string; scope: Scope; actor: Actor; reason?: string | undefined };

/** Cancels a requested or approved return; not once a refund has been asked for it. */
export function cancelReturn(ctx: AppContext, o: CancelOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'cancel' }, async ({ trx, ret, lines, now }) => {
    const refunds = await findRefundsForReturn(trx, ret.id);
    if (refunds.length > 0 || lines.some((l) => l.receivedQuantity > 0)) {
      throw new AppError('invalid_transition', `Return ${ret.number} has goods received or money refunded and cannot be cancelled`, { status: ret.status });
    }
    // A keep-the-item or refund-only return may hold the order's shipping refund: give it back.
    if (ret.shippingRefundAmount > 0) await releaseShippingRefund(trx, ret.orderId, ret.id);
    await updateReturn(trx, ret.id, { cancelledAt: now.toISOString(), cancelReason: o.reason ?? null, shippingRefundAmount: 0 });
    // An approved exchange holds its replacement: let it go.
    if (ret.resolution === 'exchange') await releaseReplacements(trx, { returnId: ret.id, now, final: true });
    return { events: ['return.cancelled'], note: o.reason ?? null };
  });
}
