/** Customers and their return statistics. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type Customer = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: string;
  salesUserId: string | null;
  createdAt: string;
};

const columns = ['id', 'name', 'email', 'phone', 'tier', 'salesUserId', 'createdAt'] as const;

/** Phone numbers compared as digits, without a +86 / 0086 prefix. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}

export type CreateCustomerOptions = { name: string; email?: string | null; phone?: string | null; tier?: string; salesUserId?: string | null; now: Date };

/** Creates a customer; email is stored lower-case, phone as digits. */
export async function createCustomer(db: Db, options: CreateCustomerOptions): Promise<Customer> {
  const row = {
    id: newId('cus'),
    name: options.name,
    email: options.email ? options.email.trim().toLowerCase() : null,
    phone: options.phone ? normalizePhone(options.phone) : null,
    tier: options.tier ?? 'standard',
    salesUserId: options.salesUserId ?? null,
    notes: null,
    createdAt: options.now.toISOString(),
  };
  await db.insertInto('customers').values(row).execute();
  const { notes: _notes, ...customer } = row;
  return customer;
}

/** Creates many customers at once (imports). */
export async function insertCustomers(db: Db, customers: readonly Omit<CreateCustomerOptions, 'now'>[], now: Date): Promise<void> {
  for (let i = 0; i < customers.length; i += 500) {
    await db
      .insertInto('customers')
      .values(
        customers.slice(i, i + 500).map((o) => ({
          id: newId('cus'),
          name: o.name,
          email: o.email ? o.email.trim().toLowerCase() : null,
          phone: o.phone ? normalizePhone(o.phone) : null,
          tier: o.tier ?? 'standard',
          salesUserId: o.salesUserId ?? null,
          notes: null,
          createdAt: now.toISOString(),
        })),
      )
      .execute();
  }
}

/** A customer by id. */
export async function findCustomerById(db: Db, id: string): Promise<Customer | undefined> {
  return db.selectFrom('customers').select(columns).where('id', '=', id).executeTakeFirst();
}

export type CustomerFilter = { q?: string; salesUserId?: string; cursor?: string; limit: number };

/** Customers, newest first, with search by name, email or phone. */
export async function listCustomers(db: Db, filter: CustomerFilter): Promise<Customer[]> {
  let query = db.selectFrom('customers').select(columns).orderBy('id', 'desc').limit(filter.limit);
  if (filter.salesUserId) query = query.where('salesUserId', '=', filter.salesUserId);
  if (filter.q) {
    const q = filter.q.trim();
    const like = `%${q}%`;
    const phone = normalizePhone(q);
    query = query.where((eb) =>
      eb.or([eb('name', 'like', like), eb('email', '=', q.toLowerCase()), ...(phone.length >= 4 ? [eb('phone', 'like', `%${phone}%`)] : [])]),
    );
  }
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query.execute();
}

export type ReturnStats = { returns: number; returnedUnits: number; refundedAmount: number };

/**
 * A customer's returns: how many they filed, the units in those not rejected or
 * cancelled, and the money paid back.
 */
export async function customerReturnStats(db: Db, customerId: string): Promise<ReturnStats> {
  const returns = await db
    .selectFrom('returns')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('refundedAmount').as('refunded')])
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('returnLines')
    .innerJoin('returns', 'returns.id', 'returnLines.returnId')
    .select((eb) => eb.fn.sum<number>('returnLines.quantity').as('units'))
    .where('returns.customerId', '=', customerId)
    .where('returns.status', 'not in', ['rejected', 'cancelled'])
    .executeTakeFirstOrThrow();
  return { returns: Number(returns.n), returnedUnits: Number(units.units ?? 0), refundedAmount: Number(returns.refunded ?? 0) };
}

/** A customer's store-credit balance (Σ of the credit ledger). */
export async function storeCreditBalance(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('storeCreditEntries')
    .select((eb) => eb.fn.sum<number>('amount').as('balance'))
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance ?? 0);
}
