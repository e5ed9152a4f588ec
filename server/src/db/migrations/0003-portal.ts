/**
 * The customer portal's tables: server secrets (signed progress links), SMS sign-in
 * codes, photos customers attach to returns, and their feedback once a return is done.
 */
import type { ColumnDataType, Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

function timestampType(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db);

  // Secrets shared by every app server (kept in the database, not in one process's memory).
  await db.schema
    .createTable('portal_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sms_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('consumed_at', ts)
    .execute();
  await db.schema.createIndex('sms_codes_phone_idx').on('sms_codes').columns(['phone', 'created_at']).execute();
  await db.schema.createIndex('sms_codes_client_idx').on('sms_codes').columns(['client_key', 'created_at']).execute();

  await db.schema
    .createTable('return_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('return_id', 'text', (c) => c.references('returns.id'))
    .addColumn('return_line_id', 'text', (c) => c.references('return_lines.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('attached_at', ts)
    .execute();
  await db.schema.createIndex('return_photos_return_idx').on('return_photos').column('return_id').execute();
  await db.schema.createIndex('return_photos_customer_idx').on('return_photos').columns(['customer_id', 'created_at']).execute();

  await db.schema
    .createTable('return_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('return_id', 'text', (c) => c.notNull().unique().references('returns.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('return_feedback_customer_idx').on('return_feedback').columns(['customer_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['return_feedback', 'return_photos', 'sms_codes', 'portal_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
