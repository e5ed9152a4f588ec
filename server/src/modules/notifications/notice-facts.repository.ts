/** What notices need to know beyond the event: the customer's contacts and wishes, the order number, the admins. */
import type { Db } from '../../db/connect.ts';
import { precompiled } from '../../db/precompiled.ts';

export type NoticeRecipient = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  wechatOpenid: string | null;
  optedOut: boolean;
  locale: string | null;
};

/** The customer as a recipient of notices. */
export async function findRecipient(db: Db, customerId: string): Promise<NoticeRecipient | undefined> {
  const row = (await selectRecipient(db, { customerId })).rows[0];
  return row ? toRecipient(row) : undefined;
}

type RecipientRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  wechatOpenid: string | null;
  noticesOptOut: number;
  noticeLocale: string | null;
};

function toRecipient(row: RecipientRow): NoticeRecipient {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    wechatOpenid: row.wechatOpenid,
    optedOut: row.noticesOptOut === 1,
    locale: row.noticeLocale,
  };
}

/** Customers as recipients of notices, by id (one read for a batch of events). */
export async function findRecipients(db: Db, customerIds: readonly string[]): Promise<Map<string, NoticeRecipient>> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return new Map();
  if (ids.length === 1) {
    const one = await findRecipient(db, ids[0] as string);
    return new Map(one ? [[one.id, one]] : []);
  }
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'email', 'wechatOpenid', 'noticesOptOut', 'noticeLocale'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, toRecipient(row)]));
}

/** Order numbers by order id (one read for a batch of events). */
export async function findOrderNumbers(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return new Map();
  if (ids.length === 1) {
    const number = (await selectOrderNumber(db, { orderId: ids[0] as string })).rows[0]?.number;
    return new Map(number === undefined ? [] : [[ids[0] as string, number]]);
  }
  const rows = await db.selectFrom('orders').select(['id', 'number']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.number]));
}

// Read for every return event the notice worker fans out: built and compiled once.
const selectRecipient = precompiled<{ customerId: string }, RecipientRow>(
  (db, p) =>
    db
      .selectFrom('customers')
      .select(['id', 'name', 'phone', 'email', 'wechatOpenid', 'noticesOptOut', 'noticeLocale'])
      .where('id', '=', p('customerId')) as never,
);
const selectOrderNumber = precompiled<{ orderId: string }, { number: string }>((db, p) =>
  db.selectFrom('orders').select('number').where('id', '=', p('orderId')),
);

/** Email addresses of active staff holding a role. */
export async function staffEmails(db: Db, role: string): Promise<{ email: string; locale: string }[]> {
  const rows = await db.selectFrom('users').select(['email', 'roles', 'locale']).where('disabled', '=', 0).execute();
  return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => ({ email: r.email, locale: r.locale }));
}

export type NoticePreferences = { wechatOpenid: string | null; optedOut: boolean; locale: string | null };

/** A customer's notice preferences; undefined when there is no such customer. */
export async function findPreferences(db: Db, customerId: string): Promise<NoticePreferences | undefined> {
  const recipient = await findRecipient(db, customerId);
  return recipient ? { wechatOpenid: recipient.wechatOpenid, optedOut: recipient.optedOut, locale: recipient.locale } : undefined;
}

/** Changes a customer's notice preferences (fields left undefined stay). */
export async function updatePreferences(db: Db, customerId: string, patch: Partial<NoticePreferences>): Promise<void> {
  const set = {
    ...(patch.wechatOpenid === undefined ? {} : { wechatOpenid: patch.wechatOpenid }),
    ...(patch.optedOut === undefined ? {} : { noticesOptOut: patch.optedOut ? 1 : 0 }),
    ...(patch.locale === undefined ? {} : { noticeLocale: patch.locale }),
  };
  if (Object.keys(set).length > 0) await db.updateTable('customers').set(set).where('id', '=', customerId).execute();
}
