/**
 * Imports (issue 8): uploaded files parsed into batches that are previewed and then
 * committed all at once, and the documents each commit created, so that importing the
 * same file twice changes nothing.
 */
import type { ColumnDataType, Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

function timestampType(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db);

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('committed_at', ts)
    .execute();
  await db.schema.createIndex('import_batches_created_idx').on('import_batches').column('created_at').execute();

  await db.schema
    .createTable('import_documents')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_documents_pk', ['kind', 'document_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_documents').ifExists().execute();
  await db.schema.dropTable('import_batches').ifExists().execute();
}
