/**
 * Reconciliation of a period, pure: refunds grouped by the shop's calendar day, method
 * and status, their totals, and the checks that tie them to the ledger of money out
 * (paid refunds = Σ of their lines; refunds into store credit = the ledger's refund
 * entries; every refund has its note).
 */
import { localDate } from '../../lib/local-date.ts';
import type { PeriodRefund } from './finance.repository.ts';
import type { ReconciliationTotals, ReconciliationView } from './finance.schema.ts';

type Row = ReconciliationView['rows'][number];
type Check = ReconciliationView['checks'][number];

const inPeriod = (at: string | null, p: { from: string; to: string }) => at !== null && at >= p.from && at < p.to;

/** The day and status a refund counts under in the period, or null when its event falls outside. */
function eventOf(r: PeriodRefund, p: { from: string; to: string }): { at: string; status: string } | null {
  if (r.status === 'paid') return inPeriod(r.paidAt, p) ? { at: r.paidAt as string, status: 'paid' } : null;
  if (r.status === 'rejected') return inPeriod(r.rejectedAt, p) ? { at: r.rejectedAt as string, status: 'rejected' } : null;
  return inPeriod(r.createdAt, p) ? { at: r.createdAt, status: r.status } : null;
}

export type ReconcileInput = {
  refunds: readonly PeriodRefund[];
  /** Store-credit ledger sums by entry type, over the same instants. */
  creditByType: ReadonlyMap<string, number>;
  period: { from: string; to: string };
  timeZone: string;
};

/** Rows by day × method × status, totals, and checks. */
export function reconcile(input: ReconcileInput): { rows: Row[]; totals: ReconciliationTotals; checks: Check[] } {
  const { period } = input;
  const groups = new Map<string, Row>();
  const totals: ReconciliationTotals = {
    paid: 0,
    paidCount: 0,
    paidByMethod: {},
    paidRefundLines: 0,
    creditedRefunds: 0,
    ledgerRefundCredits: input.creditByType.get('refund') ?? 0,
    ledgerBonusCredits: input.creditByType.get('bonus') ?? 0,
    storeCreditIssued: (input.creditByType.get('refund') ?? 0) + (input.creditByType.get('bonus') ?? 0),
    storeCreditSpent: -(input.creditByType.get('spend') ?? 0),
    moneyOut: 0,
    requested: 0,
    requestedCount: 0,
    pending: 0,
    pendingCount: 0,
    rejected: 0,
    rejectedCount: 0,
    refundsWithoutNote: 0,
  };
  for (const r of input.refunds) {
    if (inPeriod(r.createdAt, period)) {
      totals.requested += r.amount;
      totals.requestedCount += 1;
      if (!r.hasNote) totals.refundsWithoutNote += 1;
    }
    const event = eventOf(r, period);
    if (!event) continue;
    const date = localDate(new Date(event.at), input.timeZone);
    const key = `${date}|${r.method}|${event.status}`;
    const row = groups.get(key) ?? { date, method: r.method, status: event.status, count: 0, amount: 0 };
    row.count += 1;
    row.amount += r.amount;
    groups.set(key, row);
    if (event.status === 'paid') {
      totals.paid += r.amount;
      totals.paidCount += 1;
      totals.paidByMethod[r.method] = (totals.paidByMethod[r.method] ?? 0) + r.amount;
      totals.paidRefundLines += r.linesAmount;
      totals.creditedRefunds += r.credited;
    } else if (event.status === 'rejected') {
      totals.rejected += r.amount;
      totals.rejectedCount += 1;
    } else {
      totals.pending += r.amount;
      totals.pendingCount += 1;
    }
  }
  totals.moneyOut = totals.paid - totals.creditedRefunds;
  const rows = [...groups.values()].sort((a, b) => a.date.localeCompare(b.date) || a.method.localeCompare(b.method) || a.status.localeCompare(b.status));
  const check = (code: string, expected: number, actual: number): Check => ({ code, expected, actual, ok: expected === actual });
  const checks = [
    check('paid_equals_refund_lines', totals.paid, totals.paidRefundLines),
    check('store_credit_refunds_equal_ledger', totals.creditedRefunds, totals.ledgerRefundCredits),
    check('every_refund_has_note', 0, totals.refundsWithoutNote),
  ];
  return { rows, totals, checks };
}
