/**
 * Finance pays a return back: the amount is what the accepted units cost the customer
 * less policy fees and the customer's return postage, never more than what is left,
 * split across the return's lines to the fen; paid at once, or held for a second finance
 * user above the approval limit. Several refunds (money, credit, by hand) add up to at
 * most the refundable amount. Money moves exactly once: the return row is locked and the
 * remaining amount counts pending refunds too.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { allocateInOrder } from '../modules/refunds/refund-arithmetic.ts';
import { claimedByLine } from '../modules/refunds/refunds.repository.ts';
import { findReturnLines, findReturnRow } from '../modules/returns/returns.repository.ts';
import type { RefundBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { recordRefund } from './steps/record-refund.ts';
import { computeRefundable, priceAcceptedUnits } from './steps/refund-valuation.ts';

export { approveRefund, rejectRefund } from './decide-refund.ts';

export type RefundOptions = { returnId: string; scope: Scope; actor: Actor; body: RefundBody };

/** Refunds a return; 409 already_refunded when nothing (or less than asked) is left to pay. */
export function refundReturn(ctx: AppContext, o: RefundOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'refund' }, async ({ trx, ret, lines, policy, now }) => {
    if (ret.resolution === 'exchange') {
      throw new AppError('invalid_transition', `Return ${ret.number} is an exchange: it is settled by shipping the replacement, not by a refund`, {
        status: ret.status,
      });
    }
    const provisional = await computeRefundable(trx, ret, lines, policy);
    const settledStatus = ret.status === 'resolved' || ret.status === 'closed';
    if (provisional.refundable === 0 && !settledStatus) {
      throw new AppError('invalid_transition', `Nothing of return ${ret.number} is accepted for refund yet (it is ${ret.status})`, { status: ret.status });
    }
    await priceAcceptedUnits(trx, ret, lines, policy);
    const priced = (await findReturnRow(trx, ret.id, { kind: 'all' })) ?? ret;
    const pricedLines = await findReturnLines(trx, ret.id);
    const valuation = await computeRefundable(trx, priced, pricedLines, policy);
    const claimed = await claimedByLine(trx, ret.id);
    const claimedTotal = [...claimed.byLine.values()].reduce((s, v) => s + v, 0) + claimed.shipping;
    const remaining = valuation.refundable - claimedTotal;
    const amount = o.body.amount ?? remaining;
    if (remaining <= 0 || amount > remaining) {
      throw new AppError(
        'already_refunded',
        remaining <= 0 ? `Return ${ret.number} is already refunded in full` : `Only ${remaining} is left to refund on return ${ret.number}`,
        { refundable: valuation.refundable, claimed: claimedTotal, remaining: Math.max(0, remaining), requested: amount },
      );
    }

    const capacities = [...valuation.lines.map((l) => l.refundable - (claimed.byLine.get(l.lineId) ?? 0)), valuation.shipping - claimed.shipping];
    const parts = allocateInOrder(amount, capacities);
    // Every fen of the amount sits on a line: a refund whose lines do not add up is a bug, never paid.
    if (parts.reduce((s, p) => s + p, 0) !== amount) throw new Error(`refund of ${amount} on ${ret.number} does not fit its lines`);
    const refund = await recordRefund({
      ctx,
      trx,
      ret: priced,
      policy,
      now,
      actor: o.actor,
      amount,
      method: o.body.method,
      kind: 'refund',
      channel: o.body.channel ?? null,
      reference: o.body.reference ?? null,
      lines: [
        ...valuation.lines.map((l, i) => ({ returnLineId: l.lineId, kind: 'goods' as const, amount: parts[i] ?? 0 })),
        { returnLineId: null, kind: 'shipping' as const, amount: parts[valuation.lines.length] ?? 0 },
      ],
    });
    const pending = refund.status === 'pending_approval';
    return {
      events: [pending ? 'refund.pending_approval' : 'return.refunded'],
      note: `${refund.number} ${(amount / 100).toFixed(2)} ${ret.currency} (${o.body.method})`,
      data: { refundId: refund.id, noteNumber: refund.noteNumber, amount, method: o.body.method, status: refund.status },
    };
  });
}
