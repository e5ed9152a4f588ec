/**
 * Reads the daily facts for the reports: units and value sold, and the measures of the
 * returns filed, per dimension over a period of local days with filters. Sales over whole
 * months come from the monthly rollup, the days at either end from the daily facts.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { monthOf, nextMonthStart } from './shop-time.ts';

export type Period = { from: string; to: string };

export type Filters = {
  channel?: string | undefined;
  category?: string | undefined;
  productId?: string | undefined;
  supplierId?: string | undefined;
  warehouseId?: string | undefined;
  /** Reason codes to keep (a reason, or every reason of a reason category). */
  reasonCodes?: readonly string[] | undefined;
};

export type SalesDimension = 'product' | 'category' | 'supplier' | 'channel' | 'warehouse' | 'total' | 'day';
export type ReturnDimension = SalesDimension | 'reason' | 'productReason' | 'dayReason';

const productLevel = (dim: string, f: Filters) =>
  dim === 'product' || dim === 'category' || dim === 'supplier' || f.category !== undefined || f.productId !== undefined || f.supplierId !== undefined;

/**
 * Whether the product's row is needed (its category or supplier); per product alone the
 * facts' product_id is enough, and the join to products was a third of a year's report.
 */
const needsProducts = (dim: string, f: Filters) => dim === 'category' || dim === 'supplier' || f.category !== undefined || f.supplierId !== undefined;

function keyOf(dim: ReturnDimension): RawBuilder<string> {
  switch (dim) {
    case 'product':
      return sql`s.product_id`;
    case 'category':
      return sql`p.category`;
    case 'supplier':
      return sql`coalesce(p.supplier_id, '')`;
    case 'channel':
      return sql`s.channel`;
    case 'warehouse':
      return sql`s.warehouse_id`;
    case 'total':
      return sql`'*'`;
    case 'day':
      return sql`s.day`;
    case 'reason':
      return sql`s.reason_code`;
    case 'productReason':
      return sql`s.product_id || '|' || s.reason_code`;
    case 'dayReason':
      return sql`s.day || '|' || s.reason_code`;
  }
}

function conditions(f: Filters, withReasons: boolean): RawBuilder<unknown>[] {
  return [...factConditions(f, withReasons), ...productConditions(f)];
}

/** Filters on the facts' own columns. */
function factConditions(f: Filters, withReasons: boolean): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.channel !== undefined) where.push(sql`s.channel = ${f.channel}`);
  if (f.warehouseId !== undefined) where.push(sql`s.warehouse_id = ${f.warehouseId}`);
  if (f.productId !== undefined) where.push(sql`s.product_id = ${f.productId}`);
  if (withReasons && f.reasonCodes !== undefined) {
    where.push(f.reasonCodes.length === 0 ? sql`1 = 0` : sql`s.reason_code in (${sql.join([...f.reasonCodes])})`);
  }
  return where;
}

/** Filters on the product's row (p). */
function productConditions(f: Filters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.category !== undefined) where.push(sql`p.category = ${f.category}`);
  if (f.supplierId !== undefined) where.push(sql`p.supplier_id = ${f.supplierId}`);
  return where;
}

/**
 * Sums of fact rows per key where the product's row is needed. A category or supplier
 * filter becomes a set of product ids the facts are narrowed to first; a category or
 * supplier view sums per product before joining products — 800 joins instead of one per
 * fact row (a year of sales by category read 150,000 rows through the join).
 */
function perProductThenJoin(dim: ReturnDimension, f: Filters, source: RawBuilder<unknown>, sums: RawBuilder<unknown>, withReasons: boolean) {
  const byProduct = dim === 'category' || dim === 'supplier';
  const products = productConditions(f);
  const where = [
    ...factConditions(f, withReasons),
    ...(products.length > 0 ? [sql`s.product_id in (select p.id from products p where ${whereAll(products)})`] : []),
  ];
  if (!byProduct) return sql`select ${keyOf(dim)} as key, ${sums} from (${source}) s where ${whereAll(where)} group by 1`;
  return sql`select ${keyOf(dim)} as key, ${sums}
    from (select s.product_id, ${sums} from (${source}) s where ${whereAll(where)} group by s.product_id) s
    join products p on p.id = s.product_id group by 1`;
}

