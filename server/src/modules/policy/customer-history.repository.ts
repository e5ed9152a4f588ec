/**
 * A customer's facts for the rules: tier, open returns, and over each look-back window
 * the units they bought (orders placed in it), the units of those orders that came back,
 * and the returns they filed. The return being decided is left out.
 */
import type { Db } from '../../db/connect.ts';
import type { CustomerFacts, CustomerHistory } from './rule-facts.ts';

const notLive = ['rejected', 'cancelled'];
const finished = ['resolved', 'closed', 'rejected', 'cancelled'];

export type CustomerFactsOptions = { customerId: string; windows: readonly number[]; now: Date; excludeReturnId?: string | undefined };

/** The customer's tier, open returns and history over each window (days). */
export async function loadCustomerFacts(db: Db, o: CustomerFactsOptions): Promise<CustomerFacts> {
  const customer = await db.selectFrom('customers').select('tier').where('id', '=', o.customerId).executeTakeFirst();
  let open = db
    .selectFrom('returns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customerId', '=', o.customerId)
    .where('status', 'not in', finished);
  if (o.excludeReturnId) open = open.where('id', '!=', o.excludeReturnId);
  const openRow = await open.executeTakeFirst();
  const history: Record<number, CustomerHistory> = {};
  for (const days of o.windows) history[days] = await historySince(db, o, new Date(o.now.getTime() - days * 86_400_000).toISOString());
  return { tier: customer?.tier ?? 'standard', openReturns: Number(openRow?.n ?? 0), history };
}

async function historySince(db: Db, o: CustomerFactsOptions, since: string): Promise<CustomerHistory> {
  const sold = await db
    .selectFrom('orderLines as l')
    .innerJoin('orders as o', 'o.id', 'l.orderId')
    .select((eb) => eb.fn.sum<number>('l.quantity').as('n'))
    .where('o.customerId', '=', o.customerId)
    .where('o.placedAt', '>=', since)
    .executeTakeFirst();
  let returned = db
    .selectFrom('returnLines as rl')
    .innerJoin('returns as r', 'r.id', 'rl.returnId')
    .innerJoin('orders as o', 'o.id', 'r.orderId')
    .select((eb) => eb.fn.sum<number>('rl.quantity').as('n'))
    .where('r.customerId', '=', o.customerId)
    .where('r.status', 'not in', notLive)
    .where('o.placedAt', '>=', since);
  let returns = db
    .selectFrom('returns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customerId', '=', o.customerId)
    .where('status', 'not in', notLive)
    .where('createdAt', '>=', since);
  if (o.excludeReturnId) {
    returned = returned.where('r.id', '!=', o.excludeReturnId);
    returns = returns.where('id', '!=', o.excludeReturnId);
  }
  const [units, count] = await Promise.all([returned.executeTakeFirst(), returns.executeTakeFirst()]);
  return { soldUnits: Number(sold?.n ?? 0), returnedUnits: Number(units?.n ?? 0), returns: Number(count?.n ?? 0) };
}
