/**
 * Analytics (issue 9): pre-aggregated daily facts, the queue of what changed, and the
 * indexes the reports and the console's returns list need on a million orders.
 *
 * Facts are keyed by the calendar day in the shop's time zone (`day` YYYY-MM-DD, `month`
 * YYYY-MM). Triggers on the source tables put what changed in `analytics_queue` (an
 * hour of orders, or a return) in the same transaction as the change, whatever code made
 * it; the facts job (modules/analytics) drains the queue and recomputes the days touched.
 */
import { type ColumnDataType, type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

type Table = { name: string; keys: [string, ColumnDataType][]; measures: string[]; indexes?: string[][] };

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

export const analyticsTables: Table[] = [
  {
    name: 'analytics_sales_daily',
    keys: [
      ['day', 'text'],
      ['product_id', 'text'],
      ['channel', 'text'],
      ['warehouse_id', 'text'],
    ],
    measures: ['units', 'value', 'lines'],
    indexes: [['product_id', 'day']],
  },
  {
    name: 'analytics_sales_monthly',
    keys: [
      ['month', 'text'],
      ['product_id', 'text'],
      ['channel', 'text'],
      ['warehouse_id', 'text'],
    ],
    measures: ['units', 'value', 'lines'],
  },
  {
    name: 'analytics_sales_totals',
    keys: [
      ['day', 'text'],
      ['channel', 'text'],
      ['warehouse_id', 'text'],
    ],
    measures: ['units', 'value', 'lines', 'orders'],
  },
  {
    name: 'analytics_return_daily',
    keys: [
      ['day', 'text'],
      ['product_id', 'text'],
      ['channel', 'text'],
      ['reason_code', 'text'],
      ['warehouse_id', 'text'],
    ],
    measures: returnMeasures,
    indexes: [['product_id', 'day']],
  },
  {
    name: 'analytics_customer_daily',
    keys: [
      ['customer_id', 'text'],
      ['day', 'text'],
    ],
    measures: ['sold_units', 'sold_value', 'orders', 'returned_units', 'returned_value', 'returns', 'refunded_amount'],
    indexes: [['day']],
  },
  {
    name: 'analytics_stage_daily',
    keys: [
      ['day', 'text'],
      ['stage', 'text'],
      ['owner_role', 'text'],
      ['bucket', 'integer'],
    ],
    measures: ['count', 'seconds'],
  },
];

/** Tables whose changes feed the facts: each queues the return it belongs to. */
const returnChildTables = ['return_lines', 'return_inspections', 'refunds', 'return_stages'];

async function createSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const hour = (ref: string) => `substr(${ref}.placed_at, 1, 13)`;
  await sql
    .raw(
      `create trigger analytics_orders_insert after insert on orders begin
         insert or ignore into analytics_queue (kind, key) values ('sales', ${hour('new')});
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger analytics_orders_update after update of placed_at, channel, customer_id, stock_location_id on orders begin
         insert or ignore into analytics_queue (kind, key) values ('sales', ${hour('old')});
         insert or ignore into analytics_queue (kind, key) values ('sales', ${hour('new')});
         insert or ignore into analytics_queue (kind, key) select 'return', id from returns where order_id = new.id;
       end`,
    )
    .execute(db);
  for (const event of ['insert', 'update']) {
    await sql
      .raw(
        `create trigger analytics_returns_${event} after ${event} on returns begin
           insert or ignore into analytics_queue (kind, key) values ('return', new.id);
         end`,
      )
      .execute(db);
    for (const table of returnChildTables) {
      await sql
        .raw(
          `create trigger analytics_${table}_${event} after ${event} on ${table} begin
             insert or ignore into analytics_queue (kind, key) values ('return', new.return_id);
           end`,
        )
        .execute(db);
    }
  }
}

