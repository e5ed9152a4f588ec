/**
 * The console's returns list at a million orders (issue 9): indexes its page and its capped count read per row.
 * - the open stage of a return (the list's left join, the overdue filter and the due order): only open rows;
 * - the pending refund of a return (the list's pending amount, the refund and approval queues): by return and
 *   status, so the planner never walks every pending refund for each row (it did from the status index when
 *   statistics said there were none).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('return_stages_open_return_idx')
    .on('return_stages')
    .columns(['return_id', 'due_at'])
    .where(sql.ref('exited_at'), 'is', null)
    .execute();
  await db.schema.createIndex('refunds_return_status_idx').on('refunds').columns(['return_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refunds_return_status_idx').ifExists().execute();
  await db.schema.dropIndex('return_stages_open_return_idx').ifExists().execute();
}
