/**
 * Notice rows and their delivery attempts. A notice is written once per event, channel
 * and recipient (a unique key), claimed by one worker at a time (FOR UPDATE SKIP LOCKED
 * on PostgreSQL, plus a lease that runs out if the worker dies), and every attempt leaves
 * a row in notice_attempts.
 */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { precompiled } from '../../db/precompiled.ts';
import { newId } from '../../lib/ids.ts';
import type { NoticeAudience, NoticeChannel } from './notice-catalog.ts';

export type NewNotice = {
  eventKey: string;
  eventType: string;
  returnId: string | null;
  customerId: string | null;
  audience: NoticeAudience;
  channel: NoticeChannel;
  recipient: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  link: string | null;
  data: unknown;
  essential: boolean;
  /** In-app notices are delivered by being written. */
  delivered: boolean;
  nextAttemptAt: Date;
};

const noticeColumns = [
  'id',
  'eventKey',
  'eventType',
  'returnId',
  'customerId',
  'audience',
  'channel',
  'recipient',
  'locale',
  'subject',
  'short',
  'body',
  'link',
  'data',
  'essential',
  'status',
  'attempts',
  'nextAttemptAt',
  'lockedUntil',
  'lastError',
  'providerMessageId',
  'resendCount',
  'sentAt',
  'createdAt',
] as const;

type NewNoticeRow = Record<(typeof noticeColumns)[number], unknown>;

// Every return event writes its notices here: built and compiled once per number of rows,
// as the notice worker's profile asked (docs/performance.md).
const insertNoticeRows = precompiled<{ rows: NewNoticeRow[] }, never>((db, _param, shape, row) =>
  db
    .insertInto('notices')
    .values(Array.from({ length: Number(shape) }, (_, i) => Object.fromEntries(noticeColumns.map((c) => [c, row('rows', i, c)])) as never))
    .onConflict((oc) => oc.columns(['eventKey', 'channel', 'recipient']).doNothing()),
);

/** Rows per insert: a batch of events' notices goes in inserts of this many rows (each row count compiled once). */
const insertChunk = 50;

/** Writes notices; one already written for the same event, channel and recipient is left as it is. Answers how many were new. */
export async function insertNotices(db: Db, notices: readonly NewNotice[], now: Date): Promise<number> {
  let written = 0;
  for (let i = 0; i < notices.length; i += insertChunk) written += await insertNoticeChunk(db, notices.slice(i, i + insertChunk), now);
  return written;
}

async function insertNoticeChunk(db: Db, notices: readonly NewNotice[], now: Date): Promise<number> {
  if (notices.length === 0) return 0;
  const at = now.toISOString();
  const rows = notices.map(
    (n): NewNoticeRow => ({
      id: newId('ntc'),
      eventKey: n.eventKey,
      eventType: n.eventType,
      returnId: n.returnId,
      customerId: n.customerId,
      audience: n.audience,
      channel: n.channel,
      recipient: n.recipient,
      locale: n.locale,
      subject: n.subject,
      short: n.short,
      body: n.body,
      link: n.link,
      data: n.data === undefined || n.data === null ? null : JSON.stringify(n.data),
      essential: n.essential ? 1 : 0,
      status: n.delivered ? 'sent' : 'pending',
      attempts: 0,
      nextAttemptAt: n.nextAttemptAt.toISOString(),
      lockedUntil: null,
      lastError: null,
      providerMessageId: null,
      resendCount: 0,
      sentAt: n.delivered ? at : null,
      createdAt: at,
    }),
  );
  const result = await insertNoticeRows(db, { rows }, String(notices.length));
  return Number(result.numAffectedRows ?? 0);
}

export type ClaimedNotice = {
  id: string;
  attemptId: string;
  attemptNo: number;
  eventType: string;
  returnId: string | null;
  customerId: string | null;
  channel: NoticeChannel;
  recipient: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  essential: boolean;
};

/** Notices sent together: one for people, several for a robot's digest of one event. */
export type NoticeBatch = { batchId: string; channel: NoticeChannel; recipient: string; eventType: string; notices: ClaimedNotice[] };

const robotChannels: readonly string[] = ['wecom_robot', 'dingtalk_robot'];

/**
 * Claims due notices and leases them for `leaseMs`, recording the start of an attempt
 * for each. For a robot, the other pending notices of the same event join the batch,
 * so the group hears "3 returns arrived" once.
 */