async function createPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  const hour = (ref: string) => `to_char(${ref}.placed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;
  await sql
    .raw(
      `create function analytics_queue_order() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' then
           insert into analytics_queue (kind, key) values ('sales', ${hour('old')}) on conflict do nothing;
           insert into analytics_queue (kind, key) select 'return', id from returns where order_id = new.id on conflict do nothing;
         end if;
         insert into analytics_queue (kind, key) values ('sales', ${hour('new')}) on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger analytics_orders after insert or update of placed_at, channel, customer_id, stock_location_id on orders
       for each row execute function analytics_queue_order()`,
    )
    .execute(db);
  await sql
    .raw(
      `create function analytics_queue_return() returns trigger language plpgsql as $$
       begin
         insert into analytics_queue (kind, key) values ('return', new.id) on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
  await sql.raw('create trigger analytics_returns after insert or update on returns for each row execute function analytics_queue_return()').execute(db);
  await sql
    .raw(
      `create function analytics_queue_return_child() returns trigger language plpgsql as $$
       begin
         insert into analytics_queue (kind, key) values ('return', new.return_id) on conflict do nothing;
         return null;
       end $$`,
    )
    .execute(db);
  for (const table of returnChildTables) {
    await sql
      .raw(`create trigger analytics_${table} after insert or update on ${table} for each row execute function analytics_queue_return_child()`)
      .execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const ts: ColumnDataType = postgres ? 'timestamptz' : 'text';
  const amount: ColumnDataType = postgres ? 'bigint' : 'integer';

  await db.schema
    .createTable('analytics_queue')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_queue_pk', ['kind', 'key'])
    .execute();

  await db.schema
    .createTable('analytics_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('time_zone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rebuild_next', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', ts)
    .addColumn('refreshed_at', ts)
    .addColumn('rebuilt_at', ts)
    .execute();

  for (const table of analyticsTables) {
    let builder = db.schema.createTable(table.name);
    for (const [name, type] of table.keys) builder = builder.addColumn(name, type, (c) => c.notNull());
    for (const measure of table.measures) builder = builder.addColumn(measure, amount, (c) => c.notNull().defaultTo(0));
    await builder.addPrimaryKeyConstraint(`${table.name}_pk`, table.keys.map(([name]) => name) as never).execute();
    for (const columns of table.indexes ?? []) {
      await db.schema
        .createIndex(`${table.name}_${columns.join('_')}_idx`)
        .on(table.name)
        .columns(columns as never)
        .execute();
    }
  }

  // Customers who returned something in a period, without reading every customer's sales.
  await db.schema
    .createIndex('analytics_customer_daily_returned_idx')
    .on('analytics_customer_daily')
    .columns(['day', 'customer_id'])
    .where(sql.ref('returned_units'), '>', 0)
    .execute();

  // The console's returns list and the drill-down from a chart: filters that were scans.
  await db.schema.createIndex('returns_channel_idx').on('returns').columns(['channel', 'id']).execute();
  await db.schema.createIndex('returns_stage_idx').on('returns').columns(['stage', 'id']).execute();
  await db.schema.createIndex('return_lines_reason_idx').on('return_lines').columns(['reason_code', 'return_id']).execute();
  await db.schema.createIndex('return_lines_product_idx').on('return_lines').columns(['product_id', 'return_id']).execute();
  await db.schema.createIndex('orders_channel_idx').on('orders').columns(['channel', 'placed_at']).execute();
  await db.schema.createIndex('orders_customer_placed_idx').on('orders').columns(['customer_id', 'placed_at']).execute();
  await db.schema.createIndex('products_category_idx').on('products').columns(['category']).execute();
  await db.schema.createIndex('products_supplier_idx').on('products').columns(['supplier_id']).execute();

  if (postgres) await createPostgresTriggers(db);
  else await createSqliteTriggers(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  if (postgres) {
    await sql.raw('drop trigger if exists analytics_orders on orders').execute(db);
    await sql.raw('drop trigger if exists analytics_returns on returns').execute(db);
    for (const table of returnChildTables) await sql.raw(`drop trigger if exists analytics_${table} on ${table}`).execute(db);
    for (const fn of ['analytics_queue_order', 'analytics_queue_return', 'analytics_queue_return_child'])
      await sql.raw(`drop function if exists ${fn}()`).execute(db);
  } else {
    const names = ['analytics_orders_insert', 'analytics_orders_update'];
    for (const event of ['insert', 'update']) names.push(`analytics_returns_${event}`, ...returnChildTables.map((t) => `analytics_${t}_${event}`));
    for (const name of names) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
  for (const index of [
    'returns_channel_idx',
    'returns_stage_idx',
    'return_lines_reason_idx',
    'return_lines_product_idx',
    'orders_channel_idx',
    'orders_customer_placed_idx',
    'products_category_idx',
    'products_supplier_idx',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const table of [...analyticsTables].reverse()) await db.schema.dropTable(table.name).ifExists().execute();
  await db.schema.dropTable('analytics_state').ifExists().execute();
  await db.schema.dropTable('analytics_queue').ifExists().execute();
}
