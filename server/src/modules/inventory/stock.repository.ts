/**
 * The stock ledger. Movements are append-only; levels are a projection updated in the
 * same transaction as each movement, so levels always equal the sum of the ledger.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';
import type { Location } from './locations.repository.ts';

export type MovementType =
  | 'sale'
  | 'return_receipt'
  | 'inspection_restock'
  | 'inspection_damaged'
  | 'scrap'
  | 'return_to_vendor'
  | 'adjustment'
  | 'transfer'
  | 'count_correction'
  | 'refused_return'
  | 'opening_stock'
  | 'parcel_receipt'
  | 'parcel_match'
  | 'parcel_release';

export type PostMovementOptions = {
  productId: string;
  sku: string;
  from: Location | null;
  to: Location | null;
  quantity: number;
  type: MovementType;
  sourceType: string;
  sourceId: string;
  reason?: string | null;
  lot?: string | null;
  actor: Actor;
  now: Date;
};

async function changeLevel(db: Db, productId: string, location: Location, delta: number, sku: string, now: string): Promise<void> {
  // Upsert the level, then refuse a negative result unless the location allows it. On
  // PostgreSQL the upsert takes the row lock, serialising concurrent writers on one level.
  const row = await db
    .insertInto('stockLevels')
    .values({ productId, locationId: location.id, onHand: delta, reserved: 0, updatedAt: now })
    .onConflict((oc) => oc.columns(['productId', 'locationId']).doUpdateSet({ onHand: sql`stock_levels.on_hand + ${delta}`, updatedAt: now }))
    .returning('onHand')
    .executeTakeFirstOrThrow();
  if (Number(row.onHand) < 0 && !location.allowNegative) {
    throw new AppError('conflict', `Not enough stock of ${sku} in ${location.code}: short by ${-Number(row.onHand)}`, {
      sku,
      location: location.code,
      short: -Number(row.onHand),
    });
  }
}

/** Appends one movement and updates the levels it touches; run inside a transaction. */
export async function postMovement(db: Db, options: PostMovementOptions): Promise<string> {
  const [id] = await postMovements(db, [options]);
  if (!id) throw new Error('movement was not posted');
  return id;
}

/**
 * Appends movements and updates the levels they touch; run inside a transaction. The
 * levels change in one fixed order (by product, then location) whatever the order of the
 * movements, so transactions moving the same products never wait on each other's level
 * rows in a circle (a deadlock on PostgreSQL).
 */
export async function postMovements(db: Db, movements: readonly PostMovementOptions[]): Promise<string[]> {
  const changes = new Map<string, { productId: string; location: Location; sku: string; delta: number; now: string }>();
  const change = (m: PostMovementOptions, location: Location, delta: number) => {
    const key = `${m.productId}|${location.id}`;
    const entry = changes.get(key) ?? { productId: m.productId, location, sku: m.sku, delta: 0, now: m.now.toISOString() };
    entry.delta += delta;
    changes.set(key, entry);
  };
  for (const m of movements) {
    if (!Number.isInteger(m.quantity) || m.quantity <= 0) throw new Error('movement quantity must be a positive integer');
    if (m.from) change(m, m.from, -m.quantity);
    if (m.to) change(m, m.to, m.quantity);
  }
  const ordered = [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
  for (const c of ordered) {
    if (c.delta !== 0) await changeLevel(db, c.productId, c.location, c.delta, c.sku, c.now);
  }
  const ids: string[] = [];
  for (const m of movements) {
    const id = newId('mov');
    await db
      .insertInto('stockMovements')
      .values({
        id,
        productId: m.productId,
        fromLocationId: m.from?.id ?? null,
        toLocationId: m.to?.id ?? null,
        quantity: m.quantity,
        type: m.type,
        sourceType: m.sourceType,
        sourceId: m.sourceId,
        lot: m.lot ?? null,
        reason: m.reason ?? null,
        actorKind: m.actor.kind,
        actorId: m.actor.id,
        createdAt: m.now.toISOString(),
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

export type LevelRow = { sku: string; productName: string; location: string; locationKind: string; onHand: number; reserved: number };

/** Stock levels, optionally for one SKU or location. */
export async function listLevels(db: Db, filter: { sku?: string; location?: string }): Promise<LevelRow[]> {
  let query = db
    .selectFrom('stockLevels')
    .innerJoin('products', 'products.id', 'stockLevels.productId')
    .innerJoin('locations', 'locations.id', 'stockLevels.locationId')
    .select([
      'products.sku',
      'products.name as productName',
      'locations.code as location',
      'locations.kind as locationKind',
      'stockLevels.onHand',
      'stockLevels.reserved',
    ])
    .orderBy('products.sku')
    .orderBy('locations.code');
  if (filter.sku) query = query.where('products.sku', '=', filter.sku);
  if (filter.location) query = query.where('locations.code', '=', filter.location);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, onHand: Number(r.onHand), reserved: Number(r.reserved) }));
}

export type MovementRow = {
  id: string;
  sku: string;
  fromLocation: string | null;
  toLocation: string | null;
  quantity: number;
  type: string;
  sourceType: string;
  sourceId: string;
  reason: string | null;
  lot: string | null;
  actor: { kind: string; id: string | null };
  createdAt: string;
};

export type MovementFilter = { sku?: string; location?: string; sourceId?: string; cursor?: string; limit: number };

/** The ledger, oldest first, with cursor paging. */
export async function listMovements(db: Db, filter: MovementFilter): Promise<MovementRow[]> {
  let query = db
    .selectFrom('stockMovements as m')
    .innerJoin('products as p', 'p.id', 'm.productId')
    .leftJoin('locations as f', 'f.id', 'm.fromLocationId')
    .leftJoin('locations as t', 't.id', 'm.toLocationId')
    .select([
      'm.id',
      'p.sku',
      'f.code as fromLocation',
      't.code as toLocation',
      'm.quantity',
      'm.type',
      'm.sourceType',
      'm.sourceId',
      'm.reason',
      'm.lot',
      'm.actorKind',
      'm.actorId',
      'm.createdAt',
    ])
    .orderBy('m.id')
    .limit(filter.limit);
  if (filter.sku) query = query.where('p.sku', '=', filter.sku);
  if (filter.sourceId) query = query.where('m.sourceId', '=', filter.sourceId);
  if (filter.location) {
    const code = filter.location;
    query = query.where((eb) => eb.or([eb('f.code', '=', code), eb('t.code', '=', code)]));
  }
  if (filter.cursor) query = query.where('m.id', '>', filter.cursor);
  const rows = await query.execute();
  return rows.map(({ actorKind, actorId, ...r }) => ({ ...r, quantity: Number(r.quantity), actor: { kind: actorKind, id: actorId } }));
}

/**
 * Levels recomputed from the ledger, for checking the projection (tests, stocktaking):
 * per product and location code, Σ in − Σ out.
 */
export async function ledgerBalances(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('stockMovements').select(['productId', 'fromLocationId', 'toLocationId', 'quantity']).execute();
  const balances = new Map<string, number>();
  const add = (key: string, delta: number) => balances.set(key, (balances.get(key) ?? 0) + delta);
  for (const r of rows) {
    if (r.fromLocationId) add(`${r.productId}|${r.fromLocationId}`, -Number(r.quantity));
    if (r.toLocationId) add(`${r.productId}|${r.toLocationId}`, Number(r.quantity));
  }
  return balances;
}
