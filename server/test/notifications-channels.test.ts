/**
 * The outside channels, each against a local fake of the vendor's HTTP API that checks
 * the request the way the vendor does: Alibaba Cloud SMS (RPC HMAC-SHA1 signature),
 * Tencent Cloud SMS (TC3-HMAC-SHA256), WeChat template messages (access token), and the
 * WeChat Work / DingTalk group robots (signed), with a digest: "3 returns arrived".
 */
import { createHash, createHmac } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { signAliyunRpc } from '../src/modules/notifications/channels/aliyun-sms.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { type RecordedRequest, startFakeHttp } from './support/notice-fakes.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const aliyunSecret = 'aliyun-secret-for-tests';
const tencentSecret = 'tencent-secret-for-tests';
const dingtalkSecret = 'SECdingtalk-secret';

/** Alibaba Cloud's check, written from its documentation: sorted params, RFC 3986, HMAC-SHA1 with "secret&". */
function aliyunSignatureValid(request: RecordedRequest, secret: string): boolean {
  const params = Object.fromEntries(new URLSearchParams(request.body));
  const { Signature: given, ...rest } = params;
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => `${encode(k)}=${encode(rest[k] as string)}`)
    .join('&');
  const expected = createHmac('sha1', `${secret}&`)
    .update(`POST&${encode('/')}&${encode(canonical)}`)
    .digest('base64');
  return given === expected;
}

/** Tencent Cloud's TC3-HMAC-SHA256 check, written from its documentation. */
function tencentSignatureValid(request: RecordedRequest, secretId: string, secretKey: string): boolean {
  const auth = String(request.headers.authorization ?? '');
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!match || match[1] !== secretId) return false;
  const [, , date, signature] = match as unknown as [string, string, string, string];
  const timestamp = String(request.headers['x-tc-timestamp']);
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return false;
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = `POST\n/\n\ncontent-type:${request.headers['content-type']}\nhost:${request.headers.host}\n\ncontent-type;host\n${sha(request.body)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha(canonical)}`;
  const k = (key: Buffer | string, msg: string) => createHmac('sha256', key).update(msg).digest();
  const expected = createHmac('sha256', k(k(k(`TC3${secretKey}`, date), 'sms'), 'tc3_request'))
    .update(toSign)
    .digest('hex');
  return expected === signature;
}

