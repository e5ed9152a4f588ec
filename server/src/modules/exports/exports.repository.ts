/** Read-only queries behind the Excel exports: the console's lists with their filters, joined to the names people read. */
import type { Db } from '../../db/connect.ts';
import type { Scope } from '../../lib/scope.ts';
import type { consoleReturnIds } from '../queues/queues.repository.ts';

export const maxExportRows = 100_000;

export type ReturnExportFilter = {
  status?: string[];
  from?: string;
  to?: string;
  channel?: string;
  customerId?: string;
  orderId?: string;
  stage?: string;
  reasonCode?: string;
  /** Only these returns: the console list's search, owner, overdue and drill-down filters. */
  within?: ReturnType<typeof consoleReturnIds>;
};

export type ReturnExportRow = {
  number: string;
  orderNumber: string;
  customerName: string;
  status: string;
  type: string;
  resolution: string;
  channel: string;
  stage: string;
  currency: string;
  reasons: string;
  units: number;
  refundableAmount: number;
  refundedAmount: number;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Returns with the filters of the returns list, in the caller's scope, oldest first. */
export async function exportReturns(db: Db, scope: Scope, f: ReturnExportFilter): Promise<ReturnExportRow[]> {
  let query = db
    .selectFrom('returns as r')
    .innerJoin('orders as o', 'o.id', 'r.orderId')
    .innerJoin('customers as c', 'c.id', 'r.customerId')
    .select([
      'r.id',
      'r.number',
      'o.number as orderNumber',
      'c.name as customerName',
      'r.status',
      'r.type',
      'r.resolution',
      'r.channel',
      'r.stage',
      'r.currency',
      'r.refundableAmount',
      'r.refundedAmount',
      'r.carrier',
      'r.trackingNumber',
      'r.createdAt',
      'r.updatedAt',
    ])
    .orderBy('r.id')
    .limit(maxExportRows);
  if (scope.kind === 'customer') query = query.where('r.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') query = query.where('c.salesUserId', '=', scope.userId);
  if (f.status && f.status.length > 0) query = query.where('r.status', 'in', f.status);
  if (f.from) query = query.where('r.createdAt', '>=', f.from);
  if (f.to) query = query.where('r.createdAt', '<', f.to);
  if (f.channel) query = query.where('r.channel', '=', f.channel);
  if (f.customerId) query = query.where('r.customerId', '=', f.customerId);
  if (f.orderId) query = query.where('r.orderId', '=', f.orderId);
  if (f.stage) query = query.where('r.stage', '=', f.stage);
  if (f.within) query = query.where('r.id', 'in', f.within);
  if (f.reasonCode) {
    const code = f.reasonCode;
    query = query.where('r.id', 'in', db.selectFrom('returnLines').select('returnLines.returnId').where('returnLines.reasonCode', '=', code));
  }
  const rows = await query.execute();
  const lines = new Map<string, { units: number; reasons: Set<string> }>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const found = await db.selectFrom('returnLines').select(['returnId', 'quantity', 'reasonCode']).where('returnId', 'in', ids).execute();
    for (const l of found) {
      const entry = lines.get(l.returnId) ?? { units: 0, reasons: new Set<string>() };
      entry.units += l.quantity;
      entry.reasons.add(l.reasonCode);
      lines.set(l.returnId, entry);
    }
  }
  return rows.map(({ id, ...r }) => ({
    ...r,
    refundableAmount: Number(r.refundableAmount),
    refundedAmount: Number(r.refundedAmount),
    units: lines.get(id)?.units ?? 0,
    reasons: [...(lines.get(id)?.reasons ?? [])].join(', '),
  }));
}

export type RefundExportFilter = { status?: string; method?: string; from?: string; to?: string };

export type RefundExportRow = {
  number: string;
  returnNumber: string;
  customerName: string;
  amount: number;
  currency: string;
  method: string;
  status: string;
  channel: string | null;
  reference: string | null;
  createdAt: string;
  paidAt: string | null;
};

/** Refunds with their return and customer, oldest first. */
export async function exportRefunds(db: Db, f: RefundExportFilter): Promise<RefundExportRow[]> {
  let query = db
    .selectFrom('refunds as f')
    .innerJoin('returns as r', 'r.id', 'f.returnId')
    .innerJoin('customers as c', 'c.id', 'f.customerId')
    .select([
      'f.number',
      'r.number as returnNumber',
      'c.name as customerName',
      'f.amount',
      'f.currency',
      'f.method',
      'f.status',
      'f.channel',
      'f.reference',
      'f.createdAt',
      'f.paidAt',
    ])
    .orderBy('f.id')
    .limit(maxExportRows);
  if (f.status) query = query.where('f.status', '=', f.status);
  if (f.method) query = query.where('f.method', '=', f.method);
  if (f.from) query = query.where('f.createdAt', '>=', f.from);
  if (f.to) query = query.where('f.createdAt', '<', f.to);
  return (await query.execute()).map((r) => ({ ...r, amount: Number(r.amount) }));
}

export type StockExportRow = { sku: string; name: string; category: string; location: string; locationKind: string; onHand: number; reserved: number };

/** Stock levels by product and location, by SKU. */
export async function exportStock(db: Db, f: { q?: string; sku?: string; location?: string; category?: string; nonZero?: boolean }): Promise<StockExportRow[]> {
  let query = db
    .selectFrom('stockLevels as s')
    .innerJoin('products as p', 'p.id', 's.productId')
    .innerJoin('locations as l', 'l.id', 's.locationId')
    .select(['p.sku', 'p.name', 'p.category', 'l.code as location', 'l.kind as locationKind', 's.onHand', 's.reserved'])
    .orderBy('p.sku')
    .orderBy('l.code')
    .limit(maxExportRows);
  if (f.sku) query = query.where('p.sku', '=', f.sku);
  if (f.q?.trim()) {
    // The stock list's search: part of the SKU or name, or the whole barcode.
    const q = f.q.trim();
    const like = `%${q.replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('p.sku', 'like', like), eb('p.name', 'like', like), eb('p.barcode', '=', q)]));
  }
  if (f.location) query = query.where('l.code', '=', f.location);
  if (f.category) query = query.where('p.category', '=', f.category);
  if (f.nonZero) query = query.where('s.onHand', '!=', 0);
  return (await query.execute()).map((r) => ({ ...r, onHand: Number(r.onHand), reserved: Number(r.reserved) }));
}

export type CustomerExportRow = { name: string; phone: string | null; email: string | null; tier: string; returns: number; createdAt: string };

/** Customers with how many returns each filed, oldest first. */
export async function exportCustomers(db: Db, f: { q?: string; salesUserId?: string }): Promise<CustomerExportRow[]> {
  let query = db
    .selectFrom('customers as c')
    .select([
      'c.name',
      'c.phone',
      'c.email',
      'c.tier',
      'c.createdAt',
      (eb) => eb.selectFrom('returns as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.customerId', '=', 'c.id').as('returns'),
    ])
    .orderBy('c.id')
    .limit(maxExportRows);
  if (f.salesUserId) query = query.where('c.salesUserId', '=', f.salesUserId);
  if (f.q) {
    const like = `%${f.q.trim()}%`;
    query = query.where((eb) => eb.or([eb('c.name', 'like', like), eb('c.email', 'like', like), eb('c.phone', 'like', like)]));
  }
  return (await query.execute()).map((r) => ({ ...r, returns: Number(r.returns ?? 0) }));
}
