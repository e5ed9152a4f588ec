/**
 * Logistics automation: a local stand-in for 快递100 pushes signed tracking updates over
 * HTTP (pickup moves the return to in transit, delivery flags it as arriving), and the
 * job scheduled in the database reminds customers to ship and cancels returns past the
 * time limit, on the manual clock.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { startSmtpServer } from './support/notice-fakes.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const salt = 'kuaidi100-salt-for-tests';
const day = 24 * 3_600_000;

/** What 快递100 sends: a form with the param JSON and its sign. */
function pushBody(o: { com: string; nu: string; state: string; context: string; saltUsed?: string }) {
  const param = JSON.stringify({
    status: 'polling',
    billstatus: 'got',
    message: '',
    lastResult: {
      message: 'ok',
      state: o.state,
      status: '200',
      condition: 'F00',
      ischeck: o.state === '3' ? '1' : '0',
      com: o.com,
      nu: o.nu,
      data: [{ context: o.context, time: '2026-05-03 10:20:00', ftime: '2026-05-03 10:20:00', status: '在途', areaName: '杭州市' }],
    },
  });
  const sign = createHash('md5')
    .update(param + (o.saltUsed ?? salt))
    .digest('hex')
    .toUpperCase();
  return new URLSearchParams({ param, sign }).toString();
}

