/**
 * Finance pays a return back: the amount is what the accepted units cost the customer
 * less policy fees, never more than what is left, split across the return's lines to the
 * fen; paid at once, or held for a second finance user above the approval limit.
 * Money moves exactly once: the return row is locked and the remaining amount counts
 * pending refunds too.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { newId } from '../lib/ids.ts';
import type { Scope } from '../lib/scope.ts';
import { nextDocumentNumber } from '../modules/numbering/document-numbers.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import type { Policy } from '../modules/policy/policy.schema.ts';
import { allocateInOrder, percentFee } from '../modules/refunds/refund-arithmetic.ts';
import { claimedByLine, findRefund, insertRefund, insertStoreCredit, lockRefund, markRefundPaid, type Refund } from '../modules/refunds/refunds.repository.ts';
import { findReturnLines, findReturnRow, type ReturnRow, updateReturn } from '../modules/returns/returns.repository.ts';
import type { RefundBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { computeRefundable, priceAcceptedUnits } from './steps/refund-valuation.ts';

export type RefundOptions = { returnId: string; scope: Scope; actor: Actor; body: RefundBody };

/** Pays money out for a refund document and records it: provider, store credit (with bonus), or manual. */
async function payOut(
  ctx: AppContext,
  trx: Db,
  ret: ReturnRow,
  refund: Pick<Refund, 'id' | 'number' | 'amount' | 'method' | 'reference'>,
  policy: Policy,
  now: Date,
): Promise<string | null> {
  if (refund.method === 'store_credit') {
    await insertStoreCredit(trx, {
      customerId: ret.customerId,
      amount: refund.amount,
      currency: ret.currency,
      type: 'refund',
      sourceType: 'refund',
      sourceId: refund.id,
      now,
    });
    const bonus = percentFee(refund.amount, policy.storeCreditBonusPercent);
    if (bonus > 0) {
      await insertStoreCredit(trx, {
        customerId: ret.customerId,
        amount: bonus,
        currency: ret.currency,
        type: 'bonus',
        sourceType: 'refund',
        sourceId: refund.id,
        now,
      });
    }
    return null;
  }
  if (refund.method === 'manual') return refund.reference;
  const order = await trx.selectFrom('orders').select(['number']).where('id', '=', ret.orderId).executeTakeFirstOrThrow();
  const payment = await trx.selectFrom('orderPayments').select('method').where('orderId', '=', ret.orderId).orderBy('amount', 'desc').executeTakeFirst();
  const result = await ctx.payments.forMethod(payment?.method ?? 'unknown').refund({
    refundId: refund.id,
    refundNumber: refund.number,
    orderNumber: order.number,
    paymentMethod: payment?.method ?? 'unknown',
    amount: refund.amount,
    currency: ret.currency,
    reference: refund.reference,
  });
  return result.providerReference;
}

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

    const capacities = [...valuation.lines.map((l) => l.value - l.fee - (claimed.byLine.get(l.lineId) ?? 0)), valuation.shipping - claimed.shipping];
    const parts = allocateInOrder(amount, capacities);
    // The approval limit controls money going out now: the policy in force sets it, not
    // the version the return was decided under.
    const { refundApprovalLimit } = await getCurrentPolicy(trx);
    const pending = refundApprovalLimit !== null && amount > refundApprovalLimit;
    const refund = {
      id: newId('rfd'),
      number: await nextDocumentNumber(trx, 'RF', now, policy.timeZone),
      amount,
      method: o.body.method,
      reference: o.body.reference ?? null,
    };
    const providerReference = pending ? null : await payOut(ctx, trx, ret, refund, policy, now);
    await insertRefund(
      trx,
      {
        ...refund,
        returnId: ret.id,
        customerId: ret.customerId,
        currency: ret.currency,
        status: pending ? 'pending_approval' : 'paid',
        channel: o.body.channel ?? null,
        providerReference,
        requestedByKind: o.actor.kind,
        requestedById: o.actor.id,
        createdAt: now.toISOString(),
        paidAt: pending ? null : now.toISOString(),
      },
      [
        ...valuation.lines.map((l, i) => ({ returnLineId: l.lineId, kind: 'goods' as const, amount: parts[i] ?? 0 })),
        { returnLineId: null, kind: 'shipping' as const, amount: parts[valuation.lines.length] ?? 0 },
      ],
    );
    if (!pending) await updateReturn(trx, ret.id, { refundedAmount: priced.refundedAmount + amount });
    return {
      events: [pending ? 'refund.pending_approval' : 'return.refunded'],
      note: `${refund.number} ${(amount / 100).toFixed(2)} ${ret.currency} (${o.body.method})`,
      data: { refundId: refund.id, amount, method: o.body.method, status: pending ? 'pending_approval' : 'paid' },
    };
  });
}

export type ApproveRefundOptions = { refundId: string; actor: Actor & { kind: 'user' } };

/** A second finance user approves a pending refund, which is then paid. */
export async function approveRefund(ctx: AppContext, o: ApproveRefundOptions): Promise<ReturnView> {
  const refund = await findRefund(ctx.db, o.refundId);
  if (!refund) throw notFound('Refund');
  return changeReturn(
    ctx,
    { returnId: refund.returnId, scope: { kind: 'all' }, action: 'approve_refund', actor: o.actor },
    async ({ trx, ret, policy, now, postgres }) => {
      const locked = await lockRefund(trx, o.refundId, postgres);
      if (!locked) throw notFound('Refund');
      if (locked.status !== 'pending_approval')
        throw new AppError('conflict', `Refund ${locked.number} is ${locked.status}, not pending approval`, { status: locked.status });
      if (locked.requestedByKind === 'user' && locked.requestedById === o.actor.id) {
        throw new AppError('forbidden', 'A refund must be approved by someone other than the person who requested it');
      }
      const providerReference = await payOut(ctx, trx, ret, locked, policy, now);
      await markRefundPaid(trx, locked.id, { approvedById: o.actor.id, providerReference, paidAt: now.toISOString() });
      await updateReturn(trx, ret.id, { refundedAmount: ret.refundedAmount + locked.amount });
      return {
        events: ['return.refunded'],
        note: `${locked.number} ${(locked.amount / 100).toFixed(2)} ${ret.currency}`,
        data: { refundId: locked.id, amount: locked.amount },
      };
    },
  );
}
