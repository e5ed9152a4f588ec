/** Stock per product and location, units sold and returned per product, and the ledger with its documents. */
import type { Db } from '../../db/connect.ts';
import type { LedgerRow } from './stock-overview.schema.ts';

export type ProductStockRow = {
  productId: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable: boolean;
  levels: Record<string, number>;
  soldUnits: number;
  returnedUnits: number;
};

export type ProductStockOptions = { q?: string; category?: string; location?: string; offset: number; limit: number };

/** A page of products by SKU with their levels and units sold and returned; with the total that match. */
export async function findProductStockPage(db: Db, o: ProductStockOptions): Promise<{ rows: ProductStockRow[]; total: number }> {
  let query = db.selectFrom('products as p');
  if (o.category) query = query.where('p.category', '=', o.category);
  if (o.q) {
    const like = `%${o.q.trim().replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('p.sku', 'like', like), eb('p.name', 'like', like), eb('p.barcode', '=', o.q ?? '')]));
  }
  if (o.location) {
    const code = o.location;
    query = query.where(
      'p.id',
      'in',
      db
        .selectFrom('stockLevels as sl')
        .innerJoin('locations as loc', 'loc.id', 'sl.locationId')
        .select('sl.productId')
        .where('loc.code', '=', code)
        .where('sl.onHand', '!=', 0),
    );
  }
  const [count, products] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    query.select(['p.id', 'p.sku', 'p.name', 'p.category', 'p.price', 'p.returnable']).orderBy('p.sku').offset(o.offset).limit(o.limit).execute(),
  ]);
  const ids = products.map((p) => p.id);
  if (ids.length === 0) return { rows: [], total: Number(count?.n ?? 0) };
  const [levels, sold, returned] = await Promise.all([
    db
      .selectFrom('stockLevels as sl')
      .innerJoin('locations as loc', 'loc.id', 'sl.locationId')
      .select(['sl.productId', 'loc.code', 'sl.onHand'])
      .where('sl.productId', 'in', ids)
      .execute(),
    db
      .selectFrom('orderLines')
      .select(['productId', (eb) => eb.fn.sum<number>('quantity').as('n')])
      .where('productId', 'in', ids)
      .groupBy('productId')
      .execute(),
    db
      .selectFrom('returnLines as l')
      .innerJoin('returns as r', 'r.id', 'l.returnId')
      .select(['l.productId', (eb) => eb.fn.sum<number>('l.quantity').as('n')])
      .where('l.productId', 'in', ids)
      .where('r.status', 'not in', ['rejected', 'cancelled'])
      .groupBy('l.productId')
      .execute(),
  ]);
  const soldBy = new Map(sold.map((r) => [r.productId, Number(r.n ?? 0)]));
  const returnedBy = new Map(returned.map((r) => [r.productId, Number(r.n ?? 0)]));
  const rows = products.map((p) => ({
    productId: p.id,
    sku: p.sku,
    name: p.name,
    category: p.category,
    price: Number(p.price),
    returnable: p.returnable === 1,
    levels: Object.fromEntries(levels.filter((l) => l.productId === p.id).map((l) => [l.code, Number(l.onHand)])),
    soldUnits: soldBy.get(p.id) ?? 0,
    returnedUnits: returnedBy.get(p.id) ?? 0,
  }));
  return { rows, total: Number(count?.n ?? 0) };
}

/** Every location with the units on hand there. */
export async function locationTotals(db: Db): Promise<{ code: string; name: string; kind: string; onHand: number }[]> {
  const rows = await db
    .selectFrom('locations as loc')
    .leftJoin('stockLevels as sl', 'sl.locationId', 'loc.id')
    .select(['loc.code', 'loc.name', 'loc.kind', (eb) => eb.fn.sum<number>('sl.onHand').as('onHand')])
    .groupBy(['loc.code', 'loc.name', 'loc.kind'])
    .orderBy('loc.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, onHand: Number(r.onHand ?? 0) }));
}

export type LedgerOptions = { sku?: string; location?: string; offset: number; limit: number };

/** Ledger lines, newest first, with the number of the source document and the name of who posted them. */
export async function findLedgerPage(db: Db, o: LedgerOptions): Promise<{ rows: LedgerRow[]; total: number }> {
  let query = db
    .selectFrom('stockMovements as m')
    .innerJoin('products as p', 'p.id', 'm.productId')
    .leftJoin('locations as f', 'f.id', 'm.fromLocationId')
    .leftJoin('locations as t', 't.id', 'm.toLocationId');
  if (o.sku) query = query.where('p.sku', '=', o.sku);
  if (o.location) {
    const code = o.location;
    query = query.where((eb) => eb.or([eb('f.code', '=', code), eb('t.code', '=', code)]));
  }
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    query
      .leftJoin('returns as r', (join) => join.onRef('r.id', '=', 'm.sourceId').on('m.sourceType', '=', 'return'))
      .leftJoin('orders as o', (join) => join.onRef('o.id', '=', 'm.sourceId').on('m.sourceType', '=', 'order'))
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'm.actorId').on('m.actorKind', '=', 'user'))
      .select([
        'm.id',
        'p.sku',
        'p.name as productName',
        'f.code as fromLocation',
        't.code as toLocation',
        'm.quantity',
        'm.type',
        'm.sourceType',
        'm.sourceId',
        'm.reason',
        'm.createdAt',
        'r.number as returnNumber',
        'o.number as orderNumber',
        'u.name as actorName',
      ])
      .orderBy('m.id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map(({ returnNumber, orderNumber, ...r }) => ({ ...r, quantity: Number(r.quantity), sourceNumber: returnNumber ?? orderNumber ?? null })),
  };
}
