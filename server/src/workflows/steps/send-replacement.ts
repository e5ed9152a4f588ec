/**
 * What shipping an exchange's replacement does, in the ship's transaction: the returned
 * units are priced (what they cost the customer), a replacement order numbered after the
 * return (RT-…-X) takes the replacement out of sellable stock (letting go of what the
 * exchange held), and the price difference becomes a charge (store credit, or collected)
 * or a refund.
 */
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/ids.ts';
import { type Exchange, type ExchangeLine, findExchange, updateExchange, updateExchangeLine } from '../../modules/exchanges/exchanges.repository.ts';
import { assertReservationsKept, availableStock, releaseStock } from '../../modules/exchanges/reservations.repository.ts';
import { listLocations } from '../../modules/inventory/locations.repository.ts';
import { postMovements } from '../../modules/inventory/stock.repository.ts';
import { advanceValuedQuantity, insertOrder, orderNumberExists } from '../../modules/orders/orders.repository.ts';
import { appendEvent } from '../../modules/outbox/outbox.repository.ts';
import type { Policy } from '../../modules/policy/policy.schema.ts';
import { allocateInOrder, unitsValue } from '../../modules/refunds/refund-arithmetic.ts';
import { claimedByLine, type RefundMethod } from '../../modules/refunds/refunds.repository.ts';
import { spendStoreCredit } from '../../modules/refunds/store-credit.repository.ts';
import { findReturnLines, type ReturnLineRow, type ReturnRow, updateReturnLine } from '../../modules/returns/returns.repository.ts';
import { replacementLines } from './exchange-stock.ts';
import { recordRefund } from './record-refund.ts';

export type SendReplacementOptions = {
  ctx: AppContext;
  trx: Db;
  ret: ReturnRow;
  lines: readonly ReturnLineRow[];
  policy: Policy;
  now: Date;
  actor: Actor;
  postgres: boolean;
  carrier: string;
  trackingNumber: string;
};

export type SentReplacement = {
  orderId: string;
  orderNumber: string;
  returnedValue: number;
  replacementValue: number;
  difference: number;
  refundId: string | null;
};

/** Prices the returned units not refused and not yet priced (they take their unit numbers from the order line). */
async function priceReturnedUnits(trx: Db, lines: readonly ReturnLineRow[]): Promise<number> {
  const byOrderLine = [...lines].sort((a, b) => (a.orderLineId < b.orderLineId ? -1 : 1));
  let total = 0;
  for (const line of byOrderLine) {
    const units = line.quantity - line.refusedQuantity - line.valuedQuantity;
    let valueAmount = line.valueAmount;
    if (units > 0) {
      const taken = await advanceValuedQuantity(trx, line.orderLineId, units);
      valueAmount += unitsValue(taken.paidAmount, taken.quantity, taken.from, taken.to);
      await updateReturnLine(trx, line.id, { valuedQuantity: line.valuedQuantity + units, valueAmount });
    }
    total += valueAmount;
  }
  return total;
}

/** A free order number derived from the return's: RT-…-X, then RT-…-X2, … */
async function replacementOrderNumber(trx: Db, returnNumber: string): Promise<string> {
  for (let n = 1; ; n++) {
    const number = `${returnNumber}-X${n === 1 ? '' : n}`;
    if (!(await orderNumberExists(trx, number))) return number;
  }
}

/** Takes the replacement out of stock: what the exchange held is let go and shipped; unheld units must be free. */
async function takeOutOfStock(o: SendReplacementOptions, exchange: Exchange, lines: readonly ExchangeLine[], orderId: string): Promise<void> {
  const location = (await listLocations(o.trx)).find((l) => l.id === exchange.locationId);
  if (!location) return;
  const moving: ExchangeLine[] = [];
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    if (line.reservedQuantity > 0) {
      await releaseStock(o.trx, { productId: line.productId, locationId: location.id, quantity: line.reservedQuantity, now: o.now });
      moving.push(line);
      continue;
    }
    const available = await availableStock(o.trx, line.productId, location.id);
    // A product whose stock is not kept in the location ships without a movement.
    if (available === null) continue;
    if (available < line.quantity) {
      throw new AppError(
        'conflict',
        `Not enough ${line.sku} in ${location.code} to ship the replacement: ${Math.max(0, available)} free, ${line.quantity} needed`,
        {
          sku: line.sku,
          location: location.code,
          available: Math.max(0, available),
          needed: line.quantity,
        },
      );
    }
    moving.push(line);
  }
  await postMovements(
    o.trx,
    moving.map((line) => ({
      productId: line.productId,
      sku: line.sku,
      from: location,
      to: null,
      quantity: line.quantity,
      type: 'sale' as const,
      sourceType: 'order',
      sourceId: orderId,
      reason: `换货 ${o.ret.number}`,
      actor: o.actor,
      now: o.now,
    })),
  );
  await assertReservationsKept(o.trx, {
    productIds: moving.map((l) => l.productId),
    locationId: location.id,
    skus: new Map(moving.map((l) => [l.productId, l.sku])),
  });
}