describe.each(testDatabases)('logistics on %s', (kind) => {
  const clock = manualClock(new Date('2026-05-01T01:00:00Z'));
  let t: TestApp;
  let admin: Client;
  let service: Client;
  let warehouse: Client;
  let base = '';
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let worker: NoticeWorker;

  /** The stand-in for 快递100: posts a push over HTTP as its servers do. */
  async function push(body: string, query = '') {
    const response = await fetch(`${base}/api/v1/logistics/kuaidi100/push${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // Days pass on this clock; API keys do not expire as staff sessions do.
    const person = await signIn(t.app, adminEmail, adminPassword);
    const key = async (roles: string[]) => client(t.app, (await person.post('/api/v1/api-keys', { name: roles.join(','), roles })).body.key);
    admin = await key(['admin']);
    service = await key(['service']);
    warehouse = await key(['warehouse']);
    smtp = await startSmtpServer();
    await admin.put('/api/v1/notification-settings/email', { smtpUrl: smtp.url, from: 'shop@shop.test' });
    worker = startNoticeWorker({ ctx: t.ctx, log: pino({ level: 'silent' }), manual: true, env: {} });
  });
  afterAll(async () => {
    await worker.stop();
    await smtp.close();
    await t.close();
  });

  async function approvedReturn() {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(service, order);
    await service.post(`/api/v1/returns/${ret.id}/approve`, {});
    return { customer, ret };
  }

  it('refuses pushes until a salt is set, and pushes not signed with it', async () => {
    const { ret } = await approvedReturn();
    const body = pushBody({ com: 'shunfeng', nu: 'SF1000000000001', state: '1', context: '顺丰已揽收' });
    expect((await push(body, `?returnId=${ret.id}`)).status).toBe(404);
    expect((await admin.put('/api/v1/notification-settings/logistics', { kuaidi100Salt: salt })).status).toBe(200);
    const forged = await push(pushBody({ com: 'shunfeng', nu: 'SF1000000000001', state: '1', context: '揽收', saltUsed: 'guessed' }), `?returnId=${ret.id}`);
    expect(forged.status).toBe(401);
    expect((await service.get(`/api/v1/returns/${ret.id}`)).body.status).toBe('approved');
  });

  it('moves a return to in transit when the carrier picks it up, and flags it as arriving once delivered', async () => {
    const { ret } = await approvedReturn();
    const picked = await push(
      pushBody({ com: 'shunfeng', nu: 'SF1234567890123', state: '1', context: '【杭州市】顺丰速运 已收取快件' }),
      `?returnId=${ret.id}`,
    );
    expect(picked).toEqual({ status: 200, body: { result: true, returnCode: '200', message: '成功' } });
    const shipped = (await service.get(`/api/v1/returns/${ret.id}`)).body;
    expect(shipped).toMatchObject({ status: 'in_transit', carrier: '顺丰速运', trackingNumber: 'SF1234567890123' });
    expect(shipped.timeline.at(-1)).toMatchObject({ action: 'ship', actor: { kind: 'automation', id: 'kuaidi100' } });

    // In transit updates change nothing; delivery flags the return once, however often it is pushed.
    await push(pushBody({ com: 'shunfeng', nu: 'SF1234567890123', state: '0', context: '快件在【杭州转运中心】' }), `?returnId=${ret.id}`);
    for (let i = 0; i < 2; i++)
      await push(pushBody({ com: 'shunfeng', nu: 'SF1234567890123', state: '3', context: '已签收，签收人：仓库' }), `?returnId=${ret.id}`);
    const tracking = (await warehouse.get(`/api/v1/logistics/returns/${ret.id}/tracking`)).body;
    expect(tracking).toMatchObject({ state: '3', carrierCode: 'shunfeng', lastContext: '已签收，签收人：仓库', lastEventAt: '2026-05-03T02:20:00.000Z' });
    expect(tracking.arrivedAt).not.toBeNull();
    const timeline = (await service.get(`/api/v1/returns/${ret.id}`)).body.timeline;
    expect(timeline.filter((e: { action: string }) => e.action === 'carrier_delivered')).toHaveLength(1);
    expect((await warehouse.get('/api/v1/logistics/arriving')).body.data.map((r: { returnId: string }) => r.returnId)).toContain(ret.id);

    await worker.runOnce();
    const inbox = (await warehouse.get('/api/v1/notifications/inbox')).body.data;
    expect(inbox.find((i: { eventType: string; returnId: string }) => i.eventType === 'return.arriving' && i.returnId === ret.id)).toMatchObject({
      title: '1 个退货包裹已签收，即将到仓',
    });

    // Once received, it is no longer arriving.
    await warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    expect((await warehouse.get('/api/v1/logistics/arriving')).body.data.map((r: { returnId: string }) => r.returnId)).not.toContain(ret.id);
  });

  it('finds the return by its tracking number when the push names no return, and answers success for unknown parcels', async () => {
    const { ret } = await approvedReturn();
    await service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '中通快递', trackingNumber: '731234567890123' });
    await push(pushBody({ com: 'zhongtong', nu: '731234567890123', state: '3', context: '已签收' }));
    expect((await warehouse.get(`/api/v1/logistics/returns/${ret.id}/tracking`)).body.arrivedAt).not.toBeNull();
    const unknown = await push(pushBody({ com: 'yunda', nu: '4300000000000', state: '3', context: '已签收' }));
    expect(unknown.body.result).toBe(true);
    expect(unknown.body.message).toContain('未找到');
  });

  it('reminds a customer to ship after N days and cancels the return past the time limit, on its timeline', async () => {
    await admin.put('/api/v1/notification-settings/automation', { shipReminderDays: 3, autoCancelUnshipped: true });
    const start = clock.now().getTime();
    const { customer, ret } = await approvedReturn();
    const jobs = async () => {
      await worker.runJobsOnce();
      await worker.runOnce();
    };
    clock.set(new Date(start + 2 * day));
    await jobs();
    expect((await service.get(`/api/v1/returns/${ret.id}`)).body.timeline.some((e: { action: string }) => e.action === 'ship_reminder')).toBe(false);

    clock.set(new Date(start + 3 * day + 60_000));
    await jobs();
    const reminded = (await service.get(`/api/v1/returns/${ret.id}`)).body;
    const reminder = reminded.timeline.find((e: { action: string }) => e.action === 'ship_reminder');
    expect(reminder).toMatchObject({ status: 'approved', actor: { kind: 'automation', id: 'ship_reminder' } });
    const mail = smtp.mails.find((m) => m.to.includes(customer.email) && m.subject.includes('请尽快寄回'));
    expect(mail?.subject).toBe(`【退货通】请尽快寄回退货商品 ${ret.number}`);
    expect(mail?.text).toContain(`您的退货 ${ret.number} 已审核通过 3 天`);
    expect(mail?.text).toMatch(/请在 2026-05-08 \d\d:\d\d 前寄回商品/);

    // An hour later the job runs again: no second reminder.
    clock.set(new Date(start + 3 * day + 2 * 3_600_000));
    await jobs();
    const again = (await service.get(`/api/v1/returns/${ret.id}`)).body.timeline.filter((e: { action: string }) => e.action === 'ship_reminder');
    expect(again).toHaveLength(1);

    // Past the return-shipping stage's limit (7 days): cancelled by the automation.
    clock.set(new Date(start + 7 * day + 60_000));
    await jobs();
    const cancelled = (await service.get(`/api/v1/returns/${ret.id}`)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.timeline.at(-1)).toMatchObject({ action: 'cancel', actor: { kind: 'automation', id: 'shipping_deadline' } });
    expect(cancelled.timeline.at(-1).note).toContain('超过寄回期限');
    const cancelMail = smtp.mails.find((m) => m.to.includes(customer.email) && m.subject.includes('已取消'));
    expect(cancelMail?.text).toContain('超过寄回期限未寄出，系统自动取消');

    const listed = (await admin.get('/api/v1/scheduled-jobs')).body.data;
    expect(listed[0]).toMatchObject({ name: 'return-shipping-deadlines', lastError: null });
    expect(JSON.parse(listed[0].lastResult)).toMatchObject({ cancelled: expect.any(Number) });
    expect((await admin.post('/api/v1/scheduled-jobs/return-shipping-deadlines/run')).status).toBe(202);
    expect((await admin.post('/api/v1/scheduled-jobs/nope/run')).status).toBe(404);
  });
});
