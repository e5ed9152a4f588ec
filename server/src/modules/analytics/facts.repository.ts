/**
 * The daily facts and how they are kept: every fact table is the sum of its **parts** —
 * what each return (returns, customers' return side, stages) and each hour of orders (UTC:
 * sales, sales totals, customers' order side) adds to each of its keys — computed from
 * the source tables. A change moves the facts by the difference between the new parts of
 * what changed and its old ones (`moveReturnParts`, `moveSalesParts`): a cost that follows
 * what changed, not the size of the days it falls on. A rebuild computes the parts of a
 * run of days with the same SQL and sums the facts from them, so the two cannot disagree;
 * the monthly sales rollup is moved by the same differences.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { addDays, dayStart, localDate, localDaySql } from './shop-time.ts';

export type FactFamily = 'sales' | 'returns' | 'customers' | 'stages';
export const factFamilies: FactFamily[] = ['sales', 'returns', 'customers', 'stages'];

/** A run of consecutive local days [from, to). */
export type DayRange = { from: string; to: string };

export type Dialect = { postgres: boolean; timeZone: string };

const ref = (name: string) => sql.raw(name);

function dayOf(column: string, d: Dialect): RawBuilder<string> {
  return localDaySql(ref(column), d.timeZone, d.postgres);
}

/** Whole seconds from one timestamp column to another. */
function secondsBetween(from: string, to: string, d: Dialect): RawBuilder<number> {
  return d.postgres
    ? sql<number>`cast(round(extract(epoch from (${ref(to)} - ${ref(from)}))) as bigint)`
    : sql<number>`cast(round((julianday(${ref(to)}) - julianday(${ref(from)})) * 86400) as integer)`;
}

/** Duration buckets: 0 is under a minute, bucket k ≥ 1 is [60·1.1^(k−1), 60·1.1^k) seconds. */
export const bucketRatio = 1.1;

function bucketOf(seconds: RawBuilder<number>): RawBuilder<number> {
  return sql<number>`case when ${seconds} < 60 then 0 else cast(floor(ln(${seconds} / 60.0) / ln(${sql.lit(bucketRatio)})) as integer) + 1 end`;
}

/** Which source rows: those of a run of local days, of a set of returns, or of hours of orders (UTC, `YYYY-MM-DDTHH`), whatever their days. */
export type Scope = { range: DayRange } | { returnIds: readonly string[] } | { hours: readonly string[] };

/** Rows whose `column` is one of the values (returns, days, customers). */
function inList(values: readonly string[], column: string): RawBuilder<unknown> {
  return sql`${ref(column)} in (${sql.join(values)})`;
}

/** Rows whose timestamp `column` falls within the local days. */
function inDays(range: DayRange, column: string, d: Dialect): RawBuilder<unknown> {
  return sql`${ref(column)} >= ${dayStart(range.from, d.timeZone)} and ${ref(column)} < ${dayStart(range.to, d.timeZone)}`;
}

/** Rows whose timestamp `column` falls within the hours (UTC), contiguous hours taken as one range. */
function inHours(hours: readonly string[], column: string): RawBuilder<unknown> {
  const starts = [...new Set(hours)].map((h) => Date.parse(`${h}:00:00Z`)).filter((t) => !Number.isNaN(t));
  starts.sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const start of starts) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === start) last[1] = start + 3_600_000;
    else ranges.push([start, start + 3_600_000]);
  }
  if (ranges.length === 0) return sql`1 = 0`;
  const iso = (t: number) => new Date(t).toISOString();
  return sql`(${sql.join(
    ranges.map(([from, to]) => sql`(${ref(column)} >= ${iso(from)} and ${ref(column)} < ${iso(to)})`),
    sql` or `,
  )})`;
}

