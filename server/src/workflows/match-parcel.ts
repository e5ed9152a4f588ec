/**
 * Matching a parcel held at the dock. To an order (a refused delivery, 拒收): a link only,
 * nothing moves. To a return: the parcel's waiting units count as received by the return,
 * as if the return's parcel had been scanned — the return's lines take them as received
 * (accepted at once under refund on receipt), the timeline records `parcel_matched`, and a
 * `parcel_match` movement carries the units to RETURNS under the return's name, so the
 * inspection finds them where it looks. No unit enters stock twice.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { everything } from '../lib/scope.ts';
import { findLocationByCode } from '../modules/inventory/locations.repository.ts';
import { assertReturnedLots } from '../modules/inventory/lot-tracking.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockProductsByIds } from '../modules/inventory/stock-products.repository.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { findParcel, lockParcel, updateParcel, updateParcelLine, waitingOf } from '../modules/parcels/parcels.repository.ts';
import type { ParcelView } from '../modules/parcels/parcels.schema.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import { updateReturnLine } from '../modules/returns/returns.repository.ts';
import { findLocationById } from '../modules/warehouses/warehouses.repository.ts';
import { changeReturn } from './steps/change-return.ts';

export type MatchParcelOptions = { parcelId: string; actor: Actor; note?: string | undefined };

async function assertLotsAgainstOrder(
  trx: Parameters<typeof findOrder>[0],
  orderId: string,
  lines: { productId: string; sku: string; lot: string | null; quantity: number }[],
): Promise<void> {
  const products = await findStockProductsByIds(
    trx,
    lines.map((l) => l.productId),
  );
  for (const productId of new Set(lines.map((l) => l.productId))) {
    const product = products.get(productId);
    if (!product || product.tracking === 'none') continue;
    const entries = lines.filter((l) => l.productId === productId).map((l) => ({ lot: l.lot, quantity: l.quantity }));
    await assertReturnedLots(trx, { orderId, productId, tracking: product.tracking, sku: product.sku, entries });
  }
}

/** Links a parcel to an order; 409 when it is already matched or holds SKUs the order never had. */
export async function matchParcelToOrder(ctx: AppContext, o: MatchParcelOptions & { orderId: string }): Promise<ParcelView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockParcel(trx, o.parcelId);
    if (!locked) throw notFound('Parcel');
    const { parcel, lines } = locked;
    if (parcel.matchedOrderId || parcel.matchedReturnId) throw new AppError('conflict', `Parcel ${parcel.number} is already matched`);
    const order = await findOrder(trx, o.orderId, everything);
    if (!order) throw notFound('Order');
    const skus = new Set(order.lines.map((l) => l.sku));
    const foreign = [...new Set(lines.filter((l) => !skus.has(l.sku)).map((l) => l.sku))];
    if (foreign.length > 0) throw new AppError('conflict', `Order ${order.number} has no ${foreign.join(', ')}`, { skus: foreign });
    await assertLotsAgainstOrder(trx, order.id, lines);
    await updateParcel(trx, parcel.id, {
      status: 'matched',
      matchedOrderId: order.id,
      matchedAt: now.toISOString(),
      matchedById: o.actor.id,
      ...(o.note ? { note: o.note } : {}),
    });
    return parcel.id;
  });
  const parcel = await findParcel(ctx.db, id);
  if (!parcel) throw notFound('Parcel');
  return parcel;
}

/**
 * Counts a parcel's waiting units as received by a return. 409 invalid_transition when the
 * return receives nothing now; 409 quantity_exceeds_returnable when the parcel holds more
 * than the return still expects; 409 conflict when the parcel belongs to another order or
 * its lots were not sold on the return's order.
 */
