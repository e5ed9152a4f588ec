/**
 * Finance's reconciliation of the days from … to (both included, in the shop's time
 * zone): refunds by day, method and status, totals that tie to the ledger of money out,
 * and which of the days are closed.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { invalidField } from '../lib/app-error.ts';
import { addDays, daysBetween, localDate } from '../lib/local-date.ts';
import { listCloses, refundsInPeriod } from '../modules/finance/finance.repository.ts';
import type { ReconciliationView } from '../modules/finance/finance.schema.ts';
import { reconcile } from '../modules/finance/reconciliation.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { zonedStartOfDay } from '../modules/refunds/refund-deadline.ts';
import { creditTotalsByType } from '../modules/refunds/store-credit.repository.ts';

/** Longest period reconciled at once. */
const maxDays = 366;

/** The instants a run of calendar days spans in a time zone. */
export function periodOfDays(from: string, to: string, timeZone: string): { from: string; to: string } {
  return { from: zonedStartOfDay(from, timeZone).toISOString(), to: zonedStartOfDay(addDays(to, 1), timeZone).toISOString() };
}

/** The reconciliation of days in a transaction or on the database. */
export async function reconcileDays(db: Db, o: { from: string; to: string; timeZone: string }): Promise<Omit<ReconciliationView, 'closedDates'>> {
  const period = periodOfDays(o.from, o.to, o.timeZone);
  const [refunds, creditByType] = await Promise.all([refundsInPeriod(db, period), creditTotalsByType(db, period)]);
  const { rows, totals, checks } = reconcile({ refunds, creditByType, period, timeZone: o.timeZone });
  return { from: o.from, to: o.to, timeZone: o.timeZone, currency: 'CNY', rows, totals, checks };
}

/** The reconciliation of the days from … to (default: the week up to the shop's today); 400 for a reversed or over-long period. */
export async function reconcileRefunds(ctx: AppContext, o: { from?: string | undefined; to?: string | undefined }): Promise<ReconciliationView> {
  const policy = await getCurrentPolicy(ctx.db);
  const to = o.to ?? localDate(ctx.clock.now(), policy.timeZone);
  const from = o.from ?? addDays(to, -6);
  const length = daysBetween(from, to);
  if (length < 0) throw invalidField('to', 'The period ends before it starts');
  if (length >= maxDays) throw invalidField('to', `At most ${maxDays} days at once`);
  const [view, closes] = await Promise.all([reconcileDays(ctx.db, { from, to, timeZone: policy.timeZone }), listCloses(ctx.db, { from, to, limit: maxDays })]);
  return { ...view, closedDates: closes.map((c) => c.date).sort() };
}