/** Rows of the scope: `idColumn` in the returns, `timeColumn` within the days or the hours. */
function scopeFilter(scope: Scope, idColumn: string, timeColumn: string, d: Dialect): RawBuilder<unknown> {
  if ('returnIds' in scope) return inList(scope.returnIds, idColumn);
  if ('hours' in scope) return inHours(scope.hours, timeColumn);
  return inDays(scope.range, timeColumn, d);
}

/** The hour (UTC) of a timestamp column, as the queue names it (`YYYY-MM-DDTHH`, see migration 0009). */
function hourOf(column: string, d: Dialect): RawBuilder<string> {
  return d.postgres ? sql<string>`to_char(${ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')` : sql<string>`substr(${ref(column)}, 1, 13)`;
}

/** Each hour of orders' part in the sales facts, as `select hour, day, keys…, measures…`. */
function salesParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  return sql`select ${hourOf('o.placed_at', d)} as hour, ${dayOf('o.placed_at', d)} as day, ol.product_id, o.channel, coalesce(loc.warehouse_id, '') as warehouse_id,
      sum(ol.quantity) as units, sum(ol.paid_amount) as value, count(*) as lines
    from orders o
    join order_lines ol on ol.order_id = o.id
    left join locations loc on loc.id = o.stock_location_id
    where ${scopeFilter(scope, '', 'o.placed_at', d)}
    group by 1, 2, ol.product_id, o.channel, coalesce(loc.warehouse_id, '')`;
}

/** Each hour of orders' part in the sales totals (per channel and warehouse), as `select hour, day, keys…, measures…`. */
function salesTotalParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  return sql`select ${hourOf('o.placed_at', d)} as hour, ${dayOf('o.placed_at', d)} as day, o.channel, coalesce(loc.warehouse_id, '') as warehouse_id,
      sum(ol.quantity) as units, sum(ol.paid_amount) as value, count(*) as lines, count(distinct o.id) as orders
    from orders o
    join order_lines ol on ol.order_id = o.id
    left join locations loc on loc.id = o.stock_location_id
    where ${scopeFilter(scope, '', 'o.placed_at', d)}
    group by 1, 2, o.channel, coalesce(loc.warehouse_id, '')`;
}

/** Each hour of orders' part in its customers' days (the order side of the customers facts), as `select hour, customer_id, day, measures…`. */
function customerSalesParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  // The scope's orders first: grouping by customer must not tempt the planner into walking every order by customer.
  return sql`with placed as materialized (select id, customer_id, placed_at from orders o where ${scopeFilter(scope, '', 'o.placed_at', d)})
    select ${hourOf('o.placed_at', d)} as hour, o.customer_id, ${dayOf('o.placed_at', d)} as day,
      sum(ol.quantity) as sold_units, sum(ol.paid_amount) as sold_value, count(distinct o.id) as orders
    from placed o join order_lines ol on ol.order_id = o.id
    group by 1, o.customer_id, 3`;
}

/** Each return's part in its customer's day (the return side of the customers facts), as `select return_id, customer_id, day, measures…`. */
function customerParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  // Money paid back per return, joined rather than looked up per line: SQLite answered a
  // correlated lookup from the index on status, reading every paid refund per line.
  return sql`with paid as materialized (select rf.return_id, sum(rf.amount) as paid from refunds rf
      where rf.status = 'paid' and rf.return_id in (select x.id from returns x where ${scopeFilter(scope, 'x.id', 'x.created_at', d)})
      group by rf.return_id)
    select r.id as return_id, r.customer_id, ${dayOf('r.created_at', d)} as day,
      sum(case when r.status in ('rejected', 'cancelled') then 0 else rl.quantity end) as returned_units,
      sum(case when r.status in ('rejected', 'cancelled') then 0 else ol.paid_amount * rl.quantity / ol.quantity end) as returned_value,
      sum(case when rl.line_no = 1 and r.status not in ('rejected', 'cancelled') then 1 else 0 end) as returns,
      sum(case when rl.line_no = 1 then coalesce(rp.paid, 0) else 0 end) as refunded_amount
    from returns r
    join return_lines rl on rl.return_id = r.id
    join order_lines ol on ol.id = rl.order_line_id
    left join paid rp on rp.return_id = r.id
    where ${scopeFilter(scope, 'r.id', 'r.created_at', d)}
    group by r.id, r.customer_id, 3`;
}