const whereAll = (parts: RawBuilder<unknown>[]) => (parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `));

/** The period cut into whole months and the days at its ends. */
export function splitPeriod(period: Period): { months: Period | null; days: Period[] } {
  const firstFull = period.from.endsWith('-01') ? period.from : nextMonthStart(monthOf(period.from));
  const lastFullEnd = `${monthOf(period.to)}-01`;
  if (firstFull >= lastFullEnd) return { months: null, days: [period] };
  const days = [
    { from: period.from, to: firstFull },
    { from: lastFullEnd, to: period.to },
  ].filter((d) => d.from < d.to);
  return { months: { from: monthOf(firstFull), to: monthOf(lastFullEnd) }, days };
}

export type SalesSums = { units: number; value: number };

/** Units and value sold per key of a dimension. */
export async function salesSums(db: Db, dim: SalesDimension, period: Period, f: Filters): Promise<Map<string, SalesSums>> {
  const where = whereAll(conditions(f, false));
  let source: RawBuilder<unknown>;
  const useProducts = productLevel(dim, f);
  if (!useProducts) {
    source = sql`select day, channel, warehouse_id, units, value from analytics_sales_totals where day >= ${period.from} and day < ${period.to}`;
  } else if (dim === 'day') {
    source = sql`select day, product_id, channel, warehouse_id, units, value from analytics_sales_daily where day >= ${period.from} and day < ${period.to}`;
  } else {
    const split = splitPeriod(period);
    const parts: RawBuilder<unknown>[] = split.days.map(
      (d) => sql`select product_id, channel, warehouse_id, units, value from analytics_sales_daily where day >= ${d.from} and day < ${d.to}`,
    );
    if (split.months) {
      parts.push(
        sql`select product_id, channel, warehouse_id, units, value from analytics_sales_monthly where month >= ${split.months.from} and month < ${split.months.to}`,
      );
    }
    source = sql.join(parts, sql` union all `);
  }
  const sums = sql`sum(s.units) as units, sum(s.value) as value`;
  const query = needsProducts(dim, f)
    ? perProductThenJoin(dim, f, source, sums, false)
    : sql`select ${keyOf(dim)} as key, ${sums} from (${source}) s where ${where} group by 1`;
  const result = await sql<{ key: string; units: number; value: number }>`${query}`.execute(db);
  return new Map(result.rows.map((r) => [String(r.key), { units: Number(r.units), value: Number(r.value) }]));
}

export const returnMeasureNames = [
  'returns',
  'returnedUnits',
  'returnedValue',
  'requestedUnits',
  'refundedAmount',
  'storeCreditAmount',
  'feeAmount',
  'restockedUnits',
  'restockedValue',
  'damagedUnits',
  'damagedValue',
  'scrappedUnits',
  'scrappedValue',
  'vendorUnits',
  'vendorValue',
] as const;
export type ReturnMeasures = Record<(typeof returnMeasureNames)[number], number>;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The measures of the returns filed in the period, per key of a dimension. */
export async function returnSums(db: Db, dim: ReturnDimension, period: Period, f: Filters): Promise<Map<string, ReturnMeasures>> {
  const sums = sql.join(returnMeasureNames.map((m) => sql`sum(s.${sql.raw(snake(m))}) as ${sql.raw(snake(m))}`));
  const query = needsProducts(dim, f)
    ? perProductThenJoin(dim, f, sql`select * from analytics_return_daily where day >= ${period.from} and day < ${period.to}`, sums, true)
    : sql`select ${keyOf(dim)} as key, ${sums} from analytics_return_daily s
        where ${whereAll([sql`s.day >= ${period.from}`, sql`s.day < ${period.to}`, ...conditions(f, true)])} group by 1`;
  const result = await sql<Record<string, number | string>>`${query}`.execute(db);
  return new Map(result.rows.map((r) => [String(r.key), Object.fromEntries(returnMeasureNames.map((m) => [m, Number(r[m] ?? 0)])) as ReturnMeasures]));
}

/** Every category's returned units per reason (for a product's mix against its category's). */
export async function categoryReasonUnits(db: Db, category: string, period: Period): Promise<Map<string, number>> {
  const result = await sql<{ key: string; units: number }>`select s.reason_code as key, sum(s.returned_units) as units
    from analytics_return_daily s join products p on p.id = s.product_id
    where s.day >= ${period.from} and s.day < ${period.to} and p.category = ${category} group by s.reason_code`.execute(db);
  return new Map(result.rows.map((r) => [r.key, Number(r.units)]));
}

export type CustomerReturnRow = { customerId: string; returns: number; returnedUnits: number; returnedValue: number; refundedAmount: number };

/** Each customer's totals over the period's daily facts, grouped by customer (a having/order may follow). */
const customerTotals = (period: Period) => sql`select customer_id, sum(returns) as returns, sum(returned_units) as returned_units,
      sum(returned_value) as returned_value, sum(refunded_amount) as refunded_amount
    from analytics_customer_daily where day >= ${period.from} and day < ${period.to} and returned_units > 0
    group by customer_id`;

const toCustomerRow = (r: Record<string, string | number>): CustomerReturnRow => ({
  customerId: String(r.customerId),
  returns: Number(r.returns),
  returnedUnits: Number(r.returnedUnits),
  returnedValue: Number(r.returnedValue),
  refundedAmount: Number(r.refundedAmount),
});

/** Customers who returned something in the period (or at least `minimum` returns or units), with their returns. */
export async function customersWithReturns(db: Db, period: Period, minimum?: { returns: number; units: number }): Promise<CustomerReturnRow[]> {
  const having = minimum ? sql`having sum(returns) >= ${minimum.returns} or sum(returned_units) >= ${minimum.units}` : sql``;
  const result = await sql<Record<string, string | number>>`${customerTotals(period)} ${having}`.execute(db);
  return result.rows.map(toCustomerRow);
}

/**
 * A page of the customers who returned something in the period, most units (or value)
 * returned first, after a cursor: sorted and cut in the database, so that a year's 60,000
 * returners are not all sent to the server to show fifty. Returns up to `limit` + 1 rows.
 */
export async function customersPage(
  db: Db,
  period: Period,
  o: { by: 'returnedUnits' | 'returnedValue'; limit: number; after: [number, string] | null },
): Promise<CustomerReturnRow[]> {
  const measure = sql.raw(o.by === 'returnedUnits' ? 'sum(returned_units)' : 'sum(returned_value)');
  const after = o.after ? sql`having ${measure} < ${o.after[0]} or (${measure} = ${o.after[0]} and customer_id > ${o.after[1]})` : sql``;
  const result = await sql<
    Record<string, string | number>
  >`${customerTotals(period)} ${after} order by ${measure} desc, customer_id limit ${o.limit + 1}`.execute(db);
  return result.rows.map(toCustomerRow);
}

/**
 * Customers who returned something in the period with what they bought in it, in one
 * pass over the period's customer facts (for ranking customers by their return rate).
 */
export async function customersWithReturnsAndSales(db: Db, period: Period): Promise<(CustomerReturnRow & { sold: SalesSums })[]> {
  const result = await sql<Record<string, string | number>>`select customer_id, sum(returns) as returns, sum(returned_units) as returned_units,
      sum(returned_value) as returned_value, sum(refunded_amount) as refunded_amount, sum(sold_units) as sold_units, sum(sold_value) as sold_value
    from analytics_customer_daily where day >= ${period.from} and day < ${period.to}
    group by customer_id having sum(returned_units) > 0`.execute(db);
  return result.rows.map((r) => ({
    customerId: String(r.customerId),
    returns: Number(r.returns),
    returnedUnits: Number(r.returnedUnits),
    returnedValue: Number(r.returnedValue),
    refundedAmount: Number(r.refundedAmount),
    sold: { units: Number(r.soldUnits), value: Number(r.soldValue) },
  }));
}

/** Units and value each of some customers bought in the period. */
export async function customerSales(db: Db, customerIds: readonly string[], period: Period): Promise<Map<string, SalesSums>> {
  const sums = new Map<string, SalesSums>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const result = await sql<{ customerId: string; units: number; value: number }>`select customer_id, sum(sold_units) as units, sum(sold_value) as value
      from analytics_customer_daily where customer_id in (${sql.join(ids)}) and day >= ${period.from} and day < ${period.to}
      group by customer_id`.execute(db);
    for (const r of result.rows) sums.set(r.customerId, { units: Number(r.units), value: Number(r.value) });
  }
  return sums;
}

export type StageBucketRow = { stage: string; ownerRole: string; bucket: number; count: number; seconds: number };

/** Stage stays (and application → money back) that ended in the period, by duration bucket. */
export async function stageBuckets(db: Db, period: Period): Promise<StageBucketRow[]> {
  const rows = await db
    .selectFrom('analyticsStageDaily')
    .select(['stage', 'ownerRole', 'bucket', (eb) => eb.fn.sum<number>('count').as('count'), (eb) => eb.fn.sum<number>('seconds').as('seconds')])
    .where('day', '>=', period.from)
    .where('day', '<', period.to)
    .groupBy(['stage', 'ownerRole', 'bucket'])
    .execute();
  return rows.map((r) => ({ ...r, bucket: Number(r.bucket), count: Number(r.count), seconds: Number(r.seconds) }));
}

/** Open stage rows now: counts and overdue ones by stage, owner role and assignee. */
export async function openStages(
  db: Db,
  now: string,
): Promise<{ stage: string; ownerRole: string; assignedUserId: string | null; assignedUserName: string | null; open: number; overdue: number }[]> {
  const rows = await db
    .selectFrom('returnStages as st')
    .leftJoin('users as u', 'u.id', 'st.assignedUserId')
    .select([
      'st.stage',
      'st.ownerRole',
      'st.assignedUserId',
      'u.name as assignedUserName',
      (eb) => eb.fn.countAll<number>().as('open'),
      (eb) => eb.fn.sum<number>(eb.case().when('st.dueAt', '<', now).then(1).else(0).end()).as('overdue'),
    ])
    .where('st.exitedAt', 'is', null)
    .groupBy(['st.stage', 'st.ownerRole', 'st.assignedUserId', 'u.name'])
    .execute();
  return rows.map((r) => ({ ...r, assignedUserName: r.assignedUserName ?? null, open: Number(r.open), overdue: Number(r.overdue ?? 0) }));
}

export type ProductLabel = { id: string; sku: string; name: string; category: string; supplierId: string | null };

/** Names of products. */
export async function productLabels(db: Db, ids: readonly string[]): Promise<Map<string, ProductLabel>> {
  const map = new Map<string, ProductLabel>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'sku', 'name', 'category', 'supplierId'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(r.id, r);
  }
  return map;
}

/** Names of suppliers, customers or warehouses by id. */
export async function namesOf(db: Db, table: 'suppliers' | 'customers' | 'warehouses', ids: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const wanted = ids.filter((id) => id !== '');
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'name'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(r.id, r.name);
  }
  return map;
}
