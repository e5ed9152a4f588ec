/** Suppliers, and the returns to vendor that send them goods back: the SQL of the suppliers module. */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';
import type { SupplierCreateBody, SupplierUpdateBody, SupplierView, VendorReturnView } from './suppliers.schema.ts';

function supplierQuery(db: Db) {
  return db
    .selectFrom('suppliers as s')
    .select([
      's.id',
      's.code',
      's.name',
      's.contactName',
      's.contactPhone',
      's.email',
      's.address',
      's.note',
      's.createdAt',
      (eb) => eb.selectFrom('products as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.supplierId', '=', 's.id').as('productCount'),
    ]);
}

type SupplierSelect = Awaited<ReturnType<ReturnType<typeof supplierQuery>['executeTakeFirstOrThrow']>>;

function toSupplier(row: SupplierSelect): SupplierView {
  return { ...row, productCount: Number(row.productCount ?? 0) };
}

/** A supplier by id or code. */
export async function findSupplier(db: Db, idOrCode: string): Promise<SupplierView | undefined> {
  const row = await supplierQuery(db)
    .where((eb) => eb.or([eb('s.id', '=', idOrCode), eb('s.code', '=', idOrCode)]))
    .executeTakeFirst();
  return row ? toSupplier(row) : undefined;
}

