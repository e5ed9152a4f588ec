/** Staff sign-in, sessions, the first admin, user management and the role table of the contract. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/bootstrap.ts';
import { manualClock } from '../src/lib/clock.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff, unique } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('auth and roles on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager' | 'viewer', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager', 'viewer'] as const);
  });
  afterAll(() => t.close());

  /** A login from a given client address (rate limits count per client). */
  async function loginFrom(remoteAddress: string, email: string, password: string) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
    return { status: response.statusCode, body: response.json() };
  }

  /** Creates a staff user and returns its id and signed-in client. */
  async function buildUser(role: string) {
    const email = `${unique(role)}@returnflow.test`.toLowerCase();
    const created = await admin.post('/api/v1/users', { email, name: `${role} 用户`, password: 'password-123', roles: [role] });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, email, client: await signIn(t.app, email, 'password-123') };
  }

  describe('login and sessions', () => {
    it('answers a token and the user for the first admin from RETURNFLOW_ADMIN_EMAIL/PASSWORD', async () => {
      const response = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        token: expect.any(String),
        user: { id: expect.any(String), email: adminEmail, name: expect.any(String), roles: ['admin'] },
      });
      expect(response.body.user).not.toHaveProperty('passwordHash');
      const me = await client(t.app, response.body.token).get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(adminEmail);
    });

    it('does not create another admin once users exist', async () => {
      await bootstrapDatabase(t.db, { adminEmail: 'second-admin@returnflow.test', adminPassword: 'second-password-1' }, clock);
      const response = await loginFrom('10.1.0.1', 'second-admin@returnflow.test', 'second-password-1');
      expect(response.status).toBe(401);
    });

    it('accepts the email in any case', async () => {
      const response = await client(t.app).post('/api/v1/auth/login', { email: adminEmail.toUpperCase(), password: adminPassword });
      expect(response.status).toBe(200);
    });

    it('answers 401 unauthenticated for a wrong password or an unknown email, alike', async () => {
      const wrong = await loginFrom('10.1.0.2', adminEmail, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('unauthenticated');
      expect(wrong.body).not.toHaveProperty('token');
      const unknown = await loginFrom('10.1.0.2', 'nobody@returnflow.test', 'not-the-password');
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toEqual(wrong.body.error);
    });

    it('answers 401 without a token or with a bad one', async () => {
      for (const token of [undefined, 'rfs_not-a-real-token']) {
        const response = await client(t.app, token).get('/api/v1/returns');
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('unauthenticated');
      }
      const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/returns', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
      expect(malformed.statusCode).toBe(401);
    });

    it('revokes the token on logout', async () => {
      const session = await signIn(t.app, adminEmail, adminPassword);
      expect((await session.get('/api/v1/returns')).status).toBe(200);
      expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
      const after = await session.get('/api/v1/returns');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthenticated');
      // Other sessions of the same user live on.
      expect((await admin.get('/api/v1/returns')).status).toBe(200);
    });

    it('accepts the bearer scheme in any case, and logs out with an empty JSON body', async () => {
      const { token } = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body;
      for (const authorization of [`bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`]) {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });
        expect(response.statusCode, authorization).toBe(200);
      }
      const logout = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '',
      });
      expect(logout.statusCode).toBe(204);
      expect((await client(t.app, token).get('/api/v1/auth/me')).status).toBe(401);
    });

    it('expires tokens', async () => {
      const start = clock.now();
      try {
        const session = await signIn(t.app, adminEmail, adminPassword);
        clock.advance(60 * 60 * 1000);
        expect((await session.get('/api/v1/returns')).status).toBe(200);
        clock.advance(23 * 60 * 60 * 1000);
        const expired = await session.get('/api/v1/returns');
        expect(expired.status).toBe(401);
        expect(expired.body.error.code).toBe('unauthenticated');
      } finally {
        clock.set(start);
      }
    });

    it('answers 429 rate_limited after 10 failed logins from a client, yet lets a correct login through', async () => {
      const ip = '10.1.0.3';
      for (let i = 0; i < 10; i++) expect((await loginFrom(ip, adminEmail, `wrong-${i}`)).status).toBe(401);
      const limited = await loginFrom(ip, adminEmail, 'wrong-again');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      const correct = await loginFrom(ip, adminEmail, adminPassword);
      expect(correct.status).toBe(200);
      expect(correct.body.token).toEqual(expect.any(String));
      // Another client is not affected.
      expect((await loginFrom('10.1.0.4', adminEmail, 'wrong')).status).toBe(401);
      // The window is 15 minutes.
      const start = clock.now();
      try {
        clock.advance(16 * 60 * 1000);
        expect((await loginFrom(ip, adminEmail, 'wrong-later')).status).toBe(401);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('POST /users', () => {
    it('lets the admin create a user who can then sign in with the given roles', async () => {
      const email = `${unique('new')}@returnflow.test`.toLowerCase();
      const created = await admin.post('/api/v1/users', { email, name: '李四', password: 'password-123', roles: ['service', 'finance'] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), email, name: '李四', roles: ['service', 'finance'] });
      expect(created.body).not.toHaveProperty('password');
      expect(created.body).not.toHaveProperty('passwordHash');
      const login = await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ id: created.body.id, roles: ['service', 'finance'] });
    });

    it('is admin-only', async () => {
      const body = { email: `${unique('x')}@returnflow.test`.toLowerCase(), name: 'X', password: 'password-123', roles: ['viewer'] };
      for (const role of ['manager', 'service', 'viewer'] as const) {
        const response = await staff[role].post('/api/v1/users', body);
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      expect((await client(t.app).post('/api/v1/users', body)).status).toBe(401);
      const login = await client(t.app).post('/api/v1/auth/login', { email: body.email, password: body.password });
      expect(login.status).toBe(401);
    });

    it('answers 409 conflict for a taken email, in any case', async () => {
      const email = `${unique('dup')}@returnflow.test`.toLowerCase();
      expect((await admin.post('/api/v1/users', { email, name: 'A', password: 'password-123', roles: ['viewer'] })).status).toBe(201);
      const again = await admin.post('/api/v1/users', { email: email.toUpperCase(), name: 'B', password: 'password-456', roles: ['admin'] });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
      // The first account keeps its password and role.
      const login = await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' });
      expect(login.body.user.roles).toEqual(['viewer']);
    });

    it('answers 400 validation_failed for an unknown role, naming the field', async () => {
      const email = `${unique('bad')}@returnflow.test`.toLowerCase();
      const response = await admin.post('/api/v1/users', { email, name: 'C', password: 'password-123', roles: ['superuser'] });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(response.body.error.details)).toContain('roles');
      expect((await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' })).status).toBe(401);
    });
  });

  describe('the role table', () => {
    it('service creates, approves, rejects and cancels returns but cannot receive, inspect or refund', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 3 });
      const approved = await buildReturn(staff.service, order, { quantity: 1 });
      expect((await staff.service.post(`/api/v1/returns/${approved.id}/approve`, {})).body.status).toBe('approved');
      const line = { lineId: approved.lines[0].id, quantity: 1 };
      for (const [action, body] of [
        ['receive', { lines: [line] }],
        ['inspect', { lines: [{ ...line, grade: 'A', disposition: 'restock' }] }],
        ['refund', { method: 'original' }],
        ['close', {}],
      ] as const) {
        const response = await staff.service.post(`/api/v1/returns/${approved.id}/${action}`, body);
        expect(response.status, action).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      expect((await admin.get(`/api/v1/returns/${approved.id}`)).body.lines[0].receivedQuantity).toBe(0);

      const rejected = await buildReturn(staff.service, order, { quantity: 1 });
      expect((await staff.service.post(`/api/v1/returns/${rejected.id}/reject`, { reason: '超出范围' })).body.status).toBe('rejected');
      const cancelled = await buildReturn(staff.service, order, { quantity: 1 });
      expect((await staff.service.post(`/api/v1/returns/${cancelled.id}/cancel`, {})).body.status).toBe('cancelled');
    });

    it('warehouse receives and inspects, may not review or refund', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1 });
      const ret = await buildReturn(staff.service, order);
      expect((await staff.warehouse.post(`/api/v1/returns/${ret.id}/approve`, {})).status).toBe(403);
      await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
      const lineId = ret.lines[0].id;
      expect((await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] })).status).toBe(200);
      const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }],
      });
      expect(inspected.status).toBe(200);
      expect(inspected.body.status).toBe('inspected');
      const refund = await staff.warehouse.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
      expect(refund.status).toBe(403);
      expect((await admin.get(`/api/v1/returns/${ret.id}`)).body.refundedAmount).toBe(0);
    });

    it('warehouse may not create returns', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1 });
      const response = await staff.warehouse.post('/api/v1/returns', {
        orderId: order.id,
        resolution: 'refund',
        lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
      });
      expect(response.status).toBe(403);
      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toHaveLength(0);
    });

    it("warehouse sees customers' phone numbers masked; others see them whole", async () => {
      const customer = await admin.post('/api/v1/customers', { name: '王五', phone: '13912341234' });
      expect(customer.status).toBe(201);
      const seen = await staff.warehouse.get(`/api/v1/customers/${customer.body.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.phone).toBe('139****1234');
      expect(JSON.stringify(seen.body)).not.toContain('13912341234');
      const listed = await staff.warehouse.get('/api/v1/customers?limit=200');
      expect(JSON.stringify(listed.body)).not.toContain('13912341234');
      expect(listed.body.data.find((c: { id: string }) => c.id === customer.body.id).phone).toBe('139****1234');
      expect((await staff.service.get(`/api/v1/customers/${customer.body.id}`)).body.phone).toBe('13912341234');
      expect((await admin.get(`/api/v1/customers/${customer.body.id}`)).body.phone).toBe('13912341234');
    });

    it('finance refunds; manager closes and publishes the policy', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1, price: 5000 });
      const ret = await buildReturn(staff.service, order);
      const lineId = ret.lines[0].id;
      await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
      expect((await staff.manager.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' })).status).toBe(403);
      const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
      expect(refunded.status).toBe(200);
      expect(refunded.body).toMatchObject({ status: 'resolved', refundedAmount: 5000 });
      expect((await staff.finance.post(`/api/v1/returns/${ret.id}/close`, {})).status).toBe(403);
      const closed = await staff.manager.post(`/api/v1/returns/${ret.id}/close`, {});
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');

      const current = await staff.manager.get('/api/v1/policy');
      expect(current.status).toBe(200);
      for (const role of ['service', 'finance', 'warehouse', 'viewer'] as const) {
        expect((await staff[role].put('/api/v1/policy', { returnWindowDays: 30 })).status, role).toBe(403);
      }
      const published = await staff.manager.put('/api/v1/policy', { returnWindowDays: current.body.returnWindowDays });
      expect(published.status).toBe(200);
      expect(published.body.version).toBe(current.body.version + 1);
    });

    it('viewer reads only', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 2 });
      const ret = await buildReturn(staff.service, order, { quantity: 1 });
      expect((await staff.viewer.get(`/api/v1/returns/${ret.id}`)).status).toBe(200);
      expect((await staff.viewer.get(`/api/v1/orders/${order.id}`)).status).toBe(200);
      expect((await staff.viewer.get('/api/v1/returns')).status).toBe(200);
      const attempts = [
        staff.viewer.post('/api/v1/returns', {
          orderId: order.id,
          resolution: 'refund',
          lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
        }),
        staff.viewer.post(`/api/v1/returns/${ret.id}/approve`, {}),
        staff.viewer.post(`/api/v1/returns/${ret.id}/reject`, { reason: 'x' }),
        staff.viewer.post(`/api/v1/returns/${ret.id}/cancel`, {}),
        staff.viewer.post('/api/v1/products', { sku: unique('V'), name: 'v', category: 'c', price: 1 }),
        staff.viewer.post('/api/v1/customers', { name: 'v' }),
        staff.viewer.post('/api/v1/inventory/adjustments', { sku: order.lines[0]?.sku, location: 'MAIN', quantity: 5, reason: 'x' }),
        staff.viewer.put('/api/v1/policy', { returnWindowDays: 30 }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      expect((await admin.get(`/api/v1/returns/${ret.id}`)).body.status).toBe('requested');
      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toHaveLength(1);
    });

    it('sales reads only the returns of their own customers; others answer 404', async () => {
      const sales = await buildUser('sales');
      const otherSales = await buildUser('sales');
      const product = await buildProduct(admin);
      const ownCustomer = await admin.post('/api/v1/customers', { name: '客户甲', phone: '13800000001', salesUserId: sales.id });
      const foreignCustomer = await admin.post('/api/v1/customers', { name: '客户乙', phone: '13800000002', salesUserId: otherSales.id });
      const plainCustomer = await buildCustomer(admin);
      const returns: Record<string, { id: string }> = {};
      const orders: Record<string, { id: string }> = {};
      for (const [name, customerId] of [
        ['own', ownCustomer.body.id],
        ['foreign', foreignCustomer.body.id],
        ['plain', plainCustomer.id],
      ] as const) {
        const order = await buildOrder(admin, { customerId, lines: [{ sku: product.sku, quantity: 1, unitPrice: 9900 }] });
        orders[name] = order;
        returns[name] = await buildReturn(staff.service, order);
      }

      expect((await sales.client.get(`/api/v1/returns/${returns.own?.id}`)).status).toBe(200);
      for (const name of ['foreign', 'plain']) {
        const response = await sales.client.get(`/api/v1/returns/${returns[name]?.id}`);
        expect(response.status, name).toBe(404);
        expect(response.body.error.code).toBe('not_found');
        expect((await sales.client.get(`/api/v1/orders/${orders[name]?.id}`)).status).toBe(404);
      }
      const listed = await sales.client.get('/api/v1/returns');
      expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([returns.own?.id]);
      expect((await sales.client.get(`/api/v1/customers/${foreignCustomer.body.id}`)).status).toBe(404);
      expect((await otherSales.client.get(`/api/v1/returns/${returns.foreign?.id}`)).status).toBe(200);

      const approve = await sales.client.post(`/api/v1/returns/${returns.own?.id}/approve`, {});
      expect(approve.status).toBe(403);
      expect((await admin.get(`/api/v1/returns/${returns.own?.id}`)).body.status).toBe('requested');
    });
  });
});
