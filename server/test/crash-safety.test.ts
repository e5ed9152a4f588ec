/**
 * Crash safety: the real server takes a load of order, return, receipt and refund
 * requests (each with an Idempotency-Key), is killed with SIGKILL in the middle, and is
 * started again on the same database. Then every request that was answered 2xx is
 * there, retrying any request with its key replays or finishes it without doubling
 * anything, stock levels still equal the ledger, no line is refunded above what it cost,
 * and the webhook events committed before the kill are delivered after the restart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { invariantViolations, openDatabase } from './support/invariants.ts';
import {
  type HttpClient,
  runPool,
  type ScratchDatabase,
  type ServerProcess,
  scratchDatabase,
  signInAdmin,
  startServerProcess,
  startWebhookReceiver,
  type WebhookReceiver,
  waitFor,
} from './support/spawned-server.ts';
import { approvedReturns, autoApproveEverything, customersWithOrders, orderBody, returnBody, stockedProduct } from './support/spawned-shop.ts';
import { testDatabases } from './support/test-app.ts';

type LoadRequest = { kind: 'order' | 'return' | 'receive' | 'refund'; path: string; body: unknown; key: string; target?: string };
type Answer = { status: number; body: any; replayed: boolean } | { error: string };

/** Answers with at least this status are rejections the retries may legitimately meet. */
const conflictCodes = ['conflict', 'quantity_exceeds_returnable', 'invalid_transition', 'already_refunded'];

