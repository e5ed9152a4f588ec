/**
 * Warehouses and their locations: create, change, remove. The contract's locations (MAIN,
 * RETURNS, DAMAGED of the default warehouse) keep their codes and kinds; a warehouse or
 * location that stock ever touched is kept, since the ledger names it.
 */
import type { Db } from '../../db/connect.ts';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';
import type { Location, LocationKind } from '../inventory/locations.repository.ts';
import type {
  LocationCreateBody,
  LocationUpdateBody,
  WarehouseCreateBody,
  WarehouseLocationView,
  WarehouseUpdateBody,
  WarehouseView,
} from './warehouses.schema.ts';

/** The API contract's locations, which exist from the first start. */
export const contractLocationCodes: readonly string[] = ['MAIN', 'RETURNS', 'DAMAGED'];

const defaultLocationsOf = (code: string): { code: string; name: string; kind: LocationKind }[] => [
  { code: `${code}-MAIN`, name: '可售库位', kind: 'sellable' },
  { code: `${code}-RETURNS`, name: '退货专区', kind: 'returns' },
  { code: `${code}-QC`, name: '待检区', kind: 'quarantine' },
  { code: `${code}-DAMAGED`, name: '不良品区', kind: 'damaged' },
];

type LocationRow = { id: string; code: string; name: string; kind: string; warehouseId: string; warehouseCode: string; allowNegative: number };

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

/** A stored location row as the stock ledger's Location. */
export function toStockLocation(row: LocationRow): Location {
  return { ...row, kind: row.kind as LocationKind, allowNegative: Number(row.allowNegative) === 1 };
}

function toLocationView(row: LocationRow): WarehouseLocationView {
  return { ...toStockLocation(row), contract: contractLocationCodes.includes(row.code) };
}

/** Locations by code, the ledger's shape; unknown codes are absent from the map. */
export async function findLocationsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, Location>> {
  if (codes.length === 0) return new Map();
  const rows = await locationQuery(db)
    .where('locations.code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, toStockLocation(r)]));
}

/** A location by id. */
export async function findLocationById(db: Db, id: string): Promise<Location | undefined> {
  const row = await locationQuery(db).where('locations.id', '=', id).executeTakeFirst();
  return row ? toStockLocation(row) : undefined;
}

/** The locations of a warehouse, by code. */
export async function findWarehouseLocations(db: Db, warehouseId: string): Promise<Location[]> {
  return (await locationQuery(db).where('locations.warehouseId', '=', warehouseId).orderBy('locations.code').execute()).map(toStockLocation);
}

/** The id of the default warehouse: the one holding the contract's RETURNS location. */
export async function defaultWarehouseId(db: Db): Promise<string> {
  const row = await db.selectFrom('locations').select('warehouseId').where('code', '=', 'RETURNS').executeTakeFirst();
  if (!row) throw new Error('location RETURNS is missing');
  return row.warehouseId;
}

type WarehouseRow = {
  id: string;
  code: string;
  name: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
};

async function presentWarehouses(db: Db, rows: WarehouseRow[]): Promise<WarehouseView[]> {
  if (rows.length === 0) return [];
  const locations = await locationQuery(db)
    .where(
      'locations.warehouseId',
      'in',
      rows.map((w) => w.id),
    )
    .orderBy('locations.code')
    .execute();
  const defaultId = await defaultWarehouseId(db);
  return rows.map((w) => ({
    ...w,
    isDefault: w.id === defaultId,
    locations: locations.filter((l) => l.warehouseId === w.id).map(toLocationView),
  }));
}

const warehouseColumns = ['id', 'code', 'name', 'address', 'contactName', 'contactPhone', 'createdAt'] as const;

/** Every warehouse with its locations, by code. */
export async function listWarehouses(db: Db): Promise<WarehouseView[]> {
  return presentWarehouses(db, await db.selectFrom('warehouses').select(warehouseColumns).orderBy('code').execute());
}

/** A warehouse by id or code, with its locations. */
export async function findWarehouse(db: Db, idOrCode: string): Promise<WarehouseView | undefined> {
  const row = await db
    .selectFrom('warehouses')
    .select(warehouseColumns)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!row) return undefined;
  const [view] = await presentWarehouses(db, [row]);
  return view;
}

