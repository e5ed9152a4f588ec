/**
 * Drains the outbox: fans each committed event out to the webhooks subscribed to it,
 * then sends due deliveries, signed, with retries and backoff. Runs in the server
 * process; several servers on one PostgreSQL share the work through row claims.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../lib/clock.ts';
import { cuttableWait } from '../lib/cuttable-wait.ts';
import { dispatchEvents } from '../modules/outbox/outbox.repository.ts';
import { giveUpAfterMs, retryDelayMs } from '../modules/webhooks/retry-schedule.ts';
import { signPayload } from '../modules/webhooks/signature.ts';
import { claimDueDeliveries, type DueDelivery, fanOutEvents, recordAttempt } from '../modules/webhooks/webhooks.repository.ts';

export type OutboxWorkerOptions = { db: Db; clock: Clock; log: Logger; pollMs?: number; requestTimeoutMs?: number };

export type OutboxWorker = { notify(): void; stop(): Promise<void>; runOnce(): Promise<number> };

async function send(delivery: DueDelivery, timeoutMs: number, now: Date): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = JSON.stringify({
    id: delivery.event.id,
    type: delivery.event.type,
    createdAt: delivery.event.createdAt,
    data: JSON.parse(delivery.event.payload),
  });
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ReturnFlow-Webhooks/1',
        'ReturnFlow-Signature': signPayload(delivery.secret, body, Math.floor(now.getTime() / 1000)),
        'ReturnFlow-Event': delivery.event.type,
        'ReturnFlow-Delivery': delivery.id,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
  }
}

/** Starts the worker loop. */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  let stopped = false;
  let notified = false;
  let wake: (() => void) | undefined;
  let running: Promise<void> | undefined;
  // Sends in flight, and how many each webhook has: a slow or hanging receiver holds up
  // only its own deliveries, never the first attempt of anyone else's.
  const sending = new Set<Promise<void>>();
  const busy = new Map<string, number>();

  function notify(): void {
    notified = true;
    wake?.();
  }

  async function deliver(delivery: DueDelivery): Promise<void> {
    const { db, clock } = options;
    const result = await send(delivery, timeoutMs, clock.now());
    const now = clock.now();
    const attempts = delivery.attempts + 1;
    const expired = now.getTime() - Date.parse(delivery.createdAt) > giveUpAfterMs;
    await recordAttempt(db, delivery.id, {
      status: result.ok ? 'delivered' : expired ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      statusCode: result.status,
      error: result.error,
      deliveredAt: result.ok ? now.toISOString() : null,
      now,
    });
  }

  /** Fans out new events and starts the due deliveries, without waiting for them. */
  async function pass(): Promise<number> {
    const { db, clock } = options;
    const dispatched = await dispatchEvents(db, 100, clock.now(), (trx, events) => fanOutEvents(trx, events, clock.now()).then(() => undefined));
    const due = await claimDueDeliveries(db, clock.now(), 20, timeoutMs * 3, [...busy.keys()]);
    for (const delivery of due) {
      busy.set(delivery.webhookId, (busy.get(delivery.webhookId) ?? 0) + 1);
      const attempt: Promise<void> = deliver(delivery)
        .catch((error: unknown) => options.log.error({ err: error, deliveryId: delivery.id }, 'webhook delivery failed'))
        .finally(() => {
          sending.delete(attempt);
          const left = (busy.get(delivery.webhookId) ?? 1) - 1;
          if (left > 0) busy.set(delivery.webhookId, left);
          else busy.delete(delivery.webhookId);
          // The webhook may have more deliveries due.
          notify();
        });
      sending.add(attempt);
    }
    return dispatched + due.length;
  }

  /** One pass, waiting for the deliveries it started. */
  async function runOnce(): Promise<number> {
    const work = await pass();
    await Promise.all(sending);
    return work;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      notified = false;
      let didWork = 0;
      try {
        didWork = await pass();
      } catch (error) {
        options.log.error({ err: error }, 'outbox worker pass failed');
      }
      if (stopped) break;
      // Events committed while the pass ran called notify() too early to wake it.
      if (didWork > 0 || notified) continue;
      const poll = cuttableWait(pollMs);
      wake = poll.cut;
      await poll.done;
      wake = undefined;
    }
  }

  running = loop();
  return {
    notify,
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await Promise.all(sending);
    },
    runOnce,
  };
}
