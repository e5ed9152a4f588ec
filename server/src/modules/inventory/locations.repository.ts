/** Warehouses and their locations (MAIN sellable, RETURNS returns zone, DAMAGED 不良品 …). */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type LocationKind = 'sellable' | 'returns' | 'quarantine' | 'damaged';

export type Location = { id: string; code: string; name: string; kind: LocationKind; warehouseId: string; warehouseCode: string; allowNegative: boolean };

export type Warehouse = { id: string; code: string; name: string; address: string | null; contactName: string | null; contactPhone: string | null };

const defaultWarehouse = { code: 'WH1', name: '主仓库', address: '上海市青浦区华新镇华志路1688号 退货组', contactName: '退货组', contactPhone: '021-60000000' };
const defaultLocations: { code: string; name: string; kind: LocationKind }[] = [
  { code: 'MAIN', name: '可售库位', kind: 'sellable' },
  { code: 'RETURNS', name: '退货专区', kind: 'returns' },
  { code: 'DAMAGED', name: '不良品区', kind: 'damaged' },
];

/** Creates the default warehouse and the contract's locations when missing (first start). */
export async function ensureDefaultLocations(db: Db, now: Date): Promise<void> {
  let warehouse = await db.selectFrom('warehouses').select('id').where('code', '=', defaultWarehouse.code).executeTakeFirst();
  if (!warehouse) {
    warehouse = { id: newId('wh') };
    await db
      .insertInto('warehouses')
      .values({ id: warehouse.id, ...defaultWarehouse, createdAt: now.toISOString() })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    warehouse = await db.selectFrom('warehouses').select('id').where('code', '=', defaultWarehouse.code).executeTakeFirstOrThrow();
  }
  for (const location of defaultLocations) {
    await db
      .insertInto('locations')
      .values({ id: newId('loc'), ...location, warehouseId: warehouse.id, allowNegative: 0, createdAt: now.toISOString() })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

function locationQuery(db: Db) {
  return db
    .selectFrom('locations')
    .innerJoin('warehouses', 'warehouses.id', 'locations.warehouseId')
    .select([
      'locations.id',
      'locations.code',
      'locations.name',
      'locations.kind',
      'locations.warehouseId',
      'warehouses.code as warehouseCode',
      'locations.allowNegative',
    ]);
}

function toLocation(row: {
  id: string;
  code: string;
  name: string;
  kind: string;
  warehouseId: string;
  warehouseCode: string;
  allowNegative: number;
}): Location {
  return { ...row, kind: row.kind as LocationKind, allowNegative: row.allowNegative === 1 };
}

/** All locations by code. */
export async function listLocations(db: Db): Promise<Location[]> {
  return (await locationQuery(db).orderBy('locations.code').execute()).map(toLocation);
}

/** Locations by code after `cursor` (a code), `limit + 1` of them so the caller knows whether a page follows. */
export async function pageLocations(db: Db, o: { cursor?: string; limit: number }): Promise<Location[]> {
  let query = locationQuery(db)
    .orderBy('locations.code')
    .limit(o.limit + 1);
  if (o.cursor) query = query.where('locations.code', '>', o.cursor);
  return (await query.execute()).map(toLocation);
}

/** A location by its code. */
export async function findLocationByCode(db: Db, code: string): Promise<Location | undefined> {
  const row = await locationQuery(db).where('locations.code', '=', code).executeTakeFirst();
  return row ? toLocation(row) : undefined;
}

/** Locations by id, for presenting movements. */
export async function locationCodesById(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('locations').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The warehouse that receives returns (the default one for now). */
export async function findReturnsWarehouse(db: Db): Promise<Warehouse | undefined> {
  const row = await db
    .selectFrom('warehouses')
    .innerJoin('locations', 'locations.warehouseId', 'warehouses.id')
    .select(['warehouses.id', 'warehouses.code', 'warehouses.name', 'warehouses.address', 'warehouses.contactName', 'warehouses.contactPhone'])
    .where('locations.code', '=', 'RETURNS')
    .executeTakeFirst();
  return row;
}
