/**
 * Warehouses beyond the first: where dispositions send units per warehouse, adjustment
 * reason codes, stock documents (transfers, adjustments, opening stock), parcels held at
 * the dock without a return (拒收, 无主件), stocktaking (plans, count sheets, entries),
 * suppliers' contacts and returns to vendor (退供应商). Stock movements become
 * append-only in the database itself: an UPDATE or DELETE of a ledger line fails.
 */
import { type ColumnDataType, type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

type ColumnTypes = { ts: ColumnDataType; money: ColumnDataType };

function columnTypes(db: Kysely<unknown>): ColumnTypes {
  return isPostgres(db) ? { ts: 'timestamptz', money: 'bigint' } : { ts: 'text', money: 'integer' };
}

/** Adjustment reasons every shop starts with; managers add and retire their own. */
const defaultReasonCodes = [
  { code: 'opening', name: '期初库存', nameEn: 'Opening stock', direction: 'in' },
  { code: 'found', name: '盘盈', nameEn: 'Found', direction: 'in' },
  { code: 'lost', name: '丢失', nameEn: 'Lost', direction: 'out' },
  { code: 'damaged', name: '损坏', nameEn: 'Damaged in the warehouse', direction: 'out' },
  { code: 'expired', name: '过期', nameEn: 'Expired', direction: 'out' },
  { code: 'sample', name: '样品领用', nameEn: 'Taken as a sample', direction: 'out' },
  { code: 'correction', name: '录入更正', nameEn: 'Data entry correction', direction: 'both' },
  { code: 'other', name: '其他', nameEn: 'Other', direction: 'both' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const { ts, money } = columnTypes(db);
  const postgres = isPostgres(db);

  for (const column of ['contact_name', 'contact_phone', 'email', 'address', 'note']) {
    await db.schema.alterTable('suppliers').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('disposition_locations')
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('updated_by_id', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('disposition_locations_pk', ['warehouse_id', 'disposition'])
    .execute();

  await db.schema
    .createTable('stock_reason_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await (db as Kysely<any>)
    .insertInto('stock_reason_codes')
    .values(defaultReasonCodes.map((r) => ({ code: r.code, name: r.name, name_en: r.nameEn, direction: r.direction, active: 1, created_at: now })))
    .execute();

  await db.schema
    .createTable('stock_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.references('stock_reason_codes.code'))
    .addColumn('note', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_documents_kind_idx').on('stock_documents').columns(['kind', 'id']).execute();

  await db.schema
    .createTable('dock_parcels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('note', 'text')
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matched_order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('matched_return_id', 'text', (c) => c.references('returns.id'))
    .addColumn('matched_at', ts)
    .addColumn('matched_by_id', 'text')
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dock_parcels_status_idx').on('dock_parcels').columns(['status', 'id']).execute();
  await db.schema.createIndex('dock_parcels_tracking_idx').on('dock_parcels').column('tracking_number').execute();

  await db.schema
    .createTable('dock_parcel_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('dock_parcels.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('lot', 'text')
    .addColumn('matched_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('released_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('dock_parcel_lines_parcel_idx').on('dock_parcel_lines').columns(['parcel_id', 'line_no']).execute();

  await db.schema
    .createTable('stock_count_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('location_ids', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('anchor_date', 'text', (c) => c.notNull())
    .addColumn('next_run_on', 'text')
    .addColumn('last_run_at', ts)
    .addColumn('last_count_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_count_plans_due_idx').on('stock_count_plans').columns(['active', 'next_run_on']).execute();

  await db.schema
    .createTable('stock_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.references('stock_count_plans.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('location_ids', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('snapshot_at', ts, (c) => c.notNull())
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('submitted_at', ts)
    .addColumn('submitted_by_id', 'text')
    .addColumn('approved_at', ts)
    .addColumn('approved_by_id', 'text')
    .addColumn('cancelled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_counts_status_idx').on('stock_counts').columns(['status', 'id']).execute();

  await db.schema
    .createTable('stock_count_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count_id', 'text', (c) => c.notNull().references('stock_counts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('expected_quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price', money, (c) => c.notNull())
    .addColumn('counted_quantity', 'integer')
    .addColumn('counted_by_id', 'text')
    .addColumn('counted_at', ts)
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('stock_count_lines_key_idx').on('stock_count_lines').columns(['count_id', 'product_id', 'location_id']).unique().execute();

  // Every count entered, in order: who counted what (the approver must be someone else).
  await db.schema
    .createTable('stock_count_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count_id', 'text', (c) => c.notNull().references('stock_counts.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('stock_count_lines.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_count_entries_count_idx').on('stock_count_entries').columns(['count_id', 'id']).execute();

  await db.schema
    .createTable('vendor_returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('from_location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_credit', money, (c) => c.notNull())
    .addColumn('received_credit', money)
    .addColumn('credit_reference', 'text')
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('credited_at', ts)
    .execute();
  await db.schema.createIndex('vendor_returns_supplier_idx').on('vendor_returns').columns(['supplier_id', 'id']).execute();

  await db.schema
    .createTable('vendor_return_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_return_id', 'text', (c) => c.notNull().references('vendor_returns.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_credit', money, (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('lot', 'text')
    .execute();
  await db.schema.createIndex('vendor_return_lines_doc_idx').on('vendor_return_lines').columns(['vendor_return_id', 'line_no']).execute();

  // The ledger is append-only: corrections are new movements, never edits.
  if (postgres) {
    await sql`create function stock_movements_append_only() returns trigger language plpgsql as $$
      begin raise exception 'stock movements are append-only'; end $$`.execute(db);
    await sql`create trigger stock_movements_no_update before update or delete on stock_movements
      for each row execute function stock_movements_append_only()`.execute(db);
  } else {
    await sql`create trigger stock_movements_no_update before update on stock_movements
      begin select raise(abort, 'stock movements are append-only'); end`.execute(db);
    await sql`create trigger stock_movements_no_delete before delete on stock_movements
      begin select raise(abort, 'stock movements are append-only'); end`.execute(db);
  }
}
