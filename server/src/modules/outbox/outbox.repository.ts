/**
 * The transactional outbox: every change writes its event here in its own transaction;
 * webhooks (and later notices and analytics) are fed from it after commit.
 */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { precompiled } from '../../db/precompiled.ts';
import { newId } from '../../lib/ids.ts';

export type OutboxEventType =
  | 'return.created'
  | 'return.approved'
  | 'return.rejected'
  | 'return.shipped'
  | 'return.received'
  | 'return.inspected'
  | 'return.refunded'
  | 'return.resolved'
  | 'return.closed'
  | 'return.cancelled'
  | 'return.replacement_shipped'
  | 'refund.pending_approval'
  | 'refund.paid'
  | 'order.created'
  | 'policy.published'
  | 'process.published'
  | 'return.escalated'
  | 'return.photos_requested'
  | 'automation.notify';

export type OutboxEvent = { id: string; type: string; aggregateType: string; aggregateId: string; payload: unknown; createdAt: string };

export type AppendEventOptions = { type: OutboxEventType; aggregateType: string; aggregateId: string; payload: unknown; now: Date };

type StoredEvent = { id: string; type: string; aggregateType: string; aggregateId: string; payload: string; createdAt: string };

const insertEvent = precompiled<StoredEvent, never>((db, p) =>
  db.insertInto('outboxEvents').values({
    id: p('id'),
    type: p('type'),
    aggregateType: p('aggregateType'),
    aggregateId: p('aggregateId'),
    payload: p('payload'),
    createdAt: p('createdAt'),
    dispatchedAt: null,
  }),
);

/** Writes an event; call inside the transaction of the change it reports. */
export async function appendEvent(db: Db, options: AppendEventOptions): Promise<string> {
  const id = newId('evt');
  await insertEvent(db, {
    id,
    type: options.type,
    aggregateType: options.aggregateType,
    aggregateId: options.aggregateId,
    payload: JSON.stringify(options.payload),
    createdAt: options.now.toISOString(),
  });
  return id;
}

/** What the webhooks need of an event to queue its deliveries (they read the payload when they send). */
export type DispatchedEvent = { id: string; type: string };

/**
 * Claims up to `limit` undispatched events and marks them dispatched, handing the batch to
 * `fanOut` inside the same transaction, so a crash leaves them undispatched and several
 * servers never fan out the same event (FOR UPDATE SKIP LOCKED on PostgreSQL). The payload
 * stays in the table: a delivery reads it when it is sent, and most events have no
 * webhook at all (reading and parsing ~2 KB per event was a tenth of the webhook worker's
 * cost under a burst of returns; docs/performance.md).
 */
export async function dispatchEvents(db: Db, limit: number, now: Date, fanOut: (trx: Db, events: DispatchedEvent[]) => Promise<void>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('outboxEvents').select(['id', 'type']).where('dispatchedAt', 'is', null).orderBy('id').limit(limit);
    if (isPostgres(trx)) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return 0;
    await fanOut(trx, rows);
    await trx
      .updateTable('outboxEvents')
      .set({ dispatchedAt: now.toISOString() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

/** Events of one aggregate, oldest first (the timeline of what was announced). */
export async function listEventsFor(db: Db, aggregateId: string): Promise<OutboxEvent[]> {
  const rows = await db
    .selectFrom('outboxEvents')
    .select(['id', 'type', 'aggregateType', 'aggregateId', 'payload', 'createdAt'])
    .where('aggregateId', '=', aggregateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
}
