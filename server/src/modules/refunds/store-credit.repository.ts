/**
 * A customer's store credit: an append-only ledger whose sum is the balance. Credits
 * (refunds, bonuses) need no lock; a spend locks the customer's row first, so two
 * spends can never take the same balance twice.
 */
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../lib/app-error.ts';
import { insertStoreCredit } from './refunds.repository.ts';

export type StoreCreditEntry = {
  id: string;
  amount: number;
  currency: string;
  type: string;
  sourceType: string;
  sourceId: string;
  /** The document the entry came from, when it has a number (refund, order). */
  sourceNumber: string | null;
  createdAt: string;
};

/** The balance (Σ of the ledger) of a customer. */
export async function creditBalance(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('storeCreditEntries')
    .select((eb) => eb.fn.sum<number>('amount').as('balance'))
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance ?? 0);
}

/** Ledger entries of a customer, newest first, with cursor paging. */
export async function listCreditEntries(db: Db, customerId: string, o: { limit: number; cursor?: string }): Promise<StoreCreditEntry[]> {
  let query = db
    .selectFrom('storeCreditEntries as e')
    .leftJoin('refunds as r', (join) => join.onRef('r.id', '=', 'e.sourceId').on('e.sourceType', '=', 'refund'))
    .leftJoin('orders as o', (join) => join.onRef('o.id', '=', 'e.sourceId').on('e.sourceType', '=', 'order'))
    .select(['e.id', 'e.amount', 'e.currency', 'e.type', 'e.sourceType', 'e.sourceId', 'e.createdAt', 'r.number as refundNumber', 'o.number as orderNumber'])
    .where('e.customerId', '=', customerId)
    .orderBy('e.id', 'desc')
    .limit(o.limit);
  if (o.cursor) query = query.where('e.id', '<', o.cursor);
  const rows = await query.execute();
  return rows.map(({ refundNumber, orderNumber, ...r }) => ({ ...r, amount: Number(r.amount), sourceNumber: refundNumber ?? orderNumber ?? null }));
}

/** Credits and debits of the ledger by type over all customers in [from, to): for reconciliation. */
export async function creditTotalsByType(db: Db, period: { from: string; to: string }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('storeCreditEntries')
    .select(['type', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('createdAt', '>=', period.from)
    .where('createdAt', '<', period.to)
    .groupBy('type')
    .execute();
  return new Map(rows.map((r) => [r.type, Number(r.amount ?? 0)]));
}

export type SpendOptions = {
  customerId: string;
  amount: number;
  currency: string;
  sourceType: string;
  sourceId: string;
  now: Date;
  postgres: boolean;
};

/**
 * Takes an amount off a customer's balance with a `spend` entry, in the caller's
 * transaction; 409 conflict when the balance is short. The customer row is locked first
 * (FOR NO KEY UPDATE on PostgreSQL; SQLite holds the writer lock).
 */
export async function spendStoreCredit(db: Db, o: SpendOptions): Promise<number> {
  let lock = db.selectFrom('customers').select('id').where('id', '=', o.customerId);
  // NO KEY UPDATE: spends queue behind each other, but not behind the key-share locks that
  // rows referencing the customer (the order being paid) take — FOR UPDATE would deadlock there.
  if (o.postgres) lock = lock.forNoKeyUpdate();
  await lock.execute();
  const balance = await creditBalance(db, o.customerId);
  if (balance < o.amount) {
    throw new AppError('conflict', `Store credit balance ${(balance / 100).toFixed(2)} is short of ${(o.amount / 100).toFixed(2)}`, {
      balance,
      requested: o.amount,
      short: o.amount - balance,
    });
  }
  await insertStoreCredit(db, { ...o, amount: -o.amount, type: 'spend' });
  return balance - o.amount;
}
