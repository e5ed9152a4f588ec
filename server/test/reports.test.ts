/** The returns report on a small dataset whose every number was worked out by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { buildCustomer, buildProduct, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Row = { key: string; returnedUnits: number; soldUnits: number; returnRate: number | null; refundedAmount: number };

describe.each(testDatabases)('returns report on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager' | 'viewer', Client>;
  const sku: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  const customer: Record<'one' | 'two', string> = { one: '', two: '' };

  /** Files a return of `quantity` units of the order's line for `sku` at a given instant. */
  async function fileReturn(order: { id: string; lines: { id: string; sku: string }[] }, line: string, quantity: number, reasonCode: string, at: string) {
    clock.set(new Date(at));
    const orderLine = order.lines.find((l) => l.sku === line);
    const response = await staff.service.post('/api/v1/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: orderLine?.id, quantity, reasonCode }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; lines: { id: string; quantity: number }[] };
  }

  /** Approves, receives, inspects and refunds a return in full. */
  async function refundInFull(ret: { id: string; lines: { id: string; quantity: number }[] }) {
    const line = ret.lines[0] as { id: string; quantity: number };
    await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: line.id, quantity: line.quantity }] });
    await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
      lines: [{ lineId: line.id, quantity: line.quantity, grade: 'A', disposition: 'restock' }],
    });
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(refunded.body.status).toBe('resolved');
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager', 'viewer'] as const);
    sku.A = (await buildProduct(admin, { category: '服装', price: 10_000 })).sku;
    sku.B = (await buildProduct(admin, { category: '鞋', price: 5000 })).sku;
    sku.C = (await buildProduct(admin, { category: '服装', price: 2000 })).sku;
    customer.one = (await buildCustomer(admin)).id;
    customer.two = (await buildCustomer(admin)).id;

    const order = async (o: { customerId: string; channel: string; placedAt: string; deliveredAt: string; lines: [string, number, number][] }) => {
      const lines = o.lines.map(([s, quantity, unitPrice]) => ({ sku: s, quantity, unitPrice }));
      const response = await admin.post('/api/v1/orders', {
        number: `SO-${o.placedAt.replace(/\D/g, '')}-${o.customerId.slice(-6)}`,
        customerId: o.customerId,
        channel: o.channel,
        currency: 'CNY',
        placedAt: o.placedAt,
        deliveredAt: o.deliveredAt,
        lines,
        payments: [{ method: 'alipay', amount: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) }],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body as { id: string; lines: { id: string; sku: string }[] };
    };
    // Placed on the first instant of the period: counted.
    const o1 = await order({
      customerId: customer.one,
      channel: 'tmall',
      placedAt: '2026-10-01T00:00:00Z',
      deliveredAt: '2026-10-02T00:00:00Z',
      lines: [
        [sku.A, 2, 10_000],
        [sku.B, 1, 5000],
      ],
    });
    const o2 = await order({
      customerId: customer.two,
      channel: 'jd',
      placedAt: '2026-10-05T10:00:00Z',
      deliveredAt: '2026-10-06T00:00:00Z',
      lines: [
        [sku.A, 1, 10_000],
        [sku.C, 4, 2000],
      ],
    });
    // Placed at the end of the period (exclusive): not counted.
    const o3 = await order({
      customerId: customer.one,
      channel: 'tmall',
      placedAt: '2026-10-08T00:00:00Z',
      deliveredAt: '2026-10-08T00:00:00Z',
      lines: [[sku.B, 3, 5000]],
    });
    // Placed before the period, returned within it.
    const o4 = await order({
      customerId: customer.two,
      channel: 'jd',
      placedAt: '2026-09-30T23:59:59Z',
      deliveredAt: '2026-10-01T10:00:00Z',
      lines: [[sku.C, 2, 2000]],
    });

    const r1 = await fileReturn(o1, sku.A, 1, 'no_reason', '2026-10-03T00:00:00Z');
    await refundInFull(r1);
    const r2 = await fileReturn(o1, sku.B, 1, 'quality', '2026-10-04T00:00:00Z');
    expect((await staff.service.post(`/api/v1/returns/${r2.id}/reject`, { reason: '人为损坏' })).status).toBe(200);
    const r3 = await fileReturn(o2, sku.C, 2, 'wrong_item', '2026-10-07T23:59:59Z');
    await staff.service.post(`/api/v1/returns/${r3.id}/approve`, {});
    const r4 = await fileReturn(o2, sku.A, 1, 'no_reason', '2026-10-06T00:00:00Z');
    expect((await staff.service.post(`/api/v1/returns/${r4.id}/cancel`, {})).status).toBe(200);
    const r5 = await fileReturn(o4, sku.C, 1, 'quality', '2026-10-02T00:00:00Z');
    await refundInFull(r5);
    const r6 = await fileReturn(o3, sku.B, 2, 'no_reason', '2026-10-08T00:00:00Z');
    await refundInFull(r6);
    await fileReturn(o2, sku.C, 1, 'no_reason', '2026-10-07T00:00:00Z');
    clock.set(new Date());
  });
  afterAll(() => t.close());

  async function report(groupBy: string, from = '2026-10-01', to = '2026-10-08', reader: Client = staff.finance): Promise<Row[]> {
    const response = await reader.get(`/api/v1/reports/returns?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.data as Row[]).sort((a, b) => a.key.localeCompare(b.key));
  }

  function expectRows(actual: Row[], expected: Row[]) {
    const sorted = [...expected].sort((a, b) => a.key.localeCompare(b.key));
    expect(actual.map(({ returnRate: _r, ...rest }) => rest)).toEqual(sorted.map(({ returnRate: _r, ...rest }) => rest));
    actual.forEach((row, i) => {
      const rate = sorted[i]?.returnRate;
      if (rate === null || rate === undefined) expect(row.returnRate).toBeNull();
      else expect(row.returnRate).toBeCloseTo(rate, 3);
    });
  }

  it('groups by product', async () => {
    expectRows(await report('product'), [
      { key: sku.A, returnedUnits: 1, soldUnits: 3, returnRate: 1 / 3, refundedAmount: 10_000 },
      { key: sku.B, returnedUnits: 0, soldUnits: 1, returnRate: 0, refundedAmount: 0 },
      { key: sku.C, returnedUnits: 4, soldUnits: 4, returnRate: 1, refundedAmount: 2000 },
    ]);
  });

  it('groups by category', async () => {
    expectRows(await report('category'), [
      { key: '服装', returnedUnits: 5, soldUnits: 7, returnRate: 5 / 7, refundedAmount: 12_000 },
      { key: '鞋', returnedUnits: 0, soldUnits: 1, returnRate: 0, refundedAmount: 0 },
    ]);
  });

  it('groups by reason, against every unit sold', async () => {
    expectRows(await report('reason'), [
      { key: 'no_reason', returnedUnits: 2, soldUnits: 8, returnRate: 0.25, refundedAmount: 10_000 },
      { key: 'quality', returnedUnits: 1, soldUnits: 8, returnRate: 0.125, refundedAmount: 2000 },
      { key: 'wrong_item', returnedUnits: 2, soldUnits: 8, returnRate: 0.25, refundedAmount: 0 },
    ]);
  });

  it('groups by sales channel and by customer', async () => {
    expectRows(await report('channel'), [
      { key: 'jd', returnedUnits: 4, soldUnits: 5, returnRate: 0.8, refundedAmount: 2000 },
      { key: 'tmall', returnedUnits: 1, soldUnits: 3, returnRate: 1 / 3, refundedAmount: 10_000 },
    ]);
    expectRows(await report('customer'), [
      { key: customer.one, returnedUnits: 1, soldUnits: 3, returnRate: 1 / 3, refundedAmount: 10_000 },
      { key: customer.two, returnedUnits: 4, soldUnits: 5, returnRate: 0.8, refundedAmount: 2000 },
    ]);
  });

  it('takes `from` inclusive and `to` exclusive, as dates or date-times', async () => {
    expect(await report('product', '2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z')).toEqual(await report('product'));
    // One second more takes in the order and the refunded return made at the end instant.
    const wider = await report('product', '2026-10-01', '2026-10-08T00:00:01Z');
    expect(wider.find((r) => r.key === sku.B)).toMatchObject({ returnedUnits: 2, soldUnits: 4, refundedAmount: 10_000 });
    // One second less leaves out the order placed on the first instant.
    const narrower = await report('product', '2026-10-01T00:00:01Z', '2026-10-08');
    expect(narrower.find((r) => r.key === sku.A)).toMatchObject({ returnedUnits: 1, soldUnits: 1 });
    // Offsets count: 08:00 in Shanghai is midnight UTC.
    expect(await report('channel', '2026-10-01T08:00:00+08:00', '2026-10-08T08:00:00+08:00')).toEqual(await report('channel'));
    expect(await report('product', '2026-11-01', '2026-11-02')).toEqual([]);
  });

  it('is for finance, managers and admins; service and warehouse get 403', async () => {
    expect((await report('reason', undefined, undefined, staff.manager)).length).toBe(3);
    expect((await report('reason', undefined, undefined, admin)).length).toBe(3);
    for (const role of ['service', 'warehouse'] as const) {
      const response = await staff[role].get('/api/v1/reports/returns?from=2026-10-01&to=2026-10-08&groupBy=reason');
      expect(response.status, role).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
  });

  it('answers 400 for a bad period or grouping', async () => {
    for (const query of ['from=2026-10-08&to=2026-10-01', 'from=2026-10-01&to=2026-10-08&groupBy=colour', 'to=2026-10-08']) {
      const response = await staff.finance.get(`/api/v1/reports/returns?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});
