/** The console's list of returns and its queue counts: the only SQL of the queues module. */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Scope } from '../../lib/scope.ts';
import { normalizePhone } from '../customers/customers.repository.ts';
import type { ReturnStatus } from '../returns/return-status.ts';
import type { ConsoleReturnRow, QueueCode } from './queues.schema.ts';

export type ConsoleReturnFilter = {
  queue?: QueueCode;
  status?: readonly string[];
  stage?: string;
  ownerRole?: string;
  channel?: string;
  reasonCode?: string;
  customerId?: string;
  orderId?: string;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  overdue?: boolean;
  /** Drill-down from analytics (see ConsoleReturnQuery). */
  drill?: { productId?: string; category?: string; supplierId?: string; reasonCodes?: string[]; orderChannel?: string; warehouseId?: string };
  /** The instant against which due dates are compared. */
  now: string;
};

function baseQuery(db: Db, joins: Joins = allJoins) {
  // Typed as the fully joined query: a condition below names o, c or s only when joinsOf says it is joined.
  type Joined = ReturnType<typeof fullQuery>;
  let query = db.selectFrom('returns as r') as unknown as Joined;
  if (joins.order) query = query.innerJoin('orders as o', 'o.id', 'r.orderId') as unknown as Joined;
  if (joins.customer) query = query.innerJoin('customers as c', 'c.id', 'r.customerId') as unknown as Joined;
  if (joins.stage) {
    query = query.leftJoin('returnStages as s', (join) => join.onRef('s.returnId', '=', 'r.id').on('s.exitedAt', 'is', null)) as unknown as Joined;
  }
  return query;
}

function fullQuery(db: Db) {
  return db
    .selectFrom('returns as r')
    .innerJoin('orders as o', 'o.id', 'r.orderId')
    .innerJoin('customers as c', 'c.id', 'r.customerId')
    .leftJoin('returnStages as s', (join) => join.onRef('s.returnId', '=', 'r.id').on('s.exitedAt', 'is', null));
}

/** Which of the order, the customer and the open stage a filter reads (a count joins only those). */
type Joins = { order: boolean; customer: boolean; stage: boolean };
const allJoins: Joins = { order: true, customer: true, stage: true };

