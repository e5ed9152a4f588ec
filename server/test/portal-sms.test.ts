/** Portal sign-in by mobile number and SMS code: codes hashed, expiring, limited; the session sees all the customer's orders. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { providePortalServices } from '../src/modules/portal/portal-services.ts';
import { disabledSmsProvider } from '../src/modules/portal/sms-provider.ts';
import { buildCustomer, buildOrder, buildProduct } from './support/factories.ts';
import { capturingSms, freshAddress } from './support/portal-fixtures.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('portal SMS sign-in on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  const clock = manualClock(new Date());
  const sms = capturingSms();

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    providePortalServices(t.ctx, { sms });
    admin = await signIn(t.app, adminEmail, adminPassword);
  });
  afterAll(() => t.close());

  const post = async (url: string, payload: object, remoteAddress = freshAddress()) => {
    const response = await t.app.inject({ method: 'POST', url, payload, remoteAddress });
    return { status: response.statusCode, body: response.json() };
  };
  const askCode = (phone: string, address?: string) => post('/api/v1/portal/sms-codes', { phone }, address);
  const signInWith = (phone: string, code: string, address?: string) => post('/api/v1/portal/sms-sessions', { phone, code }, address);
  /** Moves the clock past the resend wait. */
  const waitToResend = () => clock.advance(61_000);

  async function customerWithOrders(count: number) {
    const customer = await buildCustomer(admin);
    const product = await buildProduct(admin);
    const orders = [];
    for (let i = 0; i < count; i++)
      orders.push(await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 1, unitPrice: 5000 }] }));
    return { customer, orders };
  }

  it('texts a 6-digit code and opens a session that lists every order of the customer', async () => {
    const { customer, orders } = await customerWithOrders(2);
    const asked = await askCode(`+86 ${customer.phone}`);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = sms.lastCodeFor(customer.phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.sent.at(-1)?.text).toContain(code);
    expect(sms.sent.at(-1)?.text).toContain('验证码');

    const session = await signInWith(customer.phone, code ?? '');
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ token: expect.any(String), customerId: customer.id });
    const own = await client(t.app, session.body.token).get('/api/v1/orders');
    expect(own.status).toBe(200);
    expect(own.body.data.map((o: { id: string }) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
  });

  it('stores only a hash of the code, and a code works once', async () => {
    const { customer } = await customerWithOrders(1);
    await askCode(customer.phone);
    const code = sms.lastCodeFor(customer.phone) ?? '';
    const rows = await t.db.selectFrom('smsCodes').selectAll().where('phone', '=', customer.phone).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.codeHash).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(`"${code}"`);
    expect((await signInWith(customer.phone, code)).status).toBe(201);
    const again = await signInWith(customer.phone, code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthenticated');
  });

  it('answers the same for a number no customer has, and sends nothing', async () => {
    const before = sms.sent.length;
    const unknown = await askCode('13000000001');
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    expect(sms.sent.length).toBe(before);
    const guess = await signInWith('13000000001', '123456');
    expect(guess.status).toBe(401);
  });

  it('rejects what is not a mainland mobile number', async () => {
    for (const phone of ['12345', '021-60000000', '2345678901234']) {
      const response = await askCode(phone);
      expect(response.status, phone).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });

  it('makes a phone wait a minute between codes and allows five an hour', async () => {
    const { customer } = await customerWithOrders(1);
    expect((await askCode(customer.phone)).status).toBe(202);
    const soon = await askCode(customer.phone);
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe('rate_limited');
    expect(soon.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      waitToResend();
      expect((await askCode(customer.phone)).status).toBe(202);
    }
    waitToResend();
    expect((await askCode(customer.phone)).status).toBe(429);
    clock.advance(3_600_000);
    expect((await askCode(customer.phone)).status).toBe(202);
  });

  it('expires a code after five minutes', async () => {
    const { customer } = await customerWithOrders(1);
    await askCode(customer.phone);
    const code = sms.lastCodeFor(customer.phone) ?? '';
    clock.advance(5 * 60_000 + 1000);
    expect((await signInWith(customer.phone, code)).status).toBe(401);
  });

  it('burns a code after five wrong guesses, even before the right one', async () => {
    const { customer } = await customerWithOrders(1);
    await askCode(customer.phone);
    const code = sms.lastCodeFor(customer.phone) ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await signInWith(customer.phone, wrong)).status).toBe(401);
    expect((await signInWith(customer.phone, code)).status).toBe(401);
  });

  it('rate-limits a client after 10 failures, like the order lookup', async () => {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) expect((await signInWith('13900000000', '000000', address)).status).toBe(401);
    const limited = await signInWith('13900000000', '000000', address);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('is off when no SMS provider is configured, and the portal is told so', async () => {
    const other = await createTestApp(kind);
    try {
      providePortalServices(other.ctx, { sms: disabledSmsProvider });
      const options = await client(other.app).get('/api/v1/public/return-options');
      expect(options.body.smsSignIn).toBe(false);
      const asked = await client(other.app).post('/api/v1/portal/sms-codes', { phone: '13900000000' });
      expect(asked.status).toBe(403);
    } finally {
      await other.close();
    }
    expect((await client(t.app).get('/api/v1/public/return-options')).body.smsSignIn).toBe(true);
  });
});
