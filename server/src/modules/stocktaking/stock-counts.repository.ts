/** Count sheets, their lines (with the snapshot) and every count entered: the SQL of stocktaking. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { CountSheetLine, CountStatus, StockCountView, VarianceLine } from './stocktaking.schema.ts';

export type CountRow = {
  id: string;
  number: string;
  planId: string | null;
  warehouseId: string;
  locationIds: string[];
  categories: string[];
  status: CountStatus;
  submittedById: string | null;
  snapshotAt: string;
};

/**
 * Locks a count for the rest of the transaction. Entering counts takes a shared lock, so
 * phones count side by side; submitting, approving and cancelling take it exclusively,
 * so no count slips in while the sheet is being decided (PostgreSQL; SQLite writers are serial).
 */
export async function lockCount(db: Db, id: string, mode: 'share' | 'update'): Promise<CountRow | undefined> {
  let query = db
    .selectFrom('stockCounts')
    .select(['id', 'number', 'planId', 'warehouseId', 'locationIds', 'categories', 'status', 'submittedById', 'snapshotAt'])
    .where((eb) => eb.or([eb('id', '=', id), eb('number', '=', id)]));
  if (isPostgres(db)) query = mode === 'share' ? query.forShare() : query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    locationIds: JSON.parse(row.locationIds) as string[],
    categories: JSON.parse(row.categories) as string[],
    status: row.status as CountStatus,
  };
}

export type InsertCountOptions = {
  number: string;
  planId: string | null;
  warehouseId: string;
  locationIds: string[];
  categories: string[];
  note: string | null;
  actor: Actor;
  now: Date;
};

/**
 * Writes a count sheet and its lines: every product with stock in the locations (and
 * categories) at this moment, with that quantity as expected. One statement reads the
 * levels, so the snapshot is consistent: each level is exactly the sum of the movements
 * committed before it.
 */
