/** Orders with their lines (and what each line cost the customer) and payments. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { Scope } from '../../lib/scope.ts';

export type OrderLine = {
  id: string;
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  category: string;
  returnable: boolean;
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  paidAmount: number;
  valuedQuantity: number;
  returnableQuantity: number;
};

export type Order = {
  id: string;
  number: string;
  customerId: string;
  channel: string;
  currency: string;
  placedAt: string;
  deliveredAt: string | null;
  stockLocationId: string | null;
  discountAmount: number;
  shippingFee: number;
  goodsAmount: number;
  shippingRefundReturnId: string | null;
  createdAt: string;
  lines: OrderLine[];
  payments: { method: string; amount: number }[];
  /** The customer's name, when read with the order (`findOrder`): who a new return's timeline names. */
  customerName?: string;
};

type OrderRow = Omit<Order, 'lines' | 'payments'>;

const orderColumns = [
  'orders.id',
  'orders.number',
  'orders.customerId',
  'orders.channel',
  'orders.currency',
  'orders.placedAt',
  'orders.deliveredAt',
  'orders.stockLocationId',
  'orders.discountAmount',
  'orders.shippingFee',
  'orders.goodsAmount',
  'orders.shippingRefundReturnId',
  'orders.createdAt',
] as const;

function scoped(db: Db, scope: Scope) {
  let query = db.selectFrom('orders').select(orderColumns);
  if (scope.kind === 'customer') query = query.where('orders.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('orders.customerId', 'in', db.selectFrom('customers').select('customers.id').where('customers.salesUserId', '=', scope.userId));
  }
  return query;
}

/** Lists up to this long run as precompiled queries (one variant per length); longer ones are built each time. */
const precompiledListMax = 16;

/** `id0…id<n-1>` parameters for an `in` list of `shape` items. */
const listParams = (param: (name: string) => unknown, shape: string) => Array.from({ length: Number(shape) }, (_, i) => param(`id${i}`) as string);
const listArgs = (ids: readonly string[]) => Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));

const linesQuery = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('orderLines')
    .innerJoin('products', 'products.id', 'orderLines.productId')
    .select([
      'orderLines.id',
      'orderLines.orderId',
      'orderLines.lineNo',
      'orderLines.productId',
      'orderLines.sku',
      'products.name',
      'products.category',
      'products.returnable',
      'orderLines.quantity',
      'orderLines.unitPrice',
      'orderLines.discountAmount',
      'orderLines.paidAmount',
      'orderLines.valuedQuantity',
      // Units already in returns that are not rejected or cancelled: read with the line,
      // one statement fewer on every order read (each a round trip on PostgreSQL).
      (eb) =>
        eb
          .selectFrom('returnLines')
          .innerJoin('returns', 'returns.id', 'returnLines.returnId')
          .select((e) => e.fn.coalesce(e.fn.sum<number>('returnLines.quantity'), e.lit(0)).as('units'))
          .whereRef('returnLines.orderLineId', '=', 'orderLines.id')
          .where('returns.status', 'not in', ['rejected', 'cancelled'])
          .as('unitsInReturns'),
    ])
    .where('orderLines.orderId', 'in', [...ids])
    .orderBy('orderLines.orderId')
    .orderBy('orderLines.lineNo');
type LineRow = Awaited<ReturnType<ReturnType<typeof linesQuery>['execute']>>[number];
const linesPrecompiled = precompiled<Record<string, string>, LineRow>((db, param, shape) => linesQuery(db, listParams(param, shape)));

const paymentsQuery = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('orderPayments')
    .select(['orderId', 'method', 'amount'])
    .where('orderId', 'in', [...ids])
    .orderBy('id');
type PaymentRow = Awaited<ReturnType<ReturnType<typeof paymentsQuery>['execute']>>[number];
const paymentsPrecompiled = precompiled<Record<string, string>, PaymentRow>((db, param, shape) => paymentsQuery(db, listParams(param, shape)));

/** An order row, with its payments as JSON text and its customer's name when they were read with it (`findOrder`). */
type OrderRowWithPayments = OrderRow & { paymentsJson?: string | null; customerName?: string };

