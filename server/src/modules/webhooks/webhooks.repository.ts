/** Webhook subscriptions and their deliveries. */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { newId } from '../../lib/ids.ts';

export type Webhook = { id: string; url: string; events: string[]; active: boolean; createdAt: string };

type WebhookRow = { id: string; url: string; events: string; active: number; createdAt: string };

function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, url: row.url, events: JSON.parse(row.events) as string[], active: row.active === 1, createdAt: row.createdAt };
}

/** Registers a webhook. */
export async function insertWebhook(db: Db, o: { url: string; events: string[]; secret: string; createdById: string | null; now: Date }): Promise<Webhook> {
  const row = {
    id: newId('whk'),
    url: o.url,
    events: JSON.stringify(o.events),
    secret: o.secret,
    active: 1,
    createdById: o.createdById,
    createdAt: o.now.toISOString(),
  };
  await db.insertInto('webhooks').values(row).execute();
  return toWebhook(row);
}

/** All webhooks, oldest first. */
export async function listWebhooks(db: Db): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').select(['id', 'url', 'events', 'active', 'createdAt']).orderBy('id').execute()).map(toWebhook);
}

/** Deletes a webhook and its deliveries; false when it did not exist. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('webhookDeliveries').where('webhookId', '=', id).execute();
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Creates one pending delivery per active webhook subscribed to the event type. */
export async function fanOutEvent(db: Db, event: { id: string; type: string }, now: Date): Promise<number> {
  const hooks = await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute();
  const subscribed = hooks.filter((h) => {
    const events = JSON.parse(h.events) as string[];
    return events.includes(event.type) || events.includes('*');
  });
  if (subscribed.length === 0) return 0;
  await db
    .insertInto('webhookDeliveries')
    .values(
      subscribed.map((h) => ({
        id: newId('whd'),
        webhookId: h.id,
        eventId: event.id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        lockedUntil: null,
        lastStatusCode: null,
        lastError: null,
        deliveredAt: null,
        createdAt: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(['webhookId', 'eventId']).doNothing())
    .execute();
  return subscribed.length;
}

export type DueDelivery = {
  id: string;
  webhookId: string;
  url: string;
  secret: string;
  attempts: number;
  createdAt: string;
  event: { id: string; type: string; createdAt: string; payload: string };
};

/**
 * Claims deliveries that are due, leasing them for `leaseMs` so no other worker (or
 * server) sends them meanwhile; a crashed worker's lease simply runs out. Webhooks in
 * `skipWebhookIds` (still busy with an earlier batch) are left for a later claim.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit: number, leaseMs: number, skipWebhookIds: readonly string[] = []): Promise<DueDelivery[]> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    let query = trx
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', at)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at)]))
      .orderBy('nextAttemptAt')
      .limit(limit);
    if (skipWebhookIds.length > 0) query = query.where('webhookId', 'not in', skipWebhookIds);
    if (isPostgres(trx)) query = query.forUpdate().skipLocked();
    const ids = (await query.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('webhookDeliveries')
      .set({ lockedUntil: new Date(now.getTime() + leaseMs).toISOString() })
      .where('id', 'in', ids)
      .execute();
    const rows = await trx
      .selectFrom('webhookDeliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhookId')
      .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
      .select([
        'd.id',
        'd.webhookId',
        'w.url',
        'w.secret',
        'd.attempts',
        'd.createdAt',
        'e.id as eventId',
        'e.type',
        'e.createdAt as eventCreatedAt',
        'e.payload',
      ])
      .where('d.id', 'in', ids)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      webhookId: r.webhookId,
      url: r.url,
      secret: r.secret,
      attempts: r.attempts,
      createdAt: r.createdAt,
      event: { id: r.eventId, type: r.type, createdAt: r.eventCreatedAt, payload: r.payload },
    }));
  });
}

/** Records the outcome of one attempt. */
export async function recordAttempt(
  db: Db,
  id: string,
  o: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    nextAttemptAt: string;
    statusCode: number | null;
    error: string | null;
    deliveredAt: string | null;
  },
): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set({
      status: o.status,
      attempts: o.attempts,
      nextAttemptAt: o.nextAttemptAt,
      lockedUntil: null,
      lastStatusCode: o.statusCode,
      lastError: o.error,
      deliveredAt: o.deliveredAt,
    })
    .where('id', '=', id)
    .execute();
}

export type DeliveryLogRow = {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

/** The delivery log of a webhook, newest first. */
export async function listDeliveries(db: Db, webhookId: string, limit: number): Promise<DeliveryLogRow[]> {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
    .select(['d.id', 'd.eventId', 'e.type as eventType', 'd.status', 'd.attempts', 'd.lastStatusCode', 'd.lastError', 'd.deliveredAt', 'd.createdAt'])
    .where('d.webhookId', '=', webhookId)
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}
