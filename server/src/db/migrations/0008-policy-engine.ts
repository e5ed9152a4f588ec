/**
 * The policy engine and the editable process (issue 5): who a stage is assigned to (an
 * automation may hand it to a person), and when an overdue stage was escalated, so the
 * scheduled escalation runs once per stage visit.
 */
import type { ColumnDataType, Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

function timestampType(db: Kysely<unknown>): ColumnDataType {
  return isPostgres(db) ? 'timestamptz' : 'text';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db);
  await db.schema.alterTable('return_stages').addColumn('assigned_user_id', 'text').execute();
  await db.schema.alterTable('return_stages').addColumn('escalated_at', ts).execute();
  await db.schema.createIndex('return_stages_due_idx').on('return_stages').columns(['exited_at', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('return_stages_due_idx').ifExists().execute();
  await db.schema.alterTable('return_stages').dropColumn('escalated_at').execute();
  await db.schema.alterTable('return_stages').dropColumn('assigned_user_id').execute();
}
