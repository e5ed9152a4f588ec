/**
 * Money (issue 7): inspection grades of accepted units and what they were priced at,
 * refund documents' deadline, rejection and kind, refund notes (退款单) with the
 * red-letter invoice fields, exchanges with their replacement lines and reservations,
 * and the finance daily close.
 */
import type { ColumnDataType, Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

type ColumnTypes = { ts: ColumnDataType; money: ColumnDataType };

function columnTypes(db: Kysely<unknown>): ColumnTypes {
  return isPostgres(db) ? { ts: 'timestamptz', money: 'bigint' } : { ts: 'text', money: 'integer' };
}

/** The law's refund deadline (7 days from receipt) for refunds made before deadlines were recorded. */
const legacyDeadlineMs = 7 * 86_400_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { ts, money } = columnTypes(db);

  // Accepted units of a return line by inspection grade, and what the priced ones are worth.
  // Units accepted without a grade (keep-the-item, refund on receipt) are the line's rest.
  await db.schema
    .createTable('return_line_grades')
    .addColumn('return_line_id', 'text', (c) => c.notNull().references('return_lines.id'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
    .addColumn('accepted_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valued_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_amount', money, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('return_line_grades_pk', ['return_line_id', 'grade'])
    .execute();
  await db.schema.createIndex('return_line_grades_return_idx').on('return_line_grades').column('return_id').execute();

  await db.schema
    .alterTable('refunds')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('refund'))
    .execute();
  for (const column of ['due_at', 'approved_at', 'rejected_at']) {
    await db.schema.alterTable('refunds').addColumn(column, ts).execute();
  }
  for (const column of ['rejected_by_id', 'reject_reason']) {
    await db.schema.alterTable('refunds').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('refunds_due_idx').on('refunds').columns(['due_at', 'id']).execute();
  await db.schema.createIndex('refunds_paid_idx').on('refunds').columns(['paid_at']).execute();
  const legacy = await (db as Kysely<any>).selectFrom('refunds').select(['id', 'created_at']).execute();
  for (const row of legacy as { id: string; created_at: string | Date }[]) {
    const dueAt = new Date(new Date(row.created_at).getTime() + legacyDeadlineMs).toISOString();
    await (db as Kysely<any>).updateTable('refunds').set({ due_at: dueAt }).where('id', '=', row.id).execute();
  }

  await db.schema.createIndex('store_credit_created_idx').on('store_credit_entries').columns(['created_at']).execute();

  await db.schema
    .createTable('refund_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('refund_id', 'text', (c) => c.notNull().unique().references('refunds.id'))
    .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('original_invoice_number', 'text')
    .addColumn('red_confirmation_number', 'text')
    .addColumn('red_invoice_number', 'text')
    .addColumn('invoice_note', 'text')
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refund_notes_return_idx').on('refund_notes').column('return_id').execute();

  await db.schema
    .createTable('exchanges')
    .addColumn('return_id', 'text', (c) => c.primaryKey().references('returns.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('replacement_order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('returned_value', money)
    .addColumn('replacement_value', money)
    .addColumn('difference_refund_id', 'text', (c) => c.references('refunds.id'))
    .addColumn('difference_method', 'text')
    .addColumn('charge_method', 'text')
    .addColumn('charge_reference', 'text')
    .addColumn('fallback_resolution', 'text')
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('shipped_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exchange_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
    .addColumn('return_line_id', 'text', (c) => c.references('return_lines.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price', money, (c) => c.notNull())
    .addColumn('reserved_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_lines_return_idx').on('exchange_lines').columns(['return_id', 'line_no']).execute();

  await db.schema
    .createTable('finance_closes')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('flagged', 'text', (c) => c.notNull())
    .addColumn('closed_by_kind', 'text', (c) => c.notNull())
    .addColumn('closed_by_id', 'text')
    .addColumn('closed_at', ts, (c) => c.notNull())
    .execute();
}
