/** Refund documents with their lines, and the store-credit ledger's writes. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type RefundStatus = 'pending_approval' | 'paid' | 'rejected';
export type RefundMethod = 'original' | 'store_credit' | 'manual';
/** A refund of returned goods, or of an exchange's price difference. */
export type RefundKind = 'refund' | 'exchange_difference';

export type Refund = {
  id: string;
  number: string;
  returnId: string;
  customerId: string;
  amount: number;
  currency: string;
  method: RefundMethod;
  status: RefundStatus;
  kind: RefundKind;
  channel: string | null;
  reference: string | null;
  providerReference: string | null;
  requestedByKind: string;
  requestedById: string | null;
  approvedById: string | null;
  approvedAt: string | null;
  rejectedById: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  dueAt: string | null;
  createdAt: string;
  paidAt: string | null;
};

type RefundRow = Omit<Refund, 'method' | 'status' | 'kind'> & { method: string; status: string; kind: string };

function toRefund(row: RefundRow): Refund {
  return { ...row, amount: Number(row.amount), method: row.method as RefundMethod, status: row.status as RefundStatus, kind: row.kind as RefundKind };
}

/** The refunds of a return, oldest first. */
export async function findRefundsForReturn(db: Db, returnId: string): Promise<Refund[]> {
  return (await db.selectFrom('refunds').selectAll().where('returnId', '=', returnId).orderBy('id').execute()).map(toRefund);
}

/** A refund by id. */
export async function findRefund(db: Db, id: string): Promise<Refund | undefined> {
  const row = await db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRefund(row) : undefined;
}

/** Amounts already claimed (paid or pending) per return line, and for shipping; rejected refunds released theirs. */
export async function claimedByLine(db: Db, returnId: string): Promise<{ byLine: Map<string, number>; shipping: number }> {
  const rows = await db
    .selectFrom('refundLines')
    .innerJoin('refunds', 'refunds.id', 'refundLines.refundId')
    .select(['refundLines.returnLineId', 'refundLines.kind', (eb) => eb.fn.sum<number>('refundLines.amount').as('amount')])
    .where('refunds.returnId', '=', returnId)
    .where('refunds.status', 'in', ['paid', 'pending_approval'])
    .groupBy(['refundLines.returnLineId', 'refundLines.kind'])
    .execute();
  const byLine = new Map<string, number>();
  let shipping = 0;
  for (const r of rows) {
    if (r.kind === 'shipping') shipping += Number(r.amount);
    else if (r.returnLineId) byLine.set(r.returnLineId, (byLine.get(r.returnLineId) ?? 0) + Number(r.amount));
  }
  return { byLine, shipping };
}

export type NewRefund = Omit<Refund, 'approvedById' | 'approvedAt' | 'rejectedById' | 'rejectedAt' | 'rejectReason'>;
export type NewRefundLine = { returnLineId: string | null; kind: 'goods' | 'shipping'; amount: number };

/** Writes a refund and its lines; run inside a transaction. */
export async function insertRefund(db: Db, refund: NewRefund, lines: readonly NewRefundLine[]): Promise<void> {
  await db
    .insertInto('refunds')
    .values({ ...refund, approvedById: null, approvedAt: null, rejectedById: null, rejectedAt: null, rejectReason: null })
    .execute();
  const rows = lines.filter((l) => l.amount > 0).map((l) => ({ id: newId('rfl'), refundId: refund.id, ...l }));
  if (rows.length > 0) await db.insertInto('refundLines').values(rows).execute();
}

/** Marks a pending refund approved and paid. */
export async function markRefundPaid(db: Db, id: string, o: { approvedById: string | null; providerReference: string | null; paidAt: string }): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ status: 'paid', approvedById: o.approvedById, approvedAt: o.paidAt, providerReference: o.providerReference, paidAt: o.paidAt })
    .where('id', '=', id)
    .execute();
}

/** Marks a pending refund rejected: what it claimed is free again. */
export async function markRefundRejected(db: Db, id: string, o: { rejectedById: string | null; reason: string; at: string }): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ status: 'rejected', rejectedById: o.rejectedById, rejectReason: o.reason, rejectedAt: o.at })
    .where('id', '=', id)
    .execute();
}

/** Locks a refund row (PostgreSQL) and reads it. */
export async function lockRefund(db: Db, id: string, postgres: boolean): Promise<Refund | undefined> {
  let query = db.selectFrom('refunds').selectAll().where('id', '=', id);
  if (postgres) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRefund(row) : undefined;
}

/** Appends a store-credit ledger entry (a refund in credit, a bonus, a spend as a negative amount). */
export async function insertStoreCredit(
  db: Db,
  e: {
    customerId: string;
    amount: number;
    currency: string;
    type: 'refund' | 'bonus' | 'spend' | 'adjustment';
    sourceType: string;
    sourceId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('storeCreditEntries')
    .values({
      id: newId('scr'),
      customerId: e.customerId,
      amount: e.amount,
      currency: e.currency,
      type: e.type,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      createdAt: e.now.toISOString(),
    })
    .execute();
}
