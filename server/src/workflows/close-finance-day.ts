/**
 * Finance closes a day: the day's totals and checks are stored as they stand, and every
 * refund still owed is flagged — refunds waiting for approval, and returns approved for a
 * refund that nobody has paid — with how close each is to its deadline. A day closes once.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField } from '../lib/app-error.ts';
import { localDate } from '../lib/local-date.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { type CloseRow, findClose, insertClose, listCloses } from '../modules/finance/finance.repository.ts';
import type { FinanceCloseView } from '../modules/finance/finance.schema.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { deadlineState, refundDueAt } from '../modules/refunds/refund-deadline.ts';
import { listRefundRows, receiptTimes, returnsOwedMoney } from '../modules/refunds/refund-queue.repository.ts';
import { periodOfDays, reconcileDays } from './reconcile-refunds.ts';

type Flagged = FinanceCloseView['flagged'][number];
type StoredTotals = Pick<FinanceCloseView, 'totals' | 'checks'>;

function present(row: CloseRow): FinanceCloseView {
  const stored = row.totals as StoredTotals;
  return {
    date: row.date,
    timeZone: row.timeZone,
    totals: stored.totals,
    checks: stored.checks,
    flagged: row.flagged as Flagged[],
    closedBy: { kind: row.closedByKind, id: row.closedById, name: row.closedByName },
    closedAt: row.closedAt,
  };
}

/** Closes a day; 400 for a day still to come, 409 when it is closed already. */
export async function closeFinanceDay(ctx: AppContext, o: { date: string; actor: Actor }): Promise<FinanceCloseView> {
  const now = ctx.clock.now();
  const policy = await getCurrentPolicy(ctx.db);
  if (o.date > localDate(now, policy.timeZone)) throw invalidField('date', 'A day can be closed once it has begun');
  await ctx.db.transaction().execute(async (trx) => {
    if (await findClose(trx, o.date)) throw new AppError('conflict', `${o.date} is closed already`, { date: o.date });
    const day = await reconcileDays(trx, { from: o.date, to: o.date, timeZone: policy.timeZone });
    const endOfDay = periodOfDays(o.date, o.date, policy.timeZone).to;
    const asOf = now.toISOString() < endOfDay ? now : new Date(endOfDay);
    const state = (dueAt: string | null) => deadlineState(dueAt, asOf, policy.refundDeadlineWarningDays);
    const pending = await listRefundRows(trx, { status: 'pending_approval', sort: 'deadline', limit: 500, to: endOfDay });
    const owed = await returnsOwedMoney(trx, 500);
    const received = await receiptTimes(
      trx,
      owed.map((r) => r.id),
    );
    const flagged: Flagged[] = [
      ...pending.map((r) => ({
        kind: 'pending_approval' as const,
        returnId: r.returnId,
        returnNumber: r.returnNumber,
        refundId: r.id,
        refundNumber: r.number,
        amount: r.amount,
        dueAt: r.dueAt,
        state: state(r.dueAt),
      })),
      ...owed.map((r) => {
        const dueAt = refundDueAt(new Date(received.get(r.id) ?? r.approvedAt ?? r.createdAt), policy);
        return {
          kind: 'unpaid' as const,
          returnId: r.id,
          returnNumber: r.number,
          refundId: null,
          refundNumber: null,
          amount: r.refundableAmount - r.refundedAmount - r.pendingAmount,
          dueAt,
          state: state(dueAt),
        };
      }),
    ];
    const stored: StoredTotals = { totals: day.totals, checks: day.checks };
    if (!(await insertClose(trx, { date: o.date, timeZone: policy.timeZone, totals: stored, flagged, actor: o.actor, now }))) {
      throw new AppError('conflict', `${o.date} is closed already`, { date: o.date });
    }
    await writeAudit(trx, {
      action: 'finance.closed',
      entityType: 'finance_close',
      entityId: o.date,
      data: { paid: day.totals.paid, flagged: flagged.length, checks: day.checks.filter((c) => !c.ok).map((c) => c.code) },
      actor: o.actor,
      now,
    });
  });
  const row = await findClose(ctx.db, o.date);
  if (!row) throw new Error(`close of ${o.date} vanished after commit`);
  return present(row);
}

/** Closed days, newest first. */
export async function listFinanceCloses(ctx: AppContext, o: { limit: number }): Promise<FinanceCloseView[]> {
  return (await listCloses(ctx.db, { limit: o.limit })).map(present);
}
