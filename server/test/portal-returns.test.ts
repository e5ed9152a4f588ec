/** The portal's returns: options and carriers, the customer's view with steps and address, tracking checks, signed progress links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { signProgressToken } from '../src/modules/portal/progress-links.ts';
import { slipContent } from '../src/modules/slips/slip-content.ts';
import { buildOrderScenario, buildStaff } from './support/factories.ts';
import { photoFiles, tokenOf, uploadPhoto, usePortalTestServices } from './support/portal-fixtures.ts';
import { expectError, expectStatus } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('portal returns on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    usePortalTestServices(t);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance'])) as typeof staff;
  });
  afterAll(() => t.close());

  async function fileReturn(o: { reasonCode?: string; resolution?: string; type?: string; quantity?: number } = {}) {
    const scenario = await buildOrderScenario(admin, { quantity: 2, price: 9900 });
    const token = await tokenOf(t.app, scenario.order.number, scenario.customer.phone);
    const portal = client(t.app, token);
    const filed = await portal.post('/api/v1/portal/returns', {
      orderId: scenario.order.id,
      ...(o.type ? { type: o.type } : {}),
      resolution: o.resolution ?? 'refund',
      lines: [{ orderLineId: scenario.order.lines[0]?.id, quantity: o.quantity ?? 2, reasonCode: o.reasonCode ?? 'no_reason' }],
    });
    if (filed.status !== 201) throw new Error(`file: ${filed.status} ${JSON.stringify(filed.body)}`);
    return { ...scenario, token, portal, ret: filed.body.return, progress: filed.body.progress };
  }

  it('tells the portal what the policy offers and what each reason needs', async () => {
    const options = await client(t.app).get('/api/v1/public/return-options');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      returnWindowDays: 7,
      faultExchangeDays: 15,
      offer: { refund: true, exchange: true, storeCredit: true, refundOnly: true },
    });
    expect(options.body.reasons).toContainEqual({
      code: 'quality',
      label: '质量问题',
      labelEn: 'Quality problem',
      shopFault: true,
      requiresPhoto: true,
      requiresNote: false,
      category: 'quality',
    });
    expect(options.body.reasons).toContainEqual(expect.objectContaining({ code: 'no_reason', shopFault: false, requiresPhoto: false }));
  });

  it('offers sub-reasons that take what they leave out from their reason, stores the one picked, and lets rules see it', async () => {
    const reasons = defaultPolicy.reasons.map((r) => {
      if (r.code === 'quality') return { ...r, children: [{ code: 'quality_broken', label: '破损', labelEn: 'Broken' }] };
      if (r.code === 'no_reason') return { ...r, children: [{ code: 'no_reason_size', label: '尺码不合适', labelEn: 'Wrong size', requiresNote: true }] };
      return r;
    });
    const sizeRule = {
      id: 'size-review',
      name: '尺码问题人工审核',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.subCode', op: 'in', values: ['no_reason_size'] }],
      outcomes: [{ type: 'needs_review' }],
    };
    expectStatus(await admin.put('/api/v1/policy', { reasons, rules: [sizeRule], autoApprove: { enabled: true, maxAmount: null } }), 200);
    try {
      const options = await client(t.app).get('/api/v1/public/return-options');
      const quality = options.body.reasons.find((r: { code: string }) => r.code === 'quality');
      // the sub-reason inherits the shop's fault, the photo and the category of 质量问题
      expect(quality.children).toEqual([
        { code: 'quality_broken', label: '破损', labelEn: 'Broken', shopFault: true, requiresPhoto: true, requiresNote: false, category: 'quality' },
      ]);
      const publicPolicy = await client(t.app).get('/api/v1/public/policy');
      expect(publicPolicy.body.reasons.find((r: { code: string }) => r.code === 'no_reason').children).toEqual([
        expect.objectContaining({ code: 'no_reason_size', shopFault: false, requiresPhoto: false, requiresNote: true }),
      ]);

      const scenario = await buildOrderScenario(admin, { quantity: 2, price: 9900 });
      const token = await tokenOf(t.app, scenario.order.number, scenario.customer.phone);
      const portal = client(t.app, token);
      const file = (line: object) =>
        portal.post('/api/v1/portal/returns', {
          orderId: scenario.order.id,
          resolution: 'refund',
          lines: [{ orderLineId: scenario.order.lines[0]?.id, quantity: 1, ...line }],
        });
      const noPhoto = await file({ reasonCode: 'quality_broken' });
      expectError(noPhoto, 400, 'validation_failed');
      expect(noPhoto.body.error.details[0].path).toBe('lines.0.photoIds');
      const noNote = await file({ reasonCode: 'no_reason_size' });
      expectError(noNote, 400, 'validation_failed');
      expect(noNote.body.error.details[0].path).toBe('lines.0.note');

      const photo = await uploadPhoto(t.app, token, photoFiles.png(), { filename: 'broken.png', contentType: 'image/png' });
      const broken = await file({ reasonCode: 'quality_broken', photoIds: [photo.body.id] });
      expectStatus(broken, 201);
      expect(broken.body.return.lines[0].reasonCode).toBe('quality_broken');
      expect(broken.body.return.status).toBe('approved');

      const size = await file({ reasonCode: 'no_reason_size', note: '偏小一码' });
      expectStatus(size, 201);
      expect(size.body.return.lines[0].reasonCode).toBe('no_reason_size');
      expect(size.body.return.status).toBe('requested');
      expect(size.body.return.decision.rules).toContainEqual(expect.objectContaining({ ruleId: 'size-review', outcome: 'review' }));
    } finally {
      expectStatus(await admin.put('/api/v1/policy', defaultPolicy), 200);
    }
  });

  it('lists the carriers customers use with their number formats', async () => {
    const carriers = await client(t.app).get('/api/v1/public/carriers');
    expect(carriers.status).toBe(200);
    expect(carriers.body.data.map((c: { name: string }) => c.name)).toEqual([
      '顺丰速运',
      '京东物流',
      '中通快递',
      '圆通速递',
      '韵达快递',
      '申通快递',
      '极兔速递',
      'EMS',
      '其他快递',
    ]);
    for (const carrier of carriers.body.data) {
      if (carrier.example) expect(new RegExp(carrier.pattern).test(carrier.example), carrier.code).toBe(true);
    }
  });

  it('shows a new return in customer words: submitted, waiting for review, where to send it, the customer pays postage', async () => {
    const { progress, ret, order } = await fileReturn();
    expect(progress).toMatchObject({
      id: ret.id,
      number: ret.number,
      orderNumber: order.number,
      status: 'requested',
      autoApproved: false,
      goodsComeBack: true,
      shippingPaidBy: 'customer',
      shippingInsured: false,
      canShip: false,
      canCancel: true,
      canRate: false,
      estimatedRefund: 19800,
      returnAddress: { name: '主仓库', address: expect.stringContaining('上海市'), contactName: '退货组', contactPhone: '021-60000000' },
    });
    expect(progress.steps.map((s: { key: string; state: string }) => `${s.key}:${s.state}`)).toEqual([
      'submitted:done',
      'reviewed:current',
      'in_transit:upcoming',
      'received:upcoming',
      'inspected:upcoming',
      'refunded:upcoming',
    ]);
    expect(progress.steps[0].at).toBe(ret.createdAt);
    expect(progress.link.url).toMatch(/^http:\/\/localhost:\d+\/portal\/p\/ret_[0-9a-f]+\.[0-9a-z]+\.[\w-]+$/);
    expect(progress.slip.pdfUrl).toBe(`/api/v1/returns/${ret.id}/slip.pdf?access=${encodeURIComponent(progress.link.token)}`);
  });

  it('says the shop pays postage for its own faults, and auto-approval at once when the policy decides it', async () => {
    const policy = await admin.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: null } });
    expect(policy.status).toBe(200);
    try {
      const photoless = await fileReturn({ reasonCode: 'wrong_item' });
      expect(photoless.progress).toMatchObject({ status: 'approved', autoApproved: true, shippingPaidBy: 'shop', canShip: true });
      expect(photoless.progress.steps[1]).toMatchObject({ key: 'reviewed', state: 'done', at: expect.any(String) });
    } finally {
      await admin.put('/api/v1/policy', { autoApprove: { enabled: false } });
    }
  });

  it("says the shipping insurance the shop gives pays a no-reason return's postage back, on the page and the slip", async () => {
    expect((await admin.put('/api/v1/policy', { shopShippingInsurance: true })).status).toBe(200);
    try {
      const { progress, ret } = await fileReturn();
      expect(progress).toMatchObject({ shippingPaidBy: 'customer', shippingInsured: true });
      const shopFault = await fileReturn({ reasonCode: 'wrong_item' });
      expect(shopFault.progress).toMatchObject({ shippingPaidBy: 'shop', shippingInsured: false });
      expect(ret.number).toBe(progress.number);
      expect(slipContent(progress, 'Asia/Shanghai').postage).toBe('运费：请先自付，本店赠送的运费险将赔付给您');
      expect(slipContent(shopFault.progress, 'Asia/Shanghai').postage).toContain('商家承担');
    } finally {
      await admin.put('/api/v1/policy', { shopShippingInsurance: false });
    }
  });

  it('shows a refund-only request without the shipping steps or an address', async () => {
    const { progress } = await fileReturn({ type: 'refund_only', reasonCode: 'wrong_item' });
    expect(progress.goodsComeBack).toBe(false);
    expect(progress.returnAddress).toBeNull();
    expect(progress.slip).toBeNull();
    expect(progress.steps.map((s: { key: string }) => s.key)).toEqual(['submitted', 'reviewed', 'refunded']);
  });

  it('checks the tracking number against the carrier and records the carrier by name', async () => {
    const { ret, portal } = await fileReturn();
    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    const wrong = await portal.post(`/api/v1/portal/returns/${ret.id}/ship`, { carrier: 'sf', trackingNumber: '1234' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('trackingNumber');
    const otherCarrier = await portal.post(`/api/v1/portal/returns/${ret.id}/ship`, { carrier: 'yto', trackingNumber: 'SF1234567890123' });
    expect(otherCarrier.status).toBe(400);
    const unknown = await portal.post(`/api/v1/portal/returns/${ret.id}/ship`, { carrier: 'dhl', trackingNumber: 'SF1234567890123' });
    expect(unknown.body.error.details[0].path).toBe('carrier');
    const shipped = await portal.post(`/api/v1/portal/returns/${ret.id}/ship`, { carrier: 'sf', trackingNumber: 'sf 1234-5678-90123' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'in_transit', carrier: '顺丰速运', trackingNumber: 'SF1234567890123' });
    const view = await portal.get(`/api/v1/portal/returns/${ret.id}`);
    expect(view.body.shipment).toMatchObject({ carrier: '顺丰速运', trackingNumber: 'SF1234567890123', shippedAt: expect.any(String) });
    expect(view.body.steps[2]).toMatchObject({ key: 'in_transit', state: 'done' });
    // Once the parcel is on its way the return can no longer be withdrawn.
    expect(view.body).toMatchObject({ canCancel: false, canShip: false });
  });

  it('names the carrier for "other", and leaves the staff ship endpoint as it was', async () => {
    const first = await fileReturn();
    await staff.service.post(`/api/v1/returns/${first.ret.id}/approve`, {});
    const nameless = await first.portal.post(`/api/v1/portal/returns/${first.ret.id}/ship`, { carrier: 'other', trackingNumber: 'DB12345678' });
    expect(nameless.body.error.details[0].path).toBe('carrierName');
    const named = await first.portal.post(`/api/v1/portal/returns/${first.ret.id}/ship`, {
      carrier: 'other',
      carrierName: '德邦快递',
      trackingNumber: 'DB12345678',
    });
    expect(named.body).toMatchObject({ carrier: '德邦快递', trackingNumber: 'DB12345678' });

    const second = await fileReturn();
    await staff.service.post(`/api/v1/returns/${second.ret.id}/approve`, {});
    const free = await staff.service.post(`/api/v1/returns/${second.ret.id}/ship`, { carrier: 'Some Courier', trackingNumber: 'abc-1' });
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({ status: 'in_transit', carrier: 'Some Courier', trackingNumber: 'abc-1' });
  });

  it('follows the return through the warehouse to the refund, with dates and the method', async () => {
    const { ret, portal } = await fileReturn({ quantity: 1 });
    const lineId = ret.lines[0].id;
    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    await portal.post(`/api/v1/portal/returns/${ret.id}/ship`, { carrier: 'zto', trackingNumber: '731234567890123' });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
    let view = await portal.get(`/api/v1/portal/returns/${ret.id}`);
    expect(view.body.canCancel).toBe(false);
    expect(view.body.steps.find((s: { key: string }) => s.key === 'received')).toMatchObject({ state: 'done', at: expect.any(String) });
    expect(view.body.steps.find((s: { key: string }) => s.key === 'inspected')).toMatchObject({ state: 'current' });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(refunded.status).toBe(200);
    view = await portal.get(`/api/v1/portal/returns/${ret.id}`);
    expect(view.body).toMatchObject({ status: 'resolved', refundedAmount: 9900, estimatedRefund: 9900, canRate: true, canCancel: false });
    expect(view.body.refunds).toEqual([{ amount: 9900, method: 'original', status: 'paid', paidAt: expect.any(String) }]);
    expect(view.body.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(view.body.steps.every((s: { at: string | null }) => s.at !== null)).toBe(true);
  });

  it('shows a cancelled or rejected return as stopped', async () => {
    const cancelled = await fileReturn();
    await cancelled.portal.post(`/api/v1/returns/${cancelled.ret.id}/cancel`, {});
    const view = await cancelled.portal.get(`/api/v1/portal/returns/${cancelled.ret.id}`);
    expect(view.body.steps.map((s: { key: string; state: string }) => `${s.key}:${s.state}`)).toEqual(['submitted:done', 'cancelled:stopped']);
    const rejected = await fileReturn();
    await staff.service.post(`/api/v1/returns/${rejected.ret.id}/reject`, { reason: '商品已使用，影响二次销售' });
    const seen = await rejected.portal.get(`/api/v1/portal/returns/${rejected.ret.id}`);
    expect(seen.body).toMatchObject({ status: 'rejected', rejectReason: '商品已使用，影响二次销售', canCancel: false });
    expect(seen.body.steps.at(-1)).toMatchObject({ key: 'rejected', state: 'stopped' });
  });

  it("answers 404 for another customer's return", async () => {
    const mine = await fileReturn();
    const theirs = await fileReturn();
    expect((await mine.portal.get(`/api/v1/portal/returns/${theirs.ret.id}`)).status).toBe(404);
    expect((await mine.portal.post(`/api/v1/portal/returns/${theirs.ret.id}/ship`, { carrier: 'sf', trackingNumber: 'SF1234567890123' })).status).toBe(404);
    expect((await client(t.app).get(`/api/v1/portal/returns/${theirs.ret.id}`)).status).toBe(401);
  });

  describe('signed progress links', () => {
    it('open the progress page without signing in', async () => {
      const { progress } = await fileReturn();
      const opened = await client(t.app).get(`/api/v1/portal/progress/${progress.link.token}`);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ id: progress.id, number: progress.number, link: { token: progress.link.token } });
    });

    it('are signed with a secret kept in the database', async () => {
      const { progress } = await fileReturn();
      const row = await t.db.selectFrom('portalSettings').select('value').where('key', '=', 'progress_link_secret').executeTakeFirstOrThrow();
      expect(row.value.length).toBeGreaterThanOrEqual(40);
      expect(signProgressToken(row.value, progress.id, new Date(progress.link.expiresAt))).toBe(progress.link.token);
    });

    it('refuse a tampered or another return’s token', async () => {
      const first = await fileReturn();
      const second = await fileReturn();
      const [, expiry, signature] = first.progress.link.token.split('.');
      const swapped = `${second.ret.id}.${expiry}.${signature}`;
      for (const token of [swapped, `${first.progress.link.token.slice(0, -2)}xx`, 'ret_00000000.zzzz.abcdefghij']) {
        const response = await client(t.app).get(`/api/v1/portal/progress/${token}`);
        expect(response.status, token).toBe(401);
      }
      // A token opens its own return's slip only.
      const slip = await t.app.inject({
        method: 'GET',
        url: `/api/v1/returns/${second.ret.id}/slip.png?access=${encodeURIComponent(first.progress.link.token)}`,
      });
      expect(slip.statusCode).toBe(401);
    });

    it('expire after 30 days', async () => {
      const { progress } = await fileReturn();
      clock.advance(31 * 24 * 3_600_000);
      try {
        expect((await client(t.app).get(`/api/v1/portal/progress/${progress.link.token}`)).status).toBe(401);
      } finally {
        clock.advance(-31 * 24 * 3_600_000);
      }
    });

    it('give a short session for that customer, to cancel from the link', async () => {
      const { progress, customer } = await fileReturn();
      const session = await client(t.app).post(`/api/v1/portal/progress/${progress.link.token}/session`, {});
      expect(session.status).toBe(201);
      expect(session.body).toMatchObject({ customerId: customer.id, returnId: progress.id });
      expect(Date.parse(session.body.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(2 * 3_600_000);
      const cancelled = await client(t.app, session.body.token).post(`/api/v1/returns/${progress.id}/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect((await client(t.app).post('/api/v1/portal/progress/ret_0000.zz.nope-nope-nope/session', {})).status).toBe(401);
    });
  });
});
