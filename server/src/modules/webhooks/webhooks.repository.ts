/** Webhook subscriptions and their deliveries. */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import { newId } from '../../lib/ids.ts';
import { queueWebhookDisabledNotices } from './webhook-disabled-notices.ts';

export type Webhook = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  /** Since when every attempt has failed (null: the last one succeeded). */
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
};

type WebhookRow = {
  id: string;
  url: string;
  events: string;
  active: number;
  createdAt: string;
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
};

const webhookColumns = ['id', 'url', 'events', 'active', 'createdAt', 'failingSince', 'disabledAt', 'disabledReason'] as const;

/** A webhook is disabled after failing without a break for this long (the contract's retry period). */
export const disableAfterFailingMs = 3 * 24 * 60 * 60 * 1000;

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    active: row.active === 1,
    createdAt: row.createdAt,
    failingSince: row.failingSince,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
  };
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
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
  };
  await db.insertInto('webhooks').values(row).execute();
  return toWebhook(row);
}

/** All webhooks, oldest first. */
export async function listWebhooks(db: Db): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').select(webhookColumns).orderBy('id').execute()).map(toWebhook);
}

/** A webhook by id. */
export async function findWebhook(db: Db, id: string): Promise<Webhook | undefined> {
  const row = await db.selectFrom('webhooks').select(webhookColumns).where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : undefined;
}

export type WebhookPatch = { url?: string; events?: string[]; secret?: string; active?: boolean };

/** Changes a webhook; enabling it again clears its failure record. */
export async function updateWebhook(db: Db, id: string, patch: WebhookPatch): Promise<Webhook | undefined> {
  const set = {
    ...(patch.url === undefined ? {} : { url: patch.url }),
    ...(patch.events === undefined ? {} : { events: JSON.stringify(patch.events) }),
    ...(patch.secret === undefined ? {} : { secret: patch.secret }),
    ...(patch.active === undefined ? {} : { active: patch.active ? 1 : 0 }),
    ...(patch.active === true ? { failingSince: null, disabledAt: null, disabledReason: null } : {}),
  };
  if (Object.keys(set).length > 0) await db.updateTable('webhooks').set(set).where('id', '=', id).execute();
  return findWebhook(db, id);
}

/** Deletes a webhook and its deliveries; false when it did not exist. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('webhookDeliveries').where('webhookId', '=', id).execute();
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Creates one pending delivery per active webhook subscribed to each event's type: the
 * webhooks are read once for the batch, and the deliveries written in one insert per
 * 100 rows. Answers how many deliveries were queued.
 */
export async function fanOutEvents(db: Db, events: readonly { id: string; type: string }[], now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const hooks = (await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute()).map((h) => ({
    id: h.id,
    events: JSON.parse(h.events) as string[],
  }));
  if (hooks.length === 0) return 0;
  const at = now.toISOString();
  const rows = events.flatMap((event) =>
    hooks
      .filter((h) => h.events.includes(event.type) || h.events.includes('*'))
      .map((h) => ({
        id: newId('whd'),
        webhookId: h.id,
        eventId: event.id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        lockedUntil: null,
        lastStatusCode: null,
        lastError: null,
        deliveredAt: null,
        createdAt: at,
      })),
  );
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('webhookDeliveries')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['webhookId', 'eventId']).doNothing())
      .execute();
  }
  return rows.length;
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
      // A disabled webhook keeps its pending deliveries until it is enabled again.
      .where('webhookId', 'in', trx.selectFrom('webhooks').select('webhooks.id').where('webhooks.active', '=', 1))
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

/**
 * Records the outcome of one attempt, and the webhook's health: a success ends its run
 * of failures; a failure that ends three days of nothing but failures disables the
 * webhook and tells the admins (in the console, their email and robots that listen).
 */
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
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const delivery = await trx
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
      .returning('webhookId')
      .executeTakeFirst();
    if (!delivery) return;
    const at = o.now.toISOString();
    if (o.status === 'delivered') {
      await trx.updateTable('webhooks').set({ failingSince: null }).where('id', '=', delivery.webhookId).where('failingSince', 'is not', null).execute();
      return;
    }
    await trx.updateTable('webhooks').set({ failingSince: at }).where('id', '=', delivery.webhookId).where('failingSince', 'is', null).execute();
    const hook = await trx.selectFrom('webhooks').select(['id', 'url', 'active', 'failingSince']).where('id', '=', delivery.webhookId).executeTakeFirst();
    if (hook?.active !== 1 || !hook.failingSince) return;
    if (o.now.getTime() - Date.parse(hook.failingSince) < disableAfterFailingMs) return;
    const reason = o.error ?? 'failed';
    const disabled = await trx
      .updateTable('webhooks')
      .set({ active: 0, disabledAt: at, disabledReason: reason })
      .where('id', '=', hook.id)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (Number(disabled.numUpdatedRows) === 1) {
      await queueWebhookDisabledNotices(trx, { webhookId: hook.id, url: hook.url, reason, failingSince: hook.failingSince, now: o.now });
    }
  });
}

/** Queues a delivery to be sent again now (manual redelivery); undefined when the webhook has no such delivery. */
export async function redeliver(db: Db, webhookId: string, deliveryId: string, now: Date): Promise<DeliveryLogRow | undefined> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set({ status: 'pending', nextAttemptAt: now.toISOString(), lockedUntil: null })
    .where('id', '=', deliveryId)
    .where('webhookId', '=', webhookId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findDelivery(db, webhookId, deliveryId);
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
  nextAttemptAt: string;
  createdAt: string;
};

function deliveryLog(db: Db, webhookId: string) {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
    .select([
      'd.id',
      'd.eventId',
      'e.type as eventType',
      'd.status',
      'd.attempts',
      'd.lastStatusCode',
      'd.lastError',
      'd.deliveredAt',
      'd.nextAttemptAt',
      'd.createdAt',
    ])
    .where('d.webhookId', '=', webhookId);
}

/** The delivery log of a webhook, newest first. */
export async function listDeliveries(db: Db, webhookId: string, limit: number, cursor?: string): Promise<DeliveryLogRow[]> {
  let query = deliveryLog(db, webhookId).orderBy('d.id', 'desc').limit(limit);
  if (cursor) query = query.where('d.id', '<', cursor);
  return query.execute();
}

/** One delivery of a webhook. */
export async function findDelivery(db: Db, webhookId: string, deliveryId: string): Promise<DeliveryLogRow | undefined> {
  return deliveryLog(db, webhookId).where('d.id', '=', deliveryId).executeTakeFirst();
}
