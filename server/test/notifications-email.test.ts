/**
 * Customer notices by email, delivered to a real SMTP server: the rendered Chinese
 * subject and body, the signed progress link, the delivery log with its attempts and
 * resend, editable templates with preview, opting out, and the staff inbox.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { appendEvent } from '../src/modules/outbox/outbox.repository.ts';
import { readProgressToken } from '../src/modules/portal/progress-links.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { type ReceivedMail, startSmtpServer } from './support/notice-fakes.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('notices by email on %s', (kind) => {
  const clock = manualClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let admin: Client;
  let staff: Record<string, Client>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let worker: NoticeWorker;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance']);
    smtp = await startSmtpServer((to) => (to.startsWith('bounce') ? 550 : to.startsWith('busy') ? 451 : null));
    worker = startNoticeWorker({ ctx: t.ctx, log: pino({ level: 'silent' }), manual: true, env: {} });
    const configured = await admin.put('/api/v1/notification-settings/email', { smtpUrl: smtp.url, from: '退货通 <notice@shop.test>' });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await worker.stop();
    await smtp.close();
    await t.close();
  });

  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

  it('emails the customer a rendered Chinese notice with a working progress link, and logs the attempt', async () => {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 2, price: 9900 });
    const ret = await buildReturn(staff.service as Client, order, { quantity: 1 });
    await worker.runOnce();

    const [mail] = mailsTo(customer.email) as [ReceivedMail];
    expect(mail).toBeDefined();
    expect(mail.subject).toBe(`【退货通】已收到您的退货申请 ${ret.number}`);
    expect(mail.text).toContain('张三，您好：');
    expect(mail.text).toContain(`我们已收到您的退货申请 ${ret.number}（订单 ${order.number}）：测试商品 ×1。`);
    expect(mail.text).toContain('当前状态：待审核');
    const link = /随时查看进度：(\S+)/.exec(mail.text)?.[1] ?? '';
    expect(link).toMatch(/^http:\/\/localhost:\d+\/portal\/p\/\S+$/);
    const token = link.split('/portal/p/')[1] ?? '';
    expect(await readProgressToken(t.db, token, clock.now())).toMatchObject({ returnId: ret.id });
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);

    const log = await admin.get(`/api/v1/notifications/deliveries?returnId=${ret.id}&channel=email`);
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    const notice = log.body.data[0];
    expect(notice).toMatchObject({
      channel: 'email',
      recipient: customer.email,
      status: 'sent',
      attempts: 1,
      audience: 'customer',
      eventType: 'return.created',
    });
    const detail = await admin.get(`/api/v1/notifications/deliveries/${notice.id}`);
    expect(detail.body.attemptLog).toEqual([expect.objectContaining({ attemptNo: 1, outcome: 'sent', provider: 'smtp' })]);

    // Resend: the same text once more, a second attempt in the log.
    expect((await staff.service?.post(`/api/v1/notifications/deliveries/${notice.id}/resend`))?.status).toBe(202);
    await worker.runOnce();
    expect(mailsTo(customer.email)).toHaveLength(2);
    expect(mailsTo(customer.email)[1]?.subject).toBe(mail.subject);
    const again = await admin.get(`/api/v1/notifications/deliveries/${notice.id}`);
    expect(again.body).toMatchObject({ status: 'sent', attempts: 2, resendCount: 1 });
    expect(again.body.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['sent', 'sent']);
    // Warehouse staff may not read the log.
    expect((await staff.warehouse?.get('/api/v1/notifications/deliveries'))?.status).toBe(403);
  });

  it('tells service in the console of a new request, in the reader’s language, and marks it read', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await worker.runOnce();
    const inbox = await staff.service?.get('/api/v1/notifications/inbox?unread=true');
    const item = inbox?.body.data.find((i: { returnId: string }) => i.returnId === ret.id);
    expect(item).toMatchObject({ role: 'service', title: '1 个新退货申请', returnNumber: ret.number, read: false });
    expect(item.text).toContain(ret.number);
    expect((await staff.warehouse?.get('/api/v1/notifications/inbox'))?.body.data.some((i: { returnId: string }) => i.returnId === ret.id)).toBe(false);
    const before = (await staff.service?.get('/api/v1/notifications/inbox/unread-count'))?.body.unread;
    expect((await staff.service?.post('/api/v1/notifications/inbox/read', { ids: [item.id] }))?.body).toEqual({ marked: 1 });
    expect((await staff.service?.get('/api/v1/notifications/inbox/unread-count'))?.body.unread).toBe(before - 1);

    // Receiving tells the warehouse (it owns inspection), in English for an English reader.
    await t.db.updateTable('users').set({ locale: 'en' }).where('email', 'like', 'warehouse-%').execute();
    await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.warehouse?.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    await worker.runOnce();
    const warehouseInbox = await staff.warehouse?.get('/api/v1/notifications/inbox');
    expect(
      warehouseInbox?.body.data.find((i: { returnId: string; eventType: string }) => i.returnId === ret.id && i.eventType === 'return.received'),
    ).toMatchObject({
      title: '1 return(s) arrived, to inspect',
    });
  });

  it('lets the admin edit a template, preview it, and refuses unknown variables', async () => {
    const preview = await admin.post('/api/v1/notification-templates/preview', {
      audience: 'customer',
      event: 'return.approved',
      locale: 'zh-CN',
      draft: { subject: '{{customerName}}，退货 {{returnNumber}} 通过啦' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('张三，退货 RT-20260115-0042 通过啦');
    expect(preview.body.short).toContain('/portal/p/sample');
    expect(preview.body.html).toContain('<br>');

    const bad = await admin.put('/api/v1/notification-templates', {
      audience: 'customer',
      event: 'return.approved',
      locale: 'zh-CN',
      subject: '{{secretKey}} 通过',
      short: '通过',
      body: '通过',
      essential: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.subject');
    // An event named after an object's built-in member is simply unknown.
    for (const event of ['constructor', '__proto__', 'toString']) {
      const unknown = await admin.put('/api/v1/notification-templates', {
        audience: 'customer',
        event,
        locale: 'zh-CN',
        subject: 'x',
        short: 'x',
        body: 'x',
        essential: true,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
    }

    const saved = await admin.put('/api/v1/notification-templates', {
      audience: 'customer',
      event: 'return.approved',
      locale: 'zh-CN',
      subject: '好消息：退货 {{returnNumber}} 已通过',
      short: '退货{{returnNumber}}已通过',
      body: '{{customerName}}，您的退货 {{returnNumber}} 已通过。<script>alert(1)</script>',
      essential: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ customized: true });
    expect((await staff.service?.put('/api/v1/notification-templates', { ...saved.body }))?.status).toBe(403);

    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
    await worker.runOnce();
    const approved = mailsTo(customer.email).find((m) => m.subject.startsWith('好消息'));
    expect(approved?.subject).toBe(`好消息：退货 ${ret.number} 已通过`);
    // The admin left the link out: it is added; the HTML part escapes what was typed.
    expect(approved?.text).toContain('/portal/p/');
    expect(approved?.raw).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const listed = await admin.get('/api/v1/notification-templates');
    expect(listed.body.variables.customer).toContain('returnNumber');
    expect(listed.body.data.filter((d: { event: string; audience: string }) => d.audience === 'customer' && d.event === 'return.approved')).toHaveLength(2);
    const reset = await admin.delete('/api/v1/notification-templates/customer/return.approved/zh-CN');
    expect(reset.body).toMatchObject({ customized: false, subject: '【{{shopName}}】退货申请 {{returnNumber}} 已通过' });
  });

  it('sends only essential notices to a customer who unsubscribed from an email link', async () => {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.service?.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰速运', trackingNumber: 'SF1234567890123' });
    await worker.runOnce();
    const shipped = mailsTo(customer.email).find((m) => m.subject.includes('寄回信息'));
    const unsubscribe = /退订：(\S+)/.exec(shipped?.text ?? '')?.[1] ?? '';
    expect(unsubscribe).toContain('/api/v1/notifications/unsubscribe?token=');
    const token = decodeURIComponent(unsubscribe.split('token=')[1] ?? '');
    // Opening the link changes nothing; the form's button does.
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}` });
    expect(page.body).toContain('<form method="post"');
    expect((await admin.get(`/api/v1/customers/${customer.id}/notification-preferences`)).body.optedOut).toBe(false);
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${encodeURIComponent(token)}`,
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已退订');
    expect((await admin.get(`/api/v1/customers/${customer.id}/notification-preferences`)).body.optedOut).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/unsubscribe', payload: { token: 'ret_0.zz.forged' } })).statusCode).toBe(404);

    const before = mailsTo(customer.email).length;
    await staff.warehouse?.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    await staff.warehouse?.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId: ret.lines[0].id, quantity: 1, grade: 'A', disposition: 'restock' }] });
    await staff.finance?.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    await worker.runOnce();
    const after = mailsTo(customer.email).slice(before);
    // received, inspected and resolved are not essential; the refund is.
    expect(after.map((m) => m.subject)).toEqual(['【退货通】退款 ¥99.00 已退回']);
    expect(after[0]?.text).toContain(`您的退货 ${ret.number} 已退款 ¥99.00。`);
  });

  it('delivers what process automations announce: a message to the customer, a request for photos, an escalation', async () => {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    const view = (await admin.get(`/api/v1/returns/${ret.id}`)).body;
    const announce = (type: 'automation.notify' | 'return.photos_requested' | 'return.escalated', extra: Record<string, unknown>) =>
      t.db.transaction().execute((trx) =>
        appendEvent(trx, {
          type,
          aggregateType: 'return',
          aggregateId: ret.id,
          payload: { ...view, automation: { id: 'a1', name: '测试' }, ...extra },
          now: clock.now(),
        }),
      );
    await announce('automation.notify', { channel: 'customer', message: '请随退货附上发票', messageEn: 'Please include the invoice' });
    await announce('automation.notify', { channel: 'staff', message: '大额退货，请优先处理' });
    await announce('return.photos_requested', { message: '请拍摄破损处' });
    await announce('return.escalated', { stage: 'review', role: 'manager', userId: null });
    await worker.runOnce();

    const subjects = mailsTo(customer.email).map((m) => m.subject);
    expect(subjects).toContain(`【退货通】关于退货 ${ret.number}`);
    expect(subjects).toContain(`【退货通】请为退货 ${ret.number} 补充照片`);
    expect(mailsTo(customer.email).find((m) => m.subject.includes('关于退货'))?.text).toContain('请随退货附上发票');
    // The staff message goes to the stage's owner in the console, not to the customer.
    const serviceInbox = (await staff.service?.get('/api/v1/notifications/inbox'))?.body.data;
    expect(serviceInbox.find((i: { eventType: string; returnId: string }) => i.eventType === 'automation.notify' && i.returnId === ret.id)?.text).toContain(
      '大额退货，请优先处理',
    );
    const { manager } = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['manager']);
    const escalated = (await manager?.get('/api/v1/notifications/inbox'))?.body.data.find((i: { eventType: string }) => i.eventType === 'return.escalated');
    expect(escalated).toMatchObject({ role: 'manager', title: '1 个退货环节超时，已升级' });
    expect(escalated.text).toContain('已交给经理');
  });

  it('gives up on a bounced address at once and retries a busy one with backoff', async () => {
    const { customer, order } = await buildOrderScenario(admin, { quantity: 2 });
    await t.db.updateTable('customers').set({ email: 'bounce@example.com' }).where('id', '=', customer.id).execute();
    const bounced = await buildReturn(staff.service as Client, order, { quantity: 1 });
    await worker.runOnce();
    const [failed] = (await admin.get(`/api/v1/notifications/deliveries?returnId=${bounced.id}&channel=email`)).body.data;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('550');

    await t.db.updateTable('customers').set({ email: 'busy@example.com' }).where('id', '=', customer.id).execute();
    const busy = await buildReturn(staff.service as Client, order, { quantity: 1 });
    await worker.runOnce();
    const [pending] = (await admin.get(`/api/v1/notifications/deliveries?returnId=${busy.id}&channel=email`)).body.data;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(pending.nextAttemptAt) - clock.now().getTime()).toBe(30_000);
    await worker.runOnce();
    expect((await admin.get(`/api/v1/notifications/deliveries/${pending.id}`)).body.attempts).toBe(1);
    clock.advance(30_000);
    await worker.runOnce();
    const retried = (await admin.get(`/api/v1/notifications/deliveries/${pending.id}`)).body;
    expect(retried).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(retried.nextAttemptAt) - clock.now().getTime()).toBe(60_000);
  });

  it('shows settings with secrets masked and keeps a masked secret on save', async () => {
    await admin.put('/api/v1/notification-settings/sms', {
      provider: 'aliyun',
      signName: '退货通',
      aliyun: { accessKeyId: 'LTAI-test', accessKeySecret: 'super-secret-value' },
    });
    const shown = await admin.get('/api/v1/notification-settings');
    expect(shown.body.sms.aliyun).toMatchObject({ accessKeyId: 'LTAI-test', accessKeySecret: '********' });
    expect(JSON.stringify(shown.body)).not.toContain('super-secret-value');
    expect(shown.body.source).toMatchObject({ sms: 'database', logistics: 'environment' });
    await admin.put('/api/v1/notification-settings/sms', { aliyun: { accessKeySecret: '********' }, provider: 'none' });
    const stored = await t.db.selectFrom('notificationSettings').select('value').where('key', '=', 'sms').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).aliyun.accessKeySecret).toBe('super-secret-value');
    const audit = await t.db.selectFrom('auditLog').select('data').where('entityType', '=', 'notification_settings').execute();
    expect(JSON.stringify(audit)).not.toContain('super-secret-value');
    expect((await admin.put('/api/v1/notification-settings/sms', { provider: 'carrier-pigeon' })).status).toBe(400);
  });
});