async function withLines(db: Db, rows: OrderRowWithPayments[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const short = ids.length <= precompiledListMax;
  const lines = short ? (await linesPrecompiled(db, listArgs(ids), String(ids.length))).rows : await linesQuery(db, ids).execute();
  const paymentsRead = rows.every((r) => typeof r.paymentsJson === 'string');
  const payments = paymentsRead ? [] : short ? (await paymentsPrecompiled(db, listArgs(ids), String(ids.length))).rows : await paymentsQuery(db, ids).execute();
  return rows.map(({ paymentsJson, ...row }) => ({
    ...row,
    discountAmount: Number(row.discountAmount),
    shippingFee: Number(row.shippingFee),
    goodsAmount: Number(row.goodsAmount),
    lines: lines
      .filter((l) => l.orderId === row.id)
      .map(({ orderId: _orderId, unitsInReturns, ...l }) => ({
        ...l,
        returnable: l.returnable === 1,
        unitPrice: Number(l.unitPrice),
        discountAmount: Number(l.discountAmount),
        paidAmount: Number(l.paidAmount),
        returnableQuantity: Math.max(0, l.quantity - Number(unitsInReturns ?? 0)),
      })),
    payments: (paymentsRead ? (JSON.parse(paymentsJson as string) as PaymentRow[]) : payments.filter((p) => p.orderId === row.id)).map((p) => ({
      method: p.method,
      amount: Number(p.amount),
    })),
  }));
}

// One variant per kind of scope, locking or not; `scopeId` is the customer (customer scope) or the sales user (sales scope).
// The payments come with the order as JSON text: one statement fewer on every order read
// (each a round trip on PostgreSQL, where a return creation holds the order's lock).
const orderById = precompiled<{ id: string; scopeId: string }, OrderRowWithPayments>((db, param, shape) => {
  const [kind, lock] = shape.split(':');
  const scopeId = param('scopeId');
  const scope: Scope =
    kind === 'customer' ? { kind: 'customer', customerId: scopeId } : kind === 'sales' ? { kind: 'sales', userId: scopeId } : { kind: 'all' };
  const payments = isPostgres(db)
    ? sql<string>`(select coalesce(json_agg(json_build_object('method', p.method, 'amount', p.amount) order by p.id), '[]'::json)::text
        from order_payments p where p.order_id = orders.id)`
    : sql<string>`(select json_group_array(json_object('method', p.method, 'amount', p.amount) order by p.id)
        from order_payments p where p.order_id = orders.id)`;
  const customerName = sql<string>`(select c.name from customers c where c.id = orders.customer_id)`;
  const query = scoped(db, scope)
    .select([payments.as('paymentsJson'), customerName.as('customerName')])
    .where('orders.id', '=', param('id'));
  return lock === 'lock' ? query.forUpdate('orders') : query;
});

/**
 * An order visible in the scope, with lines and returnable quantities. `lock` (PostgreSQL)
 * reads it FOR UPDATE: concurrent transactions on the same order queue at this read, so
 * the returnable quantities read after it cannot be spent twice. SQLite needs no lock:
 * its write transactions begin with BEGIN IMMEDIATE and hold the writer lock already.
 */
export async function findOrder(db: Db, id: string, scope: Scope, options: { lock?: boolean } = {}): Promise<Order | undefined> {
  const scopeId = scope.kind === 'customer' ? scope.customerId : scope.kind === 'sales' ? scope.userId : '';
  const row = (await orderById(db, { id, scopeId }, `${scope.kind}:${options.lock ? 'lock' : ''}`)).rows[0];
  return row ? (await withLines(db, [row]))[0] : undefined;
}

export type OrderFilter = { number?: string; customerId?: string; phone?: string; cursor?: string; limit: number };

/** Orders in the scope, newest first. */
export async function listOrders(db: Db, scope: Scope, filter: OrderFilter): Promise<Order[]> {
  let query = scoped(db, scope).orderBy('orders.id', 'desc').limit(filter.limit);
  if (filter.number) query = query.where('orders.number', '=', filter.number);
  if (filter.customerId) query = query.where('orders.customerId', '=', filter.customerId);
  if (filter.phone) {
    const phone = filter.phone;
    query = query.where('orders.customerId', 'in', db.selectFrom('customers').select('customers.id').where('customers.phone', '=', phone));
  }
  if (filter.cursor) query = query.where('orders.id', '<', filter.cursor);
  return withLines(db, await query.execute());
}

/** An order by its number, in any scope (portal lookup compares the contact itself). */
export async function findOrderIdByNumber(db: Db, number: string): Promise<{ id: string; customerId: string } | undefined> {
  return db.selectFrom('orders').select(['id', 'customerId']).where('number', '=', number).executeTakeFirst();
}

export type InsertOrderOptions = {
  id: string;
  number: string;
  customerId: string;
  channel: string;
  currency: string;
  placedAt: string;
  deliveredAt: string | null;
  stockLocationId: string | null;
  discountAmount: number;
  shippingFee: number;
  goodsAmount: number;
  lines: { id: string; productId: string; sku: string; quantity: number; unitPrice: number; discountAmount: number; paidAmount: number }[];
  payments: { id: string; method: string; amount: number }[];
  now: Date;
};

/** Writes an order with its lines and payments; run inside a transaction. */
export async function insertOrder(db: Db, o: InsertOrderOptions): Promise<void> {
  await db
    .insertInto('orders')
    .values({
      id: o.id,
      number: o.number,
      customerId: o.customerId,
      channel: o.channel,
      currency: o.currency,
      placedAt: o.placedAt,
      deliveredAt: o.deliveredAt,
      stockLocationId: o.stockLocationId,
      discountAmount: o.discountAmount,
      shippingFee: o.shippingFee,
      goodsAmount: o.goodsAmount,
      shippingRefundReturnId: null,
      createdAt: o.now.toISOString(),
    })
    .execute();
  await db
    .insertInto('orderLines')
    .values(o.lines.map((l, i) => ({ ...l, orderId: o.id, lineNo: i + 1, valuedQuantity: 0 })))
    .execute();
  if (o.payments.length > 0) {
    await db
      .insertInto('orderPayments')
      .values(o.payments.map((p) => ({ ...p, orderId: o.id })))
      .execute();
  }
}

/** Whether an order number is taken. */
export async function orderNumberExists(db: Db, number: string): Promise<boolean> {
  return (await db.selectFrom('orders').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
}

export type LineCounter = { id: string; orderId: string; quantity: number; paidAmount: number; valuedQuantity: number };

/** Price facts and valued counters of order lines. */
export async function findLineCounters(db: Db, orderLineIds: readonly string[]): Promise<Map<string, LineCounter>> {
  if (orderLineIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orderLines')
    .select(['id', 'orderId', 'quantity', 'paidAmount', 'valuedQuantity'])
    .where('id', 'in', [...new Set(orderLineIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, paidAmount: Number(r.paidAmount) }]));
}

/**
 * Takes the next `count` unit numbers of an order line for pricing, atomically (the
 * UPDATE takes the row lock), and returns the counter before and after.
 */
export async function advanceValuedQuantity(
  db: Db,
  orderLineId: string,
  count: number,
): Promise<{ from: number; to: number; quantity: number; paidAmount: number }> {
  const row = await db
    .updateTable('orderLines')
    .set((eb) => ({ valuedQuantity: eb('valuedQuantity', '+', count) }))
    .where('id', '=', orderLineId)
    .returning(['valuedQuantity', 'quantity', 'paidAmount'])
    .executeTakeFirstOrThrow();
  const to = Number(row.valuedQuantity);
  if (to > row.quantity) throw new Error(`order line ${orderLineId} priced beyond its quantity`);
  return { from: to - count, to, quantity: row.quantity, paidAmount: Number(row.paidAmount) };
}

/** Gives the order's shipping fee refund to one return, once; false when already given. */
export async function claimShippingRefund(db: Db, orderId: string, returnId: string): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ shippingRefundReturnId: returnId })
    .where('id', '=', orderId)
    .where('shippingRefundReturnId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back the order's shipping fee refund held by a return (the return was withdrawn). */
export async function releaseShippingRefund(db: Db, orderId: string, returnId: string): Promise<void> {
  await db.updateTable('orders').set({ shippingRefundReturnId: null }).where('id', '=', orderId).where('shippingRefundReturnId', '=', returnId).execute();
}

/** The order's shipping fee, total units and who holds its shipping refund. */
export async function findOrderTotals(db: Db, orderId: string): Promise<{ shippingFee: number; units: number; shippingRefundReturnId: string | null }> {
  const order = await db.selectFrom('orders').select(['shippingFee', 'shippingRefundReturnId']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('orderLines')
    .select((eb) => eb.fn.sum<number>('quantity').as('units'))
    .where('orderId', '=', orderId)
    .executeTakeFirstOrThrow();
  return { shippingFee: Number(order.shippingFee), units: Number(units.units ?? 0), shippingRefundReturnId: order.shippingRefundReturnId };
}