/** Suppliers by code with cursor paging (cursor = last code). */
export async function listSuppliers(db: Db, o: { q?: string; cursor?: string; limit: number }): Promise<SupplierView[]> {
  let query = supplierQuery(db).orderBy('s.code').limit(o.limit);
  if (o.cursor) query = query.where('s.code', '>', o.cursor);
  if (o.q) {
    const like = `%${o.q.replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('s.code', 'like', like), eb('s.name', 'like', like)]));
  }
  return (await query.execute()).map(toSupplier);
}

/** Creates a supplier; 409 for a taken code. */
export async function createSupplier(db: Db, body: SupplierCreateBody, now: Date): Promise<SupplierView> {
  if (await db.selectFrom('suppliers').select('id').where('code', '=', body.code).executeTakeFirst()) {
    throw new AppError('conflict', `Supplier code ${body.code} is taken`, { code: body.code });
  }
  const id = newId('sup');
  await db
    .insertInto('suppliers')
    .values({
      id,
      code: body.code,
      name: body.name,
      contactName: body.contactName ?? null,
      contactPhone: body.contactPhone ?? null,
      email: body.email ?? null,
      address: body.address ?? null,
      note: body.note ?? null,
      createdAt: now.toISOString(),
    })
    .execute();
  return (await findSupplier(db, id)) as SupplierView;
}

/** Changes a supplier; its code stays. */
export async function updateSupplier(db: Db, id: string, body: SupplierUpdateBody): Promise<SupplierView> {
  const supplier = await findSupplier(db, id);
  if (!supplier) throw notFound('Supplier');
  const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length > 0) await db.updateTable('suppliers').set(patch).where('id', '=', supplier.id).execute();
  return (await findSupplier(db, supplier.id)) as SupplierView;
}

/** Removes a supplier no product and no vendor return names; 409 otherwise. */
export async function deleteSupplier(db: Db, id: string): Promise<void> {
  const supplier = await findSupplier(db, id);
  if (!supplier) throw notFound('Supplier');
  const returned = await db.selectFrom('vendorReturns').select('id').where('supplierId', '=', supplier.id).limit(1).execute();
  if (supplier.productCount > 0 || returned.length > 0) {
    throw new AppError('conflict', `Supplier ${supplier.code} has products or vendor returns; it is kept`, { products: supplier.productCount });
  }
  await db.deleteFrom('suppliers').where('id', '=', supplier.id).execute();
}

export type InsertVendorReturnOptions = {
  number: string;
  supplierId: string;
  fromLocationId: string;
  currency: string;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  lines: { productId: string; sku: string; quantity: number; unitCredit: number; lot: string | null }[];
  actor: Actor;
  now: Date;
};

/** Writes a vendor return and its lines; the expected credit is the sum of the lines. */
export async function insertVendorReturn(db: Db, o: InsertVendorReturnOptions): Promise<string> {
  const id = newId('rtv');
  const lines = o.lines.map((l, i) => ({ id: newId('rtvl'), vendorReturnId: id, lineNo: i + 1, ...l, amount: l.quantity * l.unitCredit }));
  await db
    .insertInto('vendorReturns')
    .values({
      id,
      number: o.number,
      supplierId: o.supplierId,
      fromLocationId: o.fromLocationId,
      status: 'shipped',
      currency: o.currency,
      expectedCredit: lines.reduce((s, l) => s + l.amount, 0),
      receivedCredit: null,
      creditReference: null,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      note: o.note,
      createdByKind: o.actor.kind,
      createdById: o.actor.id,
      createdAt: o.now.toISOString(),
      creditedAt: null,
    })
    .execute();
  await db.insertInto('vendorReturnLines').values(lines).execute();
  return id;
}

/** Locks a vendor return (PostgreSQL) and gives its status. */
export async function lockVendorReturn(db: Db, id: string): Promise<{ id: string; number: string; status: string } | undefined> {
  let query = db
    .selectFrom('vendorReturns')
    .select(['id', 'number', 'status'])
    .where((eb) => eb.or([eb('id', '=', id), eb('number', '=', id)]));
  if (isPostgres(db)) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Records the credit the supplier gave. */
export async function recordVendorCredit(db: Db, id: string, o: { amount: number; reference: string | null; now: Date }): Promise<void> {
  await db
    .updateTable('vendorReturns')
    .set({ status: 'credited', receivedCredit: o.amount, creditReference: o.reference, creditedAt: o.now.toISOString() })
    .where('id', '=', id)
    .execute();
}

function vendorReturnQuery(db: Db) {
  return db
    .selectFrom('vendorReturns as v')
    .innerJoin('suppliers as s', 's.id', 'v.supplierId')
    .innerJoin('locations as l', 'l.id', 'v.fromLocationId')
    .select([
      'v.id',
      'v.number',
      's.id as supplierId',
      's.code as supplierCode',
      's.name as supplierName',
      'l.code as fromLocation',
      'v.status',
      'v.currency',
      'v.expectedCredit',
      'v.receivedCredit',
      'v.creditReference',
      'v.carrier',
      'v.trackingNumber',
      'v.note',
      'v.createdByKind',
      'v.createdById',
      'v.createdAt',
      'v.creditedAt',
    ]);
}

type VendorReturnSelect = Awaited<ReturnType<ReturnType<typeof vendorReturnQuery>['executeTakeFirstOrThrow']>>;

async function presentVendorReturns(db: Db, rows: VendorReturnSelect[]): Promise<VendorReturnView[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('vendorReturnLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .select(['l.id', 'l.vendorReturnId', 'l.sku', 'p.name as productName', 'l.quantity', 'l.unitCredit', 'l.amount', 'l.lot'])
    .where(
      'l.vendorReturnId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('l.vendorReturnId')
    .orderBy('l.lineNo')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    supplier: { id: r.supplierId, code: r.supplierCode, name: r.supplierName },
    fromLocation: r.fromLocation,
    status: r.status as VendorReturnView['status'],
    currency: r.currency,
    expectedCredit: Number(r.expectedCredit),
    receivedCredit: r.receivedCredit === null ? null : Number(r.receivedCredit),
    creditReference: r.creditReference,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber,
    note: r.note,
    lines: lines
      .filter((l) => l.vendorReturnId === r.id)
      .map(({ vendorReturnId: _v, ...l }) => ({ ...l, quantity: Number(l.quantity), unitCredit: Number(l.unitCredit), amount: Number(l.amount) })),
    createdBy: { kind: r.createdByKind, id: r.createdById },
    createdAt: r.createdAt,
    creditedAt: r.creditedAt,
  }));
}

/** A vendor return by id or number. */
export async function findVendorReturn(db: Db, idOrNumber: string): Promise<VendorReturnView | undefined> {
  const row = await vendorReturnQuery(db)
    .where((eb) => eb.or([eb('v.id', '=', idOrNumber), eb('v.number', '=', idOrNumber)]))
    .executeTakeFirst();
  return row ? (await presentVendorReturns(db, [row]))[0] : undefined;
}

/** Vendor returns, newest first, with cursor paging. */
export async function listVendorReturns(db: Db, o: { supplierId?: string; status?: string; cursor?: string; limit: number }): Promise<VendorReturnView[]> {
  let query = vendorReturnQuery(db).orderBy('v.id', 'desc').limit(o.limit);
  if (o.supplierId) query = query.where('v.supplierId', '=', o.supplierId);
  if (o.status) query = query.where('v.status', '=', o.status);
  if (o.cursor) query = query.where('v.id', '<', o.cursor);
  return presentVendorReturns(db, await query.execute());
}