export async function matchParcelToReturn(ctx: AppContext, o: MatchParcelOptions & { returnId: string }): Promise<ParcelView> {
  let parcelId = '';
  await changeReturn(
    ctx,
    { returnId: o.returnId, scope: everything, action: 'receive', timelineAction: 'parcel_matched', actor: o.actor },
    async ({ trx, ret, lines, now }) => {
      if (!goodsComeBack(ret)) throw new AppError('invalid_transition', `Return ${ret.number} has no goods to receive`, { status: ret.status });
      const locked = await lockParcel(trx, o.parcelId);
      if (!locked) throw notFound('Parcel');
      const { parcel, lines: parcelLines } = locked;
      parcelId = parcel.id;
      if (parcel.matchedReturnId) throw new AppError('conflict', `Parcel ${parcel.number} is already matched to a return`);
      if (parcel.matchedOrderId && parcel.matchedOrderId !== ret.orderId) throw new AppError('conflict', `Parcel ${parcel.number} is matched to another order`);
      const from = await findLocationById(trx, parcel.locationId);
      const returnsZone = await findLocationByCode(trx, 'RETURNS');
      if (!from || !returnsZone) throw new Error('location of the parcel or RETURNS is missing');

      const due = new Map(lines.map((l) => [l.id, l.quantity - l.receivedQuantity]));
      const received = new Map<string, number>();
      const short: { sku: string; waiting: number; due: number }[] = [];
      const movements: PostMovementOptions[] = [];
      const waitingLines = parcelLines.filter((l) => waitingOf(l) > 0);
      if (waitingLines.length === 0) throw new AppError('conflict', `Parcel ${parcel.number} holds nothing that still waits`);
      await assertLotsAgainstOrder(
        trx,
        ret.orderId,
        waitingLines.map((l) => ({ ...l, quantity: waitingOf(l) })),
      );
      for (const pl of waitingLines) {
        let left = waitingOf(pl);
        for (const line of lines.filter((l) => l.productId === pl.productId)) {
          const take = Math.min(left, due.get(line.id) ?? 0);
          if (take <= 0) continue;
          left -= take;
          due.set(line.id, (due.get(line.id) ?? 0) - take);
          received.set(line.id, (received.get(line.id) ?? 0) + take);
        }
        if (left > 0) short.push({ sku: pl.sku, waiting: waitingOf(pl), due: waitingOf(pl) - left });
        movements.push({
          productId: pl.productId,
          sku: pl.sku,
          from,
          to: returnsZone,
          quantity: waitingOf(pl),
          type: 'parcel_match',
          sourceType: 'return',
          sourceId: ret.id,
          reason: `parcel ${parcel.number}`,
          lot: pl.lot,
          actor: o.actor,
          now,
        });
      }
      if (short.length > 0) {
        throw new AppError(
          'quantity_exceeds_returnable',
          `Parcel ${parcel.number} holds more than return ${ret.number} still expects: ${short.map((s) => `${s.sku} ${s.waiting} (due ${s.due})`).join(', ')}; release the rest first`,
          short,
        );
      }
      await postMovements(trx, movements);
      for (const line of lines) {
        const quantity = received.get(line.id);
        if (!quantity) continue;
        await updateReturnLine(trx, line.id, {
          receivedQuantity: line.receivedQuantity + quantity,
          ...(ret.refundOnReceipt ? { acceptedQuantity: line.acceptedQuantity + quantity } : {}),
        });
      }
      for (const pl of waitingLines) await updateParcelLine(trx, pl.id, { matchedQuantity: pl.matchedQuantity + waitingOf(pl) });
      await updateParcel(trx, parcel.id, {
        status: 'matched',
        matchedOrderId: ret.orderId,
        matchedReturnId: ret.id,
        matchedAt: now.toISOString(),
        matchedById: o.actor.id,
        ...(o.note ? { note: o.note } : {}),
      });
      return {
        events: ['return.received'],
        note: `parcel ${parcel.number}`,
        data: { parcelId: parcel.id, lines: [...received].map(([lineId, quantity]) => ({ lineId, quantity })) },
      };
    },
  );
  const parcel = await findParcel(ctx.db, parcelId);
  if (!parcel) throw notFound('Parcel');
  return parcel;
}