function joinsOf(scope: Scope, f: ConsoleReturnFilter): Joins {
  const search = f.q !== undefined && f.q.trim() !== '';
  return {
    order: search || f.drill?.orderChannel !== undefined || f.drill?.warehouseId !== undefined,
    customer: scope.kind === 'sales' || search,
    stage: f.queue === 'customer_waiting' || f.ownerRole !== undefined || f.overdue !== undefined,
  };
}
/** Returns joined to their order, customer and open stage row, narrowed by scope and filter. */
function filteredReturns(db: Db, scope: Scope, f: ConsoleReturnFilter, joins: Joins = allJoins) {
  let query = baseQuery(db, joins);
  if (scope.kind === 'customer') query = query.where('r.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') query = query.where('c.salesUserId', '=', scope.userId);

  switch (f.queue) {
    case undefined:
      break;
    case 'all_open':
    case 'my_customers':
      query = query.where('r.stage', '!=', 'done');
      break;
    case 'review':
      query = query.where('r.stage', 'in', ['review', 'second_review']);
      break;
    case 'awaiting_parcel':
      query = query.where('r.stage', '=', 'return_shipping');
      break;
    case 'customer_waiting':
      query = query.where('s.dueAt', '<', f.now).where('s.ownerRole', '!=', 'customer');
      break;
    case 'in_transit':
      query = query.where('r.stage', '=', 'receiving');
      break;
    case 'returns_zone':
      query = query.where('r.stage', '=', 'inspection');
      break;
    case 'replacement':
      query = query.where('r.stage', '=', 'refund').where('r.resolution', '=', 'exchange');
      break;
    case 'refund':
      query = query
        .where('r.stage', '=', 'refund')
        .where('r.resolution', '!=', 'exchange')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('refunds as pr').select('pr.id').whereRef('pr.returnId', '=', 'r.id').where('pr.status', '=', 'pending_approval'))),
        );
      break;
    case 'refund_approval':
      query = query.where((eb) =>
        eb.or([
          eb('r.stage', '=', 'finance_approval'),
          eb.exists(eb.selectFrom('refunds as pr').select('pr.id').whereRef('pr.returnId', '=', 'r.id').where('pr.status', '=', 'pending_approval')),
        ]),
      );
      break;
  }

  if (f.status && f.status.length > 0) query = query.where('r.status', 'in', [...f.status]);
  if (f.stage) query = query.where('r.stage', '=', f.stage);
  if (f.ownerRole) query = query.where('s.ownerRole', '=', f.ownerRole);
  if (f.channel) query = query.where('r.channel', '=', f.channel);
  if (f.customerId) query = query.where('r.customerId', '=', f.customerId);
  if (f.orderId) query = query.where('r.orderId', '=', f.orderId);
  if (f.createdFrom) query = query.where('r.createdAt', '>=', f.createdFrom);
  if (f.createdTo) query = query.where('r.createdAt', '<', f.createdTo);
  if (f.overdue === true) query = query.where('s.dueAt', '<', f.now);
  if (f.overdue === false) query = query.where((eb) => eb.or([eb('s.dueAt', 'is', null), eb('s.dueAt', '>=', f.now)]));
  if (f.reasonCode) {
    const reason = f.reasonCode;
    // A reason is on a fifth of the lines: checked return by return from the newest (EXISTS), the page and the
    // capped count stop early; as an IN list SQLite first read every line with the reason (35,000 at a million orders).
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('returnLines as rl').select('rl.returnId').whereRef('rl.returnId', '=', 'r.id').where('rl.reasonCode', '=', reason)),
    );
  }
  if (f.drill) query = drillDown(db, query, f.drill);
  if (f.q) {
    const q = f.q.trim().replace(/[%_\\]/g, '');
    const digits = q.replace(/\D/g, '');
    if (q.length > 0) {
      query = query.where((eb) =>
        eb.or([
          eb('r.number', 'like', `%${q.toUpperCase()}%`),
          eb('r.trackingNumber', '=', q),
          eb('o.number', '=', q),
          eb('c.name', 'like', `%${q}%`),
          ...(digits.length >= 7 ? [eb('c.phone', '=', normalizePhone(q))] : []),
          ...(digits.length === 4 && digits === q ? [eb('c.phone', 'like', `%${digits}`)] : []),
        ]),
      );
    }
  }
  return query;
}

/** The filters of a chart's drill-down: the returns behind a bar. */
function drillDown<Q extends ReturnType<typeof baseQuery>>(db: Db, query: Q, d: NonNullable<ConsoleReturnFilter['drill']>): Q {
  let q = query;
  const lines = () => db.selectFrom('returnLines as dl').select('dl.returnId');
  if (d.productId) q = q.where('r.id', 'in', lines().where('dl.productId', '=', d.productId)) as Q;
  // Reasons are common (see reasonCode above): checked per return. A product or a category's products are rare
  // enough to list their returns first (IN), from the index on the lines' product.
  const reasons = d.reasonCodes;
  if (reasons && reasons.length > 0) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('returnLines as dl').select('dl.returnId').whereRef('dl.returnId', '=', 'r.id').where('dl.reasonCode', 'in', reasons)),
    ) as Q;
  }
  if (d.category || d.supplierId) {
    let products = lines().innerJoin('products as dp', 'dp.id', 'dl.productId');
    if (d.category) products = products.where('dp.category', '=', d.category);
    if (d.supplierId) products = products.where('dp.supplierId', '=', d.supplierId);
    q = q.where('r.id', 'in', products) as Q;
  }
  if (d.orderChannel) q = q.where('o.channel', '=', d.orderChannel) as Q;
  if (d.warehouseId) {
    const warehouse = d.warehouseId;
    // The warehouse that received the goods, else the one the order shipped from (as the analytics count them).
    const receipts = (eb: ExpressionBuilder<any, any>) =>
      eb
        .selectFrom('stockMovements as sm')
        .innerJoin('locations as wl', 'wl.id', 'sm.toLocationId')
        .select('wl.warehouseId')
        .whereRef('sm.sourceId', '=', 'r.id')
        .where('sm.sourceType', '=', 'return')
        .where('sm.type', '=', 'return_receipt')
        .orderBy('sm.id')
        .limit(1);
    const shippedFrom = (eb: ExpressionBuilder<any, any>) =>
      eb.selectFrom('locations as ol').select('ol.warehouseId').whereRef('ol.id', '=', 'o.stockLocationId');
    q = q.where((eb) => eb(eb.fn.coalesce(receipts(eb), shippedFrom(eb)), '=', warehouse)) as Q;
  }
  return q;
}

