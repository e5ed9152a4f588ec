/** Parallel writers on one stock level: transfers, sales, adjustments, opposite transfers, counts posting while goods move, phones counting at once. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildProduct, buildStaff, unique } from './support/factories.ts';
import { expectLevelsMatchLedger, expectStatus, levelsOf } from './support/returns-flow.ts';
import { type ApiResponse, adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const parallel = 20;

function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(testDatabases)('stock under concurrent writers on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client;
  let wh: string;
  let other: string;
  let customerId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { poolSize: 10 });
    admin = await signIn(t.app, adminEmail, adminPassword);
    manager = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['manager'])).manager as Client;
    wh = unique('K')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-6);
    other = `${wh}B`;
    expectStatus(await admin.post('/api/v1/warehouses', { code: wh, name: '并发仓' }), 201);
    expectStatus(await admin.post('/api/v1/warehouses', { code: other, name: '并发二仓' }), 201);
    customerId = (await buildCustomer(admin)).id;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));
  const stock = async (sku: string, location: string, quantity: number) =>
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku, location, quantity, reason: '期初库存' }), 201);
  const sell = (sku: string, location: string, quantity: number) =>
    admin.post('/api/v1/orders', {
      number: unique('SO'),
      customerId,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: new Date().toISOString(),
      stockLocation: location,
      lines: [{ sku, quantity, unitPrice: 100 }],
      payments: [{ method: 'alipay', amount: 100 * quantity }],
    });

  it(`lets exactly the units on hand leave when ${parallel} transfers race for them`, async () => {
    const product = await buildProduct(admin);
    await stock(product.sku, `${wh}-MAIN`, 10);
    const targets = [`${wh}-DAMAGED`, `${other}-MAIN`];
    const responses = await times(parallel, (i) =>
      admin.post('/api/v1/inventory/transfers', { lines: [{ sku: product.sku, fromLocation: `${wh}-MAIN`, toLocation: targets[i % 2], quantity: 1 }] }),
    );
    expect(tally(responses)).toEqual({ 201: 10, '409 conflict': parallel - 10 });
    const levels = await levelsOf(admin, product.sku);
    expect(levels[`${wh}-MAIN`]).toBe(0);
    expect((levels[`${wh}-DAMAGED`] ?? 0) + (levels[`${other}-MAIN`] ?? 0)).toBe(10);
  });

  it('never oversells one level when sales, adjustments and transfers race', async () => {
    const product = await buildProduct(admin);
    await stock(product.sku, `${wh}-MAIN`, 12);
    const responses = await times(24, (i) => {
      if (i % 3 === 0) return sell(product.sku, `${wh}-MAIN`, 1);
      if (i % 3 === 1)
        return admin.post('/api/v1/inventory/adjustment-documents', {
          reasonCode: 'lost',
          lines: [{ sku: product.sku, location: `${wh}-MAIN`, quantity: -1 }],
        });
      return admin.post('/api/v1/inventory/transfers', { lines: [{ sku: product.sku, fromLocation: `${wh}-MAIN`, toLocation: `${wh}-QC`, quantity: 1 }] });
    });
    expect(tally(responses)).toEqual({ 201: 12, '409 conflict': 12 });
    const levels = await levelsOf(admin, product.sku);
    expect(levels[`${wh}-MAIN`]).toBe(0);
  });

  it('moves units both ways between two levels at once without a deadlock', async () => {
    const product = await buildProduct(admin);
    await stock(product.sku, `${wh}-MAIN`, 10);
    await stock(product.sku, `${other}-MAIN`, 10);
    const responses = await times(parallel, (i) =>
      admin.post('/api/v1/inventory/transfers', {
        lines: [
          { sku: product.sku, fromLocation: i % 2 ? `${wh}-MAIN` : `${other}-MAIN`, toLocation: i % 2 ? `${other}-MAIN` : `${wh}-MAIN`, quantity: 1 },
          { sku: product.sku, fromLocation: i % 2 ? `${other}-MAIN` : `${wh}-MAIN`, toLocation: `${wh}-QC`, quantity: 1 },
        ],
      }),
    );
    expect(tally(responses)).toEqual({ 201: parallel });
    expect(await levelsOf(admin, product.sku)).toEqual({ [`${wh}-MAIN`]: 10 - parallel / 2, [`${other}-MAIN`]: 10 - parallel / 2, [`${wh}-QC`]: parallel });
  });

  it('posts a count while sales race it: the result is counted − snapshot on top of every sale', async () => {
    const product = await buildProduct(admin);
    await stock(product.sku, `${other}-QC`, 30);
    const count = await admin.post('/api/v1/stock-counts', { warehouse: other, locations: [`${other}-QC`] });
    expectStatus(count, 201);
    // Phones count side by side: 28 scans of one unit each (2 units are missing at the snapshot).
    const scans = await times(28, () =>
      admin.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: product.sku, location: `${other}-QC`, mode: 'add', quantity: 1 }] }),
    );
    expect(tally(scans)).toEqual({ 200: 28 });
    expectStatus(await admin.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
    const [approval, ...moves] = await Promise.all([
      manager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}),
      ...Array.from({ length: 10 }, () =>
        admin.post('/api/v1/inventory/transfers', { lines: [{ sku: product.sku, fromLocation: `${other}-QC`, toLocation: `${other}-MAIN`, quantity: 1 }] }),
      ),
    ]);
    expectStatus(approval!, 200);
    expect(tally(moves)).toEqual({ 201: 10 });
    expect(await levelsOf(admin, product.sku)).toMatchObject({ [`${other}-QC`]: 30 - 2 - 10, [`${other}-MAIN`]: 10 });
  });
});