export async function insertCountWithSnapshot(db: Db, o: InsertCountOptions): Promise<string> {
  const id = newId('cnt');
  const at = o.now.toISOString();
  await db
    .insertInto('stockCounts')
    .values({
      id,
      number: o.number,
      planId: o.planId,
      warehouseId: o.warehouseId,
      locationIds: JSON.stringify(o.locationIds),
      categories: JSON.stringify(o.categories),
      status: 'counting',
      note: o.note,
      snapshotAt: at,
      createdByKind: o.actor.kind,
      createdById: o.actor.id,
      submittedAt: null,
      submittedById: null,
      approvedAt: null,
      approvedById: null,
      cancelledAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  if (o.locationIds.length === 0) return id;
  let levels = db
    .selectFrom('stockLevels as s')
    .innerJoin('products as p', 'p.id', 's.productId')
    .select(['s.productId', 'p.sku', 's.locationId', 's.onHand', 'p.price'])
    .where('s.locationId', 'in', o.locationIds)
    .where('s.onHand', '!=', 0);
  if (o.categories.length > 0) levels = levels.where('p.category', 'in', o.categories);
  const rows = await levels.execute();
  const lines = rows.map((r) => ({
    id: newId('cntl'),
    countId: id,
    productId: r.productId,
    sku: r.sku,
    locationId: r.locationId,
    expectedQuantity: Number(r.onHand),
    unitPrice: Number(r.price),
    countedQuantity: null,
    countedById: null,
    countedAt: null,
    added: 0,
  }));
  for (let i = 0; i < lines.length; i += 200)
    await db
      .insertInto('stockCountLines')
      .values(lines.slice(i, i + 200))
      .execute();
  return id;
}

/** Open counts (counting or submitted) of a warehouse, with their locations. */
export async function findOpenCounts(db: Db, warehouseId: string): Promise<{ id: string; number: string; locationIds: string[] }[]> {
  const rows = await db
    .selectFrom('stockCounts')
    .select(['id', 'number', 'locationIds'])
    .where('warehouseId', '=', warehouseId)
    .where('status', 'in', ['counting', 'submitted'])
    .execute();
  return rows.map((r) => ({ ...r, locationIds: JSON.parse(r.locationIds) as string[] }));
}

export type UpdateCountPatch = Partial<{
  status: CountStatus;
  note: string | null;
  submittedAt: string | null;
  submittedById: string | null;
  approvedAt: string | null;
  approvedById: string | null;
  cancelledAt: string | null;
}>;

/** Changes a count's status and who decided it. */
export async function updateCount(db: Db, id: string, patch: UpdateCountPatch, now: Date): Promise<void> {
  await db
    .updateTable('stockCounts')
    .set({ ...patch, updatedAt: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

function countQuery(db: Db) {
  return db
    .selectFrom('stockCounts as c')
    .innerJoin('warehouses as w', 'w.id', 'c.warehouseId')
    .leftJoin('users as su', 'su.id', 'c.submittedById')
    .leftJoin('users as au', 'au.id', 'c.approvedById')
    .select([
      'c.id',
      'c.number',
      'c.planId',
      'w.code as warehouseCode',
      'c.locationIds',
      'c.categories',
      'c.status',
      'c.note',
      'c.snapshotAt',
      'c.createdByKind',
      'c.createdById',
      'c.submittedAt',
      'c.submittedById',
      'su.name as submittedByName',
      'c.approvedAt',
      'c.approvedById',
      'au.name as approvedByName',
      'c.cancelledAt',
      'c.createdAt',
    ]);
}

type CountSelect = Awaited<ReturnType<ReturnType<typeof countQuery>['executeTakeFirstOrThrow']>>;

async function presentCounts(db: Db, rows: CountSelect[]): Promise<StockCountView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [progress, codes] = await Promise.all([
    db
      .selectFrom('stockCountLines')
      .select(['countId', (eb) => eb.fn.countAll<number>().as('lines'), (eb) => eb.fn.count<number>('countedQuantity').as('counted')])
      .where('countId', 'in', ids)
      .groupBy('countId')
      .execute(),
    db.selectFrom('locations').select(['id', 'code']).execute(),
  ]);
  const codeOf = new Map(codes.map((c) => [c.id, c.code]));
  return rows.map((r) => {
    const p = progress.find((x) => x.countId === r.id);
    return {
      id: r.id,
      number: r.number,
      planId: r.planId,
      warehouseCode: r.warehouseCode,
      locations: (JSON.parse(r.locationIds) as string[]).map((id) => codeOf.get(id) ?? id).sort(),
      categories: JSON.parse(r.categories) as string[],
      status: r.status as CountStatus,
      note: r.note,
      snapshotAt: r.snapshotAt,
      createdBy: { kind: r.createdByKind, id: r.createdById },
      submittedAt: r.submittedAt,
      submittedBy: r.submittedById ? { id: r.submittedById, name: r.submittedByName ?? '' } : null,
      approvedAt: r.approvedAt,
      approvedBy: r.approvedById ? { id: r.approvedById, name: r.approvedByName ?? '' } : null,
      cancelledAt: r.cancelledAt,
      progress: { lines: Number(p?.lines ?? 0), counted: Number(p?.counted ?? 0) },
      createdAt: r.createdAt,
    };
  });
}

/** A count by id or number, as the API shows it. */
export async function findCountView(db: Db, idOrNumber: string): Promise<StockCountView | undefined> {
  const row = await countQuery(db)
    .where((eb) => eb.or([eb('c.id', '=', idOrNumber), eb('c.number', '=', idOrNumber)]))
    .executeTakeFirst();
  return row ? (await presentCounts(db, [row]))[0] : undefined;
}

/** Counts, newest first, with cursor paging. */
export async function listCounts(db: Db, o: { status?: CountStatus; cursor?: string; limit: number }): Promise<StockCountView[]> {
  let query = countQuery(db).orderBy('c.id', 'desc').limit(o.limit);
  if (o.status) query = query.where('c.status', '=', o.status);
  if (o.cursor) query = query.where('c.id', '<', o.cursor);
  return presentCounts(db, await query.execute());
}

function lineQuery(db: Db) {
  return db
    .selectFrom('stockCountLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .innerJoin('locations as loc', 'loc.id', 'l.locationId')
    .select([
      'l.id',
      'l.countId',
      'l.productId',
      'l.locationId',
      'loc.code as location',
      'l.sku',
      'p.barcode',
      'p.name as productName',
      'l.expectedQuantity',
      'l.unitPrice',
      'l.countedQuantity',
      'l.countedAt',
      'l.added',
    ]);
}

type LineSelect = Awaited<ReturnType<ReturnType<typeof lineQuery>['executeTakeFirstOrThrow']>>;

/** A line as a counter sees it: no expected quantity, no price. */
function toSheetLine(r: LineSelect): CountSheetLine {
  return {
    lineId: r.id,
    location: r.location,
    sku: r.sku,
    barcode: r.barcode,
    productName: r.productName,
    countedQuantity: r.countedQuantity === null ? null : Number(r.countedQuantity),
    countedAt: r.countedAt,
    added: Number(r.added) === 1,
  };
}

export type SheetFilter = { location?: string; uncounted?: boolean };

/** The blind sheet, by location and SKU. */
export async function findSheetLines(db: Db, countId: string, f: SheetFilter = {}): Promise<CountSheetLine[]> {
  let query = lineQuery(db).where('l.countId', '=', countId).orderBy('loc.code').orderBy('l.sku');
  if (f.location) query = query.where('loc.code', '=', f.location);
  if (f.uncounted) query = query.where('l.countedQuantity', 'is', null);
  return (await query.execute()).map(toSheetLine);
}

/** Sheet lines by id, blind. */
export async function findSheetLinesByIds(db: Db, ids: readonly string[]): Promise<CountSheetLine[]> {
  if (ids.length === 0) return [];
  return (
    await lineQuery(db)
      .where('l.id', 'in', [...new Set(ids)])
      .orderBy('loc.code')
      .orderBy('l.sku')
      .execute()
  ).map(toSheetLine);
}

export type LineKey = { id: string; countId: string; productId: string; locationId: string; countedQuantity: number | null; expectedQuantity: number };

/** A line by id (within the count), or by product and location. */
export async function findLine(db: Db, countId: string, by: { lineId: string } | { productId: string; locationId: string }): Promise<LineKey | undefined> {
  let query = db
    .selectFrom('stockCountLines')
    .select(['id', 'countId', 'productId', 'locationId', 'countedQuantity', 'expectedQuantity'])
    .where('countId', '=', countId);
  query = 'lineId' in by ? query.where('id', '=', by.lineId) : query.where('productId', '=', by.productId).where('locationId', '=', by.locationId);
  const row = await query.executeTakeFirst();
  return row
    ? { ...row, countedQuantity: row.countedQuantity === null ? null : Number(row.countedQuantity), expectedQuantity: Number(row.expectedQuantity) }
    : undefined;
}

/**
 * Adds a line found during the count. Nothing of it was on hand at the snapshot (every
 * level then was put on the sheet), so it expects zero. Two phones adding the same line
 * at once end with one line.
 */
export async function addFoundLine(db: Db, o: { countId: string; productId: string; sku: string; locationId: string; unitPrice: number }): Promise<LineKey> {
  await db
    .insertInto('stockCountLines')
    .values({ id: newId('cntl'), ...o, expectedQuantity: 0, countedQuantity: null, countedById: null, countedAt: null, added: 1 })
    .onConflict((oc) => oc.columns(['countId', 'productId', 'locationId']).doNothing())
    .execute();
  const line = await findLine(db, o.countId, { productId: o.productId, locationId: o.locationId });
  if (!line) throw new Error('count line vanished after insert');
  return line;
}

/** Records a count on a line (set, or add to the count so far) and the entry; returns the new count. */
export async function recordCount(
  db: Db,
  o: { countId: string; lineId: string; mode: 'set' | 'add'; quantity: number; source: 'api' | 'excel'; actor: Actor; now: Date },
): Promise<number> {
  const at = o.now.toISOString();
  const row = await db
    .updateTable('stockCountLines')
    .set({
      countedQuantity: o.mode === 'set' ? o.quantity : sql<number>`coalesce(counted_quantity, 0) + ${o.quantity}`,
      countedById: o.actor.id,
      countedAt: at,
    })
    .where('id', '=', o.lineId)
    .returning('countedQuantity')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('stockCountEntries')
    .values({
      id: newId('cnte'),
      countId: o.countId,
      lineId: o.lineId,
      mode: o.mode,
      quantity: o.quantity,
      source: o.source,
      actorKind: o.actor.kind,
      actorId: o.actor.id,
      createdAt: at,
    })
    .execute();
  return Number(row.countedQuantity);
}

/** Sets every uncounted line of a count to zero, recording the entries; returns how many. */
export async function zeroUncountedLines(db: Db, o: { countId: string; actor: Actor; now: Date }): Promise<number> {
  const lines = await db.selectFrom('stockCountLines').select('id').where('countId', '=', o.countId).where('countedQuantity', 'is', null).execute();
  for (const line of lines) await recordCount(db, { countId: o.countId, lineId: line.id, mode: 'set', quantity: 0, source: 'api', actor: o.actor, now: o.now });
  return lines.length;
}

/** Uncounted lines of a count (up to a limit), to say which are missing. */
export async function findUncountedLines(db: Db, countId: string, limit: number): Promise<{ lineId: string; sku: string; location: string }[]> {
  const rows = await lineQuery(db)
    .where('l.countId', '=', countId)
    .where('l.countedQuantity', 'is', null)
    .orderBy('loc.code')
    .orderBy('l.sku')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ lineId: r.id, sku: r.sku, location: r.location }));
}

/** Everyone who entered a count on the sheet. */
export async function findCounters(db: Db, countId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('stockCountEntries').select('actorId').distinct().where('countId', '=', countId).where('actorId', 'is not', null).execute();
  return new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])));
}