describe('request signing', () => {
  it("matches Alibaba Cloud's published example signature", () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(signAliyunRpc('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

describe.each(testDatabases)('notice channels on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<string, Client>;
  let worker: NoticeWorker;
  let vendor: Awaited<ReturnType<typeof startFakeHttp>>;
  let failTokenOnce = false;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse']);
    worker = startNoticeWorker({ ctx: t.ctx, log: pino({ level: 'silent' }), manual: true, env: {} });
    let tokens = 0;
    vendor = await startFakeHttp((request) => {
      if (request.path === '/aliyun/') {
        if (!aliyunSignatureValid(request, aliyunSecret))
          return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' } };
        const phone = new URLSearchParams(request.body).get('PhoneNumbers') ?? '';
        if (phone.startsWith('100')) return { json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } };
        return { json: { Code: 'OK', Message: 'OK', BizId: `biz-${request.at}`, RequestId: 'req' } };
      }
      if (request.path === '/tencent/') {
        if (!tencentSignatureValid(request, 'AKID-test', tencentSecret)) {
          return { json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature' }, RequestId: 'r' } } };
        }
        return { json: { Response: { SendStatusSet: [{ SerialNo: 'serial-1', Code: 'Ok', Message: 'send success' }], RequestId: 'r' } } };
      }
      if (request.path === '/wechat/cgi-bin/token') {
        tokens += 1;
        return { json: { access_token: `token-${tokens}`, expires_in: 7200 } };
      }
      if (request.path === '/wechat/cgi-bin/message/template/send') {
        const token = request.query.get('access_token');
        if (failTokenOnce) {
          failTokenOnce = false;
          return { json: { errcode: 42001, errmsg: 'access_token expired' } };
        }
        return token === `token-${tokens}`
          ? { json: { errcode: 0, errmsg: 'ok', msgid: 200228332 } }
          : { json: { errcode: 40001, errmsg: 'invalid credential' } };
      }
      if (request.path === '/wecom/webhook/send') return { json: { errcode: 0, errmsg: 'ok' } };
      if (request.path === '/dingtalk/robot/send') {
        const timestamp = request.query.get('timestamp') ?? '';
        const expected = createHmac('sha256', dingtalkSecret).update(`${timestamp}\n${dingtalkSecret}`).digest('base64');
        if (request.query.get('sign') !== expected) return { json: { errcode: 310000, errmsg: 'sign not match' } };
        return { json: { errcode: 0, errmsg: 'ok' } };
      }
      return { status: 404, json: {} };
    });
  });
  afterAll(async () => {
    await worker.stop();
    await vendor.close();
    await t.close();
  });

  const to = (path: string) => vendor.requests.filter((r) => r.path === path);
  const noticesOf = async (returnId: string, channel: string) =>
    (await admin.get(`/api/v1/notifications/deliveries?returnId=${returnId}&channel=${channel}`)).body.data as {
      id: string;
      status: string;
      lastError: string | null;
      providerMessageId: string | null;
      recipient: string;
    }[];

  it('sends SMS through Alibaba Cloud with the approved template, sign name and a valid signature', async () => {
    const saved = await admin.put('/api/v1/notification-settings/sms', {
      provider: 'aliyun',
      signName: '退货通',
      templateCodes: { 'return.created': 'SMS_460001', 'return.approved': 'SMS_460002' },
      aliyun: { accessKeyId: 'LTAI5t-test', accessKeySecret: aliyunSecret, endpoint: vendor.url('/aliyun/') },
    });
    expect(saved.status).toBe(200);
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await worker.runOnce();

    const [sms] = to('/aliyun/');
    const params = Object.fromEntries(new URLSearchParams(sms?.body));
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: 'LTAI5t-test',
      PhoneNumbers: customer.phone,
      SignName: '退货通',
      TemplateCode: 'SMS_460001',
    });
    const variables = JSON.parse(params.TemplateParam ?? '{}');
    expect(variables).toMatchObject({ returnNumber: ret.number, statusText: '待审核' });
    expect(variables.link).toMatch(/\/portal\/p\//);
    expect(Math.abs(Date.parse(params.Timestamp ?? '') - clock.now().getTime())).toBeLessThan(1000);
    const [notice] = await noticesOf(ret.id, 'sms');
    expect(notice).toMatchObject({ status: 'sent', recipient: customer.phone });
    expect(notice?.providerMessageId).toMatch(/^biz-/);
    // SMS came first: no email for this customer.
    expect(await noticesOf(ret.id, 'email')).toHaveLength(0);

    // An event without an approved template code is not sent by SMS.
    await staff.service?.post(`/api/v1/returns/${ret.id}/reject`, { reason: '超出退货期限' });
    await worker.runOnce();
    expect((await noticesOf(ret.id, 'sms')).length).toBe(1);
  });

  it('records a wrong signature as a failed attempt to retry, and a bad number as final', async () => {
    await admin.put('/api/v1/notification-settings/sms', { aliyun: { accessKeySecret: 'a-wrong-secret' } });
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await worker.runOnce();
    const [retrying] = await noticesOf(ret.id, 'sms');
    expect(retrying).toMatchObject({ status: 'pending' });
    expect(retrying?.lastError).toContain('SignatureDoesNotMatch');

    await admin.put('/api/v1/notification-settings/sms', { aliyun: { accessKeySecret: aliyunSecret } });
    clock.advance(31_000);
    await worker.runOnce();
    const detail = (await admin.get(`/api/v1/notifications/deliveries/${retrying?.id}`)).body;
    expect(detail).toMatchObject({ status: 'sent', attempts: 2 });
    expect(detail.attemptLog.map((a: { outcome: string; provider: string }) => [a.outcome, a.provider])).toEqual([
      ['failed', 'aliyun_sms'],
      ['sent', 'aliyun_sms'],
    ]);

    const bad = await buildOrderScenario(admin, { quantity: 1 });
    await t.db.updateTable('customers').set({ phone: '10012345678' }).where('id', '=', bad.customer.id).execute();
    const badReturn = await buildReturn(staff.service as Client, bad.order);
    await worker.runOnce();
    const [final] = await noticesOf(badReturn.id, 'sms');
    expect(final).toMatchObject({ status: 'failed' });
    expect(final?.lastError).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('sends SMS through Tencent Cloud signed with TC3-HMAC-SHA256', async () => {
    await admin.put('/api/v1/notification-settings/sms', {
      provider: 'tencent',
      templateCodes: { 'return.created': '1830001' },
      tencent: { secretId: 'AKID-test', secretKey: tencentSecret, sdkAppId: '1400000001', endpoint: vendor.url('/tencent/') },
    });
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service as Client, order);
    await worker.runOnce();
    const [sms] = to('/tencent/');
    expect(sms?.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou' });
    const body = JSON.parse(sms?.body ?? '{}');
    expect(body).toMatchObject({ PhoneNumberSet: [`+86${customer.phone}`], SmsSdkAppId: '1400000001', SignName: '退货通', TemplateId: '1830001' });
    expect(body.TemplateParamSet[0]).toBe(ret.number);
    expect(body.TemplateParamSet[2]).toMatch(/\/portal\/p\//);
    expect((await noticesOf(ret.id, 'sms'))[0]).toMatchObject({ status: 'sent', providerMessageId: 'serial-1' });
    await admin.put('/api/v1/notification-settings/sms', { provider: 'none' });
  });

  it('sends a WeChat template message to a customer with an openid, renewing an expired token', async () => {
    await admin.put('/api/v1/notification-settings/wechat_mp', {
      appId: 'wx-test-app',
      appSecret: 'wechat-app-secret',
      templateIds: { 'return.created': 'TPL-created', 'return.approved': 'TPL-approved' },
      apiBase: vendor.url('/wechat/'),
    });
    const { customer, order } = await buildOrderScenario(admin, { quantity: 1 });
    const prefs = await staff.service?.put(`/api/v1/customers/${customer.id}/notification-preferences`, { wechatOpenid: 'oWx_openid_123456' });
    expect(prefs?.body).toMatchObject({ wechatOpenid: 'oWx_openid_123456', optedOut: false });
    const ret = await buildReturn(staff.service as Client, order);
    await worker.runOnce();
    const [sent] = to('/wechat/cgi-bin/message/template/send');
    const body = JSON.parse(sent?.body ?? '{}');
    expect(body).toMatchObject({
      touser: 'oWx_openid_123456',
      template_id: 'TPL-created',
      data: { keyword1: { value: ret.number }, keyword2: { value: '待审核' } },
    });
    expect(body.url).toMatch(/\/portal\/p\//);
    expect(body.data.first.value).toContain('已收到您的退货申请');
    expect((await noticesOf(ret.id, 'wechat_mp'))[0]).toMatchObject({ status: 'sent', providerMessageId: '200228332' });
    expect(to('/wechat/cgi-bin/token')).toHaveLength(1);

    failTokenOnce = true;
    await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
    await worker.runOnce();
    // The expired token was renewed once, and the message went out with the new one.
    expect(to('/wechat/cgi-bin/token')).toHaveLength(2);
    const notices = await noticesOf(ret.id, 'wechat_mp');
    expect(notices.map((n) => n.status)).toEqual(['sent', 'sent']);
    expect(JSON.parse(to('/wechat/cgi-bin/message/template/send').at(-1)?.body ?? '{}').template_id).toBe('TPL-approved');
  });

  it('tells the warehouse group chats "3 returns arrived" in one message each, DingTalk signed', async () => {
    const wecom = await admin.post('/api/v1/notification-robots', {
      name: '仓库群',
      kind: 'wecom',
      webhookUrl: `${vendor.url('/wecom/webhook/send')}?key=wecom-robot-key`,
      events: ['return.received'],
      digestSeconds: 60,
    });
    expect(wecom.status).toBe(201);
    expect(wecom.body.webhookUrl).not.toContain('wecom-robot-key');
    const dingtalk = await admin.post('/api/v1/notification-robots', {
      name: '仓库钉钉群',
      kind: 'dingtalk',
      webhookUrl: `${vendor.url('/dingtalk/robot/send')}?access_token=ding-token`,
      secret: dingtalkSecret,
      events: ['return.received'],
      locale: 'zh-CN',
      digestSeconds: 60,
    });
    expect(dingtalk.body).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(dingtalk.body)).not.toContain(dingtalkSecret);
    // The console sends the masked URL back when only the name changes: the key is kept.
    const renamed = await admin.patch(`/api/v1/notification-robots/${wecom.body.id}`, { name: '仓库群（收货）', webhookUrl: wecom.body.webhookUrl });
    expect(renamed.body).toMatchObject({ name: '仓库群（收货）', webhookUrl: wecom.body.webhookUrl });

    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { order } = await buildOrderScenario(admin, { quantity: 1 });
      const ret = await buildReturn(staff.service as Client, order);
      numbers.push(ret.number);
      await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
      await staff.warehouse?.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    }
    await worker.runOnce();
    expect(to('/wecom/webhook/send')).toHaveLength(0);
    clock.advance(60_000);
    await worker.runOnce();

    const [wecomMessage] = to('/wecom/webhook/send');
    expect(to('/wecom/webhook/send')).toHaveLength(1);
    expect(wecomMessage?.query.get('key')).toBe('wecom-robot-key');
    const content = JSON.parse(wecomMessage?.body ?? '{}');
    expect(content.msgtype).toBe('markdown');
    expect(content.markdown.content).toContain('**3 个退货已到货，待检验**');
    for (const number of numbers) expect(content.markdown.content).toContain(number);

    expect(to('/dingtalk/robot/send')).toHaveLength(1);
    const ding = JSON.parse(to('/dingtalk/robot/send')[0]?.body ?? '{}');
    expect(ding).toMatchObject({ msgtype: 'markdown', markdown: { title: '3 个退货已到货，待检验' } });
    const robotNotices = (await admin.get('/api/v1/notifications/deliveries?channel=dingtalk_robot')).body.data;
    expect(robotNotices).toHaveLength(3);
    expect(robotNotices.every((n: { status: string }) => n.status === 'sent')).toBe(true);
    const attempts = await Promise.all(
      robotNotices.map(async (n: { id: string }) => (await admin.get(`/api/v1/notifications/deliveries/${n.id}`)).body.attemptLog[0].batchId),
    );
    expect(new Set(attempts).size).toBe(1);

    // A wrong DingTalk secret is refused by the robot; the failure is final and logged.
    await admin.patch(`/api/v1/notification-robots/${dingtalk.body.id}`, { secret: 'SECwrong' });
    expect((await admin.post(`/api/v1/notification-robots/${dingtalk.body.id}/test`)).body).toMatchObject({
      ok: false,
      error: expect.stringContaining('310000'),
    });
    expect((await admin.post(`/api/v1/notification-robots/${wecom.body.id}/test`)).body).toEqual({ ok: true, error: null });
  });
});