export async function claimDueNotices(db: Db, now: Date, limit: number, leaseMs: number): Promise<NoticeBatch[]> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const postgres = isPostgres(trx);
    let dueQuery = trx
      .selectFrom('notices')
      .select(['id', 'channel', 'recipient', 'eventType'])
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', at)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at)]))
      .orderBy('nextAttemptAt')
      .orderBy('id')
      .limit(limit);
    if (postgres) dueQuery = dueQuery.forUpdate().skipLocked();
    const due = await dueQuery.execute();
    if (due.length === 0) return [];
    const ids = new Set(due.map((d) => d.id));
    const groups = new Map<string, { channel: string; recipient: string; eventType: string }>();
    for (const d of due) if (robotChannels.includes(d.channel)) groups.set(`${d.channel}|${d.recipient}|${d.eventType}`, d);
    for (const group of groups.values()) {
      let more = trx
        .selectFrom('notices')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', '=', group.channel)
        .where('recipient', '=', group.recipient)
        .where('eventType', '=', group.eventType)
        .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at)]))
        .orderBy('id')
        .limit(50);
      if (postgres) more = more.forUpdate().skipLocked();
      for (const row of await more.execute()) ids.add(row.id);
    }
    const idList = [...ids];
    await trx
      .updateTable('notices')
      .set({ lockedUntil: new Date(now.getTime() + leaseMs).toISOString() })
      .where('id', 'in', idList)
      .execute();
    const rows = await trx.selectFrom('notices').selectAll().where('id', 'in', idList).orderBy('id').execute();
    const batches = new Map<string, NoticeBatch>();
    const attempts = [];
    for (const row of rows) {
      const key = robotChannels.includes(row.channel) ? `${row.channel}|${row.recipient}|${row.eventType}` : row.id;
      let batch = batches.get(key);
      if (!batch) {
        batch = { batchId: newId('nbt'), channel: row.channel as NoticeChannel, recipient: row.recipient, eventType: row.eventType, notices: [] };
        batches.set(key, batch);
      }
      const attemptId = newId('nat');
      batch.notices.push({
        id: row.id,
        attemptId,
        attemptNo: row.attempts + 1,
        eventType: row.eventType,
        returnId: row.returnId,
        customerId: row.customerId,
        channel: row.channel as NoticeChannel,
        recipient: row.recipient,
        locale: row.locale,
        subject: row.subject,
        short: row.short,
        body: row.body,
        link: row.link,
        data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {},
        essential: row.essential === 1,
      });
      attempts.push({
        id: attemptId,
        noticeId: row.id,
        attemptNo: row.attempts + 1,
        batchId: batch.batchId,
        channel: row.channel,
        provider: row.channel,
        outcome: 'sending',
        statusCode: null,
        error: null,
        providerMessageId: null,
        startedAt: at,
        finishedAt: null,
      });
    }
    await trx.insertInto('noticeAttempts').values(attempts).execute();
    return [...batches.values()];
  });
}

export type AttemptOutcome = {
  ok: boolean;
  provider: string;
  statusCode: number | null;
  error: string | null;
  providerMessageId: string | null;
  /** When failed: the next attempt, or null to give up. */
  retryAt: Date | null;
};

/** Records how a batch's attempt ended, for each of its notices. */
export async function finishBatch(db: Db, batch: NoticeBatch, outcome: AttemptOutcome, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const ids = batch.notices.map((n) => n.id);
    await trx
      .updateTable('notices')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        lockedUntil: null,
        ...(outcome.ok
          ? { status: 'sent', sentAt: at, lastError: null, providerMessageId: outcome.providerMessageId }
          : outcome.retryAt
            ? { status: 'pending', nextAttemptAt: outcome.retryAt.toISOString(), lastError: outcome.error }
            : { status: 'failed', lastError: outcome.error }),
      }))
      .where('id', 'in', ids)
      .execute();
    await trx
      .updateTable('noticeAttempts')
      .set({
        outcome: outcome.ok ? 'sent' : 'failed',
        provider: outcome.provider,
        statusCode: outcome.statusCode,
        error: outcome.error,
        providerMessageId: outcome.providerMessageId,
        finishedAt: at,
      })
      .where(
        'id',
        'in',
        batch.notices.map((n) => n.attemptId),
      )
      .execute();
  });
}

export type NoticeRow = {
  id: string;
  eventType: string;
  returnId: string | null;
  returnNumber: string | null;
  customerId: string | null;
  audience: string;
  channel: string;
  recipient: string;
  locale: string;
  subject: string;
  short: string;
  body: string;
  link: string | null;
  essential: boolean;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  providerMessageId: string | null;
  resendCount: number;
  sentAt: string | null;
  createdAt: string;
};

export type NoticeFilter = {
  status?: string;
  channel?: string;
  audience?: string;
  eventType?: string;
  returnId?: string;
  customerId?: string;
  recipient?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
};

function noticeQuery(db: Db) {
  return db
    .selectFrom('notices as n')
    .leftJoin('returns as r', 'r.id', 'n.returnId')
    .select([
      'n.id',
      'n.eventType',
      'n.returnId',
      'r.number as returnNumber',
      'n.customerId',
      'n.audience',
      'n.channel',
      'n.recipient',
      'n.locale',
      'n.subject',
      'n.short',
      'n.body',
      'n.link',
      'n.essential',
      'n.status',
      'n.attempts',
      'n.nextAttemptAt',
      'n.lastError',
      'n.providerMessageId',
      'n.resendCount',
      'n.sentAt',
      'n.createdAt',
    ]);
}

type NoticeSelect = Omit<NoticeRow, 'essential'> & { essential: number };

const toNoticeRow = (row: NoticeSelect): NoticeRow => ({ ...row, essential: row.essential === 1 });