/** The customers facts of a run of days: the sums of their order side's parts and their return side's. */
function customersSource(range: DayRange, d: Dialect): RawBuilder<unknown> {
  return sql`select customer_id, day, sum(sold_units) as sold_units, sum(sold_value) as sold_value, sum(orders) as orders,
      sum(returned_units) as returned_units, sum(returned_value) as returned_value, sum(returns) as returns, sum(refunded_amount) as refunded_amount
    from (
      select customer_id, day, sold_units, sold_value, orders, 0 as returned_units, 0 as returned_value, 0 as returns, 0 as refunded_amount
      from analytics_customer_sales_parts where ${partsInDays('hour', range, d)}
      union all
      select customer_id, day, 0, 0, 0, returned_units, returned_value, returns, refunded_amount
      from analytics_customer_parts where ${partsInDays('return_id', range, d)}
    ) sides
    group by customer_id, day`;
}

/** Each return's part in the stage facts (the stays it ended, the wait for its money), as `select return_id, day, keys…, measures…`. */
function stageParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  const stay = secondsBetween('st.entered_at', 'st.exited_at', d);
  const wait = secondsBetween('m.created_at', 'm.paid_at', d);
  const byReturn = 'returnIds' in scope;
  const exited = byReturn ? sql`${inList(scope.returnIds, 'st.return_id')} and st.exited_at is not null` : scopeFilter(scope, '', 'st.exited_at', d);
  const paidIn = byReturn ? inList(scope.returnIds, 'r.id') : sql`r.id in (select p.return_id from refunds p where ${scopeFilter(scope, '', 'p.paid_at', d)})`;
  const paidWhen = byReturn ? sql`m.paid_at is not null` : scopeFilter(scope, '', 'm.paid_at', d);
  return sql`select st.return_id, ${dayOf('st.exited_at', d)} as day, st.stage, st.owner_role, ${bucketOf(stay)} as bucket, count(*) as count, sum(${stay}) as seconds
    from return_stages st
    where ${exited}
    group by st.return_id, 2, st.stage, st.owner_role, 5
    union all
    select m.id, ${dayOf('m.paid_at', d)} as day, '_money_back', '', ${bucketOf(wait)}, count(*), sum(${wait})
    from (
      select r.id, r.created_at, max(rf.paid_at) as paid_at
      from returns r join refunds rf on rf.return_id = r.id
      where rf.status = 'paid' and rf.kind = 'refund' and ${paidIn}
      group by r.id, r.created_at
    ) m
    where ${paidWhen}
    group by m.id, 2, 5`;
}

