/**
 * The outbox as the notices see it: a second consumer beside the webhooks, with its own
 * mark (`noticed_at`). Events are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL, the
 * notices are written and the mark set in one transaction: a crash leaves the event
 * unnoticed for the next worker, and no two servers fan out the same event.
 */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { OutboxEvent } from '../outbox/outbox.repository.ts';

/** Claims up to `limit` events whose notices are not written yet and hands them, oldest first, to `fanOut` in the same transaction. */
export async function claimEventsForNotices(db: Db, limit: number, now: Date, fanOut: (trx: Db, events: OutboxEvent[]) => Promise<void>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('outboxEvents')
      .select(['id', 'type', 'aggregateType', 'aggregateId', 'payload', 'createdAt'])
      .where('noticedAt', 'is', null)
      .orderBy('id')
      .limit(limit);
    if (isPostgres(trx)) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length > 0) {
      await fanOut(
        trx,
        rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) })),
      );
      await trx
        .updateTable('outboxEvents')
        .set({ noticedAt: now.toISOString() })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.length;
  });
}
