/** What is waiting in the database: the outbox, webhook deliveries, and returns in each process stage. */
import type { Db } from '../../db/connect.ts';

export type OutboxBacklog = {
  /** Events committed but not yet fanned out to webhooks. */
  undispatchedEvents: number;
  oldestUndispatchedAt: string | null;
  /** Events committed whose notices are not written yet. */
  unnoticedEvents: number;
  oldestUnnoticedAt: string | null;
  /** Deliveries still to be sent (first attempt or a retry). */
  pendingDeliveries: number;
  oldestPendingDeliveryAt: string | null;
  /** Deliveries given up after the retry period. */
  failedDeliveries: number;
};

/** The outbox and delivery backlog, shared by every server on the database. */
export async function readOutboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [events, unnoticed, pending, failed] = await Promise.all([
    db
      .selectFrom('outboxEvents')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string | null>('createdAt').as('oldest')])
      .where('dispatchedAt', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outboxEvents')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string | null>('createdAt').as('oldest')])
      .where('noticedAt', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhookDeliveries')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string | null>('createdAt').as('oldest')])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhookDeliveries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    undispatchedEvents: Number(events.count),
    oldestUndispatchedAt: events.oldest ?? null,
    unnoticedEvents: Number(unnoticed.count),
    oldestUnnoticedAt: unnoticed.oldest ?? null,
    pendingDeliveries: Number(pending.count),
    oldestPendingDeliveryAt: pending.oldest ?? null,
    failedDeliveries: Number(failed.count),
  };
}

export type StageQueue = { stage: string; returns: number; overdue: number; oldestEnteredAt: string | null };

/** Returns sitting in each open process stage (the archive stage `done` left out), with the oldest arrival. */
export async function readStageQueues(db: Db, now: Date): Promise<StageQueue[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('returnStages')
    .select((eb) => [
      'stage',
      eb.fn.countAll<number>().as('returns'),
      eb.fn.sum<number>(eb.case().when('dueAt', '<', at).then(1).else(0).end()).as('overdue'),
      eb.fn.min<string>('enteredAt').as('oldest'),
    ])
    .where('exitedAt', 'is', null)
    .where('stage', '!=', 'done')
    .groupBy('stage')
    .orderBy('stage')
    .execute();
  return rows.map((r) => ({ stage: r.stage, returns: Number(r.returns), overdue: Number(r.overdue ?? 0), oldestEnteredAt: r.oldest ?? null }));
}
