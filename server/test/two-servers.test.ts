/**
 * Two servers on one PostgreSQL behave as one: started together (they take turns to
 * migrate), a session from one works on the other, and driven at the same time — the
 * same return received on both, refunded on both, filed on both, the same
 * Idempotency-Key sent to both — every unit is received once, every refund paid once,
 * every return filed once, and each webhook event delivered once across both workers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { invariantViolations, openDatabase } from './support/invariants.ts';
import {
  httpClient,
  type ScratchDatabase,
  type ServerProcess,
  scratchDatabase,
  signInAdmin,
  startServerProcess,
  startWebhookReceiver,
  type WebhookReceiver,
  waitFor,
} from './support/spawned-server.ts';
import { approvedReturns, autoApproveEverything, customersWithOrders, returnBody, stockedProduct } from './support/spawned-shop.ts';
import { testDatabases } from './support/test-app.ts';

const onPostgres = testDatabases.includes('postgres');

describe.skipIf(!onPostgres)('two servers on one PostgreSQL', () => {
  let database: ScratchDatabase;
  let receiver: WebhookReceiver;
  let servers: ServerProcess[] = [];
  let db: Db | undefined;

  beforeAll(async () => {
    database = await scratchDatabase('postgres');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await db?.destroy();
    await receiver?.close();
    await database?.drop();
  });

  it('receives, refunds, files and delivers each thing once when both servers are driven at once', async () => {
    // Started together on an empty database: one migrates and seeds, the other waits its turn.
    servers = await Promise.all([startServerProcess({ databaseUrl: database.url }), startServerProcess({ databaseUrl: database.url })]);
    const [one, two] = servers as [ServerProcess, ServerProcess];
    const { client: admin, token } = await signInAdmin(one.url);
    const clients = [admin, httpClient(two.url, token)] as const;
    expect((await clients[1].get('/api/v1/auth/me')).status, 'a session opened on one server works on the other').toBe(200);

    expect((await admin.post('/api/v1/webhooks', { url: receiver.url, events: ['*'], secret: receiver.secret })).status).toBe(201);
    await autoApproveEverything(admin);
    const { sku } = await stockedProduct(admin, 1_000);
    const [toReceive, toRefund, toFile, toFileOnce] = await Promise.all([
      customersWithOrders(admin, sku, 6, 2).then((orders) => approvedReturns(admin, orders, 'return')),
      customersWithOrders(admin, sku, 6, 2).then((orders) => approvedReturns(admin, orders, 'refund_only')),
      customersWithOrders(admin, sku, 6, 2),
      customersWithOrders(admin, sku, 4, 2),
    ]);

    // Each return is received, refunded or filed on both servers at the same moment.
    const both = <T>(send: (client: (typeof clients)[number]) => Promise<T>) => Promise.all(clients.map(send));
    const outcomes = await Promise.all([
      ...toReceive.map((r) => both((c) => c.post(`/api/v1/returns/${r.id}/receive`, { lines: [{ lineId: r.lineId, quantity: 2 }] }))),
      ...toRefund.map((r) => both((c) => c.post(`/api/v1/returns/${r.id}/refund`, { method: 'original' }))),
      ...toFile.map((order) => both((c) => c.post('/api/v1/returns', returnBody(order)))),
    ]);
    for (const pair of outcomes) {
      const statuses = pair.map((p) => p.status).sort();
      expect(statuses[0], JSON.stringify(pair.map((p) => p.body))).toBeLessThan(300);
      expect(statuses[1], 'the second of two racing requests is refused').toBe(409);
    }
    // The same Idempotency-Key on both servers: one runs, the other replays its answer.
    const replays = await Promise.all(
      toFileOnce.map((order) => {
        const key = randomUUID();
        return both((c) => c.post('/api/v1/returns', returnBody(order), { 'idempotency-key': key }));
      }),
    );
    for (const [a, b] of replays) {
      expect([a!.status, b!.status]).toEqual([201, 201]);
      expect(a!.body.id).toBe(b!.body.id);
    }

    db = openDatabase(database.url);
    for (const r of toReceive) {
      const receipts = await db.selectFrom('stockMovements').select('quantity').where('sourceId', '=', r.id).where('type', '=', 'return_receipt').execute();
      expect(
        receipts.map((m) => Number(m.quantity)),
        `receipts of ${r.id}`,
      ).toEqual([2]);
    }
    for (const r of toRefund) {
      const refunds = await db.selectFrom('refunds').select('amount').where('returnId', '=', r.id).execute();
      expect(
        refunds.map((f) => Number(f.amount)),
        `refunds of ${r.id}`,
      ).toEqual([r.order.paidAmount]);
    }
    for (const order of [...toFile, ...toFileOnce]) {
      const returns = await db.selectFrom('returns').select('id').where('orderId', '=', order.id).execute();
      expect(returns.length, `returns of ${order.id}`).toBe(1);
    }
    expect(await invariantViolations(db)).toEqual([]);

    // Both workers drain one outbox: every event reaches the webhook exactly once.
    const events = await db.selectFrom('outboxEvents').select('id').execute();
    await waitFor(
      async () => {
        const pending = await db!.selectFrom('webhookDeliveries').select('id').where('status', '!=', 'delivered').execute();
        const seen = new Set(receiver.received.map((d) => d.eventId));
        return pending.length === 0 && events.every((e) => seen.has(e.id));
      },
      60_000,
      () => `deliveries still pending; ${receiver.received.length} received of ${events.length} events`,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const perEvent = new Map<string, number>();
    for (const d of receiver.received) perEvent.set(d.eventId, (perEvent.get(d.eventId) ?? 0) + 1);
    expect([...perEvent.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(perEvent.size).toBe(events.length);
    expect(receiver.received.every((d) => d.signatureValid)).toBe(true);

    expect(await Promise.all(servers.map((s) => s.stop()))).toEqual([0, 0]);
  }, 300_000);
});
