/** Records an order: lines priced to the fen, payments checked, stock taken out when asked. */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField } from '../lib/app-error.ts';
import { newId } from '../lib/ids.ts';
import { everything } from '../lib/scope.ts';
import { findProductsBySkus } from '../modules/catalog/products.repository.ts';
import { findCustomerById } from '../modules/customers/customers.repository.ts';
import { assertReservationsKept } from '../modules/exchanges/reservations.repository.ts';
import { findLocationByCode } from '../modules/inventory/locations.repository.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockProductsBySkus } from '../modules/inventory/stock-products.repository.ts';
import { allocatePaidAmounts } from '../modules/orders/allocation.ts';
import { findOrder, insertOrder, type Order, orderNumberExists } from '../modules/orders/orders.repository.ts';
import type { OrderCreateBody } from '../modules/orders/orders.schema.ts';
import { appendEvent } from '../modules/outbox/outbox.repository.ts';
import { spendStoreCredit } from '../modules/refunds/store-credit.repository.ts';

/** 400 unless the lots given for a line fit its product's tracking, add up to its quantity, and leave stock (stockLocation). */
async function checkSoldLots(db: Db, body: OrderCreateBody): Promise<void> {
  const lotted = body.lines.flatMap((line, i) => (line.lots ? [{ line, i, lots: line.lots }] : []));
  if (lotted.length === 0) return;
  const products = await findStockProductsBySkus(
    db,
    lotted.map((l) => l.line.sku),
  );
  for (const { line, i, lots } of lotted) {
    if (!body.stockLocation) throw invalidField(`lines.${i}.lots`, 'Lots are recorded on the sale movement: give stockLocation');
    const product = products.get(line.sku);
    if (!product) throw invalidField(`lines.${i}.sku`, `Unknown SKU ${line.sku}`);
    const total = lots.reduce((s, l) => s + l.quantity, 0);
    if (total !== line.quantity) throw invalidField(`lines.${i}.lots`, `The lots add up to ${total}, the line sells ${line.quantity}`);
    lots.forEach((l, j) => {
      checkMovementLot(product, l.lot, l.quantity, `lines.${i}.lots.${j}.lot`);
    });
  }
}

/** Creates an order; 400 for unknown SKUs/customer or unbalanced payments, 409 for a taken number or short stock. */
export async function createOrder(ctx: AppContext, body: OrderCreateBody, actor: Actor): Promise<Order> {
  const now = ctx.clock.now();
  const lineBases = body.lines.map((l) => ({ unitPrice: l.unitPrice, quantity: l.quantity, discountAmount: l.discountAmount }));
  body.lines.forEach((l, i) => {
    if (l.discountAmount > l.unitPrice * l.quantity) throw invalidField(`lines.${i}.discountAmount`, 'Line discount exceeds the line amount');
  });
  const baseTotal = lineBases.reduce((s, l) => s + l.unitPrice * l.quantity - l.discountAmount, 0);
  if (body.discountAmount > baseTotal) throw invalidField('discountAmount', 'Order discount exceeds the goods amount');
  const paid = allocatePaidAmounts(lineBases, body.discountAmount);
  const goodsAmount = paid.reduce((s, p) => s + p, 0);
  const paymentsTotal = body.payments.reduce((s, p) => s + p.amount, 0);
  if (paymentsTotal !== goodsAmount + body.shippingFee) {
    throw invalidField(
      'payments',
      `Payments add up to ${paymentsTotal} but the order costs ${goodsAmount + body.shippingFee} (goods ${goodsAmount} + shipping ${body.shippingFee})`,
    );
  }

  const orderId = newId('ord');
  await ctx.db.transaction().execute(async (trx) => {
    const customer = await findCustomerById(trx, body.customerId);
    if (!customer) throw invalidField('customerId', `No customer ${body.customerId}`);
    const products = await findProductsBySkus(
      trx,
      body.lines.map((l) => l.sku),
    );
    body.lines.forEach((l, i) => {
      if (!products.has(l.sku)) throw invalidField(`lines.${i}.sku`, `Unknown SKU ${l.sku}`);
    });
    const location = body.stockLocation ? await findLocationByCode(trx, body.stockLocation) : null;
    if (body.stockLocation && !location) throw invalidField('stockLocation', `Unknown location ${body.stockLocation}`);
    await checkSoldLots(trx, body);
    if (await orderNumberExists(trx, body.number)) throw new AppError('conflict', `Order number ${body.number} already exists`, { number: body.number });

    const lines = body.lines.map((l, i) => {
      const product = products.get(l.sku);
      if (!product) throw invalidField(`lines.${i}.sku`, `Unknown SKU ${l.sku}`);
      return {
        id: newId('ol'),
        productId: product.id,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountAmount: l.discountAmount,
        paidAmount: paid[i] ?? 0,
      };
    });
    await insertOrder(trx, {
      id: orderId,
      number: body.number,
      customerId: body.customerId,
      channel: body.channel,
      currency: body.currency,
      placedAt: new Date(body.placedAt).toISOString(),
      deliveredAt: body.deliveredAt ? new Date(body.deliveredAt).toISOString() : null,
      stockLocationId: location?.id ?? null,
      discountAmount: body.discountAmount,
      shippingFee: body.shippingFee,
      goodsAmount,
      lines,
      payments: body.payments.map((p) => ({ id: newId('pay'), method: p.method, amount: p.amount })),
      now,
    });
    if (location) {
      await postMovements(
        trx,
        lines.flatMap((line, i) =>
          // One sale line per lot sold, when the lots were given.
          (body.lines[i]?.lots ?? [{ lot: null, quantity: line.quantity }]).map(({ lot, quantity }) => ({
            productId: line.productId,
            sku: line.sku,
            from: location,
            to: null,
            quantity,
            type: 'sale' as const,
            sourceType: 'order',
            sourceId: orderId,
            lot,
            actor,
            now,
          })),
        ),
      );
    }
    if (location) {
      // A sale may not take units held for approved exchanges.
      await assertReservationsKept(trx, {
        productIds: lines.map((l) => l.productId),
        locationId: location.id,
        skus: new Map(lines.map((l) => [l.productId, l.sku])),
      });
    }
    // Paid (partly) in store credit: the customer's balance is debited now, 409 when short.
    for (const payment of body.payments.filter((p) => p.method === 'store_credit' && p.amount > 0)) {
      await spendStoreCredit(trx, {
        customerId: body.customerId,
        amount: payment.amount,
        currency: body.currency,
        sourceType: 'order',
        sourceId: orderId,
        now,
        postgres: isPostgres(trx),
      });
    }
    await appendEvent(trx, { type: 'order.created', aggregateType: 'order', aggregateId: orderId, payload: { id: orderId, number: body.number }, now });
  });
  ctx.notifyOutbox();
  const order = await findOrder(ctx.db, orderId, everything);
  if (!order) throw new Error('order vanished after commit');
  return order;
}