/** The ids of the returns a console filter matches, as a subquery (the list's Excel export). */
export function consoleReturnIds(db: Db, scope: Scope, filter: ConsoleReturnFilter) {
  return filteredReturns(db, scope, filter).select('r.id');
}

/** The list counts its matches up to this many; beyond, it answers "more than" (counting every match took 0.4–1.2 s for a
 * category drill-down at a million orders; up to 500 it takes a few milliseconds to ~50 ms). */
export const consoleReturnCountCap = 500;

export type ConsoleReturnPageOptions = {
  sort: 'newest' | 'oldest' | 'due';
  offset: number;
  limit: number;
  /** Keyset: the id of the last return of the previous page (newest / oldest only); the offset is then ignored. */
  after?: string;
};

/**
 * One page of the console's returns list, with how many match: exactly up to consoleReturnCountCap, else
 * `moreThanTotal` with `total` the cap. `nextCursor` (newest / oldest) names the page after this one.
 */
export async function listConsoleReturns(
  db: Db,
  scope: Scope,
  filter: ConsoleReturnFilter,
  page: ConsoleReturnPageOptions,
): Promise<{ rows: ConsoleReturnRow[]; total: number; moreThanTotal: boolean; nextCursor: string | null }> {
  const keyset = page.after !== undefined && page.sort !== 'due';
  // The page's ids first, joining only what the filter and the order read; then the columns for those ids alone.
  // (PostgreSQL computed the six per-row sub-selects for every row an offset skipped: 1,000 rows for page 50.)
  const joins = joinsOf(scope, filter);
  let ids = filteredReturns(db, scope, filter, page.sort === 'due' ? { ...joins, stage: true } : joins);
  if (keyset && page.after !== undefined) ids = ids.where('r.id', page.sort === 'newest' ? '<' : '>', page.after);
  const pageIds = inPageOrder(ids, page.sort, filter.now)
    .select('r.id')
    .offset(keyset ? 0 : page.offset)
    // One row more than the page says whether another page follows.
    .limit(page.limit + 1);
  let query = fullQuery(db)
    .where('r.id', 'in', pageIds)
    .select([
      'r.id',
      'r.number',
      'r.status',
      'r.type',
      'r.resolution',
      'r.channel',
      'r.stage',
      'r.orderId',
      'r.customerId',
      'r.currency',
      'r.refundableAmount',
      'r.refundedAmount',
      'r.carrier',
      'r.trackingNumber',
      'r.createdAt',
      'r.updatedAt',
      'o.number as orderNumber',
      'c.name as customerName',
      'c.phone as customerPhone',
      's.ownerRole',
      's.enteredAt as stageEnteredAt',
      's.dueAt as stageDueAt',
    ])
    .select((eb) => [
      eb
        .selectFrom('returnLines as l')
        .select((sub) => sub.fn.sum<number>('l.quantity').as('u'))
        .whereRef('l.returnId', '=', 'r.id')
        .as('units'),
      eb
        .selectFrom('returnLines as l')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('l.returnId', '=', 'r.id')
        .as('lineCount'),
      eb
        .selectFrom('returnLines as l')
        .innerJoin('products as p', 'p.id', 'l.productId')
        .select('p.name')
        .whereRef('l.returnId', '=', 'r.id')
        .orderBy('l.lineNo')
        .limit(1)
        .as('firstItemName'),
      eb
        .selectFrom('returnLines as l')
        .innerJoin('orderLines as ol', 'ol.id', 'l.orderLineId')
        .select(sql<number>`sum(${sql.ref('ol.paidAmount')} * ${sql.ref('l.quantity')} / ${sql.ref('ol.quantity')})`.as('v'))
        .whereRef('l.returnId', '=', 'r.id')
        .as('valueAmount'),
      eb.selectFrom('returnLines as l').select('l.reasonCode').whereRef('l.returnId', '=', 'r.id').orderBy('l.lineNo').limit(1).as('reasonCode'),
      eb
        .selectFrom('refunds as pr')
        .select((sub) => sub.fn.sum<number>('pr.amount').as('a'))
        .whereRef('pr.returnId', '=', 'r.id')
        .where('pr.status', '=', 'pending_approval')
        .as('pendingRefundAmount'),
    ]);
  query = inPageOrder(query, page.sort, filter.now);
  const fetched = await query.execute();
  const hasMore = fetched.length > page.limit;
  const rows = hasMore ? fetched.slice(0, page.limit) : fetched;
  const nextCursor = page.sort !== 'due' && hasMore ? (rows[rows.length - 1]?.id ?? null) : null;
  let total: number;
  let moreThanTotal = false;
  if (!keyset && !hasMore && (rows.length > 0 || page.offset === 0)) {
    // The last page: the count is known without counting.
    total = page.offset + rows.length;
  } else if (!keyset && hasMore && page.offset + page.limit >= consoleReturnCountCap) {
    // A deep page with more after it: more than the cap, known without counting.
    total = page.offset + page.limit;
    moreThanTotal = true;
  } else {
    let matches = filteredReturns(db, scope, filter, joins);
    // PostgreSQL believes a tenth of all stage rows are open and overdue (it estimates the two columns apart), so
    // an unordered capped count merge-joined every return with every stage row (0.2 s for 25 overdue returns); in
    // the page's order it starts from the open stages' index as the page does. (Other filters count faster unordered:
    // a category drill-down's lines are hashed once instead of checked return by return.)
    if (joins.stage) matches = inPageOrder(matches, page.sort, filter.now);
    const capped = matches
      .select('r.id')
      .limit(consoleReturnCountCap + 1)
      .as('m');
    const counted = await db
      .selectFrom(capped)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    total = Number(counted?.n ?? 0);
    if (total > consoleReturnCountCap) {
      total = Math.max(consoleReturnCountCap, keyset ? 0 : page.offset + page.limit);
      moreThanTotal = true;
    }
  }
  return {
    total,
    moreThanTotal,
    nextCursor,
    rows: rows.map((r) => ({
      ...r,
      status: r.status as ReturnStatus,
      refundableAmount: Number(r.refundableAmount),
      refundedAmount: Number(r.refundedAmount),
      units: Number(r.units ?? 0),
      lineCount: Number(r.lineCount ?? 0),
      valueAmount: Number(r.valueAmount ?? 0),
      firstItemName: r.firstItemName ?? null,
      reasonCode: r.reasonCode ?? null,
      pendingRefundAmount: Number(r.pendingRefundAmount ?? 0),
      ownerRole: r.ownerRole ?? null,
      stageEnteredAt: r.stageEnteredAt ?? null,
      stageDueAt: r.stageDueAt ?? null,
      overdue: r.stageDueAt !== null && r.stageDueAt !== undefined && r.stageDueAt < filter.now,
    })),
  };
}

