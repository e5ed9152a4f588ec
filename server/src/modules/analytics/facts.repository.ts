/**
 * The daily facts: how each family is computed from the source tables for a run of local
 * days, and how a run of days is replaced (delete, insert from source, and for sales the
 * monthly rollup moved by the difference). The same SQL serves the incremental job and a
 * rebuild from scratch, so the two cannot disagree.
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

/** The source rows of a family for a run of days, as `select day, keys…, measures…`. */
export function sourceOf(family: FactFamily | 'salesTotals', range: DayRange, d: Dialect): RawBuilder<unknown> {
  const start = dayStart(range.from, d.timeZone);
  const end = dayStart(range.to, d.timeZone);
  switch (family) {
    case 'sales':
      return sql`select ${dayOf('o.placed_at', d)} as day, ol.product_id, o.channel, coalesce(loc.warehouse_id, '') as warehouse_id,
          sum(ol.quantity) as units, sum(ol.paid_amount) as value, count(*) as lines
        from orders o
        join order_lines ol on ol.order_id = o.id
        left join locations loc on loc.id = o.stock_location_id
        where o.placed_at >= ${start} and o.placed_at < ${end}
        group by 1, ol.product_id, o.channel, coalesce(loc.warehouse_id, '')`;
    case 'salesTotals':
      return sql`select ${dayOf('o.placed_at', d)} as day, o.channel, coalesce(loc.warehouse_id, '') as warehouse_id,
          sum(ol.quantity) as units, sum(ol.paid_amount) as value, count(*) as lines, count(distinct o.id) as orders
        from orders o
        join order_lines ol on ol.order_id = o.id
        left join locations loc on loc.id = o.stock_location_id
        where o.placed_at >= ${start} and o.placed_at < ${end}
        group by 1, o.channel, coalesce(loc.warehouse_id, '')`;
    case 'returns':
      return returnsSource(start, end, d);
    case 'customers':
      // The period's orders first: grouping by customer must not tempt the planner into walking every order by customer.
      // Money paid back per return of the period, joined rather than looked up per line: SQLite
      // answered a correlated lookup from the index on status, reading every paid refund per line.
      return sql`with placed as materialized (select id, customer_id, placed_at from orders where placed_at >= ${start} and placed_at < ${end}),
        paid as materialized (select rf.return_id, sum(rf.amount) as paid from refunds rf
          where rf.status = 'paid' and rf.return_id in (select x.id from returns x where x.created_at >= ${start} and x.created_at < ${end})
          group by rf.return_id)
        select customer_id, day, sum(sold_units) as sold_units, sum(sold_value) as sold_value, sum(orders) as orders,
          sum(returned_units) as returned_units, sum(returned_value) as returned_value, sum(returns) as returns, sum(refunded_amount) as refunded_amount
        from (
          select o.customer_id, ${dayOf('o.placed_at', d)} as day, sum(ol.quantity) as sold_units, sum(ol.paid_amount) as sold_value,
            count(distinct o.id) as orders, 0 as returned_units, 0 as returned_value, 0 as returns, 0 as refunded_amount
          from placed o join order_lines ol on ol.order_id = o.id
          group by o.customer_id, 2
          union all
          select r.customer_id, ${dayOf('r.created_at', d)} as day, 0, 0, 0,
            sum(case when r.status in ('rejected', 'cancelled') then 0 else rl.quantity end),
            sum(case when r.status in ('rejected', 'cancelled') then 0 else ol.paid_amount * rl.quantity / ol.quantity end),
            sum(case when rl.line_no = 1 and r.status not in ('rejected', 'cancelled') then 1 else 0 end),
            sum(case when rl.line_no = 1 then coalesce(rp.paid, 0) else 0 end)
          from returns r
          join return_lines rl on rl.return_id = r.id
          join order_lines ol on ol.id = rl.order_line_id
          left join paid rp on rp.return_id = r.id
          where r.created_at >= ${start} and r.created_at < ${end}
          group by r.customer_id, 2
        ) parts
        group by customer_id, day`;
    case 'stages': {
      const stay = secondsBetween('st.entered_at', 'st.exited_at', d);
      const wait = secondsBetween('m.created_at', 'm.paid_at', d);
      return sql`select ${dayOf('st.exited_at', d)} as day, st.stage, st.owner_role, ${bucketOf(stay)} as bucket, count(*) as count, sum(${stay}) as seconds
        from return_stages st
        where st.exited_at >= ${start} and st.exited_at < ${end}
        group by 1, st.stage, st.owner_role, 4
        union all
        select ${dayOf('m.paid_at', d)} as day, '_money_back', '', ${bucketOf(wait)}, count(*), sum(${wait})
        from (
          select r.id, r.created_at, max(rf.paid_at) as paid_at
          from returns r join refunds rf on rf.return_id = r.id
          where rf.status = 'paid' and rf.kind = 'refund'
            and r.id in (select p.return_id from refunds p where p.paid_at >= ${start} and p.paid_at < ${end})
          group by r.id, r.created_at
        ) m
        where m.paid_at >= ${start} and m.paid_at < ${end}
        group by 1, 4`;
    }
  }
}

