/**
 * The outbox as the notices see it: a second consumer beside the webhooks, with its own
 * mark (`noticed_at`). Events are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL, the
 * notices are written and the mark set in one transaction: a crash leaves the event
 * unnoticed for the next worker, and no two servers fan out the same event.
 */
import type { Db } from '../../db/connect.ts';
import { claimOutboxBatch, type OutboxEvent } from '../outbox/outbox.repository.ts';

/** Claims up to `limit` events whose notices are not written yet and hands them, oldest first, to `fanOut` in the same transaction. */
export function claimEventsForNotices(db: Db, limit: number, now: Date, fanOut: (trx: Db, events: OutboxEvent[]) => Promise<void>): Promise<number> {
  return claimOutboxBatch(db, { mark: 'noticedAt', columns: ['type', 'aggregateType', 'aggregateId', 'payload', 'createdAt'], limit, now }, (trx, rows) =>
    fanOut(
      trx,
      rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) })),
    ),
  );
}
