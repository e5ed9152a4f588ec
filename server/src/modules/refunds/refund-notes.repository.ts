/**
 * Refund notes (退款单 / credit notes): one numbered document per refund, linked to the
 * return and the original order, with the red-letter invoice fields (数电票: 红字确认单
 * number and the new red invoice number) that finance fills in where the shop issues one.
 */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type RefundNoteFields = {
  originalInvoiceNumber: string | null;
  redConfirmationNumber: string | null;
  redInvoiceNumber: string | null;
  invoiceNote: string | null;
};

export type RefundNote = RefundNoteFields & {
  id: string;
  number: string;
  refundId: string;
  refundNumber: string;
  returnId: string;
  returnNumber: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  amount: number;
  currency: string;
  method: string;
  channel: string | null;
  status: string;
  kind: string;
  reference: string | null;
  providerReference: string | null;
  requestedById: string | null;
  approvedById: string | null;
  createdAt: string;
  paidAt: string | null;
  updatedById: string | null;
  updatedAt: string | null;
};

/** Writes the note of a new refund; run in the refund's transaction. */
export async function insertRefundNote(
  db: Db,
  o: { number: string; refundId: string; returnId: string; orderId: string; customerId: string; now: Date },
): Promise<string> {
  const id = newId('rfn');
  await db
    .insertInto('refundNotes')
    .values({
      id,
      number: o.number,
      refundId: o.refundId,
      returnId: o.returnId,
      orderId: o.orderId,
      customerId: o.customerId,
      originalInvoiceNumber: null,
      redConfirmationNumber: null,
      redInvoiceNumber: null,
      invoiceNote: null,
      updatedById: null,
      updatedAt: null,
      createdAt: o.now.toISOString(),
    })
    .execute();
  return id;
}

function notes(db: Db) {
  return db
    .selectFrom('refundNotes as n')
    .innerJoin('refunds as r', 'r.id', 'n.refundId')
    .innerJoin('returns as t', 't.id', 'n.returnId')
    .innerJoin('orders as o', 'o.id', 'n.orderId')
    .innerJoin('customers as c', 'c.id', 'n.customerId')
    .select([
      'n.id',
      'n.number',
      'n.refundId',
      'r.number as refundNumber',
      'n.returnId',
      't.number as returnNumber',
      'n.orderId',
      'o.number as orderNumber',
      'n.customerId',
      'c.name as customerName',
      'r.amount',
      'r.currency',
      'r.method',
      'r.channel',
      'r.status',
      'r.kind',
      'r.reference',
      'r.providerReference',
      'r.requestedById',
      'r.approvedById',
      'r.createdAt',
      'r.paidAt',
      'n.originalInvoiceNumber',
      'n.redConfirmationNumber',
      'n.redInvoiceNumber',
      'n.invoiceNote',
      'n.updatedById',
      'n.updatedAt',
    ]);
}

/** The note of a refund. */
export async function findRefundNote(db: Db, refundId: string): Promise<RefundNote | undefined> {
  const row = await notes(db).where('n.refundId', '=', refundId).executeTakeFirst();
  return row ? { ...row, amount: Number(row.amount) } : undefined;
}

/** The note numbers of some refunds, by refund id. */
export async function noteNumbers(db: Db, refundIds: readonly string[]): Promise<Map<string, string>> {
  if (refundIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('refundNotes')
    .select(['refundId', 'number'])
    .where('refundId', 'in', [...new Set(refundIds)])
    .execute();
  return new Map(rows.map((r) => [r.refundId, r.number]));
}

/** Changes the invoice fields of a note (fields left undefined keep their value). */
export async function updateRefundNote(db: Db, refundId: string, fields: Partial<RefundNoteFields>, o: { userId: string; now: Date }): Promise<void> {
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<RefundNoteFields>;
  await db
    .updateTable('refundNotes')
    .set({ ...patch, updatedById: o.userId, updatedAt: o.now.toISOString() })
    .where('refundId', '=', refundId)
    .execute();
}

/** What a refund paid for, line by line (goods by product, and the order's shipping fee). */
export async function refundItems(db: Db, refundId: string): Promise<{ lines: { name: string; sku: string; amount: number }[]; shipping: number }> {
  const rows = await db
    .selectFrom('refundLines as l')
    .leftJoin('returnLines as rl', 'rl.id', 'l.returnLineId')
    .leftJoin('products as p', 'p.id', 'rl.productId')
    .select(['l.kind', 'l.amount', 'rl.sku', 'p.name'])
    .where('l.refundId', '=', refundId)
    .orderBy('l.id')
    .execute();
  return {
    lines: rows.filter((r) => r.kind === 'goods').map((r) => ({ name: r.name ?? r.sku ?? '', sku: r.sku ?? '', amount: Number(r.amount) })),
    shipping: rows.filter((r) => r.kind === 'shipping').reduce((s, r) => s + Number(r.amount), 0),
  };
}