/** The delivery log: notices newest first, filtered. */
export async function listNotices(db: Db, f: NoticeFilter): Promise<NoticeRow[]> {
  let query = noticeQuery(db).orderBy('n.id', 'desc').limit(f.limit);
  if (f.status) query = query.where('n.status', '=', f.status);
  if (f.channel) query = query.where('n.channel', '=', f.channel);
  if (f.audience) query = query.where('n.audience', '=', f.audience);
  if (f.eventType) query = query.where('n.eventType', '=', f.eventType);
  if (f.returnId) query = query.where('n.returnId', '=', f.returnId);
  if (f.customerId) query = query.where('n.customerId', '=', f.customerId);
  if (f.recipient) query = query.where('n.recipient', '=', f.recipient);
  if (f.from) query = query.where('n.createdAt', '>=', f.from);
  if (f.to) query = query.where('n.createdAt', '<', f.to);
  if (f.cursor) query = query.where('n.id', '<', f.cursor);
  return (await query.execute()).map(toNoticeRow);
}

export type AttemptRow = {
  id: string;
  attemptNo: number;
  batchId: string;
  provider: string;
  outcome: string;
  statusCode: number | null;
  error: string | null;
  providerMessageId: string | null;
  startedAt: string;
  finishedAt: string | null;
};

/** One notice and every attempt to deliver it. */
export async function findNotice(db: Db, id: string): Promise<(NoticeRow & { attemptLog: AttemptRow[] }) | undefined> {
  const row = await noticeQuery(db).where('n.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const attemptLog = await db
    .selectFrom('noticeAttempts')
    .select(['id', 'attemptNo', 'batchId', 'provider', 'outcome', 'statusCode', 'error', 'providerMessageId', 'startedAt', 'finishedAt'])
    .where('noticeId', '=', id)
    .orderBy('id')
    .execute();
  return { ...toNoticeRow(row), attemptLog };
}

/** Queues a notice to be sent again now; false for in-app notices, which are not sent. */
export async function resendNotice(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('notices')
    .set((eb) => ({ status: 'pending', nextAttemptAt: now.toISOString(), lockedUntil: null, resendCount: eb('resendCount', '+', 1) }))
    .where('id', '=', id)
    .where('channel', '!=', 'in_app')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type InboxOptions = { roles: readonly string[]; everyRole: boolean; userId: string; unreadOnly: boolean; cursor?: string; limit: number };

export type InboxRow = {
  id: string;
  eventType: string;
  returnId: string | null;
  returnNumber: string | null;
  role: string;
  subject: string;
  short: string;
  data: string | null;
  createdAt: string;
  readAt: string | null;
};

function inboxQuery(db: Db, o: Pick<InboxOptions, 'roles' | 'everyRole' | 'userId'>) {
  let query = db
    .selectFrom('notices as n')
    .leftJoin('noticeReads as nr', (join) => join.onRef('nr.noticeId', '=', 'n.id').on('nr.userId', '=', o.userId))
    .where('n.channel', '=', 'in_app');
  const recipients = [...o.roles.map((r) => `role:${r}`), `user:${o.userId}`];
  if (!o.everyRole) query = query.where('n.recipient', 'in', recipients);
  return query;
}

/** A staff user's in-app notices (to their roles, or every role for admins), newest first. */
export async function listInbox(db: Db, o: InboxOptions): Promise<InboxRow[]> {
  let query = inboxQuery(db, o)
    .leftJoin('returns as r', 'r.id', 'n.returnId')
    .select([
      'n.id',
      'n.eventType',
      'n.returnId',
      'r.number as returnNumber',
      'n.recipient as role',
      'n.subject',
      'n.short',
      'n.data',
      'n.createdAt',
      'nr.readAt',
    ])
    .orderBy('n.id', 'desc')
    .limit(o.limit);
  if (o.unreadOnly) query = query.where('nr.readAt', 'is', null);
  if (o.cursor) query = query.where('n.id', '<', o.cursor);
  return query.execute();
}

/** How many in-app notices a user has not read. */
export async function countUnread(db: Db, o: Pick<InboxOptions, 'roles' | 'everyRole' | 'userId'>): Promise<number> {
  const row = await inboxQuery(db, o)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('nr.readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks in-app notices read for a user (all unread ones when `ids` is null). */
export async function markRead(db: Db, o: Pick<InboxOptions, 'roles' | 'everyRole' | 'userId'>, ids: readonly string[] | null, now: Date): Promise<number> {
  let query = inboxQuery(db, o).select('n.id').where('nr.readAt', 'is', null);
  if (ids) query = query.where('n.id', 'in', ids.length > 0 ? [...ids] : ['']);
  const unread = (await query.execute()).map((r) => r.id);
  if (unread.length === 0) return 0;
  for (let i = 0; i < unread.length; i += 500) {
    await db
      .insertInto('noticeReads')
      .values(unread.slice(i, i + 500).map((noticeId) => ({ noticeId, userId: o.userId, readAt: now.toISOString() })))
      .onConflict((oc) => oc.columns(['noticeId', 'userId']).doNothing())
      .execute();
  }
  return unread.length;
}
