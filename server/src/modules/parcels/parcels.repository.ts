/** Parcels held at the dock and their lines: the only SQL of the parcels module. */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { ParcelView } from './parcels.schema.ts';

export type ParcelRow = {
  id: string;
  number: string;
  kind: string;
  status: string;
  locationId: string;
  matchedOrderId: string | null;
  matchedReturnId: string | null;
};

export type ParcelLineRow = {
  id: string;
  parcelId: string;
  lineNo: number;
  productId: string;
  sku: string;
  quantity: number;
  lot: string | null;
  matchedQuantity: number;
  releasedQuantity: number;
};

export type InsertParcelOptions = {
  number: string;
  kind: string;
  locationId: string;
  carrier: string;
  trackingNumber: string;
  note: string | null;
  photoIds: string[];
  lines: { productId: string; sku: string; quantity: number; lot: string | null }[];
  actor: Actor;
  now: Date;
};

/** Writes a parcel and its lines; run inside the transaction that posts its receipt. */
export async function insertParcel(db: Db, o: InsertParcelOptions): Promise<string> {
  const id = newId('pcl');
  await db
    .insertInto('dockParcels')
    .values({
      id,
      number: o.number,
      kind: o.kind,
      locationId: o.locationId,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      note: o.note,
      photoIds: JSON.stringify(o.photoIds),
      status: 'unmatched',
      matchedOrderId: null,
      matchedReturnId: null,
      matchedAt: null,
      matchedById: null,
      createdByKind: o.actor.kind,
      createdById: o.actor.id,
      createdAt: o.now.toISOString(),
    })
    .execute();
  let lineNo = 0;
  for (const line of o.lines) {
    lineNo += 1;
    await db
      .insertInto('dockParcelLines')
      .values({ id: newId('pcll'), parcelId: id, lineNo, productId: line.productId, sku: line.sku, quantity: line.quantity, lot: line.lot })
      .execute();
  }
  return id;
}

/** Locks a parcel for a change (FOR UPDATE on PostgreSQL; SQLite writers are serial). */
export async function lockParcel(db: Db, idOrNumber: string): Promise<{ parcel: ParcelRow; lines: ParcelLineRow[] } | undefined> {
  let query = db
    .selectFrom('dockParcels')
    .select(['id', 'number', 'kind', 'status', 'locationId', 'matchedOrderId', 'matchedReturnId'])
    .where((eb) => eb.or([eb('id', '=', idOrNumber), eb('number', '=', idOrNumber)]));
  if (isPostgres(db)) query = query.forUpdate();
  const parcel = await query.executeTakeFirst();
  if (!parcel) return undefined;
  const lines = await db.selectFrom('dockParcelLines').selectAll().where('parcelId', '=', parcel.id).orderBy('lineNo').execute();
  return {
    parcel,
    lines: lines.map((l) => ({ ...l, quantity: Number(l.quantity), matchedQuantity: Number(l.matchedQuantity), releasedQuantity: Number(l.releasedQuantity) })),
  };
}

/** Units of a parcel line still held for it. */
export function waitingOf(line: Pick<ParcelLineRow, 'quantity' | 'matchedQuantity' | 'releasedQuantity'>): number {
  return line.quantity - line.matchedQuantity - line.releasedQuantity;
}

/** Writes a parcel line's counters. */
export async function updateParcelLine(db: Db, id: string, patch: { matchedQuantity?: number; releasedQuantity?: number }): Promise<void> {
  await db.updateTable('dockParcelLines').set(patch).where('id', '=', id).execute();
}

/** Writes a parcel's status and links. */
export async function updateParcel(
  db: Db,
  id: string,
  patch: {
    status?: string;
    matchedOrderId?: string | null;
    matchedReturnId?: string | null;
    matchedAt?: string | null;
    matchedById?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await db.updateTable('dockParcels').set(patch).where('id', '=', id).execute();
}

function parcelQuery(db: Db) {
  return db
    .selectFrom('dockParcels as p')
    .innerJoin('locations as l', 'l.id', 'p.locationId')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouseId')
    .leftJoin('orders as o', 'o.id', 'p.matchedOrderId')
    .leftJoin('returns as r', 'r.id', 'p.matchedReturnId')
    .select([
      'p.id',
      'p.number',
      'p.kind',
      'p.status',
      'l.code as location',
      'w.code as warehouseCode',
      'p.carrier',
      'p.trackingNumber',
      'p.note',
      'p.photoIds',
      'p.matchedOrderId',
      'o.number as orderNumber',
      'p.matchedReturnId',
      'r.number as returnNumber',
      'p.matchedAt',
      'p.createdByKind',
      'p.createdById',
      'p.createdAt',
    ]);
}

type ParcelSelect = Awaited<ReturnType<ReturnType<typeof parcelQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Db, rows: ParcelSelect[]): Promise<ParcelView[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('dockParcelLines as pl')
    .innerJoin('products as p', 'p.id', 'pl.productId')
    .select(['pl.id', 'pl.parcelId', 'pl.sku', 'p.name as productName', 'pl.quantity', 'pl.lot', 'pl.matchedQuantity', 'pl.releasedQuantity'])
    .where(
      'pl.parcelId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('pl.parcelId')
    .orderBy('pl.lineNo')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind as ParcelView['kind'],
    status: r.status as ParcelView['status'],
    location: r.location,
    warehouseCode: r.warehouseCode,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber,
    note: r.note,
    photoIds: JSON.parse(r.photoIds) as string[],
    lines: lines
      .filter((l) => l.parcelId === r.id)
      .map(({ parcelId: _p, ...l }) => {
        const counters = { quantity: Number(l.quantity), matchedQuantity: Number(l.matchedQuantity), releasedQuantity: Number(l.releasedQuantity) };
        return { ...l, ...counters, waitingQuantity: waitingOf(counters) };
      }),
    matchedOrder: r.matchedOrderId && r.orderNumber ? { id: r.matchedOrderId, number: r.orderNumber } : null,
    matchedReturn: r.matchedReturnId && r.returnNumber ? { id: r.matchedReturnId, number: r.returnNumber } : null,
    matchedAt: r.matchedAt,
    createdBy: { kind: r.createdByKind, id: r.createdById },
    createdAt: r.createdAt,
  }));
}

/** A parcel by id or number, as the API shows it. */
export async function findParcel(db: Db, idOrNumber: string): Promise<ParcelView | undefined> {
  const row = await parcelQuery(db)
    .where((eb) => eb.or([eb('p.id', '=', idOrNumber), eb('p.number', '=', idOrNumber)]))
    .executeTakeFirst();
  if (!row) return undefined;
  return (await present(db, [row]))[0];
}

export type ParcelFilter = { status?: string; q?: string; cursor?: string; limit: number };

/** Parcels, oldest first (the dock works the oldest first), with cursor paging. */
export async function listParcels(db: Db, f: ParcelFilter): Promise<ParcelView[]> {
  let query = parcelQuery(db).orderBy('p.id').limit(f.limit);
  if (f.status) query = query.where('p.status', '=', f.status);
  if (f.cursor) query = query.where('p.id', '>', f.cursor);
  if (f.q) {
    const q = f.q;
    query = query.where((eb) =>
      eb.or([
        eb('p.trackingNumber', '=', q),
        eb('p.number', '=', q),
        eb('p.id', 'in', eb.selectFrom('dockParcelLines').select('parcelId').where('sku', '=', q)),
      ]),
    );
  }
  return present(db, await query.execute());
}
