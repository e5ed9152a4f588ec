/** Customers with their buying and returning numbers, for the console's CRM pages. */
import type { Db } from '../../db/connect.ts';
import { type Customer, normalizePhone } from './customers.repository.ts';

export type CustomerUnits = { orders: number; soldUnits: number; returns: number; returnedUnits: number; refundedAmount: number };

const liveReturn = ['rejected', 'cancelled'];

/** Units sold and returned across the shop (returns not rejected or cancelled). */
export async function shopUnits(db: Db): Promise<{ soldUnits: number; returnedUnits: number }> {
  const [sold, returned] = await Promise.all([
    db
      .selectFrom('orderLines')
      .select((eb) => eb.fn.sum<number>('quantity').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('returnLines as l')
      .innerJoin('returns as r', 'r.id', 'l.returnId')
      .select((eb) => eb.fn.sum<number>('l.quantity').as('n'))
      .where('r.status', 'not in', liveReturn)
      .executeTakeFirst(),
  ]);
  return { soldUnits: Number(sold?.n ?? 0), returnedUnits: Number(returned?.n ?? 0) };
}

/** Orders, units and refunds of each of the customers. */
export async function unitsOfCustomers(db: Db, customerIds: readonly string[]): Promise<Map<string, CustomerUnits>> {
  const result = new Map<string, CustomerUnits>(customerIds.map((id) => [id, { orders: 0, soldUnits: 0, returns: 0, returnedUnits: 0, refundedAmount: 0 }]));
  if (customerIds.length === 0) return result;
  const ids = [...customerIds];
  const [orders, sold, returns, returned] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['customerId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('customerId', 'in', ids)
      .groupBy('customerId')
      .execute(),
    db
      .selectFrom('orderLines as l')
      .innerJoin('orders as o', 'o.id', 'l.orderId')
      .select(['o.customerId', (eb) => eb.fn.sum<number>('l.quantity').as('n')])
      .where('o.customerId', 'in', ids)
      .groupBy('o.customerId')
      .execute(),
    db
      .selectFrom('returns')
      .select(['customerId', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('refundedAmount').as('refunded')])
      .where('customerId', 'in', ids)
      .groupBy('customerId')
      .execute(),
    db
      .selectFrom('returnLines as l')
      .innerJoin('returns as r', 'r.id', 'l.returnId')
      .select(['r.customerId', (eb) => eb.fn.sum<number>('l.quantity').as('n')])
      .where('r.customerId', 'in', ids)
      .where('r.status', 'not in', liveReturn)
      .groupBy('r.customerId')
      .execute(),
  ]);
  for (const r of orders) {
    const e = result.get(r.customerId);
    if (e) e.orders = Number(r.n);
  }
  for (const r of sold) {
    const e = result.get(r.customerId);
    if (e) e.soldUnits = Number(r.n ?? 0);
  }
  for (const r of returns) {
    const e = result.get(r.customerId);
    if (e) {
      e.returns = Number(r.n);
      e.refundedAmount = Number(r.refunded ?? 0);
    }
  }
  for (const r of returned) {
    const e = result.get(r.customerId);
    if (e) e.returnedUnits = Number(r.n ?? 0);
  }
  return result;
}

export type CustomerPageOptions = { q?: string; salesUserId?: string; offset: number; limit: number };

/** A page of customers, newest first, searched by name, email or phone; with the total that match. */
export async function findCustomerPage(db: Db, o: CustomerPageOptions): Promise<{ rows: Customer[]; total: number }> {
  let query = db.selectFrom('customers');
  if (o.salesUserId) query = query.where('salesUserId', '=', o.salesUserId);
  if (o.q) {
    const q = o.q.trim().replace(/[%_\\]/g, '');
    const phone = normalizePhone(q);
    query = query.where((eb) =>
      eb.or([eb('name', 'like', `%${q}%`), eb('email', '=', q.toLowerCase()), ...(phone.length >= 4 ? [eb('phone', 'like', `%${phone}%`)] : [])]),
    );
  }
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    query.select(['id', 'name', 'email', 'phone', 'tier', 'salesUserId', 'createdAt']).orderBy('id', 'desc').offset(o.offset).limit(o.limit).execute(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export type CustomerRefundRow = {
  id: string;
  number: string;
  returnId: string;
  returnNumber: string;
  amount: number;
  currency: string;
  method: string;
  status: string;
  createdAt: string;
  paidAt: string | null;
};

/** A customer's refunds, newest first, with the number of their return. */
export async function findCustomerRefunds(db: Db, customerId: string): Promise<CustomerRefundRow[]> {
  const rows = await db
    .selectFrom('refunds as f')
    .innerJoin('returns as r', 'r.id', 'f.returnId')
    .select(['f.id', 'f.number', 'f.returnId', 'r.number as returnNumber', 'f.amount', 'f.currency', 'f.method', 'f.status', 'f.createdAt', 'f.paidAt'])
    .where('f.customerId', '=', customerId)
    .orderBy('f.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
