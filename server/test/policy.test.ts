/** The return policy: public text, versions, the default rules (七天无理由, 三包), auto-approval and the dry run. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { addDays, localDate } from '../src/lib/local-date.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Rule = { rule: string; outcome: string; message: string; orderLineId?: string };

describe.each(testDatabases)('return policy on %s', (kind) => {
  const clock = manualClock(new Date());
  const realNow = clock.now();
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'manager' | 'viewer', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'manager', 'viewer'] as const);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    clock.set(realNow);
    expect((await admin.put('/api/v1/policy', defaultPolicy)).status).toBe(200);
  });

  /** The instant `days` calendar days before today in Shanghai, at a given Shanghai wall-clock time. */
  function shanghai(daysBeforeToday: number, time: string): string {
    const today = localDate(realNow, 'Asia/Shanghai');
    return new Date(`${addDays(today, -daysBeforeToday)}T${time}+08:00`).toISOString();
  }

  function returnBody(order: { id: string; lines: { id: string }[] }, reasonCode = 'no_reason', resolution = 'refund') {
    return { orderId: order.id, resolution, lines: order.lines.map((l) => ({ orderLineId: l.id, quantity: 1, reasonCode })) };
  }

  async function currentVersion(): Promise<number> {
    return (await admin.get('/api/v1/policy')).body.version;
  }

  describe('reading and publishing', () => {
    it('tells customers the money terms the refund applies: grade fees, postage deducted, credit bonus, refund deadline', async () => {
      const plain = await client(t.app).get('/api/v1/public/policy');
      expect(plain.body['zh-CN'].items).toContain('收到退货后7日内退款。');
      expect(JSON.stringify(plain.body['zh-CN'])).not.toContain('检验结果');

      const put = await admin.put('/api/v1/policy', {
        gradeFeePercent: { C: 20, D: 50 },
        returnShippingDeduction: 1_200,
        storeCreditBonusPercent: 5,
        refundDeadlineDays: 5,
      });
      expect(put.status).toBe(200);
      const text = (await client(t.app).get('/api/v1/public/policy')).body;
      expect(text['zh-CN'].items).toEqual(
        expect.arrayContaining([
          '非商家责任的退货按检验结果另收费用：有瑕疵或缺件收取20%，严重损坏收取50%；商家责任不收取。',
          '非商家责任的退货，寄回运费¥12.00从退款中扣除。',
          '选择退为店铺余额，额外赠送退款金额的5%。',
          '收到退货后5日内退款。',
        ]),
      );
      expect(text.en.items).toEqual(
        expect.arrayContaining([
          "Returns that are not the shop's fault carry a fee by the condition found on inspection: flawed or incomplete 20%, badly damaged 50%; none when the shop is at fault.",
          "For returns that are not the shop's fault, ¥12.00 return postage is deducted from the refund.",
          'Choose store credit instead of money and get 5% extra.',
          'Refunds are paid within 5 days of receiving the goods.',
        ]),
      );
    });

    it('with shipping insurance from the shop (运费险), says the insurer pays the postage back and refuses a postage deduction', async () => {
      expect((await client(t.app).get('/api/v1/public/return-options')).body.shopShippingInsurance).toBe(false);
      const both = await admin.put('/api/v1/policy', { shopShippingInsurance: true, returnShippingDeduction: 1_000 });
      expect(both.status).toBe(400);
      expect(both.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'returnShippingDeduction' })] });

      expect((await admin.put('/api/v1/policy', { shopShippingInsurance: true })).status).toBe(200);
      expect((await client(t.app).get('/api/v1/public/return-options')).body.shopShippingInsurance).toBe(true);
      const text = (await client(t.app).get('/api/v1/public/policy')).body;
      expect(text['zh-CN'].items).toContain('本店为每笔订单赠送运费险：无理由退货的寄回运费由您先行支付，保险公司会赔付给您。');
      const { order } = await buildOrderScenario(admin);
      const filed = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(filed.status).toBe(201);
      expect(filed.body.decision.rules).toContainEqual(
        expect.objectContaining({ rule: 'return_shipping', message: '寄回运费由买家先行支付，本店赠送的运费险会赔付' }),
      );
    });

    it('serves the policy in zh-CN and en without sign-in, with the 7-day default', async () => {
      const response = await client(t.app).get('/api/v1/public/policy');
      expect(response.status).toBe(200);
      expect(response.body.returnWindowDays).toBe(7);
      const zh = JSON.stringify(response.body['zh-CN']);
      const en = JSON.stringify(response.body.en);
      expect(zh).toContain('7天');
      expect(zh).toContain('无理由');
      expect(en).toMatch(/7[- ]day/);
      expect(response.body.reasons.map((r: { code: string }) => r.code)).toEqual([
        'no_reason',
        'quality',
        'wrong_item',
        'damaged_in_transit',
        'not_as_described',
      ]);
    });

    it('shows admin and manager the policy with the contract fields and defaults', async () => {
      for (const reader of [admin, staff.manager]) {
        const response = await reader.get('/api/v1/policy');
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          returnWindowDays: 7,
          autoApprove: { enabled: false, maxAmount: expect.any(Number) },
          nonReturnableCategories: expect.arrayContaining(['生鲜食品', '定制商品']),
          restockingFeePercent: 0,
          refundApprovalLimit: null,
          reasons: expect.arrayContaining([
            expect.objectContaining({ code: 'no_reason', label: '七天无理由' }),
            expect.objectContaining({ code: 'quality', label: '质量问题' }),
          ]),
        });
      }
      expect((await client(t.app).get('/api/v1/policy')).status).toBe(401);
    });

    it('publishes a new version on PUT; a partial PUT keeps the other fields', async () => {
      const before = (await admin.get('/api/v1/policy')).body;
      const response = await staff.manager.put('/api/v1/policy', { returnWindowDays: 10, restockingFeePercent: 5 });
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(before.version + 1);
      const after = (await admin.get('/api/v1/policy')).body;
      const { version: _v1, createdAt: _c1, ...beforeRest } = before;
      const { version: _v2, createdAt: _c2, ...afterRest } = after;
      expect(afterRest).toEqual({ ...beforeRest, returnWindowDays: 10, restockingFeePercent: 5 });
      expect(after.version).toBe(before.version + 1);
      expect((await client(t.app).get('/api/v1/public/policy')).body.returnWindowDays).toBe(10);

      // The document GET answers can be edited and sent back as it is.
      const roundTrip = await admin.put('/api/v1/policy', { ...after, faultExchangeDays: 20 });
      expect(roundTrip.status).toBe(200);
      expect(roundTrip.body).toMatchObject({ version: after.version + 1, returnWindowDays: 10, faultExchangeDays: 20 });

      const nested = await admin.put('/api/v1/policy', { autoApprove: { enabled: true } });
      expect(nested.status).toBe(200);
      expect(nested.body.autoApprove).toEqual({ enabled: true, maxAmount: before.autoApprove.maxAmount });
      expect(nested.body.returnWindowDays).toBe(10);
    });

    it('answers 400 validation_failed for invalid values and publishes nothing', async () => {
      const before = (await admin.get('/api/v1/policy')).body;
      const invalid: [string, unknown][] = [
        ['returnWindowDays', { returnWindowDays: -1 }],
        ['returnWindowDays', { returnWindowDays: 'seven' }],
        ['returnWindowDays', { returnWindowDays: 7.5 }],
        ['restockingFeePercent', { restockingFeePercent: 150 }],
        ['autoApprove', { autoApprove: { enabled: 'yes', maxAmount: 100 } }],
        ['maxAmount', { autoApprove: { enabled: true, maxAmount: -5 } }],
        ['reasons', { reasons: [] }],
        [
          'reasons',
          {
            reasons: [
              { code: 'dup', label: 'a' },
              { code: 'dup', label: 'b' },
            ],
          },
        ],
        ['nonReturnableCategories', { nonReturnableCategories: 'food' }],
        ['refundApprovalLimit', { refundApprovalLimit: -1 }],
        ['timeZone', { timeZone: 'Mars/Olympus' }],
      ];
      for (const [field, body] of invalid) {
        const response = await admin.put('/api/v1/policy', body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
        expect(JSON.stringify(response.body.error.details), JSON.stringify(body)).toContain(field);
      }
      const after = (await admin.get('/api/v1/policy')).body;
      expect(after).toEqual(before);
    });

    it('takes the time zone names people type; on PostgreSQL only those its own time zone database has', async () => {
      const before = (await admin.get('/api/v1/policy')).body;
      try {
        for (const timeZone of ['Asia/Kolkata', 'Asia/Kathmandu']) {
          const published = await admin.put('/api/v1/policy', { timeZone });
          expect(published.status, timeZone).toBe(200);
          expect(published.body.timeZone).toBe(timeZone);
        }
        // Dropped from the time zone database in 2020b; Node still takes it, SQLite's days are cut by Node.
        const dropped = await admin.put('/api/v1/policy', { timeZone: 'US/Pacific-New' });
        if (kind === 'postgres') {
          expect(dropped.status).toBe(400);
          expect(dropped.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'timeZone' }] });
        } else {
          expect(dropped.status).toBe(200);
        }
      } finally {
        expect((await admin.put('/api/v1/policy', { timeZone: before.timeZone })).status).toBe(200);
      }
    });
  });

  describe('the default policy', () => {
    it('answers 422 not_eligible for a non-returnable product and a non-returnable category, naming each line and rule', async () => {
      const sealed = await buildProduct(admin, { returnable: false, price: 5000 });
      const fresh = await buildProduct(admin, { category: '生鲜食品', price: 3000 });
      const fine = await buildProduct(admin, { price: 2000 });
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, {
        customerId: customer.id,
        lines: [
          { sku: sealed.sku, quantity: 1, unitPrice: 5000 },
          { sku: fresh.sku, quantity: 1, unitPrice: 3000 },
          { sku: fine.sku, quantity: 1, unitPrice: 2000 },
        ],
      });
      const response = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('not_eligible');
      const details = response.body.error.details as { orderLineId: string; rule: string; message: string }[];
      expect(details.map((d) => [d.orderLineId, d.rule])).toEqual([
        [order.lines[0]?.id, 'product_returnable'],
        [order.lines[1]?.id, 'category_returnable'],
      ]);
      for (const d of details) expect(d.message).toEqual(expect.any(String));

      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toEqual([]);
      const lines = (await admin.get(`/api/v1/orders/${order.id}`)).body.lines;
      expect(lines.map((l: { returnableQuantity: number }) => l.returnableQuantity)).toEqual([1, 1, 1]);
      // The returnable line alone goes through, to review.
      const alone = await staff.service.post('/api/v1/returns', returnBody({ id: order.id, lines: [{ id: order.lines[2]?.id ?? '' }] }));
      expect(alone.status).toBe(201);
    });

    it('counts the 7 days in Shanghai calendar days from the day after delivery', async () => {
      // Delivered at 00:30 Shanghai time, which is still the previous day in UTC.
      const deliveredAt = shanghai(8, '00:30:00');
      const { order } = await buildOrderScenario(admin, { quantity: 2, deliveredAt });
      const lastMinute = new Date(`${localDate(realNow, 'Asia/Shanghai')}T00:00:00+08:00`).getTime() - 60_000;

      clock.set(new Date(lastMinute));
      const onTheLastDay = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(onTheLastDay.status).toBe(201);
      const window = onTheLastDay.body.decision.rules.find((r: Rule) => r.rule === 'return_window');
      expect(window.outcome).toBe('pass');

      clock.set(new Date(lastMinute + 90_000));
      const aDayLate = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(aDayLate.status).toBe(422);
      expect(aDayLate.body.error.code).toBe('not_eligible');
      expect(aDayLate.body.error.details).toEqual([expect.objectContaining({ orderLineId: order.lines[0]?.id, rule: 'return_window' })]);
    });

    it('gives 15 days for an exchange and 7 for a refund when the shop is at fault', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 3, deliveredAt: shanghai(12, '15:00:00') });
      const noReason = await staff.service.post('/api/v1/returns', returnBody(order, 'no_reason', 'exchange'));
      expect(noReason.status).toBe(422);
      const qualityRefund = await staff.service.post('/api/v1/returns', returnBody(order, 'quality', 'refund'));
      expect(qualityRefund.status).toBe(422);
      expect(qualityRefund.body.error.details[0].rule).toBe('return_window');
      const qualityExchange = await staff.service.post('/api/v1/returns', returnBody(order, 'quality', 'exchange'));
      expect(qualityExchange.status).toBe(201);
      expect(qualityExchange.body.resolution).toBe('exchange');

      const late = await buildOrderScenario(admin, { quantity: 1, deliveredAt: shanghai(16, '15:00:00') });
      expect((await staff.service.post('/api/v1/returns', returnBody(late.order, 'quality', 'exchange'))).status).toBe(422);
      const undelivered = await buildOrderScenario(admin, { quantity: 1, deliveredAt: null });
      expect((await staff.service.post('/api/v1/returns', returnBody(undelivered.order))).status).toBe(201);
    });

    it('explains every decision: rules are never empty and each has rule and message', async () => {
      const { order } = await buildOrderScenario(admin);
      const ret = await buildReturn(staff.service, order, { quantity: 1 });
      expect(ret.decision.outcome).toBe('pending_review');
      expect(ret.decision.rules.length).toBeGreaterThan(0);
      for (const rule of ret.decision.rules) {
        expect(rule.rule).toMatch(/\S/);
        expect(rule.message).toMatch(/\S/);
      }
      expect(ret.decision.rules.map((r: Rule) => r.rule)).toEqual(expect.arrayContaining(['product_returnable', 'return_window', 'auto_approve']));
      expect((await admin.get(`/api/v1/returns/${ret.id}`)).body.decision).toEqual(ret.decision);
    });

    it('answers 400 validation_failed for an unknown reason code', async () => {
      const { order } = await buildOrderScenario(admin);
      const response = await staff.service.post('/api/v1/returns', returnBody(order, 'bored'));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(response.body.error.details)).toContain('reasonCode');
      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toEqual([]);
    });

    it('accepts a reason code the shop added', async () => {
      const reasons = [...defaultPolicy.reasons, { code: 'size_fit', label: '尺码不合适' }];
      expect((await staff.manager.put('/api/v1/policy', { reasons })).status).toBe(200);
      const { order } = await buildOrderScenario(admin);
      const response = await staff.service.post('/api/v1/returns', returnBody(order, 'size_fit'));
      expect(response.status).toBe(201);
      expect(response.body.lines[0].reasonCode).toBe('size_fit');
    });
  });

  describe('auto-approval and versions', () => {
    it('approves at once under the limit, by automation, and leaves larger returns for review', async () => {
      expect((await staff.manager.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: 10_000 } })).status).toBe(200);
      const { order } = await buildOrderScenario(admin, { quantity: 2, price: 9900 });

      const small = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(small.status).toBe(201);
      expect(small.body.status).toBe('approved');
      expect(small.body.decision.outcome).toBe('approved');
      expect(small.body.timeline.map((e: { status: string }) => e.status)).toEqual(['requested', 'approved']);
      expect(small.body.timeline[1].actor.kind).toBe('automation');
      expect(small.body.decision.rules.find((r: Rule) => r.rule === 'auto_approve').outcome).toBe('approve');

      const other = await buildOrderScenario(admin, { quantity: 2, price: 9900 });
      const large = await staff.service.post('/api/v1/returns', {
        ...returnBody(other.order),
        lines: [{ orderLineId: other.order.lines[0]?.id, quantity: 2, reasonCode: 'no_reason' }],
      });
      expect(large.status).toBe(201);
      expect(large.body.status).toBe('requested');
      expect(large.body.decision.outcome).toBe('pending_review');
      expect(large.body.timeline).toHaveLength(1);
    });

    it('decides the next return under a changed policy, while an existing return keeps its version', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 2, price: 5000 });
      const first = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(first.body.status).toBe('requested');
      const firstVersion = first.body.policyVersion;
      expect(firstVersion).toBe(await currentVersion());

      const published = await staff.manager.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: null } });
      expect(published.body.version).toBe(firstVersion + 1);
      const second = await staff.service.post('/api/v1/returns', returnBody(order));
      expect(second.body).toMatchObject({ status: 'approved', policyVersion: firstVersion + 1 });

      const reread = await admin.get(`/api/v1/returns/${first.body.id}`);
      expect(reread.body).toMatchObject({ status: 'requested', policyVersion: firstVersion });
      expect(reread.body.decision).toEqual(first.body.decision);
    });
  });

  describe('POST /policy/evaluate', () => {
    it('previews the decision without changing anything', async () => {
      const sealed = await buildProduct(admin, { returnable: false });
      const fine = await buildProduct(admin, { price: 8000 });
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, {
        customerId: customer.id,
        lines: [
          { sku: fine.sku, quantity: 2, unitPrice: 8000 },
          { sku: sealed.sku, quantity: 1, unitPrice: 9900 },
        ],
      });
      const versionBefore = await currentVersion();
      const preview = await staff.service.post('/api/v1/policy/evaluate', {
        orderId: order.id,
        resolution: 'refund',
        lines: [
          { orderLineId: order.lines[0]?.id, quantity: 2, reasonCode: 'no_reason' },
          { orderLineId: order.lines[1]?.id, quantity: 1, reasonCode: 'no_reason' },
        ],
      });
      expect(preview.status).toBe(200);
      expect(preview.body.eligible).toBe(false);
      expect(preview.body.lines).toEqual([
        expect.objectContaining({ orderLineId: order.lines[0]?.id, eligible: true, estimatedValue: 16_000 }),
        expect.objectContaining({ orderLineId: order.lines[1]?.id, eligible: false, violations: [expect.objectContaining({ rule: 'product_returnable' })] }),
      ]);

      const okPreview = await staff.service.post('/api/v1/policy/evaluate', {
        orderId: order.id,
        lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
      });
      expect(okPreview.body).toMatchObject({ eligible: true, outcome: 'pending_review', estimatedRefund: 8000 });

      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toEqual([]);
      const lines = (await admin.get(`/api/v1/orders/${order.id}`)).body.lines;
      expect(lines.map((l: { returnableQuantity: number }) => l.returnableQuantity)).toEqual([2, 1]);
      expect(await currentVersion()).toBe(versionBefore);
    });

    it('answers 404 for an order the portal customer does not own', async () => {
      const mine = await buildOrderScenario(admin);
      const theirs = await buildOrderScenario(admin);
      const session = await client(t.app).post('/api/v1/portal/sessions', { orderNumber: mine.order.number, contact: mine.customer.phone });
      const portal = client(t.app, session.body.token);
      expect((await portal.post('/api/v1/policy/evaluate', { orderId: mine.order.id })).status).toBe(200);
      expect((await portal.post('/api/v1/policy/evaluate', { orderId: theirs.order.id })).status).toBe(404);
    });
  });
});
