/** Exchanges: the replacement chosen for each returned line, its reservation, and how the exchange was settled. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type ExchangeStatus = 'open' | 'shipped' | 'fallen_back';
/** chosen: nothing held yet; reserved: held; untracked: no stock kept there; short: too few free; shipped; released. */
export type ExchangeLineStatus = 'chosen' | 'reserved' | 'untracked' | 'short' | 'shipped' | 'released';

export type Exchange = {
  returnId: string;
  status: ExchangeStatus;
  locationId: string | null;
  replacementOrderId: string | null;
  returnedValue: number | null;
  replacementValue: number | null;
  differenceRefundId: string | null;
  differenceMethod: string | null;
  chargeMethod: string | null;
  chargeReference: string | null;
  fallbackResolution: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ExchangeLine = {
  id: string;
  returnId: string;
  returnLineId: string | null;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  reservedQuantity: number;
  status: ExchangeLineStatus;
};

const num = (v: number | null) => (v === null ? null : Number(v));

/** The exchange of a return, if one was opened. */
export async function findExchange(db: Db, returnId: string): Promise<Exchange | undefined> {
  const row = await db.selectFrom('exchanges').selectAll().where('returnId', '=', returnId).executeTakeFirst();
  return row ? { ...row, status: row.status as ExchangeStatus, returnedValue: num(row.returnedValue), replacementValue: num(row.replacementValue) } : undefined;
}

/** The replacement lines of an exchange, in order. */
export async function findExchangeLines(db: Db, returnId: string): Promise<ExchangeLine[]> {
  const rows = await db.selectFrom('exchangeLines').selectAll().where('returnId', '=', returnId).orderBy('lineNo').execute();
  return rows.map((r) => ({ ...r, unitPrice: Number(r.unitPrice), status: r.status as ExchangeLineStatus }));
}

/** Opens the exchange of a return (once). */
export async function insertExchange(db: Db, o: { returnId: string; locationId: string | null; now: Date }): Promise<void> {
  const at = o.now.toISOString();
  await db
    .insertInto('exchanges')
    .values({
      returnId: o.returnId,
      status: 'open',
      locationId: o.locationId,
      replacementOrderId: null,
      returnedValue: null,
      replacementValue: null,
      differenceRefundId: null,
      differenceMethod: null,
      chargeMethod: null,
      chargeReference: null,
      fallbackResolution: null,
      carrier: null,
      trackingNumber: null,
      shippedAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflict((oc) => oc.column('returnId').doNothing())
    .execute();
}

export type ExchangePatch = Partial<Omit<Exchange, 'returnId' | 'createdAt' | 'updatedAt'>>;

/** Updates an exchange. */
export async function updateExchange(db: Db, returnId: string, patch: ExchangePatch, now: Date): Promise<void> {
  await db
    .updateTable('exchanges')
    .set({ ...patch, updatedAt: now.toISOString() })
    .where('returnId', '=', returnId)
    .execute();
}

export type NewExchangeLine = Omit<ExchangeLine, 'id' | 'returnId' | 'lineNo' | 'reservedQuantity' | 'status'>;

/** Replaces the replacement lines of an exchange (nothing of them may be held). */
export async function replaceExchangeLines(db: Db, returnId: string, lines: readonly NewExchangeLine[]): Promise<void> {
  await db.deleteFrom('exchangeLines').where('returnId', '=', returnId).execute();
  if (lines.length === 0) return;
  await db
    .insertInto('exchangeLines')
    .values(lines.map((l, i) => ({ ...l, id: newId('xl'), returnId, lineNo: i + 1, reservedQuantity: 0, status: 'chosen' })))
    .execute();
}

/** Records what is held for a replacement line and its state. */
export async function updateExchangeLine(db: Db, id: string, patch: { reservedQuantity: number; status: ExchangeLineStatus }): Promise<void> {
  await db.updateTable('exchangeLines').set(patch).where('id', '=', id).execute();
}

/** Turns an exchange into a refund or store-credit return (the replacement is out of stock and the customer chose). */
export async function setReturnResolution(db: Db, returnId: string, resolution: 'refund' | 'store_credit'): Promise<void> {
  await db.updateTable('returns').set({ resolution }).where('id', '=', returnId).execute();
}

/** The customer's tier (trusted tiers may get a replacement before sending the goods back). */
export async function customerTier(db: Db, customerId: string): Promise<string | null> {
  const row = await db.selectFrom('customers').select('tier').where('id', '=', customerId).executeTakeFirst();
  return row?.tier ?? null;
}

export type GroupProduct = { id: string; sku: string; name: string; variantLabel: string | null; price: number; groupCode: string };

/** Products sharing a group code (the sizes and colours of one item). */
export async function productsInGroups(db: Db, groupCodes: readonly string[]): Promise<GroupProduct[]> {
  const codes = [...new Set(groupCodes)];
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'variantLabel', 'price', 'groupCode'])
    .where('groupCode', 'in', codes)
    .orderBy('sku')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, price: Number(r.price), groupCode: r.groupCode ?? '' }));
}

/** Products by id, with their group code and variant label. */
export async function productsByIds(db: Db, ids: readonly string[]): Promise<Map<string, GroupProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'variantLabel', 'price', 'groupCode'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, price: Number(r.price), groupCode: r.groupCode ?? '' }]));
}
