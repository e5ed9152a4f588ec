/**
 * A second finance user decides a refund held above the approval limit: approve (it is
 * paid at once) or reject with a reason (what it claimed is free to refund again). The
 * person who requested it may do neither. Both are logged in the audit log and on the
 * return's timeline.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { findRefund, lockRefund, markRefundPaid, markRefundRejected, type Refund } from '../modules/refunds/refunds.repository.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { type ChangeContext, type ChangeResult, changeReturn } from './steps/change-return.ts';
import { payOut } from './steps/record-refund.ts';

type FinanceUser = Actor & { kind: 'user' };

export type ApproveRefundOptions = { refundId: string; actor: FinanceUser };
export type RejectRefundOptions = { refundId: string; actor: FinanceUser; reason: string };

/** Locks a pending refund that someone other than its requester is deciding. */
async function lockPending(c: ChangeContext, refundId: string, actor: FinanceUser, verb: string): Promise<Refund> {
  const locked = await lockRefund(c.trx, refundId, c.postgres);
  if (!locked) throw notFound('Refund');
  if (locked.status !== 'pending_approval')
    throw new AppError('conflict', `Refund ${locked.number} is ${locked.status}, not pending approval`, { status: locked.status });
  if (locked.requestedByKind === 'user' && locked.requestedById === actor.id) {
    throw new AppError('forbidden', `A refund must be ${verb} by someone other than the person who requested it`);
  }
  return locked;
}

async function decide(ctx: AppContext, refundId: string, actor: FinanceUser, timelineAction: string, apply: (c: ChangeContext) => Promise<ChangeResult>) {
  const refund = await findRefund(ctx.db, refundId);
  if (!refund) throw notFound('Refund');
  return changeReturn(ctx, { returnId: refund.returnId, scope: { kind: 'all' }, action: 'approve_refund', timelineAction, actor }, apply);
}

/** Approves and pays a pending refund. */
export function approveRefund(ctx: AppContext, o: ApproveRefundOptions): Promise<ReturnView> {
  return decide(ctx, o.refundId, o.actor, 'approve_refund', async (c) => {
    const locked = await lockPending(c, o.refundId, o.actor, 'approved');
    const providerReference = await payOut(ctx, c.trx, c.ret, locked, c.policy, c.now);
    await markRefundPaid(c.trx, locked.id, { approvedById: o.actor.id, providerReference, paidAt: c.now.toISOString() });
    await updateReturn(c.trx, c.ret.id, { refundedAmount: c.ret.refundedAmount + locked.amount });
    await writeAudit(c.trx, {
      action: 'refund.approved',
      entityType: 'refund',
      entityId: locked.id,
      data: { number: locked.number, returnId: c.ret.id, amount: locked.amount, method: locked.method, requestedById: locked.requestedById },
      actor: o.actor,
      now: c.now,
    });
    return {
      events: ['return.refunded'],
      note: `${locked.number} ${(locked.amount / 100).toFixed(2)} ${c.ret.currency}`,
      data: { refundId: locked.id, amount: locked.amount },
    };
  });
}

/** Rejects a pending refund with a reason; nothing is paid and the amount may be refunded again. */
export function rejectRefund(ctx: AppContext, o: RejectRefundOptions): Promise<ReturnView> {
  return decide(ctx, o.refundId, o.actor, 'reject_refund', async (c) => {
    const locked = await lockPending(c, o.refundId, o.actor, 'rejected');
    await markRefundRejected(c.trx, locked.id, { rejectedById: o.actor.id, reason: o.reason, at: c.now.toISOString() });
    await writeAudit(c.trx, {
      action: 'refund.rejected',
      entityType: 'refund',
      entityId: locked.id,
      data: { number: locked.number, returnId: c.ret.id, amount: locked.amount, method: locked.method, reason: o.reason, requestedById: locked.requestedById },
      actor: o.actor,
      now: c.now,
    });
    return {
      note: `${locked.number} ${(locked.amount / 100).toFixed(2)} ${c.ret.currency}: ${o.reason}`,
      data: { refundId: locked.id, amount: locked.amount },
    };
  });
}