/** A warehouse by id or code, or 404. */
export async function requireWarehouse(db: Db, idOrCode: string): Promise<WarehouseView> {
  const warehouse = await findWarehouse(db, idOrCode);
  if (!warehouse) throw notFound('Warehouse');
  return warehouse;
}

async function assertLocationCodesFree(db: Db, codes: string[]): Promise<void> {
  const taken = await db.selectFrom('locations').select('code').where('code', 'in', codes).execute();
  if (taken.length > 0) throw new AppError('conflict', `Location code ${taken.map((t) => t.code).join(', ')} is taken`, { codes: taken.map((t) => t.code) });
}

/** Creates a warehouse, with a location of each kind unless told not to; 409 for a taken code. */
export async function createWarehouse(db: Db, body: WarehouseCreateBody, now: Date): Promise<WarehouseView> {
  const existing = await db.selectFrom('warehouses').select('id').where('code', '=', body.code).executeTakeFirst();
  if (existing) throw new AppError('conflict', `Warehouse code ${body.code} is taken`, { code: body.code });
  const locations = body.defaultLocations ? defaultLocationsOf(body.code) : [];
  if (locations.length > 0)
    await assertLocationCodesFree(
      db,
      locations.map((l) => l.code),
    );
  const id = newId('wh');
  const at = now.toISOString();
  await db
    .insertInto('warehouses')
    .values({
      id,
      code: body.code,
      name: body.name,
      address: body.address ?? null,
      contactName: body.contactName ?? null,
      contactPhone: body.contactPhone ?? null,
      createdAt: at,
    })
    .execute();
  for (const l of locations) {
    await db
      .insertInto('locations')
      .values({ id: newId('loc'), ...l, warehouseId: id, allowNegative: 0, createdAt: at })
      .execute();
  }
  return requireWarehouse(db, id);
}

/** Changes a warehouse's name, address or contact; its code never changes. */
export async function updateWarehouse(db: Db, id: string, body: WarehouseUpdateBody): Promise<WarehouseView> {
  const warehouse = await requireWarehouse(db, id);
  const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length > 0) await db.updateTable('warehouses').set(patch).where('id', '=', warehouse.id).execute();
  return requireWarehouse(db, warehouse.id);
}

async function locationsInUse(db: Db, locationIds: readonly string[]): Promise<string[]> {
  if (locationIds.length === 0) return [];
  const ids = [...locationIds];
  const [moved, counted, parcels] = await Promise.all([
    db
      .selectFrom('stockMovements')
      .select(['fromLocationId', 'toLocationId'])
      .where((eb) => eb.or([eb('fromLocationId', 'in', ids), eb('toLocationId', 'in', ids)]))
      .limit(1)
      .execute(),
    db.selectFrom('stockCountLines').select('locationId').where('locationId', 'in', ids).limit(1).execute(),
    db.selectFrom('dockParcels').select('locationId').where('locationId', 'in', ids).limit(1).execute(),
  ]);
  const used = new Set<string>();
  for (const m of moved) {
    if (m.fromLocationId && ids.includes(m.fromLocationId)) used.add(m.fromLocationId);
    if (m.toLocationId && ids.includes(m.toLocationId)) used.add(m.toLocationId);
  }
  for (const c of counted) used.add(c.locationId);
  for (const p of parcels) used.add(p.locationId);
  return [...used];
}

