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

/** What a consumer of the outbox marks an event with once it has handled it. */
export type OutboxMark = 'dispatchedAt' | 'noticedAt';

/**
 * Claims up to `limit` events a consumer has not marked yet, oldest first, hands the batch
 * to `handle` and sets the consumer's mark, all in one transaction: a crash leaves them
 * unmarked for the next worker, and several servers never handle the same event (FOR
 * UPDATE SKIP LOCKED on PostgreSQL). `columns` are what the consumer reads of each event.
 */
export async function claimOutboxBatch<C extends keyof StoredEvent>(
  db: Db,
  o: { mark: OutboxMark; columns: readonly C[]; limit: number; now: Date },
  handle: (trx: Db, rows: Pick<StoredEvent, C | 'id'>[]) => Promise<void>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('outboxEvents')
      .select(['id', ...o.columns] as (keyof StoredEvent)[])
      .where(o.mark, 'is', null)
      .orderBy('id')
      .limit(o.limit);
    if (isPostgres(trx)) query = query.forUpdate().skipLocked();
    const rows = (await query.execute()) as Pick<StoredEvent, C | 'id'>[];
    if (rows.length === 0) return 0;
    await handle(trx, rows);
    await trx
      .updateTable('outboxEvents')
      .set({ [o.mark]: o.now.toISOString() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

/** What the webhooks need of an event to queue its deliveries (they read the payload when they send). */
export type DispatchedEvent = { id: string; type: string };

/**
 * The webhooks' claim: only the id and type of each event. The payload stays in the table:
 * a delivery reads it when it is sent, and most events have no webhook at all (reading and
 * parsing ~2 KB per event was a tenth of the webhook worker's cost under a burst of
 * returns; docs/performance.md).
 */
export function dispatchEvents(db: Db, limit: number, now: Date, fanOut: (trx: Db, events: DispatchedEvent[]) => Promise<void>): Promise<number> {
  return claimOutboxBatch(db, { mark: 'dispatchedAt', columns: ['type'], limit, now }, fanOut);
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
