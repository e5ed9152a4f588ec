/**
 * Webhook extras: disabled after three days of nothing but failures, with a notice to
 * the admins; a success in between resets the count; manual redelivery; enabling again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/worker/outbox-worker.ts';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const hour = 3_600_000;

describe.each(testDatabases)('webhook health on %s', (kind) => {
  const clock = manualClock(new Date('2026-04-01T00:00:00Z'));
  let t: TestApp;
  let admin: Client;
  let service: Client;
  let outbox: OutboxWorker;
  let notices: NoticeWorker;
  let server: Server;
  let base = '';
  const status: Record<string, number> = { '/down': 500, '/flaky': 500 };
  const received: { path: string; id: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    // Days pass on the clock here: API keys do not expire as staff sessions do.
    const person = await signIn(t.app, adminEmail, adminPassword);
    admin = client(t.app, (await person.post('/api/v1/api-keys', { name: 'ops', roles: ['admin'] })).body.key);
    service = client(t.app, (await person.post('/api/v1/api-keys', { name: 'erp', roles: ['service'] })).body.key);
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => {
        body += c.toString();
      });
      request.on('end', () => {
        const path = request.url ?? '/';
        received.push({ path, id: (JSON.parse(body) as { id: string }).id });
        response.writeHead(status[path] ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    outbox = startOutboxWorker({ db: t.db, clock, log: pino({ level: 'silent' }), pollMs: 3_600_000 });
    notices = startNoticeWorker({ ctx: t.ctx, log: pino({ level: 'silent' }), manual: true, env: {} });
  });
  afterAll(async () => {
    await outbox.stop();
    await notices.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await t.close();
  });

  /** Lets the outbox worker try everything that is due now. */
  async function drain() {
    for (let i = 0; i < 5; i++) await outbox.runOnce();
  }

  it('disables a webhook after three days of continuous failure and tells the admins; a success resets the clock', async () => {
    const down = (await admin.post('/api/v1/webhooks', { url: `${base}/down`, events: ['return.created', 'return.cancelled'], secret: 'whsec-down-1' })).body;
    const flaky = (await admin.post('/api/v1/webhooks', { url: `${base}/flaky`, events: ['return.created', 'return.cancelled'], secret: 'whsec-flaky' })).body;
    const { order } = await buildOrderScenario(admin, { quantity: 2 });
    const first = await buildReturn(service, order, { quantity: 1 });
    await drain();
    const failing = (await admin.get(`/api/v1/webhooks/${down.id}`)).body;
    expect(failing).toMatchObject({ active: true, failingSince: clock.now().toISOString(), disabledAt: null });

    // Two days of failures; then /flaky recovers once.
    clock.advance(48 * hour);
    await drain();
    status['/flaky'] = 200;
    clock.advance(2 * hour);
    await drain();
    expect((await admin.get(`/api/v1/webhooks/${flaky.id}`)).body).toMatchObject({ active: true, failingSince: null });
    status['/flaky'] = 500;
    await service.post(`/api/v1/returns/${first.id}/cancel`, {});
    await drain();
    expect((await admin.get(`/api/v1/webhooks/${flaky.id}`)).body.failingSince).toBe(clock.now().toISOString());

    // Past three days of failure: /down is disabled, /flaky (failing for one day) is not.
    clock.advance(25 * hour);
    await drain();
    const disabled = (await admin.get(`/api/v1/webhooks/${down.id}`)).body;
    expect(disabled).toMatchObject({ active: false, disabledAt: clock.now().toISOString(), disabledReason: 'HTTP 500' });
    expect((await admin.get(`/api/v1/webhooks/${flaky.id}`)).body.active).toBe(true);

    await notices.runOnce();
    const inbox = (await admin.get('/api/v1/notifications/inbox')).body.data;
    const notice = inbox.find((i: { eventType: string }) => i.eventType === 'webhook.disabled');
    expect(notice).toMatchObject({ role: 'admin', title: 'Webhook 已自动停用' });
    expect(notice.text).toContain(`${base}/down`);
    expect((await service.get('/api/v1/notifications/inbox')).body.data.some((i: { eventType: string }) => i.eventType === 'webhook.disabled')).toBe(false);

    // A disabled webhook gets nothing new.
    const before = received.filter((r) => r.path === '/down').length;
    await buildReturn(service, order, { quantity: 1 });
    clock.advance(hour);
    await drain();
    expect(received.filter((r) => r.path === '/down')).toHaveLength(before);
  });

  it('redelivers a delivery by hand, once the webhook is enabled again', async () => {
    const hooks = (await admin.get('/api/v1/webhooks')).body.data;
    const down = hooks.find((h: { url: string }) => h.url === `${base}/down`);
    const delivery = (await admin.get(`/api/v1/webhooks/${down.id}/deliveries`)).body.data.find((d: { eventType: string }) => d.eventType === 'return.created');
    // The contract's three days of retries are over for it.
    expect(delivery.status).toBe('failed');
    const refused = await admin.post(`/api/v1/webhooks/${down.id}/deliveries/${delivery.id}/redeliver`);
    expect(refused.status).toBe(409);

    status['/down'] = 200;
    const enabled = await admin.patch(`/api/v1/webhooks/${down.id}`, { active: true });
    expect(enabled.body).toMatchObject({ active: true, disabledAt: null, failingSince: null });
    const redelivered = await admin.post(`/api/v1/webhooks/${down.id}/deliveries/${delivery.id}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ id: delivery.id, status: 'pending' });
    const count = received.filter((r) => r.path === '/down' && r.id === delivery.eventId).length;
    await drain();
    expect(received.filter((r) => r.path === '/down' && r.id === delivery.eventId)).toHaveLength(count + 1);
    const after = (await admin.get(`/api/v1/webhooks/${down.id}/deliveries`)).body.data.find((d: { id: string }) => d.id === delivery.id);
    expect(after).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    expect((await admin.post(`/api/v1/webhooks/${down.id}/deliveries/whd_missing/redeliver`)).status).toBe(404);
    expect((await service.post(`/api/v1/webhooks/${down.id}/deliveries/${delivery.id}/redeliver`)).status).toBe(403);
  });
});