/** Removes a warehouse nothing ever happened in, with its locations; 409 otherwise. */
export async function deleteWarehouse(db: Db, id: string): Promise<void> {
  const warehouse = await requireWarehouse(db, id);
  if (warehouse.isDefault) throw new AppError('conflict', `Warehouse ${warehouse.code} holds the contract's locations and stays`);
  const used = await locationsInUse(
    db,
    warehouse.locations.map((l) => l.id),
  );
  const plans = await db.selectFrom('stockCountPlans').select('id').where('warehouseId', '=', warehouse.id).limit(1).execute();
  const counts = await db.selectFrom('stockCounts').select('id').where('warehouseId', '=', warehouse.id).limit(1).execute();
  if (used.length > 0 || plans.length > 0 || counts.length > 0) {
    throw new AppError('conflict', `Warehouse ${warehouse.code} has stock history, counts or plans; it is kept`, { warehouse: warehouse.code });
  }
  await db.deleteFrom('dispositionLocations').where('warehouseId', '=', warehouse.id).execute();
  const locationIds = warehouse.locations.map((l) => l.id);
  if (locationIds.length > 0) await db.deleteFrom('stockLevels').where('locationId', 'in', locationIds).execute();
  await db.deleteFrom('locations').where('warehouseId', '=', warehouse.id).execute();
  await db.deleteFrom('warehouses').where('id', '=', warehouse.id).execute();
}

/** Adds a location to a warehouse; 409 for a taken code. */
export async function createLocation(db: Db, body: LocationCreateBody, now: Date): Promise<WarehouseLocationView> {
  const warehouse = await findWarehouse(db, body.warehouse);
  if (!warehouse) throw invalidField('warehouse', `Unknown warehouse ${body.warehouse}`);
  await assertLocationCodesFree(db, [body.code]);
  const id = newId('loc');
  await db
    .insertInto('locations')
    .values({
      id,
      code: body.code,
      name: body.name,
      kind: body.kind,
      warehouseId: warehouse.id,
      allowNegative: body.allowNegative ? 1 : 0,
      createdAt: now.toISOString(),
    })
    .execute();
  return requireLocationView(db, id);
}

/** A location by id or code, as the API shows it; 404 when unknown. */
export async function requireLocationView(db: Db, idOrCode: string): Promise<WarehouseLocationView> {
  const row = await locationQuery(db)
    .where((eb) => eb.or([eb('locations.id', '=', idOrCode), eb('locations.code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!row) throw notFound('Location');
  return toLocationView(row);
}

/**
 * Renames a location, lets it go negative or not, or changes its kind. The contract's
 * locations keep their kind, and a kind changes only while the location holds nothing.
 */
export async function updateLocation(db: Db, idOrCode: string, body: LocationUpdateBody): Promise<WarehouseLocationView> {
  const location = await requireLocationView(db, idOrCode);
  if (body.kind && body.kind !== location.kind) {
    if (location.contract) throw new AppError('conflict', `${location.code} is one of the contract's locations; its kind stays ${location.kind}`);
    const held = await db.selectFrom('stockLevels').select('onHand').where('locationId', '=', location.id).where('onHand', '!=', 0).limit(1).execute();
    if (held.length > 0) throw new AppError('conflict', `${location.code} holds stock; empty it before changing its kind`);
    const mapped = await db.selectFrom('dispositionLocations').select('disposition').where('locationId', '=', location.id).limit(1).execute();
    if (mapped.length > 0) throw new AppError('conflict', `${location.code} receives inspected units (${mapped[0]?.disposition}); change that mapping first`);
  }
  const patch = {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.kind === undefined ? {} : { kind: body.kind }),
    ...(body.allowNegative === undefined ? {} : { allowNegative: body.allowNegative ? 1 : 0 }),
  };
  if (Object.keys(patch).length > 0) await db.updateTable('locations').set(patch).where('id', '=', location.id).execute();
  return requireLocationView(db, location.id);
}

/** Removes a location stock never touched; 409 for the contract's locations and used ones. */
export async function deleteLocation(db: Db, idOrCode: string): Promise<void> {
  const location = await requireLocationView(db, idOrCode);
  if (location.contract) throw new AppError('conflict', `${location.code} is one of the contract's locations and stays`);
  if ((await locationsInUse(db, [location.id])).length > 0) throw new AppError('conflict', `${location.code} has stock history; it is kept`);
  const mapped = await db.selectFrom('dispositionLocations').select('disposition').where('locationId', '=', location.id).limit(1).execute();
  if (mapped.length > 0) throw new AppError('conflict', `${location.code} receives inspected units (${mapped[0]?.disposition}); change that mapping first`);
  await db.deleteFrom('stockLevels').where('locationId', '=', location.id).execute();
  await db.deleteFrom('locations').where('id', '=', location.id).execute();
}
