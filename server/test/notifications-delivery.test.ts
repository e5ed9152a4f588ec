/**
 * Nothing lost, nothing doubled: two workers (two servers on PostgreSQL, each with its
 * own connection pool) deliver 1,000 outbox messages exactly once each; a worker that
 * dies after the commit, after writing the notices, or after claiming one, leaves the
 * work to the next worker.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.ts';
import { connectDatabase, type Db } from '../src/db/connect.ts';
import { manualClock } from '../src/lib/clock.ts';
import { newId } from '../src/lib/ids.ts';
import { claimDueNotices } from '../src/modules/notifications/notices.repository.ts';
import { claimEventsForNotices } from '../src/modules/notifications/outbox-notices.repository.ts';
import { appendEvent } from '../src/modules/outbox/outbox.repository.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { startFakeHttp, waitFor } from './support/notice-fakes.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const silent = pino({ level: 'silent' });

describe.each(testDatabases)('notice delivery guarantees on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let service: Client;
  let sms: Awaited<ReturnType<typeof startFakeHttp>>;
  let hang = false;
  const extraPools: Db[] = [];

  /** Another app server's context: its own connection pool on PostgreSQL (SQLite is one process's). */
  function secondServer(): AppContext {
    if (kind === 'sqlite') return t.ctx;
    const db = connectDatabase({ url: t.ctx.config.databaseUrl, poolSize: 4 });
    extraPools.push(db);
    return { ...t.ctx, db };
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { clock, poolSize: 4 });
    admin = await signIn(t.app, adminEmail, adminPassword);
    service = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service'])).service as Client;
    sms = await startFakeHttp(() => (hang ? { delayMs: 1500, json: { Code: 'OK', BizId: 'slow' } } : { json: { Code: 'OK', BizId: newId('biz') } }));
    await admin.put('/api/v1/notification-settings/sms', {
      provider: 'aliyun',
      signName: '退货通',
      defaultTemplateCode: 'SMS_100001',
      aliyun: { accessKeyId: 'LTAI-test', accessKeySecret: 'secret', endpoint: sms.url('/') },
    });
  });
  afterAll(async () => {
    await sms.close();
    for (const pool of extraPools) await pool.destroy();
    await t.close();
  });

  const smsFor = (number: string) => sms.requests.filter((r) => JSON.parse(new URLSearchParams(r.body).get('TemplateParam') ?? '{}').returnNumber === number);

  it('delivers 1,000 outbox messages with two workers: every one once', async () => {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const numbers: string[] = [];
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) {
        const number = `RT-LOAD-${String(i).padStart(4, '0')}`;
        numbers.push(number);
        const payload = {
          id: newId('ret'),
          number,
          status: 'approved',
          stage: 'return_shipping',
          type: 'return',
          returnless: false,
          orderId: order.id,
          customerId: customer.id,
          currency: 'CNY',
          carrier: null,
          trackingNumber: null,
          rejectReason: null,
          refundableAmount: 0,
          refundedAmount: 0,
        };
        await appendEvent(trx, { type: 'return.approved', aggregateType: 'return', aggregateId: payload.id, payload, now: clock.now() });
      }
    });
    const before = sms.requests.length;
    const workers: NoticeWorker[] = [
      startNoticeWorker({ ctx: t.ctx, log: silent, env: {}, pollMs: 50, jobs: false }),
      startNoticeWorker({ ctx: secondServer(), log: silent, env: {}, pollMs: 50, jobs: false }),
    ];
    try {
      await waitFor('1,000 messages', () => sms.requests.length - before >= 1000, 60_000);
      // Give a doubled send the chance to show up.
      for (const w of workers) w.notify();
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const sent = sms.requests.slice(before).map((r) => new URLSearchParams(r.body));
    expect(sent).toHaveLength(1000);
    expect(new Set(sent.map((p) => p.get('OutId'))).size).toBe(1000);
    expect(new Set(sent.map((p) => JSON.parse(p.get('TemplateParam') ?? '{}').returnNumber))).toEqual(new Set(numbers));
    const rows = await t.db
      .selectFrom('notices')
      .select(['status', 'attempts'])
      .where('eventType', '=', 'return.approved')
      .where('customerId', '=', customer.id)
      .execute();
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const unnoticed = await t.db.selectFrom('outboxEvents').select('id').where('noticedAt', 'is', null).execute();
    expect(unnoticed).toHaveLength(0);
  }, 90_000);

  it('writes each event of a batch to its own customer, order and staff queue when one pass fans out many', async () => {
    const scenarios = [];
    for (let i = 0; i < 3; i++) {
      const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
      scenarios.push({ customer, order, ret: await buildReturn(service, order) });
    }
    // The first return is approved too: two events of one return in the same batch.
    expect((await service.post(`/api/v1/returns/${scenarios[0]?.ret.id}/approve`, {})).status).toBe(200);
    const worker = startNoticeWorker({ ctx: t.ctx, log: silent, env: {}, manual: true });
    expect(await worker.fanOutOnce()).toBeGreaterThanOrEqual(4);
    await worker.stop();
    for (const [i, { customer, order, ret }] of scenarios.entries()) {
      const rows = await t.db
        .selectFrom('notices')
        .select(['eventType', 'audience', 'channel', 'recipient', 'customerId', 'data'])
        .where('returnId', '=', ret.id)
        .orderBy('id')
        .execute();
      const toCustomer = rows.filter((r) => r.audience === 'customer');
      expect(toCustomer.map((r) => r.eventType)).toEqual(i === 0 ? ['return.created', 'return.approved'] : ['return.created']);
      for (const row of toCustomer) {
        expect(row).toMatchObject({ channel: 'sms', recipient: customer.phone, customerId: customer.id });
        const variables = (JSON.parse(row.data ?? '{}') as { variables: Record<string, string> }).variables;
        expect(variables).toMatchObject({ orderNumber: order.number, returnNumber: ret.number, customerName: '张三' });
      }
      // The in-app notice of the new return goes to the owner of its review stage.
      expect(rows.filter((r) => r.audience === 'staff' && r.eventType === 'return.created').map((r) => r.recipient)).toEqual(['role:service']);
    }
  });

  it('loses nothing when the worker dies after the commit, before any notice is written', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(service, order);
    // The fan-out's transaction fails halfway (the process died): nothing of it remains.
    await expect(
      claimEventsForNotices(t.db, 100, clock.now(), async (trx) => {
        await trx.insertInto('notices').values({
          id: newId('ntc'),
          eventKey: 'half-written',
          eventType: 'return.created',
          returnId: ret.id,
          customerId: null,
          audience: 'customer',
          channel: 'sms',
          recipient: '13900000000',
          locale: 'zh-CN',
          subject: '',
          short: '',
          body: '',
          link: null,
          data: null,
          essential: 1,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: clock.now().toISOString(),
          lockedUntil: null,
          lastError: null,
          providerMessageId: null,
          resendCount: 0,
          sentAt: null,
          createdAt: clock.now().toISOString(),
        });
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await t.db.selectFrom('notices').select('id').where('eventKey', '=', 'half-written').execute()).toHaveLength(0);

    const restarted = startNoticeWorker({ ctx: secondServer(), log: silent, env: {}, manual: true });
    await restarted.runOnce();
    await restarted.stop();
    expect(smsFor(ret.number)).toHaveLength(1);
  });

  it('loses nothing when the worker dies after writing the notices, before sending them', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(service, order);
    const first = startNoticeWorker({ ctx: t.ctx, log: silent, env: {}, manual: true });
    expect(await first.fanOutOnce()).toBeGreaterThan(0);
    await first.stop(); // dropped without delivering
    expect(smsFor(ret.number)).toHaveLength(0);

    const next = startNoticeWorker({ ctx: secondServer(), log: silent, env: {}, manual: true });
    await next.runOnce();
    await next.runOnce();
    await next.stop();
    expect(smsFor(ret.number)).toHaveLength(1);
  });

  it('sends a notice claimed by a worker that died once its lease runs out, and only then', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(service, order);
    const worker = startNoticeWorker({ ctx: secondServer(), log: silent, env: {}, manual: true, leaseMs: 120_000 });
    await worker.fanOutOnce();
    // A worker claims the notice and dies before sending it.
    const claimed = await claimDueNotices(t.db, clock.now(), 100, 120_000);
    const mine = claimed.flatMap((b) => b.notices).find((n) => n.returnId === ret.id);
    expect(mine).toBeDefined();
    await worker.runOnce();
    expect(smsFor(ret.number)).toHaveLength(0);
    clock.advance(121_000);
    await worker.runOnce();
    await worker.stop();
    expect(smsFor(ret.number)).toHaveLength(1);
    const log = (await admin.get(`/api/v1/notifications/deliveries/${mine?.id}`)).body;
    expect(log.status).toBe('sent');
    expect(log.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['sending', 'sent']);
  });

  it('does not send a notice twice while a slow vendor is still answering the first send', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(service, order);
    hang = true;
    const worker = startNoticeWorker({ ctx: t.ctx, log: silent, env: {}, manual: true });
    await worker.fanOutOnce();
    const sending = worker.deliverOnce();
    await waitFor('the slow send', () => smsFor(ret.number).length === 1);
    hang = false;
    // Another server looks meanwhile: the notice is leased, nothing is sent.
    const other = startNoticeWorker({ ctx: secondServer(), log: silent, env: {}, manual: true });
    await other.runOnce();
    expect(smsFor(ret.number)).toHaveLength(1);
    await sending;
    await other.runOnce();
    await other.stop();
    await worker.stop();
    expect(smsFor(ret.number)).toHaveLength(1);
    const [notice] = (await admin.get(`/api/v1/notifications/deliveries?returnId=${ret.id}&channel=sms`)).body.data;
    expect(notice).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'slow' });
  });
});
