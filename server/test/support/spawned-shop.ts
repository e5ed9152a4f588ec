/** A shop built over HTTP on a spawned server: auto-approval on, one product in stock, customers with delivered orders. */
import { expect } from 'vitest';
import { type HttpClient, runPool } from './spawned-server.ts';

export const unitPrice = 1000;

let serial = 0;
/** A unique document number. */
export const nextNumber = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++serial}`;

export type ShopOrder = { id: string; number: string; customerId: string; lineId: string; quantity: number; paidAmount: number };

/** Auto-approval for every return (refund-only too), so returns are ready to receive or refund at once. */
export async function autoApproveEverything(admin: HttpClient): Promise<void> {
  const policy = await admin.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: null }, autoApproveRefundOnly: true });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
}

/** A returnable product with `stock` units in MAIN. */
export async function stockedProduct(admin: HttpClient, stock: number): Promise<{ sku: string }> {
  const sku = nextNumber('SKU');
  const product = await admin.post('/api/v1/products', { sku, name: '压测商品', category: '服装', price: unitPrice });
  expect(product.status, JSON.stringify(product.body)).toBe(201);
  const adjusted = await admin.post('/api/v1/inventory/adjustments', { sku, location: 'MAIN', quantity: stock, reason: 'opening stock' });
  expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
  return { sku };
}

/** The body of an order of `quantity` units delivered yesterday (historical: stock untouched unless `stockLocation`). */
export function orderBody(o: { customerId: string; sku: string; quantity: number; stockLocation?: string; number?: string }) {
  return {
    number: o.number ?? nextNumber('SO'),
    customerId: o.customerId,
    channel: 'tmall',
    currency: 'CNY',
    placedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
    ...(o.stockLocation ? { stockLocation: o.stockLocation } : {}),
    lines: [{ sku: o.sku, quantity: o.quantity, unitPrice }],
    payments: [{ method: 'alipay', amount: unitPrice * o.quantity }],
  };
}

/** `count` customers, each with one delivered order of `quantity` units. */
export async function customersWithOrders(admin: HttpClient, sku: string, count: number, quantity: number): Promise<ShopOrder[]> {
  const made = await runPool(
    Array.from({ length: count }, (_, i) => async () => {
      const customer = await admin.post('/api/v1/customers', { name: `顾客${i}`, phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` });
      expect(customer.status, JSON.stringify(customer.body)).toBe(201);
      const order = await admin.post('/api/v1/orders', orderBody({ customerId: customer.body.id, sku, quantity }));
      expect(order.status, JSON.stringify(order.body)).toBe(201);
      const line = order.body.lines[0];
      return {
        id: order.body.id,
        number: order.body.number,
        customerId: customer.body.id,
        lineId: line.id,
        quantity,
        paidAmount: line.paidAmount,
      } as ShopOrder;
    }),
    4,
  );
  return made.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
}

/** The body of a return of every unit of an order's line. */
export function returnBody(order: ShopOrder, type: 'return' | 'refund_only' = 'return') {
  return { orderId: order.id, type, resolution: 'refund', lines: [{ orderLineId: order.lineId, quantity: order.quantity, reasonCode: 'no_reason' }] };
}

/** Files a return (auto-approved) for each order; answers the returns. */
export async function approvedReturns(admin: HttpClient, orders: ShopOrder[], type: 'return' | 'refund_only') {
  const made = await runPool(
    orders.map((order) => async () => {
      const created = await admin.post('/api/v1/returns', returnBody(order, type));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.status).toBe('approved');
      return { order, id: created.body.id as string, lineId: created.body.lines[0].id as string };
    }),
    4,
  );
  return made.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
}
