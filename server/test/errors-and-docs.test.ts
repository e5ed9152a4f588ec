/** The error model, input that changes nothing, orders' money and stock rules, and the API documents. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildProduct, daysAgo, unique } from './support/factories.ts';
import { type ApiResponse, adminEmail, adminPassword, type Client, client, createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

/** Asserts the contract's error body and returns it. */
function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  // The contract's shape has `details` on every error: null when there is nothing more to say.
  expect(response.body.error).toHaveProperty('details');
  expect(response.body.error.message.length).toBeGreaterThan(0);
  return response.body.error as { code: string; message: string; details?: unknown };
}

describe.each(testDatabases)('errors, orders and docs on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body.token;
    admin = client(t.app, token);
  });
  afterAll(() => t.close());

  async function raw(method: 'GET' | 'POST', url: string, payload: string, contentType = 'application/json') {
    const response = await t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
    return { status: response.statusCode, body: response.json(), headers: response.headers } as ApiResponse;
  }

  async function levels(sku: string): Promise<Record<string, number>> {
    const response = await admin.get(`/api/v1/inventory/levels?sku=${sku}`);
    return Object.fromEntries(response.body.data.map((l: { location: string; onHand: number }) => [l.location, l.onHand]));
  }

  async function stocked(quantity: number, price = 1000) {
    const product = await buildProduct(admin, { price });
    expect((await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity, reason: '期初' })).status).toBe(201);
    return product;
  }

  async function ordersNumbered(number: string) {
    return (await admin.get(`/api/v1/orders?number=${encodeURIComponent(number)}`)).body.data as { id: string }[];
  }

  function orderBody(o: { number?: string; customerId: string; lines: object[]; payments: object[]; [k: string]: unknown }) {
    return { number: unique('SO'), channel: 'jd', currency: 'CNY', placedAt: daysAgo(3), deliveredAt: daysAgo(1), ...o };
  }

  describe('the error model', () => {
    it('answers 400 validation_failed for malformed JSON, and for a wrong content type', async () => {
      expectError(await raw('POST', '/api/v1/products', '{"sku": "A", "name":'), 400, 'validation_failed');
      expectError(await raw('POST', '/api/v1/products', 'sku=A&name=B', 'application/x-www-form-urlencoded'), 400, 'validation_failed');
    });

    it('answers 400 for wrong types, naming each field', async () => {
      const response = await admin.post('/api/v1/products', { sku: 123, name: '商品', category: '服装', price: 'cheap' });
      const error = expectError(response, 400, 'validation_failed');
      const paths = (error.details as { path: string }[]).map((d) => d.path);
      expect(paths.some((p) => p.endsWith('sku'))).toBe(true);
      expect(paths.some((p) => p.endsWith('price'))).toBe(true);
      expect(paths.some((p) => p.endsWith('name'))).toBe(false);

      const nested = await admin.post('/api/v1/orders', {
        number: 'X',
        customerId: 'c',
        channel: 'jd',
        placedAt: 'yesterday',
        lines: [{ sku: 'A', quantity: 0, unitPrice: 1 }],
        payments: [],
      });
      const nestedPaths = (expectError(nested, 400, 'validation_failed').details as { path: string }[]).map((d) => d.path);
      expect(nestedPaths).toEqual(expect.arrayContaining([expect.stringContaining('placedAt'), expect.stringMatching(/lines\.0\.quantity$/)]));
    });

    it('takes a POST without a body, or with an empty JSON body, as {}', async () => {
      const product = await buildProduct(admin);
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 2, unitPrice: 9900 }] });
      const fileReturn = async () =>
        (
          await admin.post('/api/v1/returns', {
            orderId: order.id,
            resolution: 'refund',
            lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
          })
        ).body.id as string;
      const first = await fileReturn();
      const noBody = await t.app.inject({ method: 'POST', url: `/api/v1/returns/${first}/approve`, headers: { authorization: `Bearer ${token}` } });
      expect(noBody.statusCode, noBody.body).toBe(200);
      expect(noBody.json().status).toBe('approved');
      const second = await fileReturn();
      const emptyJson = await raw('POST', `/api/v1/returns/${second}/cancel`, '');
      expect(emptyJson.status).toBe(200);
      expect(emptyJson.body.status).toBe('cancelled');
      // A body the action needs is still asked for, field by field.
      const missing = expectError(await raw('POST', '/api/v1/products', ''), 400, 'validation_failed');
      expect(JSON.stringify(missing.details)).toContain('sku');
      expectError(await raw('POST', `/api/v1/returns/${first}/reject`, ''), 400, 'validation_failed');
    });

    it('answers 400 for text with a NUL character anywhere, naming the field, and stores nothing', async () => {
      const sku = unique('NUL');
      const body = expectError(await admin.post('/api/v1/products', { sku, name: '坏\u0000名', category: '服装', price: 100 }), 400, 'validation_failed');
      expect(body.details).toEqual([expect.objectContaining({ path: 'body.name' })]);
      expect((await admin.get('/api/v1/products?limit=200')).body.data.some((p: { sku: string }) => p.sku === sku)).toBe(false);
      expectError(await admin.get('/api/v1/orders?number=SO%00X'), 400, 'validation_failed');
      expectError(await admin.get('/api/v1/returns/ret%00x'), 400, 'validation_failed');
      expectError(await client(t.app).post('/api/v1/portal/sessions', { orderNumber: 'SO\u0000X', contact: '13900000000' }), 400, 'validation_failed');
    });

    it('answers 400 for bad query parameters', async () => {
      expectError(await admin.get('/api/v1/returns?limit=500'), 400, 'validation_failed');
      expectError(await admin.get('/api/v1/returns?status=lost'), 400, 'validation_failed');
      expectError(await admin.get('/api/v1/reports/returns?from=last-week&to=2026-01-01'), 400, 'validation_failed');
    });

    it('answers 413 payload_too_large over 1 MiB, and accepts bodies under it', async () => {
      const big = JSON.stringify({ sku: unique('BIG'), name: 'x'.repeat(1024 * 1024 + 10), category: '服装', price: 100 });
      expectError(await raw('POST', '/api/v1/products', big), 413, 'payload_too_large');
      const underLimit = JSON.stringify({ sku: unique('BIG'), name: 'x'.repeat(900 * 1024), category: '服装', price: 100 });
      expectError(await raw('POST', '/api/v1/products', underLimit), 400, 'validation_failed');
    });

    it('answers 404 not_found for unknown routes and ids', async () => {
      expectError(await admin.get('/api/v1/no-such-thing'), 404, 'not_found');
      expectError(await client(t.app).get('/api/v2/returns'), 404, 'not_found');
      for (const url of ['/api/v1/returns/ret_missing', '/api/v1/orders/ord_missing', '/api/v1/customers/cus_missing', '/api/v1/products/prd_missing']) {
        expectError(await admin.get(url), 404, 'not_found');
      }
      expectError(await admin.post('/api/v1/returns/ret_missing/approve', {}), 404, 'not_found');
      expectError(await admin.post('/api/v1/refunds/ref_missing/approve', {}), 404, 'not_found');
      const order = await admin.post('/api/v1/returns', {
        orderId: 'ord_missing',
        resolution: 'refund',
        lines: [{ orderLineId: 'ol_x', quantity: 1, reasonCode: 'no_reason' }],
      });
      expectError(order, 404, 'not_found');
    });

    it('answers 401 and 403 with the same body shape', async () => {
      expectError(await client(t.app).get('/api/v1/orders'), 401, 'unauthenticated');
      const session = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
      expect(session.status).toBe(200);
      const viewerEmail = `${unique('v')}@returnflow.test`.toLowerCase();
      await admin.post('/api/v1/users', { email: viewerEmail, name: 'V', password: 'password-123', roles: ['viewer'] });
      const viewer = client(t.app, (await client(t.app).post('/api/v1/auth/login', { email: viewerEmail, password: 'password-123' })).body.token);
      expectError(await viewer.post('/api/v1/products', { sku: unique('S'), name: 'n', category: 'c', price: 1 }), 403, 'forbidden');
    });

    it('replays an idempotent POST and refuses the key with another body', async () => {
      const sku = unique('IDEM');
      const body = { sku, name: '幂等', category: '服装', price: 100 };
      const first = await admin.post('/api/v1/products', body, { 'idempotency-key': `k-${sku}` });
      const second = await admin.post('/api/v1/products', body, { 'idempotency-key': `k-${sku}` });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expectError(await admin.post('/api/v1/products', { ...body, price: 200 }, { 'idempotency-key': `k-${sku}` }), 409, 'idempotency_key_reused');
      const products = (await admin.get(`/api/v1/products?limit=200`)).body.data.filter((p: { sku: string }) => p.sku === sku);
      expect(products).toEqual([expect.objectContaining({ id: first.body.id, price: 100 })]);
    });
  });

  it('answers concurrent requests with one Idempotency-Key alike, doing the work once', async () => {
    const product = await stocked(10);
    const customer = await buildCustomer(admin);
    const body = orderBody({
      customerId: customer.id,
      stockLocation: 'MAIN',
      lines: [{ sku: product.sku, quantity: 2, unitPrice: 1000 }],
      payments: [{ method: 'alipay', amount: 2000 }],
    });
    const key = `k-${body.number}`;
    const responses = await Promise.all([1, 2, 3].map(() => admin.post('/api/v1/orders', body, { 'idempotency-key': key })));
    for (const response of responses) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.id).toBe(responses[0]?.body.id);
    }
    expect(await ordersNumbered(body.number)).toHaveLength(1);
    expect(await levels(product.sku)).toEqual({ MAIN: 8 });
  });

  describe('master data and orders', () => {
    it('answers 409 conflict for a duplicate SKU and keeps the first product', async () => {
      const product = await buildProduct(admin, { price: 1000 });
      expectError(await admin.post('/api/v1/products', { sku: product.sku, name: '另一个', category: '鞋', price: 2000 }), 409, 'conflict');
      const listed = (await admin.get('/api/v1/products?limit=200')).body.data.filter((p: { sku: string }) => p.sku === product.sku);
      expect(listed).toEqual([expect.objectContaining({ id: product.id, price: 1000 })]);
    });

    it('allocates the order discount to the fen as the contract computes it', async () => {
      const a = await buildProduct(admin);
      const b = await buildProduct(admin);
      const c = await buildProduct(admin);
      const customer = await buildCustomer(admin);
      // Bases 1000, 2000, 3000 (line b: 2 × 1100 − 200); D = 100: shares 16, 33, 50; the 1 fen left goes to the largest base.
      const unequal = await admin.post(
        '/api/v1/orders',
        orderBody({
          customerId: customer.id,
          discountAmount: 100,
          shippingFee: 800,
          lines: [
            { sku: a.sku, quantity: 1, unitPrice: 1000 },
            { sku: b.sku, quantity: 2, unitPrice: 1100, discountAmount: 200 },
            { sku: c.sku, quantity: 3, unitPrice: 1000 },
          ],
          payments: [
            { method: 'alipay', amount: 5000 },
            { method: 'coupon_wallet', amount: 1700 },
          ],
        }),
      );
      expect(unequal.status).toBe(201);
      expect(unequal.body.lines.map((l: { sku: string; paidAmount: number }) => [l.sku, l.paidAmount])).toEqual([
        [a.sku, 984],
        [b.sku, 1967],
        [c.sku, 2949],
      ]);
      expect(unequal.body.lines.every((l: { id: string }) => typeof l.id === 'string')).toBe(true);

      // Equal bases 1000 × 3, D = 100: shares 33 each, the 1 fen left goes to the earliest line.
      const equal = await buildOrder(admin, {
        customerId: customer.id,
        discountAmount: 100,
        lines: [
          { sku: a.sku, quantity: 1, unitPrice: 1000 },
          { sku: b.sku, quantity: 1, unitPrice: 1000 },
          { sku: c.sku, quantity: 1, unitPrice: 1000 },
        ],
      });
      expect(equal.lines.map((l) => l.paidAmount)).toEqual([966, 967, 967]);

      // D = 5 over bases 1, 1, 1, 7 (Σ 10): shares 0, 0, 0, 3; 2 fen left go to the 7 and then the first 1.
      const small = await buildOrder(admin, {
        customerId: customer.id,
        discountAmount: 5,
        lines: [
          { sku: a.sku, quantity: 1, unitPrice: 1 },
          { sku: b.sku, quantity: 1, unitPrice: 1 },
          { sku: c.sku, quantity: 1, unitPrice: 1 },
          { sku: a.sku, quantity: 1, unitPrice: 7 },
        ],
      });
      expect(small.lines.map((l) => l.paidAmount)).toEqual([0, 1, 1, 3]);
    });

    it('finds an order by number with returnable quantities', async () => {
      const product = await buildProduct(admin);
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 4, unitPrice: 9900 }] });
      await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 1, unitPrice: 9900 }] });
      const found = await admin.get(`/api/v1/orders?number=${encodeURIComponent(order.number)}`);
      expect(found.status).toBe(200);
      expect(found.body.data).toEqual([
        expect.objectContaining({ id: order.id, number: order.number, lines: [expect.objectContaining({ returnableQuantity: 4 })] }),
      ]);
      expect(found.body.nextCursor).toBeNull();
      expect((await admin.get('/api/v1/orders?number=SO-NONE')).body.data).toEqual([]);
    });

    it('answers 400 when payments do not add up, creating no order and moving no stock', async () => {
      const product = await stocked(10, 1000);
      const customer = await buildCustomer(admin);
      const number = unique('SO');
      const response = await admin.post(
        '/api/v1/orders',
        orderBody({
          number,
          customerId: customer.id,
          stockLocation: 'MAIN',
          shippingFee: 500,
          lines: [{ sku: product.sku, quantity: 2, unitPrice: 1000 }],
          payments: [{ method: 'alipay', amount: 2000 }],
        }),
      );
      const error = expectError(response, 400, 'validation_failed');
      expect(JSON.stringify(error.details)).toContain('payments');
      expect(await ordersNumbered(number)).toEqual([]);
      expect(await levels(product.sku)).toEqual({ MAIN: 10 });
    });

    it('answers 400 for an unknown SKU or customer, creating nothing', async () => {
      const product = await stocked(5);
      const customer = await buildCustomer(admin);
      const number = unique('SO');
      const unknownSku = await admin.post(
        '/api/v1/orders',
        orderBody({
          number,
          customerId: customer.id,
          stockLocation: 'MAIN',
          lines: [
            { sku: product.sku, quantity: 1, unitPrice: 1000 },
            { sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: 1000 },
          ],
          payments: [{ method: 'alipay', amount: 2000 }],
        }),
      );
      expect(JSON.stringify(expectError(unknownSku, 400, 'validation_failed').details)).toContain('lines.1.sku');
      const unknownCustomer = await admin.post(
        '/api/v1/orders',
        orderBody({
          number,
          customerId: 'cus_missing',
          lines: [{ sku: product.sku, quantity: 1, unitPrice: 1000 }],
          payments: [{ method: 'alipay', amount: 1000 }],
        }),
      );
      expectError(unknownCustomer, 400, 'validation_failed');
      expect(await ordersNumbered(number)).toEqual([]);
      expect(await levels(product.sku)).toEqual({ MAIN: 5 });
    });

    it('takes sold units out of the stock location, and answers 409 conflict when short, creating nothing', async () => {
      const plenty = await stocked(10);
      const scarce = await stocked(1);
      const customer = await buildCustomer(admin);
      const sold = await buildOrder(admin, { customerId: customer.id, stockLocation: 'MAIN', lines: [{ sku: plenty.sku, quantity: 3, unitPrice: 1000 }] });
      expect(sold.lines[0]?.quantity).toBe(3);
      expect(await levels(plenty.sku)).toEqual({ MAIN: 7 });

      const number = unique('SO');
      const short = await admin.post(
        '/api/v1/orders',
        orderBody({
          number,
          customerId: customer.id,
          stockLocation: 'MAIN',
          lines: [
            { sku: plenty.sku, quantity: 2, unitPrice: 1000 },
            { sku: scarce.sku, quantity: 2, unitPrice: 1000 },
          ],
          payments: [{ method: 'alipay', amount: 4000 }],
        }),
      );
      expectError(short, 409, 'conflict');
      expect(await ordersNumbered(number)).toEqual([]);
      expect(await levels(plenty.sku)).toEqual({ MAIN: 7 });
      expect(await levels(scarce.sku)).toEqual({ MAIN: 1 });
      const movements = (await admin.get(`/api/v1/inventory/movements?sku=${plenty.sku}`)).body.data;
      expect(movements).toHaveLength(2);

      // Without stockLocation the order is a historical import: stock is untouched.
      await buildOrder(admin, { customerId: customer.id, lines: [{ sku: scarce.sku, quantity: 5, unitPrice: 1000 }] });
      expect(await levels(scarce.sku)).toEqual({ MAIN: 1 });
    });

    it('answers 409 conflict for a taken order number, moving no stock', async () => {
      const product = await stocked(10);
      const customer = await buildCustomer(admin);
      const first = await buildOrder(admin, { customerId: customer.id, stockLocation: 'MAIN', lines: [{ sku: product.sku, quantity: 1, unitPrice: 1000 }] });
      const again = await admin.post(
        '/api/v1/orders',
        orderBody({
          number: first.number,
          customerId: customer.id,
          stockLocation: 'MAIN',
          lines: [{ sku: product.sku, quantity: 4, unitPrice: 1000 }],
          payments: [{ method: 'alipay', amount: 4000 }],
        }),
      );
      expectError(again, 409, 'conflict');
      expect((await ordersNumbered(first.number)).map((o) => o.id)).toEqual([first.id]);
      expect(await levels(product.sku)).toEqual({ MAIN: 9 });
    });
  });

  describe('documents and health', () => {
    it('serves OpenAPI 3.1 with full paths', async () => {
      const response = await client(t.app).get('/api/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\.1\./);
      const paths = Object.keys(response.body.paths);
      for (const path of [
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/portal/sessions',
        '/api/v1/products',
        '/api/v1/customers/{id}',
        '/api/v1/locations',
        '/api/v1/inventory/adjustments',
        '/api/v1/inventory/levels',
        '/api/v1/inventory/movements',
        '/api/v1/orders',
        '/api/v1/orders/{id}',
        '/api/v1/returns',
        '/api/v1/returns/{id}',
        '/api/v1/returns/{id}/receive',
        '/api/v1/returns/{id}/refund',
        '/api/v1/refunds/{id}/approve',
        '/api/v1/public/policy',
        '/api/v1/policy',
        '/api/v1/webhooks',
        '/api/v1/reports/returns',
      ]) {
        expect(paths, path).toContain(path);
      }
      expect(response.body.paths['/api/v1/returns/{id}/receive'].post).toBeDefined();
      expect(response.body.paths['/api/v1/policy'].put).toBeDefined();
    });

    it('serves a browsable reference at /api/docs', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toMatch(/<html/i);
    });

    it('answers /healthz with {"status":"ok"}', async () => {
      const response = await client(t.app).get('/healthz');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });
  });
});
