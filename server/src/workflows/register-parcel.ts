/**
 * A parcel reaches the dock without a return (拒收 a refused delivery, 无主件 no note says
 * whose): its units go into a returns-kind location at once, as `parcel_receipt`
 * movements naming the parcel, and wait there like any stock until the parcel is matched
 * to an order or return, or released.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { postMovements } from '../modules/inventory/stock.repository.ts';
import { findProductByCode, type StockProduct } from '../modules/inventory/stock-products.repository.ts';
import { findParcel, insertParcel } from '../modules/parcels/parcels.repository.ts';
import type { ParcelRegisterBody, ParcelView } from '../modules/parcels/parcels.schema.ts';
import { findLocationsByCodes } from '../modules/warehouses/warehouses.repository.ts';
import { nextStockDocumentNumber } from './steps/resolve-stock-lines.ts';

export type RegisterParcelOptions = { body: ParcelRegisterBody; actor: Actor };

/** Registers a parcel and receives its contents into the returns zone; 400 for unknown SKUs or a location that is not a returns zone. */
export async function registerParcel(ctx: AppContext, o: RegisterParcelOptions): Promise<ParcelView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const code = o.body.location ?? 'RETURNS';
    const location = (await findLocationsByCodes(trx, [code])).get(code);
    if (!location) throw invalidField('location', `Unknown location ${code}`);
    if (location.kind !== 'returns') throw invalidField('location', `${code} is not a returns zone (it is ${location.kind})`);
    const products: StockProduct[] = [];
    for (const [i, line] of o.body.contents.entries()) {
      const product = await findProductByCode(trx, line.sku);
      if (!product) throw invalidField(`contents.${i}.sku`, `No product has the SKU or barcode ${line.sku}`);
      checkMovementLot(product, line.lot, line.quantity, `contents.${i}.lot`);
      products.push(product);
    }
    const number = await nextStockDocumentNumber(trx, 'PC', now);
    const lines = o.body.contents.map((line, i) => ({ productId: products[i]!.id, sku: products[i]!.sku, quantity: line.quantity, lot: line.lot ?? null }));
    const parcelId = await insertParcel(trx, {
      number,
      kind: o.body.kind,
      locationId: location.id,
      carrier: o.body.carrier,
      trackingNumber: o.body.trackingNumber,
      note: o.body.note ?? null,
      photoIds: o.body.photoIds ?? [],
      lines,
      actor: o.actor,
      now,
    });
    await postMovements(
      trx,
      lines.map((line) => ({
        productId: line.productId,
        sku: line.sku,
        from: null,
        to: location,
        quantity: line.quantity,
        type: 'parcel_receipt' as const,
        sourceType: 'parcel',
        sourceId: parcelId,
        reason: `${o.body.kind} ${o.body.carrier} ${o.body.trackingNumber}`,
        lot: line.lot,
        actor: o.actor,
        now,
      })),
    );
    return parcelId;
  });
  const parcel = await findParcel(ctx.db, id);
  if (!parcel) throw notFound('Parcel');
  return parcel;
}
