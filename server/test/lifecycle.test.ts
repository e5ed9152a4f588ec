/** A return walked through every step over the API, with stock and money checked at each. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('return lifecycle on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'manager', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance', 'manager'] as const);
  });
  afterAll(() => t.close());

  async function levels(sku: string): Promise<Record<string, number>> {
    const response = await admin.get(`/api/v1/inventory/levels?sku=${sku}`);
    return Object.fromEntries(response.body.data.map((l: { location: string; onHand: number }) => [l.location, l.onHand]));
  }

  it('walks a return from the portal through review, shipping, receipt, inspection and refund', async () => {
    const product = await buildProduct(admin, { price: 12_900 });
    await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 10, reason: 'opening stock' });
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 2, unitPrice: 12_900 }], stockLocation: 'MAIN' });
    expect(await levels(product.sku)).toEqual({ MAIN: 8 });

    const session = await t.app.inject({ method: 'POST', url: '/api/v1/portal/sessions', payload: { orderNumber: order.number, contact: customer.phone } });
    expect(session.statusCode).toBe(201);
    const portal = { token: session.json().token as string };
    expect(session.json().order.lines[0].returnableQuantity).toBe(2);
    const { client } = await import('./support/test-app.ts');
    const customerClient = client(t.app, portal.token);

    const created = await customerClient.post('/api/v1/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 2, reasonCode: 'no_reason' }],
    });
    expect(created.status).toBe(201);
    const ret = created.body;
    expect(ret.status).toBe('requested');
    expect(ret.number).toMatch(/^RT-\d{8}-\d{4}$/);
    expect(ret.channel).toBe('portal');
    expect(ret.decision.outcome).toBe('pending_review');
    expect(ret.decision.rules.length).toBeGreaterThan(0);
    expect(ret.decision.rules.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['return_window', 'product_returnable', 'auto_approve']));
    expect(ret.timeline[0]).toMatchObject({ status: 'requested', actor: { kind: 'customer', id: customer.id } });

    const orderAfter = await admin.get(`/api/v1/orders/${order.id}`);
    expect(orderAfter.body.lines[0].returnableQuantity).toBe(0);

    expect((await staff.warehouse.post(`/api/v1/returns/${ret.id}/approve`, {})).status).toBe(403);
    const approved = await staff.service.post(`/api/v1/returns/${ret.id}/approve`, { note: '符合七天无理由' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const shipped = await customerClient.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' });
    expect(shipped.body.status).toBe('in_transit');

    const lineId = ret.lines[0].id;
    const received = await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 2 }] });
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('received');
    expect(await levels(product.sku)).toEqual({ MAIN: 8, RETURNS: 2 });

    const early = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_transition');

    const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
      lines: [
        { lineId, quantity: 1, grade: 'A', disposition: 'restock' },
        { lineId, quantity: 1, grade: 'C', disposition: 'damaged' },
      ],
    });
    expect(inspected.status).toBe(200);
    expect(inspected.body.status).toBe('inspected');
    expect(inspected.body.refundableAmount).toBe(25_800);
    expect(await levels(product.sku)).toEqual({ MAIN: 9, RETURNS: 0, DAMAGED: 1 });

    const movements = await admin.get(`/api/v1/inventory/movements?sku=${product.sku}`);
    const fromReturn = movements.body.data.filter((m: { sourceId: string }) => m.sourceId === ret.id);
    expect(
      fromReturn.map((m: { type: string; fromLocation: string | null; toLocation: string | null; quantity: number }) => [
        m.fromLocation,
        m.toLocation,
        m.quantity,
      ]),
    ).toEqual([
      [null, 'RETURNS', 2],
      ['RETURNS', 'MAIN', 1],
      ['RETURNS', 'DAMAGED', 1],
    ]);
    expect(fromReturn.every((m: { sourceType: string }) => m.sourceType === 'return')).toBe(true);

    expect((await staff.service.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' })).status).toBe(403);
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original', reference: 'ALIPAY-2026112700001' });
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe('resolved');
    expect(refunded.body.refundedAmount).toBe(25_800);
    expect(refunded.body.refunds).toEqual([expect.objectContaining({ amount: 25_800, method: 'original', status: 'paid' })]);

    const again = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_refunded');

    expect((await staff.service.post(`/api/v1/returns/${ret.id}/close`, {})).status).toBe(403);
    const closed = await staff.manager.post(`/api/v1/returns/${ret.id}/close`, {});
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'approved',
      'in_transit',
      'received',
      'inspected',
      'resolved',
      'closed',
    ]);

    const stats = await admin.get(`/api/v1/customers/${customer.id}`);
    expect(stats.body.returnStats).toEqual({ returns: 1, returnedUnits: 2, refundedAmount: 25_800 });
  });

  it('rejects with a reason and gives the units back to the order', async () => {
    const { order } = await buildOrderScenario(admin);
    const ret = await buildReturn(staff.service, order);
    const rejected = await staff.service.post(`/api/v1/returns/${ret.id}/reject`, { reason: '商品已使用' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '商品已使用' });
    expect((await admin.get(`/api/v1/orders/${order.id}`)).body.lines[0].returnableQuantity).toBe(2);
    const approve = await staff.service.post(`/api/v1/returns/${ret.id}/approve`, {});
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('invalid_transition');
  });

  it('cancels from requested and approved, not after receipt', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 3 });
    const first = await buildReturn(staff.service, order, { quantity: 1 });
    expect((await staff.service.post(`/api/v1/returns/${first.id}/cancel`, { reason: '客户改变主意' })).body.status).toBe('cancelled');
    const second = await buildReturn(staff.service, order, { quantity: 1 });
    await staff.service.post(`/api/v1/returns/${second.id}/approve`, {});
    await staff.warehouse.post(`/api/v1/returns/${second.id}/receive`, { lines: [{ lineId: second.lines[0].id, quantity: 1 }] });
    const cancel = await staff.service.post(`/api/v1/returns/${second.id}/cancel`, {});
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('invalid_transition');
  });

  it('lists returns with filters and cursor paging', async () => {
    const { order, customer } = await buildOrderScenario(admin, { quantity: 3 });
    for (let i = 0; i < 3; i++) await buildReturn(staff.service, order, { quantity: 1 });
    const page1 = await admin.get(`/api/v1/returns?customerId=${customer.id}&limit=2`);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await admin.get(`/api/v1/returns?customerId=${customer.id}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.data, ...page2.body.data].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(3);
    const byStatus = await admin.get(`/api/v1/returns?orderId=${order.id}&status=requested`);
    expect(byStatus.body.data).toHaveLength(3);
  });
});