/** The part of each return of the scope in each key of the returns facts, as `select return_id, day, keys…, measures…`. */
function returnsParts(scope: Scope, d: Dialect): RawBuilder<unknown> {
  const chosen = scopeFilter(scope, 'x.id', 'x.created_at', d);
  const inRange = sql`(select x.id from returns x where ${chosen})`;
  const counted = sql`r.status not in ('rejected', 'cancelled')`;
  const worth = (units: string) => sql`${ref(units)} * ol.paid_amount / ol.quantity`;
  const disposition = (name: string) => sql`sum(case when disposition = ${name} then quantity else 0 end)`;
  // The warehouse that received the goods, else the one the order shipped from.
  const returnsInRange = sql`(select x.id, x.status, x.created_at, x.order_id,
      coalesce((select wl.warehouse_id from stock_movements sm join locations wl on wl.id = sm.to_location_id
        where sm.source_type = 'return' and sm.source_id = x.id and sm.type = 'return_receipt' order by sm.id limit 1),
        (select ol2.warehouse_id from orders o2 join locations ol2 on ol2.id = o2.stock_location_id where o2.id = x.order_id), '') as warehouse_id
    from returns x where ${chosen})`;
  return sql`select r.id as return_id, ${dayOf('r.created_at', d)} as day, rl.product_id, o.channel, rl.reason_code, r.warehouse_id,
      sum(case when rl.line_no = 1 and ${counted} then 1 else 0 end) as returns,
      count(*) as lines,
      sum(rl.quantity) as requested_units,
      sum(case when ${counted} then rl.quantity else 0 end) as returned_units,
      sum(case when ${counted} then ${worth('rl.quantity')} else 0 end) as returned_value,
      sum(case when r.status = 'rejected' then rl.quantity else 0 end) as rejected_units,
      sum(case when r.status = 'cancelled' then rl.quantity else 0 end) as cancelled_units,
      sum(rl.received_quantity) as received_units,
      sum(rl.accepted_quantity) as accepted_units,
      sum(rl.refused_quantity) as refused_units,
      sum(coalesce(i.restocked, 0)) as restocked_units,
      sum(${worth('coalesce(i.restocked, 0)')}) as restocked_value,
      sum(coalesce(i.damaged, 0)) as damaged_units,
      sum(${worth('coalesce(i.damaged, 0)')}) as damaged_value,
      sum(coalesce(i.scrapped, 0)) as scrapped_units,
      sum(${worth('coalesce(i.scrapped, 0)')}) as scrapped_value,
      sum(coalesce(i.vendor, 0)) as vendor_units,
      sum(${worth('coalesce(i.vendor, 0)')}) as vendor_value,
      sum(coalesce(f.refunded, 0)) as refunded_amount,
      sum(coalesce(f.store_credit, 0)) as store_credit_amount,
      sum(rl.fee_amount) as fee_amount
    from ${returnsInRange} r
    join return_lines rl on rl.return_id = r.id
    join orders o on o.id = r.order_id
    join order_lines ol on ol.id = rl.order_line_id
    left join (
      select return_line_id, ${disposition('restock')} as restocked, ${disposition('damaged')} as damaged,
        ${disposition('scrap')} as scrapped, ${disposition('vendor')} as vendor
      from return_inspections where return_id in ${inRange}
      group by return_line_id
    ) i on i.return_line_id = rl.id
    left join (
      select coalesce(rfl.return_line_id, (select first_line.id from return_lines first_line where first_line.return_id = rf.return_id and first_line.line_no = 1)) as line_id,
        sum(rfl.amount) as refunded, sum(case when rf.method = 'store_credit' then rfl.amount else 0 end) as store_credit
      from refund_lines rfl join refunds rf on rf.id = rfl.refund_id
      where rf.status = 'paid' and rf.return_id in ${inRange}
      group by 1
    ) f on f.line_id = rl.id
    group by r.id, 2, rl.product_id, o.channel, rl.reason_code, r.warehouse_id`;
}

type TableSpec = { table: string; keys: string[]; measures: string[] };

const returnMeasures = [
  'returns',
  'lines',
  'requested_units',
  'returned_units',
  'returned_value',
  'rejected_units',
  'cancelled_units',
  'received_units',
  'accepted_units',
  'refused_units',
  'restocked_units',
  'restocked_value',
  'damaged_units',
  'damaged_value',
  'scrapped_units',
  'scrapped_value',
  'vendor_units',
  'vendor_value',
  'refunded_amount',
  'store_credit_amount',
  'fee_amount',
];

