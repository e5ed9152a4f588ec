/** Webhooks end to end: a real local receiver, the outbox worker, signatures, retries, no doubles. */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/worker/outbox-worker.ts';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Delivery = {
  path: string;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; data: { id: string; status: string } & Record<string, unknown> };
  signature: string;
  answered: number;
  receivedAt: number;
};

/**
 * A local HTTP server that records every delivery and answers with the status `answer`
 * chooses; requests to /hang get no answer until `release()`.
 */
async function startReceiver(answer: (path: string, body: Delivery['body']) => number) {
  const deliveries: Delivery[] = [];
  const hanging: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(rawBody) as Delivery['body'];
      const path = request.url ?? '/';
      const answered = answer(path, body);
      deliveries.push({ path, rawBody, body, signature: String(request.headers['returnflow-signature'] ?? ''), answered, receivedAt: Date.now() });
      const reply = () => response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'try later');
      if (path === '/hang') hanging.push(reply);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    deliveries,
    release: () => {
      for (const reply of hanging.splice(0)) reply();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The worker's HTTP client keeps connections alive; do not wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

/** Polls until the condition holds, failing after the time limit. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const allReturnEvents = [
  'return.created',
  'return.approved',
  'return.rejected',
  'return.shipped',
  'return.received',
  'return.inspected',
  'return.refunded',
  'return.resolved',
  'return.closed',
  'return.cancelled',
];

describe.each(testDatabases)('webhooks on %s', (kind) => {
  const clock = manualClock(new Date());
  const secret = 'whsec-test-secret-1';
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager', Client>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let workers: OutboxWorker[] = [];
  const failedOnce = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp(kind, { clock, poolSize: 4 });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager'] as const);
    // /flaky answers 500 to the first attempt of every event, 200 afterwards.
    receiver = await startReceiver((path, body) => {
      if (path !== '/flaky' || failedOnce.has(body.id)) return 200;
      failedOnce.add(body.id);
      return 500;
    });
    // Two workers, as two app servers on one database would run.
    const log = pino({ level: 'silent' });
    workers = [startOutboxWorker({ db: t.db, clock: t.ctx.clock, log }), startOutboxWorker({ db: t.db, clock: t.ctx.clock, log })];
    t.ctx.notifyOutbox = () => {
      for (const worker of workers) worker.notify();
    };
  });
  afterAll(async () => {
    receiver.release();
    await Promise.all(workers.map((w) => w.stop()));
    await receiver.close();
    await t.close();
  });

  async function subscribe(path: string, events: string[]) {
    const response = await admin.post('/api/v1/webhooks', { url: receiver.url(path), events, secret });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  const deliveriesTo = (path: string, returnId: string) => receiver.deliveries.filter((d) => d.path === path && d.body.data.id === returnId);

  /** Checks the signature header the way a receiver would, from the contract alone. */
  function expectSigned(delivery: Delivery) {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature);
    expect(match, delivery.signature).not.toBeNull();
    const [, t0, mac] = match as RegExpExecArray;
    expect(mac).toBe(createHmac('sha256', secret).update(`${t0}.${delivery.rawBody}`).digest('hex'));
    expect(Math.abs(Number(t0) - clock.now().getTime() / 1000)).toBeLessThan(3600);
    expect(mac).not.toBe(createHmac('sha256', 'another-secret').update(`${t0}.${delivery.rawBody}`).digest('hex'));
  }

  it('registers a webhook (admin only) without echoing the secret, and validates the URL', async () => {
    const response = await admin.post('/api/v1/webhooks', { url: receiver.url('/register-check'), events: ['return.created'], secret });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: expect.any(String), url: receiver.url('/register-check'), events: ['return.created'] });
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect((await staff.manager.post('/api/v1/webhooks', { url: receiver.url('/x'), events: ['return.created'], secret })).status).toBe(403);
    const bad = await admin.post('/api/v1/webhooks', { url: 'ftp://example.com/hook', events: ['return.created'], secret });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await admin.delete(`/api/v1/webhooks/${response.body.id}`)).status).toBe(204);
  });

  it('delivers signed JSON for each step of a return, within 5 s, once each', async () => {
    await subscribe('/all', allReturnEvents);
    await subscribe('/created-only', ['return.created']);

    const { order } = await buildOrderScenario(admin, { quantity: 3, price: 10_000 });
    const requestedAt = Date.now();
    const ret = await buildReturn(staff.service, order, { quantity: 1 });
    const first = await waitFor('return.created', () => deliveriesTo('/all', ret.id).find((d) => d.body.type === 'return.created'));
    expect(first.receivedAt - requestedAt).toBeLessThan(5000);

    const lineId = ret.lines[0].id;
    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
    await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    const closed = await staff.manager.post(`/api/v1/returns/${ret.id}/close`, {});
    expect(closed.body.status).toBe('closed');

    const rejected = await buildReturn(staff.service, order, { quantity: 1 });
    await staff.service.post(`/api/v1/returns/${rejected.id}/reject`, { reason: '已超出保修' });
    const cancelled = await buildReturn(staff.service, order, { quantity: 1 });
    await staff.service.post(`/api/v1/returns/${cancelled.id}/cancel`, {});

    const walked = [
      'return.created',
      'return.approved',
      'return.shipped',
      'return.received',
      'return.inspected',
      'return.refunded',
      'return.resolved',
      'return.closed',
    ];
    const types = (returnId: string) => deliveriesTo('/all', returnId).map((d) => d.body.type);
    await waitFor('every event of the walked return', () => walked.every((type) => types(ret.id).includes(type)));
    await waitFor('return.rejected', () => types(rejected.id).includes('return.rejected'));
    await waitFor('return.cancelled', () => types(cancelled.id).includes('return.cancelled'));
    await waitFor('return.created to the second subscriber', () => deliveriesTo('/created-only', cancelled.id).length > 0);

    // Give the workers a moment to (wrongly) send anything twice.
    for (const worker of workers) worker.notify();
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect([...types(ret.id)].sort()).toEqual([...walked].sort());
    expect(types(rejected.id).sort()).toEqual(['return.created', 'return.rejected']);
    expect(types(cancelled.id).sort()).toEqual(['return.cancelled', 'return.created']);
    expect(receiver.deliveries.filter((d) => d.path === '/created-only').map((d) => d.body.type)).toEqual([
      'return.created',
      'return.created',
      'return.created',
    ]);

    const all = receiver.deliveries.filter((d) => d.path === '/all');
    expect(new Set(all.map((d) => d.body.id)).size).toBe(all.length);
    for (const delivery of all) {
      expect(delivery.body).toEqual({ id: expect.any(String), type: expect.any(String), createdAt: expect.any(String), data: expect.any(Object) });
      expect(delivery.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expectSigned(delivery);
    }
    const approved = deliveriesTo('/all', ret.id).find((d) => d.body.type === 'return.approved');
    expect(approved?.body.data).toMatchObject({ id: ret.id, number: ret.number, status: 'approved' });
    const refunded = deliveriesTo('/all', ret.id).find((d) => d.body.type === 'return.refunded');
    expect(refunded?.body.data).toMatchObject({ refundedAmount: 10_000 });
  });

  it('retries a failed delivery with the same event id until a 2xx, and then stops', async () => {
    const hook = await subscribe('/flaky', ['return.created']);
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service, order);

    const failed = await waitFor('the first attempt', () => deliveriesTo('/flaky', ret.id)[0]);
    expect(failed.answered).toBe(500);
    const pending = await waitFor('the failed attempt to be logged', async () => {
      const logged = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`);
      const row = logged.body.data.find((d: { eventId: string }) => d.eventId === failed.body.id);
      return row?.attempts === 1 ? row : undefined;
    });
    expect(pending).toMatchObject({ status: 'pending', lastStatusCode: 500 });

    // The contract: the first retry within 10 s.
    clock.advance(10_000);
    for (const worker of workers) worker.notify();
    const retried = await waitFor('the retry', () => deliveriesTo('/flaky', ret.id)[1], 8000);
    expect(retried.answered).toBe(200);
    expect(retried.body.id).toBe(failed.body.id);
    expect(retried.rawBody).toBe(failed.rawBody);
    expectSigned(retried);
    // The 2xx is recorded once the worker's transaction commits (slow on a loaded machine):
    // only then may the fake clock jump, or the claim's lease would look expired.
    const delivered = await waitFor('the success to be logged', async () => {
      const logged = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`);
      const row = logged.body.data.find((d: { eventId: string }) => d.eventId === failed.body.id);
      return row?.status === 'delivered' ? row : undefined;
    });
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });

    clock.advance(2 * 60 * 60 * 1000);
    for (const worker of workers) worker.notify();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(deliveriesTo('/flaky', ret.id)).toHaveLength(2);
  });

  it('keeps delivering to others within 5 s while one receiver hangs', async () => {
    // One worker only, as on a single server.
    await Promise.all(workers.slice(1).map((w) => w.stop()));
    workers = workers.slice(0, 1);
    await subscribe('/hang', ['return.cancelled']);
    await subscribe('/steady', ['return.cancelled']);
    const { order } = await buildOrderScenario(admin, { quantity: 2 });
    const first = await buildReturn(staff.service, order, { quantity: 1 });
    await staff.service.post(`/api/v1/returns/${first.id}/cancel`, {});
    await waitFor('the hanging delivery', () => deliveriesTo('/hang', first.id)[0]);
    await waitFor('the first steady delivery', () => deliveriesTo('/steady', first.id)[0]);

    const second = await buildReturn(staff.service, order, { quantity: 1 });
    const cancelledAt = Date.now();
    await staff.service.post(`/api/v1/returns/${second.id}/cancel`, {});
    const steady = await waitFor('the steady delivery of the next event', () => deliveriesTo('/steady', second.id)[0], 9000);
    expect(steady.receivedAt - cancelledAt).toBeLessThan(5000);
    receiver.release();
  });

  it('emits return.approved for an automatic approval', async () => {
    await subscribe('/auto', ['return.approved']);
    expect((await staff.manager.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: null } })).status).toBe(200);
    try {
      const { order } = await buildOrderScenario(admin, { quantity: 1 });
      const ret = await buildReturn(staff.service, order);
      expect(ret.status).toBe('approved');
      const delivery = await waitFor('return.approved', () => deliveriesTo('/auto', ret.id)[0]);
      expect(delivery.body).toMatchObject({ type: 'return.approved', data: { id: ret.id, status: 'approved' } });
      expectSigned(delivery);
    } finally {
      await staff.manager.put('/api/v1/policy', defaultPolicy);
    }
  });
});
