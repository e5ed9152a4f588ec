/**
 * Lot (批次) and serial (序列号) numbers on movements. A product tracks none, lot or serial;
 * a returned unit's lot or serial must be one the order sold, and not already back.
 *
 * Integration: the receive workflow (and matching a parcel to a return) calls
 * `assertReturnedLots` with the order and the lots read at the dock, then posts the receipt
 * movements with `lot` set. Sales must record lots first (the sale movement's `lot`);
 * until they do, a tracked product's returned lots are `unverifiable`.
 */
import type { Db } from '../../db/connect.ts';
import { AppError, invalidField } from '../../lib/app-error.ts';
import type { Tracking } from './stock-products.repository.ts';

/** 400 when a movement line's lot does not fit the product's tracking. */
export function checkMovementLot(product: { sku: string; tracking: Tracking }, lot: string | null | undefined, quantity: number, path: string): void {
  if (!lot) return;
  if (product.tracking === 'none') throw invalidField(path, `${product.sku} does not track lots or serial numbers`);
  if (product.tracking === 'serial' && quantity !== 1) throw invalidField(path, `${product.sku} tracks serial numbers: one unit per serial number`);
}

export type ReturnedLotEntry = { lot: string | null; quantity: number };

export type LotCheckOutcome =
  /** The lot or serial was sold on the order and enough of it is still out with the customer. */
  | 'ok'
  /** The product tracks nothing, and nothing was given. */
  | 'not_tracked'
  /** The product tracks nothing, yet a lot was given. */
  | 'unexpected_lot'
  /** The product tracks lots or serials, and none was given. */
  | 'missing_lot'
  /** A serial number names one unit. */
  | 'serial_quantity'
  /** The order's sale recorded no lots (a historical import, or a sale before lots were recorded). */
  | 'unverifiable'
  /** The order never sold this lot or serial. */
  | 'not_sold'
  /** More units of this lot or serial than were sold and are not back yet. */
  | 'already_returned';

export type LotCheck = ReturnedLotEntry & { outcome: LotCheckOutcome; sold: number; returned: number };

export type CheckReturnedLotsOptions = { orderId: string; productId: string; tracking: Tracking; entries: readonly ReturnedLotEntry[] };

async function lotTotals(db: Db, o: { orderId: string; productId: string }): Promise<{ sold: Map<string, number>; returned: Map<string, number> }> {
  const [sold, returned, parcels] = await Promise.all([
    db
      .selectFrom('stockMovements')
      .select(['lot', (eb) => eb.fn.sum<number>('quantity').as('n')])
      .where('productId', '=', o.productId)
      .where('type', '=', 'sale')
      .where('sourceType', '=', 'order')
      .where('sourceId', '=', o.orderId)
      .where('lot', 'is not', null)
      .groupBy('lot')
      .execute(),
    db
      .selectFrom('stockMovements')
      .select(['lot', (eb) => eb.fn.sum<number>('quantity').as('n')])
      .where('productId', '=', o.productId)
      .where('type', 'in', ['return_receipt', 'parcel_match'])
      .where('sourceType', '=', 'return')
      .where('sourceId', 'in', db.selectFrom('returns').select('id').where('orderId', '=', o.orderId))
      .where('lot', 'is not', null)
      .groupBy('lot')
      .execute(),
    // Parcels linked to the order but not yet to a return are back too.
    db
      .selectFrom('dockParcelLines as l')
      .innerJoin('dockParcels as p', 'p.id', 'l.parcelId')
      .select(['l.lot', (eb) => eb.fn.sum<number>('l.quantity').as('n')])
      .where('l.productId', '=', o.productId)
      .where('p.matchedOrderId', '=', o.orderId)
      .where('p.matchedReturnId', 'is', null)
      .where('l.lot', 'is not', null)
      .groupBy('l.lot')
      .execute(),
  ]);
  const toMap = (rows: { lot: string | null; n: number | null }[], into = new Map<string, number>()) => {
    for (const r of rows) if (r.lot) into.set(r.lot, (into.get(r.lot) ?? 0) + Number(r.n ?? 0));
    return into;
  };
  return { sold: toMap(sold), returned: toMap(parcels, toMap(returned)) };
}

/** Checks each returned lot or serial against what the order sold and what is already back. */
export async function checkReturnedLots(db: Db, o: CheckReturnedLotsOptions): Promise<LotCheck[]> {
  const { sold, returned } = o.tracking === 'none' ? { sold: new Map<string, number>(), returned: new Map<string, number>() } : await lotTotals(db, o);
  const arriving = new Map<string, number>();
  return o.entries.map((entry) => {
    const lot = entry.lot;
    const soldOf = lot ? (sold.get(lot) ?? 0) : 0;
    const back = lot ? (returned.get(lot) ?? 0) + (arriving.get(lot) ?? 0) : 0;
    const result = (outcome: LotCheckOutcome): LotCheck => ({ ...entry, outcome, sold: soldOf, returned: back });
    if (o.tracking === 'none') return result(lot ? 'unexpected_lot' : 'not_tracked');
    if (!lot) return result('missing_lot');
    if (o.tracking === 'serial' && entry.quantity !== 1) return result('serial_quantity');
    if (sold.size === 0) return result('unverifiable');
    if (soldOf === 0) return result('not_sold');
    if (back + entry.quantity > soldOf) return result('already_returned');
    arriving.set(lot, (arriving.get(lot) ?? 0) + entry.quantity);
    return result('ok');
  });
}

/**
 * Throws 409 conflict (details: each entry and its outcome) unless every returned lot
 * matches the sale; `unverifiable` passes unless `strict`.
 */
export async function assertReturnedLots(db: Db, o: CheckReturnedLotsOptions & { sku: string; strict?: boolean }): Promise<LotCheck[]> {
  const checks = await checkReturnedLots(db, o);
  const passing: LotCheckOutcome[] = o.strict ? ['ok', 'not_tracked'] : ['ok', 'not_tracked', 'unverifiable'];
  const failed = checks.filter((c) => !passing.includes(c.outcome));
  if (failed.length > 0) {
    throw new AppError(
      'conflict',
      `Lots or serial numbers of ${o.sku} do not match what the order sold: ${failed.map((f) => `${f.lot ?? '—'} ${f.outcome}`).join(', ')}`,
      {
        sku: o.sku,
        lots: failed,
      },
    );
  }
  return checks;
}
