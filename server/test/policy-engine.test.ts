/**
 * The policy and the process as data, over the API on both databases: a rule change
 * decides the next return and never a past one; a second review by two people; inspection
 * switched off; finance approval above an amount; an overdue stage escalated by the
 * database schedule under a manual clock; automations, presets and the simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { addableStageTemplates, defaultProcess } from '../src/modules/process/default-process.ts';
import type { Automation, ProcessStage } from '../src/modules/process/process.schema.ts';
import { runEscalationJob } from '../src/workflows/escalate-overdue-stages.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { approve, expectError, expectStatus, feeReason, inspect, reasonsWithFee, receive } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Rule = { rule: string; outcome: string; message: string; ruleId?: string };

describe.each(testDatabases)('policy engine on %s', (kind) => {
  const clock = manualClock(new Date());
  const start = clock.now();
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager', Client>;
  let second: Record<'service' | 'finance', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    const login = (e: string, p: string) => signIn(t.app, e, p);
    staff = await buildStaff(admin, login, ['service', 'warehouse', 'finance', 'manager'] as const);
    second = await buildStaff(admin, login, ['service', 'finance'] as const);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    clock.set(start);
    expectStatus(await admin.put('/api/v1/policy', defaultPolicy), 200);
    await publishProcess({});
  });

  /** Publishes the default process with some stages changed or added, and automations. */
  async function publishProcess(o: { stages?: Partial<Record<string, Partial<ProcessStage>>>; add?: ProcessStage[]; automations?: Automation[] }) {
    const stages = [...defaultProcess.stages.map((s) => ({ ...s, ...o.stages?.[s.code] })), ...(o.add ?? [])];
    const response = await staff.manager.put('/api/v1/console/process', { stages, automations: o.automations ?? [] });
    expectStatus(response, 200);
    return response.body;
  }

  async function portalOf(order: { number: string }, customer: { phone: string }): Promise<Client> {
    const session = await client(t.app).post('/api/v1/portal/sessions', { orderNumber: order.number, contact: customer.phone });
    expectStatus(session, 201);
    return client(t.app, session.body.token);
  }

  const oneUnit = (order: { id: string; lines: { id: string }[] }, reasonCode = 'no_reason') => ({
    orderId: order.id,
    resolution: 'refund',
    lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode }],
  });

  it('a rule change decides the next return, not the ones already decided; the audit says who changed what', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 3 });
    const before = await staff.service.post('/api/v1/returns', oneUnit(order));
    expectStatus(before, 201);

    const rule = {
      id: 'tmall-elsewhere',
      name: '天猫订单在天猫退',
      nameEn: 'Tmall orders return on Tmall',
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'order.channel', op: 'in', values: ['tmall'] }],
      outcomes: [{ type: 'not_eligible', message: '天猫订单请在天猫申请退货', messageEn: 'Please return Tmall orders on Tmall' }],
    };
    const published = await staff.manager.put('/api/v1/policy', { rules: [rule] });
    expectStatus(published, 200);
    const refused = await staff.service.post('/api/v1/returns', oneUnit(order));
    expectError(refused, 422, 'not_eligible');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ orderLineId: order.lines[0]?.id, rule: 'shop_rule:tmall-elsewhere', message: '天猫订单请在天猫申请退货' }),
    ]);

    const reread = await admin.get(`/api/v1/returns/${before.body.id}`);
    expect(reread.body.policyVersion).toBe(published.body.version - 1);
    expect(reread.body.decision).toEqual(before.body.decision);
    expect(reread.body.decision.rules.some((r: Rule) => r.ruleId)).toBe(false);

    const changes = await admin.get(`/api/v1/policy/versions/${published.body.version}/changes`);
    expect(changes.body.changes).toEqual([{ path: 'rules[tmall-elsewhere]', after: expect.objectContaining({ name: '天猫订单在天猫退' }) }]);
    const versions = await admin.get('/api/v1/policy/versions');
    expect(versions.body.data[0]).toMatchObject({ version: published.body.version, createdBy: { kind: 'user', name: 'manager user' } });
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'data'])
      .where('action', '=', 'policy.publish')
      .where('entityId', '=', String(published.body.version))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data ?? '{}').changes).toEqual([expect.objectContaining({ path: 'rules[tmall-elsewhere]' })]);
  });

  it('customers with a high return rate get a second review: two different reviewers, while an older return needs one', async () => {
    const product = await buildProduct(admin, { price: 5_000 });
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 4, unitPrice: 5_000 }] });
    const portal = await portalOf(order, customer);
    const older = await portal.post('/api/v1/returns', {
      ...oneUnit(order),
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 2, reasonCode: 'no_reason' }],
    });
    expectStatus(older, 201);

    await staff.manager.put('/api/v1/policy', {
      rules: [
        {
          id: 'high-rate',
          name: '高退货率二级审核',
          enabled: true,
          match: 'all',
          conditions: [{ fact: 'customer.returnRate', op: 'gt', value: 30, days: 90 }],
          outcomes: [{ type: 'second_review' }],
        },
      ],
    });
    await publishProcess({ add: [{ ...addableStageTemplates.second_review, minAmount: 10_000_000 }] });

    const next = await portal.post('/api/v1/returns', oneUnit(order));
    expectStatus(next, 201);
    const fired = next.body.decision.rules.find((r: Rule) => r.ruleId === 'high-rate');
    expect(fired).toMatchObject({ outcome: 'review', message: expect.stringContaining('近90天退货率50%，高于30%') });
    expect(next.body.decision.route).toMatchObject({ approvalsRequired: 2 });

    const first: any = await approve(staff.service, next.body);
    expect(first).toMatchObject({ status: 'requested', stage: 'second_review' });
    expect(first.timeline.at(-1)).toMatchObject({ action: 'review_approve', actor: { kind: 'user' } });
    expectError(await staff.service.post(`/api/v1/returns/${next.body.id}/approve`, {}), 403, 'forbidden');
    const done = await approve(second.service, next.body);
    expect(done.status).toBe('approved');

    // The older return was decided before the rule: one approval is enough.
    expect((await approve(staff.service, older.body)).status).toBe('approved');
  });

  it('switching inspection off sends received returns straight to refund, accepted on receipt', async () => {
    const { order: earlier } = await buildOrderScenario(admin, { quantity: 1, price: 8_000 });
    const inspected = await buildReturn(staff.service, earlier);
    const published = await publishProcess({ stages: { inspection: { enabled: false } } });
    expect(published.stages.find((s: ProcessStage) => s.code === 'inspection').enabled).toBe(false);

    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 8_000 });
    const ret = await buildReturn(staff.service, order);
    expect(ret.decision.rules.find((r: Rule) => r.rule === 'process_inspection')?.message).toContain('收货即可退款');
    const received = await receive(staff.warehouse, await approve(staff.service, ret));
    expect(received).toMatchObject({ status: 'received', stage: 'refund', refundableAmount: 16_000 });
    expect(received.lines[0]).toMatchObject({ receivedQuantity: 2, acceptedQuantity: 2, inspectedQuantity: 0 });
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expectStatus(refunded, 200);
    expect(refunded.body).toMatchObject({ status: 'resolved', refundedAmount: 16_000 });

    // A return decided before the switch keeps its inspection.
    const other: any = await receive(staff.warehouse, await approve(staff.service, inspected));
    expect(other).toMatchObject({ status: 'received', stage: 'inspection' });
    expect(other.lines[0].acceptedQuantity).toBe(0);
  });

  it('a finance-approval stage holds refunds above its amount for a second finance user; older returns pay at once', async () => {
    const { order: early } = await buildOrderScenario(admin, { quantity: 1, price: 60_000 });
    const older = await buildReturn(staff.service, early);
    await publishProcess({ add: [{ ...addableStageTemplates.finance_approval, minAmount: 50_000 }] });
    const { order } = await buildOrderScenario(admin, { quantity: 1, price: 60_000 });
    const ret = await buildReturn(staff.service, order);
    expect(ret.decision.route).toMatchObject({ financeApprovalAbove: 50_000 });

    const ready: any = await inspect(staff.warehouse, await receive(staff.warehouse, await approve(staff.service, ret)));
    const held = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expectStatus(held, 200);
    expect(held.body.refunds[0].status).toBe('pending_approval');
    expect(held.body.stage).toBe('finance_approval');
    expect(ready.stage).toBe('refund');
    expectStatus(await second.finance.post(`/api/v1/refunds/${held.body.refunds[0].id}/approve`, {}), 200);
    expect((await admin.get(`/api/v1/returns/${ret.id}`)).body).toMatchObject({ status: 'resolved', refundedAmount: 60_000 });

    await inspect(staff.warehouse, await receive(staff.warehouse, await approve(staff.service, older)));
    const paid = await staff.finance.post(`/api/v1/returns/${older.id}/refund`, { method: 'original' });
    expect(paid.body.refunds[0].status).toBe('paid');
  });

  it('escalates an overdue stage once, from the database schedule, on the timeline as the automation', async () => {
    await publishProcess({
      automations: [
        {
          id: 'review-late',
          name: '审核超时升级',
          nameEn: 'Late review escalates',
          enabled: true,
          event: 'stage.overdue',
          stages: ['review'],
          match: 'all',
          conditions: [],
          actions: [
            { type: 'escalate', role: 'manager', userId: null },
            { type: 'notify', channel: 'staff', message: '审核超时', messageEn: 'Review overdue' },
          ],
        },
      ],
    });
    const { order } = await buildOrderScenario(admin);
    const ret = await buildReturn(staff.service, order);
    expect(await runEscalationJob(t.ctx)).toEqual({ overdue: 0, escalated: 0 });
    expect(await runEscalationJob(t.ctx)).toBeNull(); // not due again yet

    clock.advance(25 * 3_600_000);
    expect((await runEscalationJob(t.ctx))?.escalated).toBeGreaterThanOrEqual(1);
    const later = await signIn(t.app, adminEmail, adminPassword); // yesterday's session has expired
    const after = (await later.get(`/api/v1/returns/${ret.id}`)).body;
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'automation',
      actor: { kind: 'automation', id: 'review-late' },
      note: expect.stringContaining('升级给经理'),
    });
    const stage = await t.db
      .selectFrom('returnStages')
      .select(['ownerRole', 'escalatedAt'])
      .where('returnId', '=', ret.id)
      .where('exitedAt', 'is', null)
      .executeTakeFirstOrThrow();
    expect(stage.ownerRole).toBe('manager');
    expect(stage.escalatedAt).not.toBeNull();
    const events = await t.db.selectFrom('outboxEvents').select('type').where('aggregateId', '=', ret.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['return.escalated', 'automation.notify']));

    clock.advance(10 * 60_000);
    expect(await runEscalationJob(t.ctx)).toEqual({ overdue: 0, escalated: 0 });
    expect((await later.get(`/api/v1/returns/${ret.id}`)).body.timeline.filter((e: { action: string }) => e.action === 'automation')).toHaveLength(1);
  });

  it('runs automations on filing: auto-approve trusted tiers, assign, ask for photos', async () => {
    await publishProcess({
      automations: [
        {
          id: 'vip-fast',
          name: 'VIP 自动通过',
          enabled: true,
          event: 'return.created',
          match: 'all',
          conditions: [{ fact: 'customer.tier', op: 'in', values: ['vip'] }],
          actions: [{ type: 'auto_approve' }],
        },
        {
          id: 'quality-photos',
          name: '质量问题要照片',
          enabled: true,
          event: 'return.created',
          match: 'all',
          conditions: [
            { fact: 'reason.code', op: 'in', values: ['quality'] },
            { fact: 'photos.present', op: 'is', value: false },
          ],
          actions: [{ type: 'request_photos' }, { type: 'assign', role: 'manager', userId: null }],
        },
      ],
    });
    const vip = await admin.post('/api/v1/customers', { name: '贵宾', phone: `137${String(Date.now()).slice(-8)}`, tier: 'vip' });
    const product = await buildProduct(admin);
    const vipOrder = await buildOrder(admin, { customerId: vip.body.id, lines: [{ sku: product.sku, quantity: 1, unitPrice: 9_900 }] });
    const fast = await buildReturn(staff.service, vipOrder);
    expect(fast.status).toBe('approved');
    expect(fast.timeline.at(-1)).toMatchObject({ action: 'automation', actor: { kind: 'automation', id: 'vip-fast' } });
    expect(fast.timeline.find((e: { action: string }) => e.action === 'approve').actor.kind).toBe('automation');

    const { order } = await buildOrderScenario(admin);
    const quality = await buildReturn(staff.service, order, { reasonCode: 'quality', quantity: 1 });
    expect(quality.status).toBe('requested');
    expect(quality.timeline.at(-1).note).toContain('已请客户补充照片');
    const events = await t.db.selectFrom('outboxEvents').select('type').where('aggregateId', '=', quality.id).execute();
    expect(events.map((e) => e.type)).toContain('return.photos_requested');
    const stage = await t.db
      .selectFrom('returnStages')
      .select('ownerRole')
      .where('returnId', '=', quality.id)
      .where('exitedAt', 'is', null)
      .executeTakeFirstOrThrow();
    expect(stage.ownerRole).toBe('manager');
  });

  it('refuses a process that switches off a core stage or runs an action on the wrong event', async () => {
    const core = await staff.manager.put('/api/v1/console/process', {
      stages: defaultProcess.stages.map((s) => (s.code === 'review' ? { ...s, enabled: false } : s)),
    });
    expectError(core, 400, 'validation_failed');
    const wrong = await staff.manager.put('/api/v1/console/process', {
      stages: defaultProcess.stages,
      automations: [{ id: 'x', name: 'x', enabled: true, event: 'return.received', match: 'all', conditions: [], actions: [{ type: 'auto_approve' }] }],
    });
    expectError(wrong, 400, 'validation_failed');
    expect(JSON.stringify(wrong.body.error.details)).toContain('automations.0.actions.0');
  });

  it('offers presets; a consumer preset refuses a restocking fee; B2B turns no-reason returns off', async () => {
    const presets = await staff.manager.get('/api/v1/policy/presets');
    expect(presets.body.data.map((p: { code: string }) => p.code)).toEqual(['consumer_7day', 'quality_sanbao', 'b2b_wholesale']);
    const applied = await staff.manager.post('/api/v1/policy/presets/consumer_7day/apply', {});
    expectStatus(applied, 200);
    expect(applied.body).toMatchObject({ preset: 'consumer_7day', nonReturnableScope: 'no_reason_only', restockingFeePercent: 0 });
    const fee = await staff.manager.put('/api/v1/policy', { restockingFeePercent: 5 });
    expectError(fee, 400, 'validation_failed');
    expect(JSON.stringify(fee.body.error.details)).toContain('restockingFeePercent');

    expectStatus(await staff.manager.post('/api/v1/policy/presets/b2b_wholesale/apply', {}), 200);
    const { order } = await buildOrderScenario(admin);
    const refused = await staff.service.post('/api/v1/returns', oneUnit(order));
    expectError(refused, 422, 'not_eligible');
    expect(refused.body.error.details[0].message).toContain('批发');
    expectStatus(await staff.service.post('/api/v1/returns', oneUnit(order, 'quality_broken')), 201);
    expectError(await staff.manager.post('/api/v1/policy/presets/nope/apply', {}), 404, 'not_found');
  });

  it('simulates a draft on an existing order and on a described one, publishing nothing', async () => {
    const { order } = await buildOrderScenario(admin, { price: 30_000 });
    const version = (await admin.get('/api/v1/policy')).body.version;
    const draft = {
      rules: [
        {
          id: 'big',
          name: '大额人工审核',
          enabled: true,
          match: 'all',
          conditions: [{ fact: 'line.amount', op: 'gt', value: 20_000 }],
          outcomes: [{ type: 'needs_review' }],
        },
      ],
      autoApprove: { enabled: true, maxAmount: null },
    };
    const onOrder = await staff.manager.post('/api/v1/policy/simulate', { policy: draft, orderNumber: order.number });
    expectStatus(onOrder, 200);
    expect(onOrder.body).toMatchObject({ eligible: true, outcome: 'pending_review', order: { number: order.number } });
    expect(onOrder.body.rules.find((r: Rule) => r.ruleId === 'big').message).toContain('¥300.00');

    const described = await staff.manager.post('/api/v1/policy/simulate', {
      policy: draft,
      order: { channel: 'jd', paymentMethod: 'wechat', deliveredDaysAgo: 3, lines: [{ sku: 'S-1', category: '生鲜食品', unitPrice: 1_000, quantity: 1 }] },
      customer: { tier: 'standard', returnCount: 0, returnRatePercent: 0, openReturns: 0 },
    });
    expect(described.body).toMatchObject({ eligible: false, lines: [{ orderLineId: 'line-1', eligible: false }] });

    const invalid = await staff.manager.post('/api/v1/policy/simulate', { policy: { reasons: [] }, orderNumber: order.number });
    expectError(invalid, 400, 'validation_failed');
    expect((await admin.get('/api/v1/policy')).body.version).toBe(version);
  });

  it('accepts sub-reasons as reason codes, and can except categories from no-reason returns only', async () => {
    const reasons = defaultPolicy.reasons.map((r) => (r.code === 'quality' ? { ...r, children: [{ code: 'quality_broken', label: '破损' }] } : r));
    expectStatus(await staff.manager.put('/api/v1/policy', { reasons, nonReturnableScope: 'no_reason_only' }), 200);
    const fresh = await buildProduct(admin, { category: '生鲜食品', price: 3_000 });
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: fresh.sku, quantity: 2, unitPrice: 3_000 }] });
    expectError(await staff.service.post('/api/v1/returns', oneUnit(order)), 422, 'not_eligible');
    const broken = await staff.service.post('/api/v1/returns', oneUnit(order, 'quality_broken'));
    expectStatus(broken, 201);
    expect(broken.body.lines[0].reasonCode).toBe('quality_broken');
    expect((await admin.get('/api/v1/public/policy')).body.reasons.map((r: { code: string }) => r.code)).toEqual(defaultPolicy.reasons.map((r) => r.code));
  });

  it('simulates the money settings: grade fees, return postage, store-credit bonus and the refund approval limit', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 10_000 });
    const lines = [{ orderLineId: order.lines[0]?.id, quantity: 2, reasonCode: feeReason.code }];
    const draft = {
      reasons: reasonsWithFee,
      restockingFeePercent: 5,
      gradeFeePercent: { C: 20 },
      returnShippingDeduction: 1_200,
      storeCreditBonusPercent: 10,
      refundApprovalLimit: 15_000,
    };
    const simulate = (body: object) => staff.manager.post('/api/v1/policy/simulate', { policy: draft, orderNumber: order.number, lines, ...body });

    const ungraded = await simulate({});
    expectStatus(ungraded, 200);
    // ¥200 back, 5 % restocking fee, ¥12 postage the customer pays
    expect(ungraded.body.money).toMatchObject({
      grade: null,
      returnShippingPayer: 'customer',
      returnShipping: 1_200,
      refund: 20_000 - 1_000 - 1_200,
      storeCreditBonus: 0,
      approvalLimit: 15_000,
      approvalRequired: true,
      lines: [{ value: 20_000, restockingFee: 1_000, gradeFee: 0, returnShipping: 1_200, refund: 17_800 }],
    });

    const gradeC = await simulate({ grade: 'C', resolution: 'store_credit' });
    expect(gradeC.body.money).toMatchObject({
      grade: 'C',
      lines: [{ restockingFee: 1_000, gradeFee: 4_000 }],
      refund: 20_000 - 5_000 - 1_200,
      storeCreditBonus: 1_380,
      approvalRequired: false,
    });

    // the shop's fault: no fee of any kind, the shop pays the postage
    const fault = await simulate({ grade: 'D', lines: [{ ...lines[0], reasonCode: 'quality', photos: 1 }] });
    expect(fault.body.money).toMatchObject({ returnShippingPayer: 'shop', returnShipping: 0, refund: 20_000, lines: [{ restockingFee: 0, gradeFee: 0 }] });

    // the published policy is untouched, and the policy in force (no fees) pays everything back
    const inForce = await staff.manager.post('/api/v1/policy/simulate', { orderNumber: order.number, lines, grade: 'C' });
    expect(inForce.body.money).toMatchObject({ refund: 20_000, approvalRequired: false, approvalLimit: null });
    expectError(await simulate({ grade: 'E' }), 400, 'validation_failed');
  });
});
