/** The console's process picture (and a manager's edit of it), customers with return rates, and stock with its ledger. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Stage = { code: string; ownerRole: string; current: number; overdue: number; medianHours: number | null; steps: string[]; timeLimitHours: number | null };

describe.each(testDatabases)('console views on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager'] as const);
  });
  afterAll(() => t.close());

  describe('process', () => {
    it('draws every stage with its owner, time limit, steps and the returns sitting there now', async () => {
      const { order } = await buildOrderScenario(admin);
      await buildReturn(staff.service, order);
      const response = await staff.warehouse.get('/api/v1/console/process');
      expect(response.status).toBe(200);
      const stages: Stage[] = response.body.stages;
      expect(stages.map((s) => s.code)).toEqual(['apply', 'review', 'return_shipping', 'receiving', 'inspection', 'refund', 'done']);
      const review = stages.find((s) => s.code === 'review');
      expect(review).toMatchObject({ ownerRole: 'service', timeLimitHours: 24, overdue: 0 });
      expect(review?.current).toBeGreaterThanOrEqual(1);
      expect(review?.medianHours).toBeGreaterThanOrEqual(0);
      expect(stages.find((s) => s.code === 'inspection')).toMatchObject({ current: 0, medianHours: null });
    });

    it('lets a manager change the operating steps and time limits, and nobody else', async () => {
      const current = (await staff.manager.get('/api/v1/console/process')).body;
      const stages = current.stages.map(({ current: _c, overdue: _o, medianHours: _m, typicalHours: _t, ...s }: Stage & { typicalHours: unknown }) =>
        s.code === 'inspection'
          ? { ...s, timeLimitHours: 36, steps: [...s.steps, '拍照留存'], stepsEn: [...(s as unknown as { stepsEn: string[] }).stepsEn, 'Take photos'] }
          : s,
      );
      expect((await staff.service.put('/api/v1/console/process', { stages })).status).toBe(403);
      expect(current.automations).toEqual(expect.any(Array));
      const saved = await staff.manager.put('/api/v1/console/process', { stages, automations: current.automations });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(current.version + 1);
      expect(saved.body.automations).toEqual(current.automations);
      const inspection = saved.body.stages.find((s: Stage) => s.code === 'inspection');
      expect(inspection).toMatchObject({ timeLimitHours: 36 });
      expect(inspection.steps.at(-1)).toBe('拍照留存');

      const missing = await staff.manager.put('/api/v1/console/process', { stages: stages.filter((s: Stage) => s.code !== 'refund') });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('validation_failed');
    });
  });

  describe('customers', () => {
    it('shows orders, units, return rate against the average, and flags a customer who returns far more', async () => {
      const product = await buildProduct(admin, { price: 1000 });
      const steady = await buildCustomer(admin);
      await buildOrder(admin, { customerId: steady.id, lines: [{ sku: product.sku, quantity: 20, unitPrice: 1000 }] });
      const returner = await buildCustomer(admin);
      const order = await buildOrder(admin, { customerId: returner.id, lines: [{ sku: product.sku, quantity: 3, unitPrice: 1000 }] });
      await buildReturn(staff.service, order, { quantity: 3 });

      const list = await staff.service.get(`/api/v1/console/customers?q=${returner.phone}`);
      expect(list.status).toBe(200);
      expect(list.body.data).toHaveLength(1);
      expect(list.body.data[0]).toMatchObject({ id: returner.id, orders: 1, soldUnits: 3, returns: 1, returnedUnits: 3, returnRate: 1, flagged: true });
      expect(list.body.averageReturnRate).toBeGreaterThan(0);

      const insight = await staff.service.get(`/api/v1/console/customers/${steady.id}/insight`);
      expect(insight.body.stats).toMatchObject({ soldUnits: 20, returnedUnits: 0, returnRate: 0, flagged: false });
      expect(insight.body.refunds).toEqual([]);

      const masked = await staff.warehouse.get(`/api/v1/console/customers?q=${returner.phone}`);
      expect(masked.body.data[0].phone).toBe(`${returner.phone.slice(0, 3)}****${returner.phone.slice(-4)}`);
      expect((await staff.service.get('/api/v1/console/customers/cus_missing/insight')).status).toBe(404);
    });
  });

  describe('stock', () => {
    it('lists stock per location with the returns zone apart and drills into the ledger with document numbers', async () => {
      const product = await buildProduct(admin, { price: 2000 });
      await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 10, reason: '期初库存' });
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 2, unitPrice: 2000 }], stockLocation: 'MAIN' });
      const ret = await buildReturn(staff.service, order);
      await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 2 }] });

      const stock = await staff.warehouse.get(`/api/v1/console/stock?q=${product.sku}`);
      expect(stock.status).toBe(200);
      expect(stock.body.data[0]).toMatchObject({ sku: product.sku, levels: { MAIN: 8, RETURNS: 2 }, soldUnits: 2, returnedUnits: 2, returnRate: 1 });
      expect(stock.body.locations.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['MAIN', 'RETURNS', 'DAMAGED']));
      const inReturnsZone = await staff.warehouse.get('/api/v1/console/stock?location=RETURNS');
      expect(inReturnsZone.body.data.map((r: { sku: string }) => r.sku)).toContain(product.sku);

      const ledger = await staff.warehouse.get(`/api/v1/console/stock/ledger?sku=${product.sku}&location=RETURNS`);
      expect(ledger.status).toBe(200);
      expect(ledger.body.data).toEqual([
        expect.objectContaining({
          type: 'return_receipt',
          toLocation: 'RETURNS',
          quantity: 2,
          sourceType: 'return',
          sourceId: ret.id,
          sourceNumber: ret.number,
        }),
      ]);
      expect(ledger.body.data[0].actorName).toBeTruthy();
      const all = await staff.warehouse.get(`/api/v1/console/stock/ledger?sku=${product.sku}`);
      expect(all.body.total).toBe(3);
      expect(all.body.data.map((m: { sourceNumber: string | null }) => m.sourceNumber)).toContain(order.number);
      expect((await staff.finance.get('/api/v1/console/stock')).status).toBe(200);
    });
  });
});
