/**
 * Stock held for exchanges: `stock_levels.reserved` counts units promised to approved
 * exchanges, so what can still be sold or promised is onHand − reserved. A reservation is
 * one conditional UPDATE (the row lock on PostgreSQL, the writer lock on SQLite), so two
 * exchanges racing for the last unit cannot both get it.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../lib/app-error.ts';

export type ReserveOutcome =
  /** The units are held. */
  | { kind: 'reserved' }
  /** The product has never been stocked in the location: nothing to hold (stock is not kept for it there). */
  | { kind: 'untracked' }
  /** Too few units are free. */
  | { kind: 'short'; available: number };

/** Holds units of a product in a location for an exchange. */
export async function reserveStock(db: Db, o: { productId: string; locationId: string; quantity: number; now: Date }): Promise<ReserveOutcome> {
  const result = await db
    .updateTable('stockLevels')
    .set({ reserved: sql`reserved + ${o.quantity}`, updatedAt: o.now.toISOString() })
    .where('productId', '=', o.productId)
    .where('locationId', '=', o.locationId)
    .where(sql<boolean>`on_hand - reserved >= ${o.quantity}`)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return { kind: 'reserved' };
  const level = await availableStock(db, o.productId, o.locationId);
  return level === null ? { kind: 'untracked' } : { kind: 'short', available: level };
}

/** Lets go of units held for an exchange (shipped, cancelled, or changed). */
export async function releaseStock(db: Db, o: { productId: string; locationId: string; quantity: number; now: Date }): Promise<void> {
  if (o.quantity <= 0) return;
  await db
    .updateTable('stockLevels')
    .set({ reserved: sql`case when reserved > ${o.quantity} then reserved - ${o.quantity} else 0 end`, updatedAt: o.now.toISOString() })
    .where('productId', '=', o.productId)
    .where('locationId', '=', o.locationId)
    .execute();
}

/** Units free to sell or promise (onHand − reserved), or null when the product has no level in the location. */
export async function availableStock(db: Db, productId: string, locationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('stockLevels')
    .select(['onHand', 'reserved'])
    .where('productId', '=', productId)
    .where('locationId', '=', locationId)
    .executeTakeFirst();
  return row ? Number(row.onHand) - Number(row.reserved) : null;
}

/**
 * After a sale took units out of a location: 409 conflict when it dug into units held
 * for exchanges. Run in the sale's transaction, after its movements (which locked the rows).
 */
export async function assertReservationsKept(db: Db, o: { productIds: readonly string[]; locationId: string; skus: Map<string, string> }): Promise<void> {
  if (o.productIds.length === 0) return;
  const broken = await db
    .selectFrom('stockLevels')
    .select(['productId', 'onHand', 'reserved'])
    .where('locationId', '=', o.locationId)
    .where('productId', 'in', [...new Set(o.productIds)])
    .where('reserved', '>', 0)
    .where(sql<boolean>`on_hand < reserved`)
    .execute();
  const first = broken[0];
  if (first) {
    const sku = o.skus.get(first.productId) ?? first.productId;
    throw new AppError('conflict', `Not enough free stock of ${sku}: ${Number(first.reserved)} units are held for exchanges`, {
      sku,
      onHand: Number(first.onHand),
      reserved: Number(first.reserved),
    });
  }
}