/** Every line with its snapshot, count, price and, unless posted, the level now. */
export async function findVarianceLines(db: Db, countId: string, withCurrent: boolean): Promise<VarianceLine[]> {
  const rows = await lineQuery(db).where('l.countId', '=', countId).orderBy('loc.code').orderBy('l.sku').execute();
  const current = new Map<string, number>();
  if (withCurrent && rows.length > 0) {
    const levels = await db
      .selectFrom('stockLevels')
      .select(['productId', 'locationId', 'onHand'])
      .where('locationId', 'in', [...new Set(rows.map((r) => r.locationId))])
      .where('productId', 'in', [...new Set(rows.map((r) => r.productId))])
      .execute();
    for (const l of levels) current.set(`${l.productId}|${l.locationId}`, Number(l.onHand));
  }
  return rows.map((r) => {
    const expected = Number(r.expectedQuantity);
    const counted = r.countedQuantity === null ? null : Number(r.countedQuantity);
    const variance = counted === null ? null : counted - expected;
    const price = Number(r.unitPrice);
    const onHand = withCurrent ? (current.get(`${r.productId}|${r.locationId}`) ?? 0) : null;
    return {
      lineId: r.id,
      location: r.location,
      sku: r.sku,
      productName: r.productName,
      expectedQuantity: expected,
      countedQuantity: counted,
      variance,
      unitPrice: price,
      varianceValue: variance === null ? null : variance * price,
      currentOnHand: onHand,
      movedSinceSnapshot: onHand === null ? null : onHand - expected,
      resultingOnHand: onHand === null ? null : onHand + (variance ?? 0),
      added: Number(r.added) === 1,
    };
  });
}

/** Lines to correct on posting: counted and different from the snapshot. */
export async function findCorrections(db: Db, countId: string): Promise<{ productId: string; sku: string; locationId: string; variance: number }[]> {
  const rows = await db
    .selectFrom('stockCountLines')
    .select(['productId', 'sku', 'locationId', 'expectedQuantity', 'countedQuantity'])
    .where('countId', '=', countId)
    .where('countedQuantity', 'is not', null)
    .execute();
  return rows
    .map((r) => ({ productId: r.productId, sku: r.sku, locationId: r.locationId, variance: Number(r.countedQuantity) - Number(r.expectedQuantity) }))
    .filter((r) => r.variance !== 0);
}