/** The fact tables, their keys (after `day`) and measures, in the column order of their sources. */
export const factTables: Record<FactFamily | 'salesTotals', TableSpec> = {
  sales: { table: 'analytics_sales_daily', keys: ['product_id', 'channel', 'warehouse_id'], measures: ['units', 'value', 'lines'] },
  salesTotals: { table: 'analytics_sales_totals', keys: ['channel', 'warehouse_id'], measures: ['units', 'value', 'lines', 'orders'] },
  returns: { table: 'analytics_return_daily', keys: ['product_id', 'channel', 'reason_code', 'warehouse_id'], measures: returnMeasures },
  customers: {
    table: 'analytics_customer_daily',
    keys: ['customer_id'],
    measures: ['sold_units', 'sold_value', 'orders', 'returned_units', 'returned_value', 'returns', 'refunded_amount'],
  },
  stages: { table: 'analytics_stage_daily', keys: ['stage', 'owner_role', 'bucket'], measures: ['count', 'seconds'] },
};

/** Column order of a family's source select. */
function sourceColumns(family: FactFamily | 'salesTotals'): string[] {
  const spec = factTables[family];
  return family === 'customers' ? ['customer_id', 'day', ...spec.measures] : ['day', ...spec.keys, ...spec.measures];
}

/** A kind of parts: what one return, or one hour of orders, adds to the keys of one fact table. */
type PartKind = 'returns' | 'customerReturns' | 'stages' | 'sales' | 'salesTotals' | 'customerSales';

type PartsSpec = {
  table: string;
  /** What a part belongs to: a return or an hour of orders (UTC), the first column of its source. */
  by: 'return_id' | 'hour';
  /** The fact table the parts add up to. */
  facts: FactFamily | 'salesTotals';
  /** The fact table's key (with `day`), in the column order of the parts' source after `by`. */
  keys: string[];
  /** The measures the parts carry (the customers facts have an order side and a return side). */
  measures: string[];
  source: (scope: Scope, d: Dialect) => RawBuilder<unknown>;
  /** When a fact row is one that a computation from scratch would not have: nothing left in it. */
  empty: RawBuilder<unknown>;
};

// A customer's day exists while it has an order or a return line in it.
const emptyCustomerDay = sql`orders = 0 and not exists (select 1 from analytics_customer_parts p
  where p.customer_id = analytics_customer_daily.customer_id and p.day = analytics_customer_daily.day)`;

const partsOf: Record<PartKind, PartsSpec> = {
  returns: {
    table: 'analytics_return_parts',
    by: 'return_id',
    facts: 'returns',
    keys: ['day', 'product_id', 'channel', 'reason_code', 'warehouse_id'],
    measures: returnMeasures,
    source: returnsParts,
    empty: sql`lines = 0`,
  },
  customerReturns: {
    table: 'analytics_customer_parts',
    by: 'return_id',
    facts: 'customers',
    keys: ['customer_id', 'day'],
    measures: ['returned_units', 'returned_value', 'returns', 'refunded_amount'],
    source: customerParts,
    empty: emptyCustomerDay,
  },
  stages: {
    table: 'analytics_stage_parts',
    by: 'return_id',
    facts: 'stages',
    keys: ['day', 'stage', 'owner_role', 'bucket'],
    measures: ['count', 'seconds'],
    source: stageParts,
    empty: sql`count = 0`,
  },
  sales: {
    table: 'analytics_sales_parts',
    by: 'hour',
    facts: 'sales',
    keys: ['day', 'product_id', 'channel', 'warehouse_id'],
    measures: ['units', 'value', 'lines'],
    source: salesParts,
    empty: sql`lines = 0`,
  },
  salesTotals: {
    table: 'analytics_sales_total_parts',
    by: 'hour',
    facts: 'salesTotals',
    keys: ['day', 'channel', 'warehouse_id'],
    measures: ['units', 'value', 'lines', 'orders'],
    source: salesTotalParts,
    empty: sql`lines = 0`,
  },
  customerSales: {
    table: 'analytics_customer_sales_parts',
    by: 'hour',
    facts: 'customers',
    keys: ['customer_id', 'day'],
    measures: ['sold_units', 'sold_value', 'orders'],
    source: customerSalesParts,
    empty: emptyCustomerDay,
  },
};