describe.each(testDatabases)('crash safety on %s', (kind) => {
  let database: ScratchDatabase;
  let receiver: WebhookReceiver;
  let server: ServerProcess | undefined;
  let db: Db | undefined;

  beforeAll(async () => {
    database = await scratchDatabase(kind);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server?.kill();
    await db?.destroy();
    await receiver?.close();
    await database?.drop();
  });

  /** The restarted server's log lines about a request, for a failure's message. */
  function serverLines(requestId: unknown): string {
    if (typeof requestId !== 'string' || !server) return '';
    return server
      .output()
      .split('\n')
      .filter((line) => line.includes(requestId))
      .join('\n');
  }

  async function send(client: HttpClient, request: LoadRequest): Promise<Answer> {
    try {
      const response = await client.post(request.path, request.body, { 'idempotency-key': request.key });
      return { status: response.status, body: response.body, replayed: response.headers.get('idempotent-replayed') === 'true' };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  it('keeps every answered request exactly once, balances stock and money, and delivers queued events after SIGKILL', async () => {
    server = await startServerProcess({ databaseUrl: database.url });
    let { client: admin } = await signInAdmin(server.url);
    const hook = await admin.post('/api/v1/webhooks', { url: receiver.url, events: ['*'], secret: receiver.secret });
    expect(hook.status).toBe(201);
    await autoApproveEverything(admin);
    const { sku } = await stockedProduct(admin, 10_000);
    const [fresh, toReceive, toRefund] = await Promise.all([
      customersWithOrders(admin, sku, 16, 2),
      customersWithOrders(admin, sku, 10, 2).then((orders) => approvedReturns(admin, orders, 'return')),
      customersWithOrders(admin, sku, 10, 2).then((orders) => approvedReturns(admin, orders, 'refund_only')),
    ]);
    const someCustomer = fresh[0]!.customerId;

    // The load: new orders that take stock, returns, receipts into RETURNS and refunds, interleaved.
    const load: LoadRequest[] = [];
    for (let i = 0; i < fresh.length; i++) {
      load.push({
        kind: 'order',
        path: '/api/v1/orders',
        body: orderBody({ customerId: someCustomer, sku, quantity: 1, stockLocation: 'MAIN' }),
        key: randomUUID(),
      });
      load.push({ kind: 'return', path: '/api/v1/returns', body: returnBody(fresh[i]!), key: randomUUID(), target: fresh[i]!.id });
      const receive = toReceive[i];
      if (receive) {
        load.push({
          kind: 'receive',
          path: `/api/v1/returns/${receive.id}/receive`,
          body: { lines: [{ lineId: receive.lineId, quantity: 2 }] },
          key: randomUUID(),
          target: receive.id,
        });
      }
      const refund = toRefund[i];
      if (refund)
        load.push({ kind: 'refund', path: `/api/v1/returns/${refund.id}/refund`, body: { method: 'original' }, key: randomUUID(), target: refund.id });
    }

    // Fire it with eight in flight; kill the server once a third has been answered.
    const answers = new Map<LoadRequest, Answer>();
    let answered = 0;
    const victim = server;
    const loadClient = admin;
    const killAfter = Math.floor(load.length / 3);
    await runPool(
      load.map((request) => async () => {
        const answer = await send(loadClient, request);
        answers.set(request, answer);
        answered += 1;
        if (answered === killAfter) await victim.kill();
      }),
      8,
    );
    expect(await victim.exited).toBe('SIGKILL');
    const ok = load.filter((r) => {
      const a = answers.get(r);
      return a && 'status' in a && a.status < 300;
    });
    const unanswered = load.filter((r) => {
      const a = answers.get(r);
      return !a || 'error' in a;
    });
    expect(ok.length, 'some requests were answered before the kill').toBeGreaterThan(0);
    expect(unanswered.length, 'the kill came in the middle of the load').toBeGreaterThan(0);
    for (const r of load) {
      const a = answers.get(r);
      if (a && 'status' in a) expect(a.status, `${r.path}: ${JSON.stringify(a.body)}`).toBeLessThan(500);
    }

    // Start again on the same database.
    server = await startServerProcess({ databaseUrl: database.url });
    admin = (await signInAdmin(server.url)).client;
    const restarted = admin;

    // Every 2xx answer is in the database as it was answered.
    for (const request of ok) {
      const answer = answers.get(request) as { body: any };
      if (request.kind === 'order') {
        const order = await restarted.get(`/api/v1/orders/${answer.body.id}`);
        expect(order.status).toBe(200);
        expect(order.body.number).toBe(answer.body.number);
      } else {
        const ret = await restarted.get(`/api/v1/returns/${answer.body.id}`);
        expect(ret.status).toBe(200);
        expect(ret.body.number).toBe(answer.body.number);
        if (request.kind === 'receive') expect(ret.body.lines[0].receivedQuantity).toBe(2);
        if (request.kind === 'refund') expect(ret.body.refunds.map((f: { id: string }) => f.id)).toEqual(answer.body.refunds.map((f: { id: string }) => f.id));
      }
    }

    // Retrying with the same keys: answered requests replay their first answer; the others
    // finish now or meet the state they already reached, never doubling anything.
    const retries = await runPool(
      load.map((request) => async () => ({ request, answer: await send(restarted, request) })),
      6,
    );
    for (const settled of retries) {
      expect(settled.status).toBe('fulfilled');
      if (settled.status !== 'fulfilled') continue;
      const { request, answer } = settled.value;
      expect('status' in answer, `${request.path} retry: ${JSON.stringify(answer)}`).toBe(true);
      if (!('status' in answer)) continue;
      const first = answers.get(request);
      if (first && 'status' in first && first.status < 300) {
        expect({ status: answer.status, replayed: answer.replayed, id: answer.body?.id }).toEqual({ status: first.status, replayed: true, id: first.body.id });
      } else {
        expect(
          answer.status < 300 || conflictCodes.includes(answer.body?.error?.code),
          `${request.path} retry: ${answer.status} ${JSON.stringify(answer.body)}\n${serverLines(answer.body?.error?.requestId)}`,
        ).toBe(true);
      }
    }

    // A request is done when its first answer or its retry was 2xx: then its effect is
    // there exactly once. A request cut off by the kill may have committed without its key
    // being marked answered; its retry then answers 409 until the reservation is given up
    // (a minute), and its effect is there at most once.
    const retried = new Map(retries.flatMap((r) => (r.status === 'fulfilled' ? [[r.value.request, r.value.answer] as const] : [])));
    const done = (request: LoadRequest) => [answers.get(request), retried.get(request)].some((a) => a && 'status' in a && a.status < 300);
    const stillReserved = load.filter((r) => !done(r)).length;
    console.info(
      `[crash ${kind}] killed after ${ok.length} of ${load.length} answers; ${unanswered.length} cut off; ${stillReserved} still held by their key after restart`,
    );
    const expectOnce = (request: LoadRequest, count: number, what: string) => {
      if (done(request)) expect(count, what).toBe(1);
      else expect(count, what).toBeLessThanOrEqual(1);
    };
    db = openDatabase(database.url);
    for (const request of load.filter((r) => r.kind === 'return')) {
      const returns = await db.selectFrom('returns').select('id').where('orderId', '=', request.target!).execute();
      expectOnce(request, returns.length, `returns of order ${request.target}`);
    }
    for (const request of load.filter((r) => r.kind === 'refund')) {
      const refunds = await db.selectFrom('refunds').select(['id', 'amount']).where('returnId', '=', request.target!).execute();
      expectOnce(request, refunds.length, `refunds of return ${request.target}`);
    }
    for (const request of load.filter((r) => r.kind === 'receive')) {
      const receipts = await db
        .selectFrom('stockMovements')
        .select('quantity')
        .where('sourceId', '=', request.target!)
        .where('type', '=', 'return_receipt')
        .execute();
      expectOnce(request, receipts.reduce((sum, m) => sum + Number(m.quantity), 0) / 2, `parcels received for return ${request.target}`);
    }
    for (const request of load.filter((r) => r.kind === 'order')) {
      const number = (request.body as { number: string }).number;
      const orders = await db.selectFrom('orders').select('id').where('number', '=', number).execute();
      expectOnce(request, orders.length, `orders numbered ${number}`);
    }
    expect(await invariantViolations(db)).toEqual([]);

    // Every event committed before the kill reaches the webhook after the restart (at
    // least once: a delivery in flight at the kill may arrive twice).
    const committed = await db.selectFrom('outboxEvents').select('id').execute();
    await waitFor(
      () => {
        const seen = new Set(receiver.received.map((d) => d.eventId));
        return committed.every((e) => seen.has(e.id));
      },
      90_000,
      () => `events never delivered: ${committed.filter((e) => !receiver.received.some((d) => d.eventId === e.id)).length} of ${committed.length}`,
    );
    expect(receiver.received.every((d) => d.signatureValid)).toBe(true);
    expect(await server.stop()).toBe(0);
  }, 300_000);
});
