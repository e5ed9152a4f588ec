/**
 * The analytics reports on a small shop whose every number was worked out by hand,
 * with the period cut at midnight in Shanghai (UTC+8), on both databases.
 *
 * Orders (placed, Shanghai day): o1 tmall 10-01 00:00 A×2 B×1; o2 jd 10-05 A×1 C×4;
 * o3 tmall 10-08 00:00 B×3 (after the period); o4 jd 09-30 23:59:59 C×2 (before it).
 * Returns (filed, Shanghai day): r1 A×1 no_reason 10-02 refunded, restocked; r2 B×1 quality
 * rejected; r3 C×2 wrong_item 10-07 23:59:59 approved; r4 A×1 cancelled; r5 C×1 (of o4)
 * quality 10-01 00:00 refunded as store credit, damaged; r6 B×2 10-08 (after); r7 C×1 no_reason requested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { buildCustomer, buildProduct, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const hour = 3_600_000;
const period = 'from=2026-10-01&to=2026-10-08';

describe.each(testDatabases)('analytics reports on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager', Client>;
  const product: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  const customer: Record<'one' | 'two', string> = { one: '', two: '' };
  let supplierId = '';
  let warehouseId = '';

  type Order = { id: string; lines: { id: string; sku: string }[] };
  type Return = { id: string; status: string; lines: { id: string; quantity: number }[] };
  const skuOf: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  async function at<T>(iso: string | number, run: () => Promise<T>): Promise<T> {
    clock.set(new Date(iso));
    return run();
  }

  async function fileReturn(order: Order, p: 'A' | 'B' | 'C', quantity: number, reasonCode: string, when: string): Promise<Return> {
    const line = order.lines.find((l) => l.sku === skuOf[p]);
    const response = await at(when, () =>
      staff.service.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines: [{ orderLineId: line?.id, quantity, reasonCode }] }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as Return;
  }

  async function approve(ret: Return, when: number) {
    if (ret.status === 'requested') expect((await at(when, () => staff.service.post(`/api/v1/returns/${ret.id}/approve`, {}))).status).toBe(200);
  }

  /** Approve at +2 h, receive at +26 h, inspect at +28 h, refund at +30 h. */
  async function refundInFull(ret: Return, filedAt: string, disposition: string, method: string) {
    const start = Date.parse(filedAt);
    const line = ret.lines[0] as { id: string; quantity: number };
    await approve(ret, start + 2 * hour);
    const received = await at(start + 26 * hour, () =>
      staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: line.id, quantity: line.quantity }] }),
    );
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const inspected = await at(start + 28 * hour, () =>
      staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId: line.id, quantity: line.quantity, grade: 'B', disposition }] }),
    );
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(200);
    const refunded = await at(start + 30 * hour, () => staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method }));
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.status).toBe('resolved');
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager'])) as typeof staff;
    const a = await buildProduct(admin, { category: '服装', price: 10_000 });
    const b = await buildProduct(admin, { category: '鞋', price: 5000 });
    const c = await buildProduct(admin, { category: '服装', price: 2000 });
    Object.assign(product, { A: a.id, B: b.id, C: c.id });
    Object.assign(skuOf, { A: a.sku, B: b.sku, C: c.sku });
    const supplier = await admin.post('/api/v1/suppliers', { code: `S${Date.now().toString(36)}`, name: '杭州面料厂' });
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    supplierId = supplier.body.id;
    await t.db.updateTable('products').set({ supplierId }).where('id', '=', product.A).execute();
    warehouseId = (await t.db.selectFrom('warehouses').select('id').where('code', '=', 'WH1').executeTakeFirstOrThrow()).id;
    customer.one = (await buildCustomer(admin)).id;
    customer.two = (await buildCustomer(admin)).id;

    let n = 0;
    const order = async (customerId: string, channel: string, placedAt: string, lines: ['A' | 'B' | 'C', number, number][]): Promise<Order> => {
      n += 1;
      const body = lines.map(([p, quantity, unitPrice]) => ({ sku: skuOf[p], quantity, unitPrice }));
      const response = await admin.post('/api/v1/orders', {
        number: `SO-AN-${Date.now().toString(36)}-${n}`,
        customerId,
        channel,
        currency: 'CNY',
        placedAt,
        deliveredAt: new Date(Date.parse(placedAt) + 12 * hour).toISOString(),
        lines: body,
        payments: [{ method: 'alipay', amount: body.reduce((s, l) => s + l.quantity * l.unitPrice, 0) }],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body as Order;
    };
    const o1 = await order(customer.one, 'tmall', '2026-09-30T16:00:00.000Z', [
      ['A', 2, 10_000],
      ['B', 1, 5000],
    ]);
    const o2 = await order(customer.two, 'jd', '2026-10-05T10:00:00.000Z', [
      ['A', 1, 10_000],
      ['C', 4, 2000],
    ]);
    const o3 = await order(customer.one, 'tmall', '2026-10-07T16:00:00.000Z', [['B', 3, 5000]]);
    const o4 = await order(customer.two, 'jd', '2026-09-30T15:59:59.000Z', [['C', 2, 2000]]);

    const r1 = await fileReturn(o1, 'A', 1, 'no_reason', '2026-10-02T00:00:00.000Z');
    await refundInFull(r1, '2026-10-02T00:00:00.000Z', 'restock', 'original');
    const r2 = await fileReturn(o1, 'B', 1, 'quality', '2026-10-03T00:00:00.000Z');
    expect((await at(Date.parse('2026-10-03T02:00:00Z'), () => staff.service.post(`/api/v1/returns/${r2.id}/reject`, { reason: '人为损坏' }))).status).toBe(
      200,
    );
    const r3 = await fileReturn(o2, 'C', 2, 'wrong_item', '2026-10-07T15:59:59.000Z');
    await approve(r3, Date.parse('2026-10-07T17:59:59Z'));
    const r4 = await fileReturn(o2, 'A', 1, 'no_reason', '2026-10-06T00:00:00.000Z');
    expect((await at(Date.parse('2026-10-06T02:00:00Z'), () => staff.service.post(`/api/v1/returns/${r4.id}/cancel`, {}))).status).toBe(200);
    const r5 = await fileReturn(o4, 'C', 1, 'quality', '2026-09-30T16:00:00.000Z');
    await refundInFull(r5, '2026-09-30T16:00:00.000Z', 'damaged', 'store_credit');
    const r6 = await fileReturn(o3, 'B', 2, 'no_reason', '2026-10-07T16:00:00.000Z');
    await refundInFull(r6, '2026-10-07T16:00:00.000Z', 'restock', 'original');
    await fileReturn(o2, 'C', 1, 'no_reason', '2026-10-06T00:00:00.000Z');
    clock.set(new Date('2026-10-20T00:00:00Z'));
  });
  afterAll(() => t.close());

  async function get(path: string, reader: Client = staff.manager) {
    const response = await reader.get(`/api/v1/reports/${path}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  const pick = (rows: { key: string }[], key: string) => rows.find((r) => r.key === key);

  it('counts the return rate per product in units and in value, cut at midnight in Shanghai', async () => {
    const report = await get(`return-rate?${period}&groupBy=product`);
    expect(report.period).toMatchObject({ from: '2026-10-01', to: '2026-10-08', timeZone: 'Asia/Shanghai', fromInstant: '2026-09-30T16:00:00.000Z' });
    expect(report.totals).toMatchObject({ returns: 4, returnedUnits: 5, soldUnits: 8, returnedValue: 18_000, soldValue: 43_000, refundedAmount: 12_000 });
    expect(report.totals.unitRate).toBeCloseTo(5 / 8, 6);
    expect(report.totals.valueRate).toBeCloseTo(18_000 / 43_000, 6);
    expect(pick(report.data, product.A)).toMatchObject({
      returnedUnits: 1,
      soldUnits: 3,
      returnedValue: 10_000,
      soldValue: 30_000,
      refundedAmount: 10_000,
      category: '服装',
    });
    expect((pick(report.data, product.A) as unknown as { unitRate: number }).unitRate).toBeCloseTo(1 / 3, 6);
    expect(pick(report.data, product.B)).toMatchObject({ returnedUnits: 0, soldUnits: 1, unitRate: 0 });
    expect(pick(report.data, product.C)).toMatchObject({
      returns: 3,
      returnedUnits: 4,
      soldUnits: 4,
      unitRate: 1,
      returnedValue: 8000,
      soldValue: 8000,
      refundedAmount: 2000,
    });
    expect(report.data.map((r: { key: string }) => r.key)).toEqual([product.C, product.A, product.B]);
  });

  it('groups by category, supplier, reason, reason category, channel, customer and warehouse', async () => {
    const rows = async (groupBy: string) => (await get(`return-rate?${period}&groupBy=${groupBy}`)).data;
    const category = await rows('category');
    expect(pick(category, '服装')).toMatchObject({ returnedUnits: 5, soldUnits: 7 });
    expect(pick(category, '鞋')).toMatchObject({ returnedUnits: 0, soldUnits: 1 });
    const supplier = await rows('supplier');
    expect(pick(supplier, supplierId)).toMatchObject({ label: '杭州面料厂', returnedUnits: 1, soldUnits: 3 });
    expect(pick(supplier, '')).toMatchObject({ returnedUnits: 4, soldUnits: 5 });
    const reason = await rows('reason');
    expect(pick(reason, 'no_reason')).toMatchObject({ returnedUnits: 2, soldUnits: 8, unitRate: 0.25, label: '七天无理由', category: 'changed_mind' });
    expect(pick(reason, 'quality')).toMatchObject({ returnedUnits: 1, unitRate: 0.125 });
    expect(pick(reason, 'wrong_item')).toMatchObject({ returnedUnits: 2 });
    const reasonCategory = await rows('reasonCategory');
    expect(reasonCategory.map((r: { key: string; returnedUnits: number }) => [r.key, r.returnedUnits]).sort()).toEqual([
      ['changed_mind', 2],
      ['quality', 1],
      ['wrong_item', 2],
    ]);
    const channel = await rows('channel');
    expect(pick(channel, 'jd')).toMatchObject({ returnedUnits: 4, soldUnits: 5, unitRate: 0.8 });
    expect(pick(channel, 'tmall')).toMatchObject({ returnedUnits: 1, soldUnits: 3 });
    const customers = await rows('customer');
    expect(pick(customers, customer.two)).toMatchObject({ returns: 3, returnedUnits: 4, soldUnits: 5, unitRate: 0.8, label: '张三' });
    expect(pick(customers, customer.one)).toMatchObject({ returns: 1, returnedUnits: 1, soldUnits: 3 });
    // Ranked by units, the database cuts the page: 4 units, then 1.
    const byUnits = await get(`return-rate?${period}&groupBy=customer&limit=1`);
    expect(byUnits.data).toEqual([expect.objectContaining({ key: customer.two, returnedUnits: 4, soldUnits: 5 })]);
    const nextByUnits = await get(`return-rate?${period}&groupBy=customer&limit=1&cursor=${byUnits.nextCursor}`);
    expect(nextByUnits.data).toEqual([expect.objectContaining({ key: customer.one, returnedUnits: 1, soldUnits: 3 })]);
    expect(nextByUnits.nextCursor).toBeNull();
    expect((await staff.manager.get(`/api/v1/reports/return-rate?${period}&groupBy=customer&cursor=nonsense`)).status).toBe(400);
    // Ranked by rate, every returner's sales count before the page is cut: 4 of 5 before 1 of 3.
    const byRate = await get(`return-rate?${period}&groupBy=customer&sort=unitRate&limit=1`);
    expect(byRate.data).toEqual([expect.objectContaining({ key: customer.two, unitRate: 0.8 })]);
    const nextByRate = await get(`return-rate?${period}&groupBy=customer&sort=unitRate&limit=1&cursor=${byRate.nextCursor}`);
    expect(nextByRate.data).toEqual([expect.objectContaining({ key: customer.one, unitRate: 0.333333 })]);
    expect(nextByRate.nextCursor).toBeNull();
    // Received into WH1 (r1, r5); the rest were not received and the orders named no stock location.
    const warehouse = await rows('warehouse');
    expect(pick(warehouse, warehouseId)).toMatchObject({ returnedUnits: 2, soldUnits: 0, unitRate: null });
    expect(pick(warehouse, '')).toMatchObject({ returnedUnits: 3, soldUnits: 8 });
  });

  it('filters, and moves the boundaries with the period', async () => {
    const quality = await get(`return-rate?${period}&groupBy=product&reasonCategory=quality`);
    expect(quality.totals).toMatchObject({ returnedUnits: 1, soldUnits: 8 });
    const jd = await get(`return-rate?${period}&groupBy=product&channel=jd`);
    expect(jd.totals).toMatchObject({ returnedUnits: 4, soldUnits: 5 });
    const clothes = await get(`return-rate?${period}&groupBy=product&category=${encodeURIComponent('服装')}`);
    expect(clothes.totals).toMatchObject({ returnedUnits: 5, soldUnits: 7 });
    // The next day takes in o3 (placed 10-08 00:00 Shanghai) and r6.
    const next = await get('return-rate?from=2026-10-08&to=2026-10-09&groupBy=product');
    expect(pick(next.data, product.B)).toMatchObject({ returnedUnits: 2, soldUnits: 3, refundedAmount: 10_000 });
    // The day before takes in o4 (09-30 23:59:59 Shanghai) and nothing returned.
    const before = await get('return-rate?from=2026-09-30&to=2026-10-01&groupBy=product');
    expect(before.totals).toMatchObject({ returnedUnits: 0, soldUnits: 2 });
  });

  it('pages with a cursor', async () => {
    const first = await get(`return-rate?${period}&groupBy=product&limit=2`);
    expect(first.data.map((r: { key: string }) => r.key)).toEqual([product.C, product.A]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get(`return-rate?${period}&groupBy=product&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((r: { key: string }) => r.key)).toEqual([product.B]);
    expect(second.nextCursor).toBeNull();
  });

  it('draws the trend by day and by week in Shanghai, with the previous period', async () => {
    const daily = await get(`return-trend?${period}&interval=day`);
    expect(daily.previousPeriod).toEqual({ from: '2026-09-24', to: '2026-10-01' });
    expect(daily.data.map((d: { start: string; returnedUnits: number; soldUnits: number }) => [d.start, d.returnedUnits, d.soldUnits])).toEqual([
      ['2026-10-01', 1, 3],
      ['2026-10-02', 1, 0],
      ['2026-10-03', 0, 0],
      ['2026-10-04', 0, 0],
      ['2026-10-05', 0, 5],
      ['2026-10-06', 1, 0],
      ['2026-10-07', 2, 0],
    ]);
    expect(daily.data[6].previous).toMatchObject({ start: '2026-09-30', soldUnits: 2, returnedUnits: 0 });
    expect(daily.totals.previous).toMatchObject({ soldUnits: 2, returnedUnits: 0 });
    const weekly = await get(`return-trend?${period}&interval=week`);
    expect(weekly.data.map((d: { start: string; returnedUnits: number; soldUnits: number }) => [d.start, d.returnedUnits, d.soldUnits])).toEqual([
      ['2026-09-28', 2, 3],
      ['2026-10-05', 3, 5],
    ]);
    const monthly = await get(`return-trend?from=2026-09-01&to=2026-11-01&interval=month`);
    expect(monthly.data.map((d: { start: string; returnedUnits: number; soldUnits: number }) => [d.start, d.returnedUnits, d.soldUnits])).toEqual([
      ['2026-09-01', 0, 2],
      ['2026-10-01', 7, 11],
    ]);
  });

  it('ranks reasons against the previous period, and a product against its category', async () => {
    const reasons = await get(`reasons?${period}`);
    expect(reasons.reasons.map((r: { code: string; returnedUnits: number; previousUnits: number }) => [r.code, r.returnedUnits, r.previousUnits])).toEqual([
      ['no_reason', 2, 0],
      ['wrong_item', 2, 0],
      ['quality', 1, 0],
    ]);
    expect(reasons.reasons[0].share).toBeCloseTo(0.4, 6);
    const mix = await get(`product-reasons?${period}&productId=${product.C}`);
    expect(mix.product).toMatchObject({ id: product.C, category: '服装' });
    const byCode = Object.fromEntries(mix.mix.map((m: { code: string }) => [m.code, m]));
    expect(byCode.wrong_item).toMatchObject({ productUnits: 2, productShare: 0.5, categoryUnits: 2, categoryShare: 0.4 });
    expect(byCode.no_reason).toMatchObject({ productUnits: 1, productShare: 0.25, categoryUnits: 2, categoryShare: 0.4 });
    expect(mix.weekly.map((w: { start: string; returnedUnits: number; soldUnits: number }) => [w.start, w.returnedUnits, w.soldUnits])).toEqual([
      ['2026-09-28', 1, 0],
      ['2026-10-05', 3, 4],
    ]);
    expect((await staff.manager.get(`/api/v1/reports/product-reasons?${period}&productId=nope`)).status).toBe(404);
  });

  it('flags no jump on a handful of units', async () => {
    const jumps = await get(`jumps?${period}`);
    expect(jumps.data).toEqual([]);
    expect(jumps.rule).toMatchObject({ minSoldUnits: 30, minReturnedUnits: 5 });
  });

  it('measures time in each stage, overdue work and application → money back', async () => {
    const health = await get(`process-health?${period}`);
    const stage = (code: string) => health.stages.find((s: { stage: string }) => s.stage === code);
    // Review ended in the period for r1, r2, r4, r5, two hours each; r3's ended on 10-08 in Shanghai.
    expect(stage('review')).toMatchObject({ count: 4, medianHours: 2, p90Hours: 2, open: 1, overdue: 1, health: 'bad' });
    expect(stage('return_shipping')).toMatchObject({ count: 2, medianHours: 24, p90Hours: 24, open: 1, overdue: 1 });
    expect(stage('inspection')).toMatchObject({ count: 2, medianHours: 2 });
    expect(health.moneyBack).toEqual({ count: 2, medianHours: 30, p90Hours: 30 });
    expect(health.overdue).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stage: 'review', ownerRole: 'service', count: 1 }),
        expect.objectContaining({ stage: 'return_shipping', ownerRole: 'customer', count: 1 }),
      ]),
    );
  });

  it('adds up money and goods, and the cost of returns per product', async () => {
    const money = await get(`money?${period}`);
    expect(money.totals).toMatchObject({
      returnedUnits: 5,
      refundedAmount: 12_000,
      storeCreditAmount: 2000,
      feeAmount: 0,
      restockedUnits: 1,
      restockedValue: 10_000,
      damagedUnits: 1,
      damagedValue: 2000,
      lostValue: 2000,
      cost: 2000,
    });
    const c = money.data.find((r: { productId: string }) => r.productId === product.C);
    expect(c).toMatchObject({ refundedAmount: 2000, damagedValue: 2000, cost: 2000, sku: skuOf.C });
  });

  it('finds repeat returners against the average rate', async () => {
    const customers = await get(`customers?${period}`);
    expect(customers.averageRate).toBeCloseTo(5 / 8, 6);
    expect(customers.repeatCount).toBe(1);
    expect(customers.data).toEqual([
      expect.objectContaining({ customerId: customer.two, returns: 3, returnedUnits: 4, soldUnits: 5, repeat: true, outlier: false }),
    ]);
  });

  it('drills from a bar into the returns list', async () => {
    const report = await get(`return-rate?${period}&groupBy=product`);
    const counted = 'requested,approved,in_transit,received,inspected,resolved,closed';
    const range = `from=${encodeURIComponent(report.period.fromInstant)}&to=${encodeURIComponent(report.period.toInstant)}`;
    const list = await staff.manager.get(`/api/v1/console/returns?${range}&productId=${product.C}&status=${counted}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.total).toBe(3);
    const reasons = await staff.manager.get(`/api/v1/console/returns?${range}&reasonCodes=no_reason,quality&status=${counted}`);
    expect(reasons.body.total).toBe(3);
    const channel = await staff.manager.get(`/api/v1/console/returns?${range}&orderChannel=tmall&status=${counted}`);
    expect(channel.body.total).toBe(1);
    const received = await staff.manager.get(`/api/v1/console/returns?${range}&warehouseId=${warehouseId}&status=${counted}`);
    expect(received.body.total).toBe(2);
    const supplier = await staff.manager.get(`/api/v1/console/returns?${range}&supplierId=${supplierId}&category=${encodeURIComponent('服装')}`);
    expect(supplier.body.total).toBe(2);
  });

  it('exports every report to Excel', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } });
    const authorization = `Bearer ${login.json().token}`;
    for (const path of ['return-rate', 'return-trend', 'reasons', 'jumps', 'process-health', 'money', 'customers', 'product-reasons']) {
      const extra = path === 'product-reasons' ? `&productId=${product.C}` : '';
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${path}.xlsx?${period}${extra}`, headers: { authorization } });
      expect(response.statusCode, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('is for managers, finance and viewers; service and warehouse get 403; bad periods 400', async () => {
    expect((await staff.service.get(`/api/v1/reports/return-rate?${period}`)).status).toBe(403);
    expect((await staff.warehouse.get(`/api/v1/reports/reasons?${period}`)).status).toBe(403);
    const bad = await staff.manager.get('/api/v1/reports/return-rate?from=2026-10-08&to=2026-10-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