const partKinds = Object.keys(partsOf) as PartKind[];

/**
 * The parts that fall on a run of days. Those of hours of orders are found by their key
 * (the hours the days span, in UTC), not by an index on the day the size of the table.
 */
function partsInDays(by: PartsSpec['by'], range: DayRange, d: Dialect): RawBuilder<unknown> {
  const days = sql`day >= ${range.from} and day < ${range.to}`;
  if (by === 'return_id') return days;
  const hour = (t: number) => new Date(t).toISOString().slice(0, 13);
  const first = hour(Date.parse(dayStart(range.from, d.timeZone)));
  const afterLast = hour(Date.parse(`${hour(Date.parse(dayStart(range.to, d.timeZone)) - 1)}:00:00Z`) + 3_600_000);
  return sql`hour >= ${first} and hour < ${afterLast} and ${days}`;
}

/** The sums of a kind of parts over a run of days, as `select keys…, measures…`. */
function sumOfParts(kind: PartKind, range: DayRange, d: Dialect): RawBuilder<unknown> {
  const p = partsOf[kind];
  const keys = p.keys.join(', ');
  const sums = p.measures.map((m) => `sum(${m}) as ${m}`).join(', ');
  return sql`select ${ref(keys)}, ${ref(sums)} from ${ref(p.table)} where ${partsInDays(p.by, range, d)} group by ${ref(keys)}`;
}

const monthly = { table: 'analytics_sales_monthly', keys: ['product_id', 'channel', 'warehouse_id'], measures: ['units', 'value', 'lines'] };

/** Adds (sign 1) or takes away (sign −1) the daily sales of a run of days to or from the monthly rollup. */
async function moveMonthly(db: Db, range: DayRange, sign: 1 | -1): Promise<void> {
  const keys = monthly.keys.join(', ');
  const sums = monthly.measures.map((m) => `${sign === 1 ? '' : '-'}sum(${m})`).join(', ');
  const updates = monthly.measures.map((m) => `${m} = ${monthly.table}.${m} + excluded.${m}`).join(', ');
  await sql`insert into ${ref(monthly.table)} (month, ${ref(keys)}, ${ref(monthly.measures.join(', '))})
      select substr(day, 1, 7), ${ref(keys)}, ${ref(sums)} from analytics_sales_daily
      where day >= ${range.from} and day < ${range.to}
      group by substr(day, 1, 7), ${ref(keys)}
      on conflict (month, ${ref(keys)}) do update set ${ref(updates)}`.execute(db);
}

/** Replaces the rows of a table that `rows` picks out (those of a run of days) with a source's. */
async function replaceDays(db: Db, table: string, columns: string[], rows: RawBuilder<unknown>, source: RawBuilder<unknown>): Promise<void> {
  await sql`delete from ${ref(table)} where ${rows}`.execute(db);
  await sql`insert into ${ref(table)} (${ref(columns.join(', '))}) ${source}`.execute(db);
}

/** Replaces a family's facts for a run of days with the sums of their parts (sales moving the monthly rollup by the difference). */
export async function recomputeDays(db: Db, family: FactFamily, range: DayRange, timeZone: string): Promise<void> {
  const d: Dialect = { postgres: isPostgres(db), timeZone };
  const days = sql`day >= ${range.from} and day < ${range.to}`;
  if (family === 'sales') {
    await moveMonthly(db, range, -1);
    for (const kind of ['sales', 'salesTotals'] as const) await replaceDays(db, factTables[kind].table, sourceColumns(kind), days, sumOfParts(kind, range, d));
    await moveMonthly(db, range, 1);
    await dropEmptyMonths(db, [range.from, addDays(range.to, -1)]);
    return;
  }
  const source = family === 'customers' ? customersSource(range, d) : sumOfParts(family, range, d);
  await replaceDays(db, factTables[family].table, sourceColumns(family), days, source);
}

