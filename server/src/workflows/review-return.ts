/** Customer service decides a request: approve (goods may come back) or reject with a reason. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import type { Scope } from '../lib/scope.ts';
import { updateReturn, updateReturnLine } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { holdReplacements } from './steps/exchange-stock.ts';

export type ReviewOptions = { returnId: string; scope: Scope; actor: Actor };

/**
 * Approves a requested return; a keep-the-item or refund-only return is accepted in full
 * at once, and an exchange's replacement is reserved from sellable stock. Approval never
 * fails for want of stock: a replacement that is not there is marked short, the exchange
 * says it is out of stock, and the customer may fall back to a refund or store credit.
 */
export function approveReturn(ctx: AppContext, o: ReviewOptions & { note?: string | undefined }): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'approve' }, async ({ trx, ret, lines, now }) => {
    await updateReturn(trx, ret.id, { approvedAt: now.toISOString() });
    // An exchange's replacement is held from sellable stock now, so it cannot sell out
    // while the goods travel back. When it is gone already, the line is marked short.
    if (ret.resolution === 'exchange') await holdReplacements(trx, { returnId: ret.id, orderId: ret.orderId, now, strict: false });
    if (ret.returnless) {
      for (const line of lines) await updateReturnLine(trx, line.id, { acceptedQuantity: line.quantity });
    }
    return { events: ['return.approved'], note: o.note ?? null };
  });
}

/** Rejects a requested return; its units become returnable again. */
export function rejectReturn(ctx: AppContext, o: ReviewOptions & { reason: string }): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'reject' }, async ({ trx, ret, now }) => {
    await updateReturn(trx, ret.id, { rejectedAt: now.toISOString(), rejectReason: o.reason });
    return { events: ['return.rejected'], note: o.reason };
  });
}
