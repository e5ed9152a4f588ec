/**
 * The money side of every refund, in the caller's transaction: the refund document and
 * its lines, its numbered refund note (退款单), its deadline, the audit entry, and — when
 * no approval is needed — the payment itself: through the payment provider, into the
 * store-credit ledger (with the policy's bonus), or recorded as paid by hand.
 */
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { writeAudit } from '../../modules/audit/audit.repository.ts';
import { nextDocumentNumber } from '../../modules/numbering/document-numbers.ts';
import { getCurrentPolicy } from '../../modules/policy/policy.repository.ts';
import type { Policy } from '../../modules/policy/policy.schema.ts';
import { refundApprovalLimit } from '../../modules/process/process-route.ts';
import { percentFee } from '../../modules/refunds/refund-arithmetic.ts';
import { refundDueAt } from '../../modules/refunds/refund-deadline.ts';
import { insertRefundNote } from '../../modules/refunds/refund-notes.repository.ts';
import { receiptTimes } from '../../modules/refunds/refund-queue.repository.ts';
import {
  insertRefund,
  insertStoreCredit,
  type NewRefundLine,
  type Refund,
  type RefundKind,
  type RefundMethod,
} from '../../modules/refunds/refunds.repository.ts';
import { type ReturnRow, updateReturn } from '../../modules/returns/returns.repository.ts';

type PayableRefund = Pick<Refund, 'id' | 'number' | 'amount' | 'method' | 'reference'>;

/** Pays money out for a refund document: provider, store credit (with bonus), or manual. Returns the provider's reference. */
export async function payOut(ctx: AppContext, trx: Db, ret: ReturnRow, refund: PayableRefund, policy: Policy, now: Date): Promise<string | null> {
  const order = await trx.selectFrom('orders').select(['number']).where('id', '=', ret.orderId).executeTakeFirstOrThrow();
  const payment = await trx.selectFrom('orderPayments').select('method').where('orderId', '=', ret.orderId).orderBy('amount', 'desc').executeTakeFirst();
  const creditBack = refund.method === 'store_credit' || (refund.method === 'original' && payment?.method === 'store_credit');
  if (creditBack) {
    const entry = { customerId: ret.customerId, currency: ret.currency, sourceType: 'refund', sourceId: refund.id, now };
    await insertStoreCredit(trx, { ...entry, amount: refund.amount, type: 'refund' });
    // The bonus rewards choosing credit over money, not an order that was paid in credit.
    const bonus = refund.method === 'store_credit' ? percentFee(refund.amount, policy.storeCreditBonusPercent) : 0;
    if (bonus > 0) await insertStoreCredit(trx, { ...entry, amount: bonus, type: 'bonus' });
    return null;
  }
  if (refund.method === 'manual') return refund.reference;
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

/** When a return's refund is due by law: from the first receipt, else from approval (nothing comes back). */
export async function refundDueAtOf(trx: Db, ret: Pick<ReturnRow, 'id' | 'approvedAt' | 'createdAt'>, policy: Policy, now: Date): Promise<string> {
  const received = (await receiptTimes(trx, [ret.id])).get(ret.id);
  const start = received ?? ret.approvedAt ?? ret.createdAt;
  return refundDueAt(new Date(start ?? now), policy);
}

export type RecordRefundOptions = {
  ctx: AppContext;
  trx: Db;
  ret: ReturnRow;
  policy: Policy;
  now: Date;
  actor: Actor;
  amount: number;
  method: RefundMethod;
  kind: RefundKind;
  channel: string | null;
  reference: string | null;
  lines: readonly NewRefundLine[];
};

export type RecordedRefund = { id: string; number: string; noteNumber: string; status: 'pending_approval' | 'paid' };

/** Writes a refund with its note and audit entry; pays it unless the approval limit holds it. */
export async function recordRefund(o: RecordRefundOptions): Promise<RecordedRefund> {
  const { trx, ret, now } = o;
  // The approval limit controls money going out now: the policy in force sets it (not
  // the version the return was decided under), lowered by the finance-approval stage of
  // the process the return was routed through.
  const approvalLimit = refundApprovalLimit((await getCurrentPolicy(trx)).refundApprovalLimit, ret.decision.route);
  const pending = approvalLimit !== null && o.amount > approvalLimit;
  const refund = {
    id: newId('rfd'),
    number: await nextDocumentNumber(trx, 'RF', now, o.policy.timeZone),
    amount: o.amount,
    method: o.method,
    reference: o.reference,
  };
  const providerReference = pending ? null : await payOut(o.ctx, trx, ret, refund, o.policy, now);
  await insertRefund(
    trx,
    {
      ...refund,
      kind: o.kind,
      returnId: ret.id,
      customerId: ret.customerId,
      currency: ret.currency,
      status: pending ? 'pending_approval' : 'paid',
      channel: o.channel,
      providerReference,
      requestedByKind: o.actor.kind,
      requestedById: o.actor.id,
      dueAt: await refundDueAtOf(trx, ret, o.policy, now),
      createdAt: now.toISOString(),
      paidAt: pending ? null : now.toISOString(),
    },
    o.lines,
  );
  const noteNumber = await nextDocumentNumber(trx, 'RN', now, o.policy.timeZone);
  await insertRefundNote(trx, { number: noteNumber, refundId: refund.id, returnId: ret.id, orderId: ret.orderId, customerId: ret.customerId, now });
  const status = pending ? 'pending_approval' : 'paid';
  await writeAudit(trx, {
    action: 'refund.requested',
    entityType: 'refund',
    entityId: refund.id,
    data: { number: refund.number, noteNumber, returnId: ret.id, amount: o.amount, method: o.method, kind: o.kind, status, approvalLimit },
    actor: o.actor,
    now,
  });
  if (!pending) await updateReturn(trx, ret.id, { refundedAmount: ret.refundedAmount + o.amount });
  return { id: refund.id, number: refund.number, noteNumber, status };
}