/** Computes every family of a run of days from the source tables, parts first (a step of a rebuild). */
export async function rebuildDays(db: Db, range: DayRange, timeZone: string): Promise<void> {
  const d: Dialect = { postgres: isPostgres(db), timeZone };
  for (const kind of partKinds) {
    const p = partsOf[kind];
    await replaceDays(db, p.table, [p.by, ...p.keys, ...p.measures], partsInDays(p.by, range, d), p.source({ range }, d));
  }
  for (const family of factFamilies) await recomputeDays(db, family, range, timeZone);
}

/** Adds (sign 1) or takes away (sign −1) some parts to or from their facts (and sales to the monthly rollup). */
async function addParts(db: Db, kind: PartKind, owners: readonly string[], sign: 1 | -1): Promise<void> {
  const p = partsOf[kind];
  const table = factTables[p.facts].table;
  const keys = p.keys.join(', ');
  const sums = p.measures.map((m) => `${sign === 1 ? '' : '-'}sum(${m})`).join(', ');
  const updates = p.measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ');
  await sql`insert into ${ref(table)} (${ref(keys)}, ${ref(p.measures.join(', '))})
      select ${ref(keys)}, ${ref(sums)} from ${ref(p.table)}
      where ${inList(owners, p.by)}
      group by ${ref(keys)}
      on conflict (${ref(keys)}) do update set ${ref(updates)}`.execute(db);
  if (kind !== 'sales') return;
  const monthKeys = monthly.keys.join(', ');
  const monthUpdates = monthly.measures.map((m) => `${m} = ${monthly.table}.${m} + excluded.${m}`).join(', ');
  await sql`insert into ${ref(monthly.table)} (month, ${ref(monthKeys)}, ${ref(monthly.measures.join(', '))})
      select substr(day, 1, 7), ${ref(monthKeys)}, ${ref(sums)} from ${ref(p.table)}
      where ${inList(owners, p.by)}
      group by substr(day, 1, 7), ${ref(monthKeys)}
      on conflict (month, ${ref(monthKeys)}) do update set ${ref(monthUpdates)}`.execute(db);
}

/** The days (and customers) some parts fall on. */
async function partsSpread(db: Db, kind: PartKind, owners: readonly string[], into: { days: Set<string>; customers: Set<string> }): Promise<void> {
  const p = partsOf[kind];
  // Aliases without underscores: the connection's plugin turns result names into camelCase.
  const columns = p.facts === 'customers' ? 'day, customer_id as customer' : 'day';
  const rows = await sql<{ day: string; customer?: string }>`select distinct ${ref(columns)} from ${ref(p.table)} where ${inList(owners, p.by)}`.execute(db);
  for (const row of rows.rows) {
    into.days.add(row.day);
    if (row.customer !== undefined) into.customers.add(row.customer);
  }
}

/**
 * Drops the fact rows a move left empty on some days (and customers): rows a computation
 * from scratch would not have. The customers of 200 hours of orders can run to tens of
 * thousands, more than a statement may bind, so they go 500 at a time. Months of sales
 * that went back to nothing go too.
 */
async function dropEmpty(db: Db, kind: PartKind, spread: { days: Set<string>; customers: Set<string> }): Promise<void> {
  const p = partsOf[kind];
  const table = factTables[p.facts].table;
  const days = inList([...spread.days], 'day');
  if (p.facts === 'customers') {
    const customers = [...spread.customers];
    for (let i = 0; i < customers.length; i += 500) {
      await sql`delete from ${ref(table)} where ${days} and ${inList(customers.slice(i, i + 500), 'customer_id')} and ${p.empty}`.execute(db);
    }
    return;
  }
  await sql`delete from ${ref(table)} where ${days} and ${p.empty}`.execute(db);
  if (kind === 'sales') await dropEmptyMonths(db, [...spread.days]);
}

