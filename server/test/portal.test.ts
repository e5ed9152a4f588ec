/** The customer portal: sign-in by order number and contact, and what a portal token may see and do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('customer portal on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;
  let nextAddress = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance'] as const);
  });
  afterAll(() => t.close());

  /** A fresh client address, so each test has its own rate-limit count. */
  const freshAddress = () => `10.2.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  async function openSession(orderNumber: string, contact: string, remoteAddress = freshAddress()) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sessions', payload: { orderNumber, contact }, remoteAddress });
    return { status: response.statusCode, body: response.json() };
  }

  async function portalClient(orderNumber: string, contact: string): Promise<Client> {
    const session = await openSession(orderNumber, contact);
    expect(session.status).toBe(201);
    return client(t.app, session.body.token);
  }

  async function buildCustomerWith(email: string, phone: string) {
    const response = await admin.post('/api/v1/customers', { name: '赵六', email, phone });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  describe('sessions', () => {
    it('opens a session with the order number and phone, answering the order with returnable quantities', async () => {
      const { order, customer } = await buildOrderScenario(admin, { quantity: 3 });
      await buildReturn(staff.service, order, { quantity: 1 });
      const session = await openSession(order.number, customer.phone);
      expect(session.status).toBe(201);
      expect(session.body.token).toEqual(expect.any(String));
      expect(session.body.order).toMatchObject({ id: order.id, number: order.number, customerId: customer.id });
      expect(session.body.order.lines).toEqual([expect.objectContaining({ id: order.lines[0]?.id, quantity: 3, returnableQuantity: 2 })]);
    });

    it('accepts the phone with +86, spaces or dashes, and the email in any case', async () => {
      const product = await buildProduct(admin);
      const customer = await buildCustomerWith('Li.Lei@Example.com', '13987654321');
      const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 1, unitPrice: 9900 }] });
      for (const contact of [
        '13987654321',
        '+86 139 8765 4321',
        '+8613987654321',
        '139-8765-4321',
        ' 13987654321 ',
        'li.lei@example.com',
        'LI.LEI@EXAMPLE.COM',
      ]) {
        const session = await openSession(order.number, contact);
        expect(session.status, contact).toBe(201);
        expect(session.body.order.id).toBe(order.id);
      }
    });

    it('answers 404 not_found for wrong pairs, the same for an unknown order number and a wrong contact', async () => {
      const { order, customer } = await buildOrderScenario(admin);
      const other = await buildOrderScenario(admin);
      const address = freshAddress();
      const attempts = [
        await openSession('SO-DOES-NOT-EXIST', customer.phone, address),
        await openSession(order.number, other.customer.phone, address),
        await openSession(order.number, other.customer.email, address),
        await openSession(order.number, '13000000000', address),
        await openSession(order.number, customer.phone.slice(0, 6), address),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(404);
        expect(attempt.body).not.toHaveProperty('token');
        expect(attempt.body.error).toEqual(attempts[0]?.body.error);
      }
      expect(attempts[0]?.body.error.code).toBe('not_found');
    });

    it('answers 429 rate_limited after 10 failures from a client; a correct pair still opens', async () => {
      const { order, customer } = await buildOrderScenario(admin);
      const address = freshAddress();
      for (let i = 0; i < 10; i++) expect((await openSession(`SO-NOPE-${i}`, customer.phone, address)).status).toBe(404);
      const limited = await openSession('SO-NOPE-X', customer.phone, address);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect((await openSession(order.number, '13000000000', address)).status).toBe(429);
      expect((await openSession(order.number, customer.phone, address)).status).toBe(201);
      expect((await openSession('SO-NOPE-Y', customer.phone)).status).toBe(404);
    });
  });

  describe('what a portal token reaches', () => {
    it("sees its customer's orders and returns, not another customer's (404)", async () => {
      const mine = await buildOrderScenario(admin, { quantity: 2 });
      const theirs = await buildOrderScenario(admin, { quantity: 2 });
      const myReturn = await buildReturn(staff.service, mine.order, { quantity: 1 });
      const theirReturn = await buildReturn(staff.service, theirs.order, { quantity: 1 });
      const portal = await portalClient(mine.order.number, mine.customer.phone);

      expect((await portal.get(`/api/v1/orders/${mine.order.id}`)).status).toBe(200);
      expect((await portal.get(`/api/v1/returns/${myReturn.id}`)).status).toBe(200);
      const orderList = await portal.get('/api/v1/orders');
      expect(orderList.body.data.map((o: { id: string }) => o.id)).toEqual([mine.order.id]);
      const returnList = await portal.get('/api/v1/returns');
      expect(returnList.body.data.map((r: { id: string }) => r.id)).toEqual([myReturn.id]);
      const filtered = await portal.get(`/api/v1/returns?customerId=${theirs.customer.id}`);
      expect(filtered.body.data).toEqual([]);

      for (const url of [`/api/v1/orders/${theirs.order.id}`, `/api/v1/returns/${theirReturn.id}`]) {
        const response = await portal.get(url);
        expect(response.status, url).toBe(404);
        expect(response.body.error.code).toBe('not_found');
      }
    });

    it("may not act on another customer's order or return (404), and nothing changes", async () => {
      const mine = await buildOrderScenario(admin, { quantity: 2 });
      const theirs = await buildOrderScenario(admin, { quantity: 2 });
      const theirReturn = await buildReturn(staff.service, theirs.order, { quantity: 1 });
      const portal = await portalClient(mine.order.number, mine.customer.email);

      const create = await portal.post('/api/v1/returns', {
        orderId: theirs.order.id,
        resolution: 'refund',
        lines: [{ orderLineId: theirs.order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
      });
      expect(create.status).toBe(404);
      expect(create.body.error.code).toBe('not_found');
      const cancel = await portal.post(`/api/v1/returns/${theirReturn.id}/cancel`, {});
      expect(cancel.status).toBe(404);
      expect((await staff.service.post(`/api/v1/returns/${theirReturn.id}/approve`, {})).status).toBe(200);
      const ship = await portal.post(`/api/v1/returns/${theirReturn.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF0000000001' });
      expect(ship.status).toBe(404);

      const after = await admin.get(`/api/v1/returns/${theirReturn.id}`);
      expect(after.body.status).toBe('approved');
      expect(after.body.trackingNumber).toBeNull();
      expect((await admin.get(`/api/v1/returns?orderId=${theirs.order.id}`)).body.data).toHaveLength(1);
    });

    it('creates, ships and cancels its own returns', async () => {
      const { order, customer } = await buildOrderScenario(admin, { quantity: 2 });
      const portal = await portalClient(order.number, customer.phone);
      const lines = [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }];

      const first = await portal.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'requested', customerId: customer.id, channel: 'portal' });
      expect(first.body.timeline[0].actor).toMatchObject({ kind: 'customer', id: customer.id });
      const cancelled = await portal.post(`/api/v1/returns/${first.body.id}/cancel`, { reason: '不想退了' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');

      const second = await portal.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines });
      expect(second.status).toBe(201);
      await staff.service.post(`/api/v1/returns/${second.body.id}/approve`, {});
      const shipped = await portal.post(`/api/v1/returns/${second.body.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' });
      expect(shipped.status).toBe(200);
      expect(shipped.body).toMatchObject({ status: 'in_transit', carrier: '顺丰', trackingNumber: 'SF1234567890' });
    });

    it('may not approve, reject, receive, inspect, refund or close its own returns (403)', async () => {
      const { order, customer } = await buildOrderScenario(admin, { quantity: 1 });
      const portal = await portalClient(order.number, customer.phone);
      const created = await portal.post('/api/v1/returns', {
        orderId: order.id,
        resolution: 'refund',
        lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
      });
      const id = created.body.id as string;
      const lineId = created.body.lines[0].id as string;
      const forbidden = async (action: string, body: unknown) => {
        const response = await portal.post(`/api/v1/returns/${id}/${action}`, body);
        expect(response.status, action).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      };
      await forbidden('approve', {});
      await forbidden('reject', { reason: '自己拒绝' });
      await staff.service.post(`/api/v1/returns/${id}/approve`, {});
      await forbidden('receive', { lines: [{ lineId, quantity: 1 }] });
      await staff.warehouse.post(`/api/v1/returns/${id}/receive`, { lines: [{ lineId, quantity: 1 }] });
      await forbidden('inspect', { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
      await staff.warehouse.post(`/api/v1/returns/${id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
      await forbidden('refund', { method: 'original' });
      const after = await admin.get(`/api/v1/returns/${id}`);
      expect(after.body).toMatchObject({ status: 'inspected', refundedAmount: 0 });
      await staff.finance.post(`/api/v1/returns/${id}/refund`, { method: 'original' });
      await forbidden('close', {});

      for (const url of ['/api/v1/customers', `/api/v1/customers/${customer.id}`, '/api/v1/policy', '/api/v1/reports/returns?from=2026-01-01&to=2027-01-01']) {
        expect((await portal.get(url)).status, url).toBe(403);
      }
    });
  });
});
