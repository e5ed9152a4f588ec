/**
 * The finance queue: every refund finance still owes — returns whose accepted goods are
 * not yet paid for, and refunds waiting for a second finance user — ordered by the law's
 * deadline (7 days from receipt of the goods), with a warning before it passes.
 */
import type { AppContext } from '../context.ts';
import type { FinanceQueueItem, FinanceQueueView } from '../modules/finance/finance.schema.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { daysLeft, deadlineState, refundDueAt } from '../modules/refunds/refund-deadline.ts';
import { listRefundRows, receiptTimes, returnsOwedMoney } from '../modules/refunds/refund-queue.repository.ts';

const queueLimit = 200;

/** What finance owes, soonest deadline first. */
export async function loadFinanceQueue(ctx: AppContext): Promise<FinanceQueueView> {
  const now = ctx.clock.now();
  const [policy, pending, owed] = await Promise.all([
    getCurrentPolicy(ctx.db),
    listRefundRows(ctx.db, { status: 'pending_approval', sort: 'deadline', limit: queueLimit }),
    returnsOwedMoney(ctx.db, queueLimit),
  ]);
  const received = await receiptTimes(
    ctx.db,
    owed.map((r) => r.id),
  );
  const timing = (dueAt: string | null) => ({
    dueAt,
    state: deadlineState(dueAt, now, policy.refundDeadlineWarningDays),
    daysLeft: dueAt ? daysLeft(dueAt, now) : null,
  });
  const approvals: FinanceQueueItem[] = pending.map((r) => ({
    kind: 'approval',
    returnId: r.returnId,
    returnNumber: r.returnNumber,
    customerId: r.customerId,
    customerName: r.customerName,
    amount: r.amount,
    currency: r.currency,
    refundId: r.id,
    refundNumber: r.number,
    method: r.method,
    requestedById: r.requestedById,
    ...timing(r.dueAt),
  }));
  const payments: FinanceQueueItem[] = owed.map((r) => {
    const start = received.get(r.id) ?? r.approvedAt ?? r.createdAt;
    return {
      kind: 'payment',
      returnId: r.id,
      returnNumber: r.number,
      customerId: r.customerId,
      customerName: r.customerName,
      amount: r.refundableAmount - r.refundedAmount - r.pendingAmount,
      currency: r.currency,
      refundId: null,
      refundNumber: null,
      method: null,
      requestedById: null,
      ...timing(refundDueAt(new Date(start), policy)),
    };
  });
  const items = [...approvals, ...payments].sort(
    (a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.returnNumber.localeCompare(b.returnNumber),
  );
  return {
    items,
    summary: {
      count: items.length,
      amount: items.reduce((s, i) => s + i.amount, 0),
      overdue: items.filter((i) => i.state === 'overdue').length,
      dueSoon: items.filter((i) => i.state === 'due_soon').length,
      awaitingApproval: approvals.length,
    },
    deadlineDays: policy.refundDeadlineDays,
    warningDays: policy.refundDeadlineWarningDays,
  };
}
