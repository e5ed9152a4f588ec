/** Finance: the refund queue by deadline, reconciliation by day, method and status, and the daily close (shared with the web app). */
import { z } from 'zod';

const Money = z.number().int();
const LocalDate = z.iso.date();
const DeadlineState = z.enum(['ok', 'due_soon', 'overdue']);

export const FinanceQueueItem = z.object({
  /** approval: a refund waits for a second finance user; payment: a return is owed money nobody has paid yet. */
  kind: z.enum(['approval', 'payment']),
  returnId: z.string(),
  returnNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  amount: Money,
  currency: z.string(),
  refundId: z.string().nullable(),
  refundNumber: z.string().nullable(),
  method: z.string().nullable(),
  requestedById: z.string().nullable(),
  dueAt: z.string().nullable(),
  state: DeadlineState,
  daysLeft: z.number().int().nullable(),
});
export type FinanceQueueItem = z.infer<typeof FinanceQueueItem>;

export const FinanceQueueView = z.object({
  items: z.array(FinanceQueueItem),
  summary: z.object({ count: z.number().int(), amount: Money, overdue: z.number().int(), dueSoon: z.number().int(), awaitingApproval: z.number().int() }),
  deadlineDays: z.number().int(),
  warningDays: z.number().int(),
});
export type FinanceQueueView = z.infer<typeof FinanceQueueView>;

/** Days from … to, both included, in the shop's time zone; without them the last 7 days up to the shop's today. */
export const ReconciliationQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });

export const ReconciliationRow = z.object({
  /** The shop's calendar day: when the money went out (paid), was refused (rejected), or was asked for (pending). */
  date: z.string(),
  method: z.string(),
  status: z.string(),
  count: z.number().int(),
  amount: Money,
});

export const ReconciliationTotals = z.object({
  paid: Money,
  paidCount: z.number().int(),
  paidByMethod: z.record(z.string(), Money),
  /** Σ of the lines of the refunds paid: ties to `paid`. */
  paidRefundLines: Money,
  /** Refunds paid into store credit, and the ledger's refund entries for them: tie. */
  creditedRefunds: Money,
  ledgerRefundCredits: Money,
  ledgerBonusCredits: Money,
  /** Store credit issued (ledger refund + bonus entries) and spent in the period. */
  storeCreditIssued: Money,
  storeCreditSpent: Money,
  /** Money that left the shop (paid less what went into store credit). */
  moneyOut: Money,
  requested: Money,
  requestedCount: z.number().int(),
  pending: Money,
  pendingCount: z.number().int(),
  rejected: Money,
  rejectedCount: z.number().int(),
  /** Refunds of the period that have no refund note (should be none). */
  refundsWithoutNote: z.number().int(),
});
export type ReconciliationTotals = z.infer<typeof ReconciliationTotals>;

export const ReconciliationCheck = z.object({ code: z.string(), expected: Money, actual: Money, ok: z.boolean() });

export const ReconciliationView = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  rows: z.array(ReconciliationRow),
  totals: ReconciliationTotals,
  checks: z.array(ReconciliationCheck),
  /** Days of the period already closed. */
  closedDates: z.array(z.string()),
});
export type ReconciliationView = z.infer<typeof ReconciliationView>;

export const FinanceCloseBody = z.object({ date: LocalDate });

export const FlaggedRefund = z.object({
  /** pending_approval: asked for, not approved; unpaid: the return is owed money nobody has paid. */
  kind: z.enum(['pending_approval', 'unpaid']),
  returnId: z.string(),
  returnNumber: z.string(),
  refundId: z.string().nullable(),
  refundNumber: z.string().nullable(),
  amount: Money,
  dueAt: z.string().nullable(),
  state: DeadlineState,
});

export const FinanceCloseView = z.object({
  date: z.string(),
  timeZone: z.string(),
  totals: ReconciliationTotals,
  checks: z.array(ReconciliationCheck),
  flagged: z.array(FlaggedRefund),
  closedBy: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  closedAt: z.string(),
});
export type FinanceCloseView = z.infer<typeof FinanceCloseView>;