/** Drops the monthly sales rows of some days' months that went back to nothing. */
async function dropEmptyMonths(db: Db, days: readonly string[]): Promise<void> {
  const months = [...new Set(days.map((day) => day.slice(0, 7)))];
  if (months.length > 0) await sql`delete from ${ref(monthly.table)} where ${inList(months, 'month')} and lines = 0`.execute(db);
}

/**
 * Moves the facts by what changed in some returns or hours of orders: for each kind of
 * parts they own, takes their old parts out of the facts, computes their parts anew from
 * the source tables and adds those, then drops the fact rows left empty. Idempotent:
 * moving what did not change takes out what it puts back. Runs in the caller's transaction.
 */
async function moveParts(db: Db, by: PartsSpec['by'], owners: readonly string[], timeZone: string): Promise<void> {
  const d: Dialect = { postgres: isPostgres(db), timeZone };
  const kinds = partKinds.filter((kind) => partsOf[kind].by === by);
  for (let i = 0; i < owners.length; i += 500) {
    const chunk = owners.slice(i, i + 500);
    const scope: Scope = by === 'hour' ? { hours: chunk } : { returnIds: chunk };
    for (const kind of kinds) {
      const p = partsOf[kind];
      const spread = { days: new Set<string>(), customers: new Set<string>() };
      await partsSpread(db, kind, chunk, spread);
      await addParts(db, kind, chunk, -1);
      await sql`delete from ${ref(p.table)} where ${inList(chunk, p.by)}`.execute(db);
      await sql`insert into ${ref(p.table)} (${ref([p.by, ...p.keys, ...p.measures].join(', '))}) ${p.source(scope, d)}`.execute(db);
      await addParts(db, kind, chunk, 1);
      await partsSpread(db, kind, chunk, spread);
      if (spread.days.size === 0) continue;
      await dropEmpty(db, kind, spread);
    }
  }
}

/** Moves the facts by what changed in these returns (their returns, customers' return side and stage parts). */
export async function moveReturnParts(db: Db, returnIds: readonly string[], timeZone: string): Promise<void> {
  await moveParts(db, 'return_id', returnIds, timeZone);
}

/** Moves the facts by what changed in these hours of orders (UTC, `YYYY-MM-DDTHH`: sales, sales totals, customers' order side). */
export async function moveSalesParts(db: Db, hours: readonly string[], timeZone: string): Promise<void> {
  await moveParts(db, 'hour', hours, timeZone);
}

/** Empties every fact table and their parts (a rebuild starts here). */
export async function clearFacts(db: Db): Promise<void> {
  const tables = [...Object.values(factTables).map((spec) => spec.table), monthly.table, ...partKinds.map((kind) => partsOf[kind].table)];
  for (const table of tables) await sql`delete from ${ref(table)}`.execute(db);
}

/** The first and last local day that hold source rows (orders placed, returns created), or null for an empty shop. */
export async function sourceDaySpan(db: Db, timeZone: string): Promise<DayRange | null> {
  const row = await sql`select
      (select min(placed_at) from orders) as first_order, (select max(placed_at) from orders) as last_order,
      (select min(created_at) from returns) as first_return,
      (select max(created_at) from returns) as last_return,
      (select max(paid_at) from refunds) as last_paid,
      (select max(exited_at) from return_stages) as last_exit`.execute(db);
  const r = row.rows[0] as unknown as Record<string, string | Date | null> | undefined;
  if (!r) return null;
  const stamps = Object.values(r)
    .filter((v): v is string | Date => v !== null && v !== undefined)
    .map((v) => new Date(v));
  if (stamps.length === 0) return null;
  const min = new Date(Math.min(...stamps.map((s) => s.getTime())));
  const max = new Date(Math.max(...stamps.map((s) => s.getTime())));
  return { from: localDate(min, timeZone), to: addDays(localDate(max, timeZone), 1) };
}
