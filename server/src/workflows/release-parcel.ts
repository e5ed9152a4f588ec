/**
 * Units of a parcel leave the returns zone without a return: put away (a refused delivery
 * in perfect state goes back to MAIN), or out of stock (sent back to the sender,
 * scrapped). `parcel_release` movements name the parcel; once nothing waits and no return
 * took the units, the parcel is closed.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import type { Location } from '../modules/inventory/locations.repository.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { findParcel, lockParcel, updateParcel, updateParcelLine, waitingOf } from '../modules/parcels/parcels.repository.ts';
import type { ParcelReleaseBody, ParcelView } from '../modules/parcels/parcels.schema.ts';
import { findLocationById, findLocationsByCodes } from '../modules/warehouses/warehouses.repository.ts';

export type ReleaseParcelOptions = { parcelId: string; body: ParcelReleaseBody; actor: Actor };

/** Releases units of a parcel; 409 quantity_exceeds_returnable for more than wait for it. */
export async function releaseParcel(ctx: AppContext, o: ReleaseParcelOptions): Promise<ParcelView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockParcel(trx, o.parcelId);
    if (!locked) throw notFound('Parcel');
    const { parcel, lines } = locked;
    const from = await findLocationById(trx, parcel.locationId);
    if (!from) throw new Error(`parcel location ${parcel.locationId} is missing`);
    const codes = o.body.lines.flatMap((l) => (l.toLocation ? [l.toLocation] : []));
    const targets = await findLocationsByCodes(trx, codes);
    const state = lines.map((l) => ({ ...l }));
    const movements: PostMovementOptions[] = [];
    for (const [i, entry] of o.body.lines.entries()) {
      let to: Location | null = null;
      if (entry.toLocation) {
        to = targets.get(entry.toLocation) ?? null;
        if (!to) throw invalidField(`lines.${i}.toLocation`, `Unknown location ${entry.toLocation}`);
        if (to.id === from.id) throw invalidField(`lines.${i}.toLocation`, 'The units are already there');
      }
      const candidates = state.filter((l) => l.sku === entry.sku);
      if (candidates.length === 0) throw invalidField(`lines.${i}.sku`, `Parcel ${parcel.number} holds no ${entry.sku}`);
      const waiting = candidates.reduce((s, l) => s + waitingOf(l), 0);
      if (entry.quantity > waiting) {
        throw new AppError('quantity_exceeds_returnable', `Parcel ${parcel.number} holds ${waiting} of ${entry.sku} still waiting`, {
          sku: entry.sku,
          waiting,
        });
      }
      let left = entry.quantity;
      for (const line of candidates) {
        const take = Math.min(left, waitingOf(line));
        if (take <= 0) continue;
        left -= take;
        line.releasedQuantity += take;
        movements.push({
          productId: line.productId,
          sku: line.sku,
          from,
          to,
          quantity: take,
          type: 'parcel_release',
          sourceType: 'parcel',
          sourceId: parcel.id,
          reason: o.body.reason,
          lot: line.lot,
          actor: o.actor,
          now,
        });
      }
    }
    await postMovements(trx, movements);
    for (const line of state) {
      const before = lines.find((l) => l.id === line.id);
      if (before && before.releasedQuantity !== line.releasedQuantity) await updateParcelLine(trx, line.id, { releasedQuantity: line.releasedQuantity });
    }
    if (state.every((l) => waitingOf(l) === 0) && !parcel.matchedReturnId) await updateParcel(trx, parcel.id, { status: 'closed' });
    return parcel.id;
  });
  const parcel = await findParcel(ctx.db, id);
  if (!parcel) throw notFound('Parcel');
  return parcel;
}