/** Refunds a cheaper replacement's difference over the returned lines. */
async function refundDifference(o: SendReplacementOptions, exchange: Exchange, amount: number): Promise<string> {
  const lines = await findReturnLines(o.trx, o.ret.id);
  const claimed = await claimedByLine(o.trx, o.ret.id);
  const parts = allocateInOrder(
    amount,
    lines.map((l) => l.valueAmount - (claimed.byLine.get(l.id) ?? 0)),
  );
  const refund = await recordRefund({
    ctx: o.ctx,
    trx: o.trx,
    ret: o.ret,
    policy: o.policy,
    now: o.now,
    actor: o.actor,
    amount,
    method: (exchange.differenceMethod ?? 'original') as RefundMethod,
    kind: 'exchange_difference',
    channel: null,
    reference: exchange.chargeReference,
    lines: lines.map((l, i) => ({ returnLineId: l.id, kind: 'goods' as const, amount: parts[i] ?? 0 })),
  });
  return refund.id;
}

/** Ships an exchange's replacement: prices, orders, moves stock, settles the difference. */
export async function sendReplacement(o: SendReplacementOptions): Promise<SentReplacement> {
  const { trx, ret, now } = o;
  const lines = await replacementLines(trx, { returnId: ret.id, orderId: ret.orderId, now });
  const exchange = await findExchange(trx, ret.id);
  if (!exchange) throw new Error(`exchange of ${ret.number} vanished`);
  const returnedValue = await priceReturnedUnits(trx, o.lines);
  const replacementValue = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const difference = replacementValue - returnedValue;

  const orderId = newId('ord');
  const orderNumber = await replacementOrderNumber(trx, ret.number);
  const charge = Math.max(0, difference);
  const chargeMethod = exchange.chargeMethod ?? 'collected';
  await insertOrder(trx, {
    id: orderId,
    number: orderNumber,
    customerId: ret.customerId,
    channel: 'exchange',
    currency: ret.currency,
    placedAt: now.toISOString(),
    deliveredAt: null,
    stockLocationId: exchange.locationId,
    discountAmount: 0,
    shippingFee: 0,
    goodsAmount: replacementValue,
    lines: lines.map((l) => ({
      id: newId('ol'),
      productId: l.productId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountAmount: 0,
      paidAmount: l.unitPrice * l.quantity,
    })),
    payments: [
      { id: newId('pay'), method: 'exchange', amount: Math.min(returnedValue, replacementValue) },
      ...(charge > 0 ? [{ id: newId('pay'), method: chargeMethod, amount: charge }] : []),
    ].filter((p) => p.amount > 0),
    now,
  });
  if (charge > 0 && chargeMethod === 'store_credit') {
    await spendStoreCredit(trx, {
      customerId: ret.customerId,
      amount: charge,
      currency: ret.currency,
      sourceType: 'order',
      sourceId: orderId,
      now,
      postgres: o.postgres,
    });
  }
  await takeOutOfStock(o, exchange, lines, orderId);
  const refundId = difference < 0 ? await refundDifference(o, exchange, -difference) : null;
  for (const line of lines) await updateExchangeLine(trx, line.id, { reservedQuantity: 0, status: 'shipped' });
  await updateExchange(
    trx,
    ret.id,
    {
      status: 'shipped',
      replacementOrderId: orderId,
      returnedValue,
      replacementValue,
      differenceRefundId: refundId,
      chargeMethod: charge > 0 ? chargeMethod : exchange.chargeMethod,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      shippedAt: now.toISOString(),
    },
    now,
  );
  await appendEvent(trx, {
    type: 'order.created',
    aggregateType: 'order',
    aggregateId: orderId,
    payload: { id: orderId, number: orderNumber, returnId: ret.id },
    now,
  });
  return { orderId, orderNumber, returnedValue, replacementValue, difference, refundId };
}
