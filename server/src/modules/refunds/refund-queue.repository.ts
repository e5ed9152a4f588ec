/** What finance works from: refund documents with their return, order and note, and returns still owed money. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { invalidField } from '../../lib/app-error.ts';
import type { RefundKind, RefundMethod, RefundStatus } from './refunds.repository.ts';

/** When the goods of each return first arrived (a receipt, or a parcel matched to it), by return id. */
export async function receiptTimes(db: Db, returnIds: readonly string[]): Promise<Map<string, string>> {
  if (returnIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('returnEvents')
    .select(['returnId', (eb) => eb.fn.min<string>('createdAt').as('at')])
    .where('returnId', 'in', [...new Set(returnIds)])
    .where('action', 'in', ['receive', 'parcel_matched'])
    .groupBy('returnId')
    .execute();
  return new Map(rows.map((r) => [r.returnId, new Date(r.at).toISOString()]));
}

export type RefundListRow = {
  id: string;
  number: string;
  kind: RefundKind;
  returnId: string;
  returnNumber: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  amount: number;
  currency: string;
  method: RefundMethod;
  status: RefundStatus;
  channel: string | null;
  reference: string | null;
  requestedById: string | null;
  approvedById: string | null;
  rejectedById: string | null;
  rejectReason: string | null;
  dueAt: string | null;
  noteNumber: string | null;
  createdAt: string;
  paidAt: string | null;
};

export type RefundSort = 'deadline' | 'oldest' | 'newest';

export type RefundListFilter = {
  refundId?: string | undefined;
  status?: RefundStatus | undefined;
  method?: RefundMethod | undefined;
  returnId?: string | undefined;
  customerId?: string | undefined;
  /** Created in [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  sort: RefundSort;
  cursor?: string | undefined;
  limit: number;
};

/** The cursor of a row in a sort order. */
export function refundCursor(row: Pick<RefundListRow, 'id' | 'dueAt'>, sort: RefundSort): string {
  return sort === 'deadline' ? `${row.dueAt ?? ''}|${row.id}` : row.id;
}

/** Refund documents, by deadline (soonest first), oldest or newest. */
export async function listRefundRows(db: Db, f: RefundListFilter): Promise<RefundListRow[]> {
  let query = db
    .selectFrom('refunds as r')
    .innerJoin('returns as t', 't.id', 'r.returnId')
    .innerJoin('orders as o', 'o.id', 't.orderId')
    .innerJoin('customers as c', 'c.id', 'r.customerId')
    .leftJoin('refundNotes as n', 'n.refundId', 'r.id')
    .select([
      'r.id',
      'r.number',
      'r.kind',
      'r.returnId',
      't.number as returnNumber',
      't.orderId',
      'o.number as orderNumber',
      'r.customerId',
      'c.name as customerName',
      'r.amount',
      'r.currency',
      'r.method',
      'r.status',
      'r.channel',
      'r.reference',
      'r.requestedById',
      'r.approvedById',
      'r.rejectedById',
      'r.rejectReason',
      'r.dueAt',
      'n.number as noteNumber',
      'r.createdAt',
      'r.paidAt',
    ])
    .limit(f.limit);
  if (f.refundId) query = query.where('r.id', '=', f.refundId);
  if (f.status) query = query.where('r.status', '=', f.status);
  if (f.method) query = query.where('r.method', '=', f.method);
  if (f.returnId) query = query.where('r.returnId', '=', f.returnId);
  if (f.customerId) query = query.where('r.customerId', '=', f.customerId);
  if (f.from) query = query.where('r.createdAt', '>=', f.from);
  if (f.to) query = query.where('r.createdAt', '<', f.to);
  if (f.sort === 'deadline') {
    // Every refund has a deadline (0007 gave the older ones theirs).
    query = query.orderBy('r.dueAt').orderBy('r.id');
    if (f.cursor) {
      const at = f.cursor.lastIndexOf('|');
      const [cursorDue, cursorId] = [f.cursor.slice(0, at), f.cursor.slice(at + 1)];
      // A cursor is ours: "<ISO time>|<id>". Anything else is a bad request, not a database error.
      if (at < 0 || Number.isNaN(Date.parse(cursorDue))) throw invalidField('cursor', 'Not a cursor of this list');
      query = query.where((eb) => eb.or([eb('r.dueAt', '>', cursorDue), eb.and([eb('r.dueAt', '=', cursorDue), eb('r.id', '>', cursorId)])]));
    }
  } else {
    query = query.orderBy('r.id', f.sort === 'newest' ? 'desc' : 'asc');
    if (f.cursor) query = query.where('r.id', f.sort === 'newest' ? '<' : '>', f.cursor);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    kind: r.kind as RefundKind,
    method: r.method as RefundMethod,
    status: r.status as RefundStatus,
    amount: Number(r.amount),
    dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
  }));
}

export type OwedReturnRow = {
  id: string;
  number: string;
  type: string;
  returnless: boolean;
  status: string;
  orderId: string;
  customerId: string;
  customerName: string;
  currency: string;
  refundableAmount: number;
  refundedAmount: number;
  pendingAmount: number;
  approvedAt: string | null;
  createdAt: string;
};

/** Returns (not exchanges) whose refundable amount is not yet claimed in full: money finance still owes. */
export async function returnsOwedMoney(db: Db, limit: number): Promise<OwedReturnRow[]> {
  const rows = await db
    .selectFrom('returns as t')
    .innerJoin('customers as c', 'c.id', 't.customerId')
    .select([
      't.id',
      't.number',
      't.type',
      't.returnless',
      't.status',
      't.orderId',
      't.customerId',
      'c.name as customerName',
      't.currency',
      't.refundableAmount',
      't.refundedAmount',
      't.approvedAt',
      't.createdAt',
      (eb) =>
        eb
          .selectFrom('refunds as p')
          .select((s) => s.fn.coalesce(s.fn.sum<number>('p.amount'), sql<number>`0`).as('pending'))
          .whereRef('p.returnId', '=', 't.id')
          .where('p.status', '=', 'pending_approval')
          .as('pendingAmount'),
    ])
    .where('t.resolution', '!=', 'exchange')
    .where('t.status', 'not in', ['requested', 'rejected', 'cancelled', 'closed'])
    .where((eb) => eb('t.refundableAmount', '>', eb.ref('t.refundedAmount')))
    .orderBy('t.id')
    .limit(limit)
    .execute();
  return rows
    .map((r) => ({
      ...r,
      returnless: r.returnless === 1,
      refundableAmount: Number(r.refundableAmount),
      refundedAmount: Number(r.refundedAmount),
      pendingAmount: Number(r.pendingAmount ?? 0),
    }))
    .filter((r) => r.refundableAmount > r.refundedAmount + r.pendingAmount);
}