function returnsSource(start: string, end: string, d: Dialect): RawBuilder<unknown> {
  const inRange = sql`(select x.id from returns x where x.created_at >= ${start} and x.created_at < ${end})`;
  const counted = sql`r.status not in ('rejected', 'cancelled')`;
  const worth = (units: string) => sql`${ref(units)} * ol.paid_amount / ol.quantity`;
  const disposition = (name: string) => sql`sum(case when disposition = ${name} then quantity else 0 end)`;
  // The warehouse that received the goods, else the one the order shipped from.
  const returnsInRange = sql`(select x.id, x.status, x.created_at, x.order_id,
      coalesce((select wl.warehouse_id from stock_movements sm join locations wl on wl.id = sm.to_location_id
        where sm.source_type = 'return' and sm.source_id = x.id and sm.type = 'return_receipt' order by sm.id limit 1),
        (select ol2.warehouse_id from orders o2 join locations ol2 on ol2.id = o2.stock_location_id where o2.id = x.order_id), '') as warehouse_id
    from returns x where x.created_at >= ${start} and x.created_at < ${end})`;
  return sql`select ${dayOf('r.created_at', d)} as day, rl.product_id, o.channel, rl.reason_code, r.warehouse_id,
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
    group by 1, rl.product_id, o.channel, rl.reason_code, r.warehouse_id`;
}

type TableSpec = { table: string; keys: string[]; measures: string[]; dayColumn: 'day' };

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
  sales: { table: 'analytics_sales_daily', keys: ['product_id', 'channel', 'warehouse_id'], measures: ['units', 'value', 'lines'], dayColumn: 'day' },
  salesTotals: { table: 'analytics_sales_totals', keys: ['channel', 'warehouse_id'], measures: ['units', 'value', 'lines', 'orders'], dayColumn: 'day' },
  returns: { table: 'analytics_return_daily', keys: ['product_id', 'channel', 'reason_code', 'warehouse_id'], measures: returnMeasures, dayColumn: 'day' },
  customers: {
    table: 'analytics_customer_daily',
    keys: ['customer_id'],
    measures: ['sold_units', 'sold_value', 'orders', 'returned_units', 'returned_value', 'returns', 'refunded_amount'],
    dayColumn: 'day',
  },
  stages: { table: 'analytics_stage_daily', keys: ['stage', 'owner_role', 'bucket'], measures: ['count', 'seconds'], dayColumn: 'day' },
};

/** Column order of a family's source select. */
function sourceColumns(family: FactFamily | 'salesTotals'): string[] {
  const spec = factTables[family];
  return family === 'customers' ? ['customer_id', 'day', ...spec.measures] : ['day', ...spec.keys, ...spec.measures];
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

/** Replaces a family's facts for a run of days with a fresh computation from the source tables. */
export async function recomputeDays(db: Db, family: FactFamily, range: DayRange, timeZone: string): Promise<void> {
  const d: Dialect = { postgres: isPostgres(db), timeZone };
  const parts: (FactFamily | 'salesTotals')[] = family === 'sales' ? ['sales', 'salesTotals'] : [family];
  if (family === 'sales') await moveMonthly(db, range, -1);
  for (const part of parts) {
    const spec = factTables[part];
    await sql`delete from ${ref(spec.table)} where day >= ${range.from} and day < ${range.to}`.execute(db);
    await sql`insert into ${ref(spec.table)} (${ref(sourceColumns(part).join(', '))}) ${sourceOf(part, range, d)}`.execute(db);
  }
  if (family === 'sales') await moveMonthly(db, range, 1);
}

/** Empties every fact table (a rebuild starts here). */
export async function clearFacts(db: Db): Promise<void> {
  for (const spec of [...Object.values(factTables), monthly]) await sql`delete from ${ref(spec.table)}`.execute(db);
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

/** Timestamps of returns that decide which days of which families they touch. */
export async function returnDayStamps(db: Db, returnIds: readonly string[]): Promise<{ created: string[]; exits: string[]; paid: string[] }> {
  if (returnIds.length === 0) return { created: [], exits: [], paid: [] };
  const ids = [...returnIds];
  const [created, exits, paid] = await Promise.all([
    db.selectFrom('returns').select('createdAt').where('id', 'in', ids).execute(),
    db.selectFrom('returnStages').select('exitedAt').where('returnId', 'in', ids).where('exitedAt', 'is not', null).execute(),
    db.selectFrom('refunds').select('paidAt').where('returnId', 'in', ids).where('paidAt', 'is not', null).execute(),
  ]);
  return {
    created: created.map((r) => r.createdAt),
    exits: exits.map((r) => r.exitedAt as string),
    paid: paid.map((r) => r.paidAt as string),
  };
}