/** The list's order: newest / oldest by id; due: overdue first, then longest in its stage. */
function inPageOrder<Q extends ReturnType<typeof fullQuery>>(query: Q, sort: ConsoleReturnPageOptions['sort'], now: string): Q {
  if (sort === 'newest') return query.orderBy('r.id', 'desc') as Q;
  if (sort === 'oldest') return query.orderBy('r.id', 'asc') as Q;
  return query
    .orderBy(sql`case when ${sql.ref('s.dueAt')} < ${now} then 0 else 1 end`)
    .orderBy((eb) => eb.fn.coalesce('s.enteredAt', 'r.createdAt'))
    .orderBy('r.id') as Q;
}

export type QueueCounts = { count: number; overdue: number; oldestEnteredAt: string | null };

/** How many returns a queue holds, how many of them are overdue, and the oldest stage entry. */
export async function countQueue(db: Db, scope: Scope, queue: QueueCode, now: string): Promise<QueueCounts> {
  const row = await filteredReturns(db, scope, { queue, now })
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('s.dueAt', '<', now).then(1).else(0).end()).as('overdue'),
      eb.fn.min('s.enteredAt').as('oldest'),
    ])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), overdue: Number(row?.overdue ?? 0), oldestEnteredAt: (row?.oldest as string | null | undefined) ?? null };
}
