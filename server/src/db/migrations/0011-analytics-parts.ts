/**
 * What each return and each hour of orders adds to the daily facts (issue 10): a row per
 * return (returns, customers' return side, stages) or per hour of orders in UTC (sales,
 * sales totals, customers' order side) and fact key in a parts table. A change then moves
 * the daily facts by the difference between the new parts and the old ones, instead of
 * recomputing the whole of each day it touched — a cost that grew with the day and, on
 * SQLite, held the event loop for ~170 ms per run after 6,300 returns in a day and up to
 * ~280 ms for an hour of orders in a day of 6,300 (docs/performance.md). The facts are
 * rebuilt once, to fill the parts.
 */
import { type ColumnDataType, type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';
import { analyticsTables } from './0009-analytics.ts';

// A return's parts are found by day through an index; an hour of orders' parts by their key (the hours of the days).
type PartsTable = { name: string; by: 'return_id' | 'hour'; keys: [string, ColumnDataType][]; measures: string[]; indexes: string[][] };

/** The key and measures of a fact table of migration 0009. */
function factTable(name: string): Pick<PartsTable, 'keys' | 'measures'> {
  const table = analyticsTables.find((t) => t.name === name);
  if (!table) throw new Error(`no fact table ${name}`);
  return { keys: table.keys, measures: table.measures };
}

// The customers facts have two sides, each its own parts: a customer's day keyed as the facts are.
const customerDay: [string, ColumnDataType][] = factTable('analytics_customer_daily').keys;

export const analyticsPartsTables: PartsTable[] = [
  { name: 'analytics_return_parts', by: 'return_id', ...factTable('analytics_return_daily'), indexes: [['day']] },
  {
    name: 'analytics_customer_parts',
    by: 'return_id',
    keys: customerDay,
    measures: ['returned_units', 'returned_value', 'returns', 'refunded_amount'],
    indexes: [['day', 'customer_id']],
  },
  { name: 'analytics_stage_parts', by: 'return_id', ...factTable('analytics_stage_daily'), indexes: [['day']] },
  { name: 'analytics_sales_parts', by: 'hour', ...factTable('analytics_sales_daily'), indexes: [] },
  { name: 'analytics_sales_total_parts', by: 'hour', ...factTable('analytics_sales_totals'), indexes: [] },
  { name: 'analytics_customer_sales_parts', by: 'hour', keys: customerDay, measures: ['sold_units', 'sold_value', 'orders'], indexes: [] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const amount: ColumnDataType = postgres ? 'bigint' : 'integer';
  for (const table of analyticsPartsTables) {
    let builder = db.schema.createTable(table.name).addColumn(table.by, 'text', (c) => c.notNull());
    for (const [name, type] of table.keys) builder = builder.addColumn(name, type, (c) => c.notNull());
    for (const measure of table.measures) builder = builder.addColumn(measure, amount, (c) => c.notNull().defaultTo(0));
    builder = builder.addPrimaryKeyConstraint(`${table.name}_pk`, [table.by, ...table.keys.map(([name]) => name)] as never);
    // On SQLite the rows live in their key's b-tree: a table with a rowid would hold every key twice.
    await (postgres ? builder : builder.modifyEnd(sql`without rowid`)).execute();
    for (const columns of table.indexes) {
      await db.schema
        .createIndex(`${table.name}_${columns.join('_')}_idx`)
        .on(table.name)
        .columns(columns as never)
        .execute();
    }
  }
  // The facts kept so far have no parts: the facts job rebuilds them (and the parts) on its next run.
  await sql`update analytics_state set status = 'empty', rebuild_next = null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...analyticsPartsTables].reverse()) await db.schema.dropTable(table.name).ifExists().execute();
  await sql`update analytics_state set status = 'empty', rebuild_next = null`.execute(db);
}
