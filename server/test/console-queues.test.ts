/** The console's queues, its list of returns and the workbench beside a return, per role. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Queue = { code: string; count: number; overdue: number; oldestEnteredAt: string | null };

describe.each(testDatabases)('console queues on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager' | 'sales', Client>;

  const roles = ['service', 'warehouse', 'finance', 'manager', 'sales'] as const;
  const emails: Record<string, string> = {};

  /** Signs everyone in again (sessions expire when the test clock jumps ahead). */
  async function signInAll(): Promise<void> {
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await signIn(t.app, emails[r] ?? '', 'password-123')]))) as typeof staff;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    await buildStaff(
      admin,
      async (email, password) => {
        const role = roles.find((r) => email.startsWith(r)) ?? 'viewer';
        emails[role] = email;
        return signIn(t.app, email, password);
      },
      [...roles],
    );
    await signInAll();
  });
  afterAll(() => t.close());

  async function queues(client: Client): Promise<Record<string, Queue>> {
    const response = await client.get('/api/v1/console/queues');
    expect(response.status).toBe(200);
    return Object.fromEntries(response.body.queues.map((q: Queue) => [q.code, q]));
  }

  it('gives each role its own queues, the manager every queue', async () => {
    expect(Object.keys(await queues(staff.service))).toEqual(['review', 'customer_waiting', 'awaiting_parcel']);
    expect(Object.keys(await queues(staff.warehouse))).toEqual(['in_transit', 'returns_zone', 'replacement']);
    expect(Object.keys(await queues(staff.finance))).toEqual(['refund', 'refund_approval']);
    expect(Object.keys(await queues(staff.sales))).toEqual(['my_customers']);
    const manager = await staff.manager.get('/api/v1/console/queues');
    expect(manager.body.primary).toBe('all_open');
    expect(manager.body.queues.map((q: Queue) => q.code)).toContain('refund_approval');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/console/queues' })).statusCode).toBe(401);
  });

  it('moves a return from queue to queue and counts it overdue past the stage time limit', async () => {
    const { order, customer } = await buildOrderScenario(admin, { quantity: 2, price: 5000 });
    const before = await queues(staff.service);
    const ret = await buildReturn(staff.service, order, { reasonCode: 'no_reason' });
    expect(ret.status).toBe('requested');
    const afterCreate = await queues(staff.service);
    expect(afterCreate.review?.count).toBe((before.review?.count ?? 0) + 1);

    const listed = await staff.service.get('/api/v1/console/returns?queue=review&sort=due');
    const row = listed.body.data.find((r: { id: string }) => r.id === ret.id);
    expect(row).toMatchObject({
      number: ret.number,
      orderNumber: order.number,
      customerName: '张三',
      customerPhone: customer.phone,
      units: 2,
      lineCount: 1,
      stage: 'review',
      ownerRole: 'service',
      overdue: false,
    });
    expect(row.stageDueAt).not.toBeNull();

    clock.advance(25 * 3_600_000);
    await signInAll();
    const late = await queues(staff.service);
    expect(late.review?.overdue).toBeGreaterThanOrEqual(1);
    expect(late.customer_waiting?.count).toBeGreaterThanOrEqual(1);
    const overdueList = await staff.service.get('/api/v1/console/returns?overdue=true');
    expect(overdueList.body.data.map((r: { id: string }) => r.id)).toContain(ret.id);
    const first = (await staff.service.get('/api/v1/console/returns?queue=review&sort=due')).body.data[0];
    expect(first.overdue).toBe(true);

    expect((await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {})).status).toBe(200);
    expect((await queues(staff.service)).awaiting_parcel?.count).toBeGreaterThanOrEqual(1);
    await staff.service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF7000000001' });
    const warehouse = await staff.warehouse.get('/api/v1/console/returns?queue=in_transit');
    const inTransit = warehouse.body.data.find((r: { id: string }) => r.id === ret.id);
    expect(inTransit.trackingNumber).toBe('SF7000000001');
    expect(inTransit.customerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('searches by return number, order number, tracking number, phone and its last four digits', async () => {
    const { order, customer } = await buildOrderScenario(admin);
    const ret = await buildReturn(staff.service, order);
    for (const q of [ret.number, ret.number.slice(-6), order.number, customer.phone, customer.phone.slice(-4)]) {
      const response = await staff.service.get(`/api/v1/console/returns?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(response.body.data.map((r: { id: string }) => r.id)).toContain(ret.id);
    }
    const none = await staff.service.get('/api/v1/console/returns?q=NO-SUCH-THING');
    expect(none.body).toMatchObject({ data: [], total: 0 });
    const paged = await staff.service.get('/api/v1/console/returns?pageSize=1&page=1');
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThan(1);
  });

  it('pages by cursor as by page number, and counts exactly below the cap', async () => {
    const { order } = await buildOrderScenario(admin);
    await buildReturn(staff.service, order);
    await buildReturn(staff.service, (await buildOrderScenario(admin)).order);
    const all = await staff.service.get('/api/v1/console/returns?pageSize=100');
    expect(all.body.moreThanTotal).toBe(false);
    expect(all.body.total).toBe(all.body.data.length);
    expect(all.body.nextCursor).toBeNull();
    for (const sort of ['newest', 'oldest']) {
      const first = await staff.service.get(`/api/v1/console/returns?pageSize=1&sort=${sort}`);
      expect(first.body).toMatchObject({ total: all.body.total, moreThanTotal: false });
      const second = await staff.service.get(`/api/v1/console/returns?pageSize=1&sort=${sort}&page=2`);
      const next = await staff.service.get(`/api/v1/console/returns?pageSize=1&sort=${sort}&after=${first.body.nextCursor}`);
      expect(next.body.data.map((r: { id: string }) => r.id)).toEqual(second.body.data.map((r: { id: string }) => r.id));
      expect(next.body.total).toBe(all.body.total);
    }
    const last = await staff.service.get(`/api/v1/console/returns?pageSize=1&page=${all.body.total}`);
    expect(last.body).toMatchObject({ total: all.body.total, moreThanTotal: false, nextCursor: null });
  });

  it('shows the sales role only the returns of its own customers', async () => {
    const me = await staff.sales.get('/api/v1/auth/me');
    const own = await admin.post('/api/v1/customers', { name: '李四', phone: '13700001111', salesUserId: me.body.id });
    expect(own.status).toBe(201);
    const { order } = await buildOrderScenario(admin);
    await buildReturn(staff.service, order);
    const visible = await staff.sales.get('/api/v1/console/returns');
    expect(visible.body.data.every((r: { customerId: string }) => r.customerId === own.body.id)).toBe(true);
  });

  it('offers each role only the actions it may take now, with the refund breakdown', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 9900 });
    const ret = await buildReturn(staff.service, order, { reasonCode: 'quality' });
    const actions = async (client: Client) => {
      const response = await client.get(`/api/v1/console/returns/${ret.id}/workbench`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const review = await actions(staff.service);
    expect(review.actions).toEqual(['approve', 'reject', 'cancel']);
    expect(review.stage).toMatchObject({ code: 'review', ownerRole: 'service', timeLimitHours: 24, overdue: false });
    expect(review.stage.steps.length).toBeGreaterThan(0);
    expect(review.stage.stepsEn.length).toBe(review.stage.steps.length);
    expect((await actions(staff.warehouse)).actions).toEqual([]);
    expect((await actions(staff.finance)).actions).toEqual([]);

    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '中通', trackingNumber: 'ZT7000000002' });
    expect((await actions(staff.service)).actions).toEqual([]);
    const receiving = await actions(staff.warehouse);
    expect(receiving.actions).toEqual(['receive']);
    expect(receiving.dispositions).toEqual(
      expect.arrayContaining([
        { disposition: 'restock', location: 'MAIN' },
        { disposition: 'damaged', location: 'DAMAGED' },
        { disposition: 'scrap', location: null },
      ]),
    );

    const lineId = ret.lines[0].id;
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
    expect((await actions(staff.warehouse)).actions).toEqual(['receive', 'inspect']);
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 2, grade: 'B', disposition: 'restock' }] });
    const refund = await actions(staff.finance);
    expect(refund.actions).toEqual(['refund']);
    expect(refund.refund).toMatchObject({ refundable: 19_800, claimed: 0, remaining: 19_800, lines: [{ lineId, value: 19_800, fee: 0, refundable: 19_800 }] });
    expect(refund.inspections).toEqual([expect.objectContaining({ returnLineId: lineId, quantity: 2, grade: 'B', disposition: 'restock' })]);
    expect(refund.stages.map((s: { stage: string }) => s.stage)).toEqual(['apply', 'review', 'return_shipping', 'receiving', 'inspection', 'refund']);

    await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    const done = await actions(staff.finance);
    expect(done.actions).toEqual([]);
    expect(done.refund).toMatchObject({ remaining: 0, claimed: 19_800 });
    expect((await actions(staff.manager)).actions).toEqual(['close']);
    expect((await staff.service.get('/api/v1/console/returns/ret_missing/workbench')).status).toBe(404);
  });

  it('holds a refund above the approval limit for a second finance user, and queues it for them', async () => {
    const policy = await staff.manager.put('/api/v1/policy', { refundApprovalLimit: 5000 });
    expect(policy.status).toBe(200);
    const { order } = await buildOrderScenario(admin, { quantity: 1, price: 8800 });
    const ret = await buildReturn(staff.service, order, { reasonCode: 'quality' });
    const lineId = ret.lines[0].id;
    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
    const before = (await queues(staff.finance)).refund_approval?.count ?? 0;
    expect((await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' })).status).toBe(200);

    expect((await queues(staff.finance)).refund_approval?.count).toBe(before + 1);
    const pending = await staff.finance.get('/api/v1/console/returns?queue=refund_approval');
    expect(pending.body.data.find((r: { id: string }) => r.id === ret.id)).toMatchObject({ pendingRefundAmount: 8800 });
    const refundQueue = await staff.finance.get('/api/v1/console/returns?queue=refund');
    expect(refundQueue.body.data.map((r: { id: string }) => r.id)).not.toContain(ret.id);

    const requester = await staff.finance.get(`/api/v1/console/returns/${ret.id}/workbench`);
    expect(requester.body.actions).toEqual([]);
    expect(requester.body.pendingRefunds).toEqual([expect.objectContaining({ amount: 8800, canApprove: false })]);
    const [second] = Object.values(await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['finance']));
    const other = await second?.get(`/api/v1/console/returns/${ret.id}/workbench`);
    expect(other?.body.actions).toEqual(['approve_refund']);
    await staff.manager.put('/api/v1/policy', { refundApprovalLimit: null });
  });

  it('lists the demo sign-ins only while demo mode is on', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/console/demo-logins' });
    expect(anonymous.json()).toEqual({ password: null, logins: [] });
    await admin.post('/api/v1/users', { email: 'viewer@demo.returnflow.cn', name: '演示只读', password: 'demo1234', roles: ['viewer'] });
    t.ctx.config.demo = true;
    try {
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/console/demo-logins' });
      expect(listed.json()).toEqual({ password: 'demo1234', logins: [{ email: 'viewer@demo.returnflow.cn', name: '演示只读', roles: ['viewer'] }] });
    } finally {
      t.ctx.config.demo = false;
    }
  });
});
