/** One-time SMS sign-in codes (stored only as an HMAC) and the customers a phone belongs to. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';

export type SmsCodeRow = {
  id: string;
  phone: string;
  customerId: string | null;
  codeHash: string;
  attempts: number;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
};

/** Records a code sent (or pretended sent) to a phone. */
export async function insertSmsCode(
  db: Db,
  o: { phone: string; customerId: string | null; codeHash: string; clientKey: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('smsCodes')
    .values({
      id: newId('sms'),
      phone: o.phone,
      customerId: o.customerId,
      codeHash: o.codeHash,
      clientKey: o.clientKey,
      attempts: 0,
      createdAt: o.now.toISOString(),
      expiresAt: o.expiresAt.toISOString(),
      consumedAt: null,
    })
    .execute();
}

/** Codes asked for a phone, and by a client, since an instant; and when the phone's last one was. */
export async function smsCodeCounts(
  db: Db,
  o: { phone: string; clientKey: string; since: Date },
): Promise<{ phone: number; client: number; lastAt: string | null }> {
  const since = o.since.toISOString();
  const phone = await db
    .selectFrom('smsCodes')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('createdAt').as('lastAt')])
    .where('phone', '=', o.phone)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  const client = await db
    .selectFrom('smsCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clientKey', '=', o.clientKey)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  const lastAt = phone.lastAt === null || phone.lastAt === undefined ? null : new Date(phone.lastAt as string).toISOString();
  return { phone: Number(phone.n), client: Number(client.n), lastAt };
}

/** The newest code of a phone that is unused and unexpired. */
export async function findLiveSmsCode(db: Db, phone: string, now: Date): Promise<SmsCodeRow | undefined> {
  return db
    .selectFrom('smsCodes')
    .select(['id', 'phone', 'customerId', 'codeHash', 'attempts', 'createdAt', 'expiresAt', 'consumedAt'])
    .where('phone', '=', phone)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts a wrong guess against a code. */
export async function countSmsAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('smsCodes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Uses a code up; false when another request used it first. */
export async function consumeSmsCode(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('smsCodes')
    .set({ consumedAt: now.toISOString() })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The customer a mobile number signs in as: customers with that phone, the one with
 * the most recent order first (duplicate records of one person share a phone).
 */
export async function findCustomerIdByPhone(db: Db, phone: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('customers')
    .leftJoin('orders', 'orders.customerId', 'customers.id')
    .select(['customers.id', (eb) => eb.fn.max('orders.placedAt').as('lastOrderAt')])
    .where('customers.phone', '=', phone)
    .groupBy('customers.id')
    .execute();
  const sorted = rows
    .map((r) => ({ id: r.id, at: r.lastOrderAt ? new Date(r.lastOrderAt as string).getTime() : 0 }))
    .sort((a, b) => b.at - a.at || b.id.localeCompare(a.id));
  return sorted[0]?.id;
}
