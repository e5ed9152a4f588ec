/** Stock over the API: parcels, inspection dispositions, refused units, refund on receipt, refund-only, adjustments. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff, daysAgo } from './support/factories.ts';
import {
  approve,
  expectError,
  expectLevelsMatchLedger,
  expectStatus,
  inspect,
  levelsOf,
  movementsOf,
  type ReturnBody,
  receive,
  withPolicy,
} from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('stock and parcels on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance']);
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  /** A product with opening stock in MAIN, sold from MAIN to a new customer. */
  async function soldFromStock(quantity: number, price = 2500) {
    const product = await buildProduct(admin, { price });
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 10, reason: '期初库存' }), 201);
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity, unitPrice: price }], stockLocation: 'MAIN' });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 10 - quantity });
    return { product, order };
  }

  const route = (m: { fromLocation: string | null; toLocation: string | null; quantity: number; type: string }) => [
    m.fromLocation,
    m.toLocation,
    m.quantity,
    m.type,
  ];

  async function returnMovements(ret: { id: string }) {
    const response = await admin.get(`/api/v1/inventory/movements?sourceId=${ret.id}`);
    expectStatus(response, 200);
    for (const m of response.body.data) expect(m).toMatchObject({ sourceType: 'return', sourceId: ret.id });
    return response.body.data.map(route);
  }

  it('receives a return in two parcels, inspecting each, with the stock in RETURNS at every step', async () => {
    const { product, order } = await soldFromStock(3);
    const ret = await buildReturn(staff.service, order);
    await approve(staff.service, ret);
    const shipped = await staff.service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF0000000001' });
    expect(shipped.body.status).toBe('in_transit');
    const lineId = ret.lines[0].id;

    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 4 }] }), 409, 'quantity_exceeds_returnable');
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 7 });

    const parcel1 = await receive(staff.warehouse, ret, [2]);
    expect(parcel1).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 2, inspectedQuantity: 0 })] });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 7, RETURNS: 2 });
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 3, grade: 'A', disposition: 'restock' }] }),
      409,
      'quantity_exceeds_returnable',
    );

    const inspected1 = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
      lines: [
        { lineId, quantity: 1, grade: 'A', disposition: 'restock' },
        { lineId, quantity: 1, grade: 'C', disposition: 'damaged' },
      ],
    });
    expectStatus(inspected1, 200);
    expect(inspected1.body).toMatchObject({ status: 'inspected', refundableAmount: 5000 });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8, RETURNS: 0, DAMAGED: 1 });
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] }),
      409,
      'invalid_transition',
    );

    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 2 }] }), 409, 'quantity_exceeds_returnable');
    const parcel2 = await receive(staff.warehouse, ret, [1]);
    expect(parcel2).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 3, inspectedQuantity: 2 })] });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8, RETURNS: 1, DAMAGED: 1 });
    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] }), 409, 'quantity_exceeds_returnable');
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 2, grade: 'D', disposition: 'scrap' }] }),
      409,
      'quantity_exceeds_returnable',
    );

    const inspected2 = await inspect(staff.warehouse, ret, [1], 'scrap');
    expect(inspected2).toMatchObject({
      status: 'inspected',
      refundableAmount: 7500,
      lines: [expect.objectContaining({ receivedQuantity: 3, inspectedQuantity: 3 })],
    });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8, RETURNS: 0, DAMAGED: 1 });

    expect(await returnMovements(ret)).toEqual([
      [null, 'RETURNS', 2, 'return_receipt'],
      ['RETURNS', 'MAIN', 1, 'inspection_restock'],
      ['RETURNS', 'DAMAGED', 1, 'inspection_damaged'],
      [null, 'RETURNS', 1, 'return_receipt'],
      ['RETURNS', null, 1, 'scrap'],
    ]);
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(refunded.body).toMatchObject({ status: 'resolved', refundedAmount: 7500 });
    expect(refunded.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'approved',
      'in_transit',
      'received',
      'inspected',
      'received',
      'inspected',
      'resolved',
    ]);
  });

  it('moves each disposition as the contract says, and does not refund a refused unit', async () => {
    const { product, order } = await soldFromStock(5, 1000);
    const ret = await receive(staff.warehouse, await approve(staff.service, await buildReturn(staff.service, order)));
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 5, RETURNS: 5 });
    const lineId = ret.lines[0]?.id;
    const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
      lines: (['restock', 'damaged', 'scrap', 'vendor', 'reject'] as const).map((disposition) => ({ lineId, quantity: 1, grade: 'B', disposition })),
    });
    expectStatus(inspected, 200);
    expect(inspected.body).toMatchObject({
      status: 'inspected',
      refundableAmount: 4000,
      lines: [expect.objectContaining({ inspectedQuantity: 5, acceptedQuantity: 4, refusedQuantity: 1 })],
    });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 6, RETURNS: 0, DAMAGED: 1 });
    expect(await returnMovements(ret)).toEqual([
      [null, 'RETURNS', 5, 'return_receipt'],
      ['RETURNS', 'MAIN', 1, 'inspection_restock'],
      ['RETURNS', 'DAMAGED', 1, 'inspection_damaged'],
      ['RETURNS', null, 1, 'scrap'],
      ['RETURNS', null, 1, 'return_to_vendor'],
      ['RETURNS', null, 1, 'refused_return'],
    ]);
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(refunded.body).toMatchObject({ status: 'resolved', refundedAmount: 4000 });
    expectError(await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original', amount: 1000 }), 409, 'already_refunded');
  });

  it('resolves a return whose every unit is refused, with nothing paid', async () => {
    const { product, order } = await soldFromStock(2);
    const ret = await receive(staff.warehouse, await approve(staff.service, await buildReturn(staff.service, order)));
    const refused = await inspect(staff.warehouse, ret, [2], 'reject');
    expect(refused).toMatchObject({ status: 'resolved', refundableAmount: 0, refundedAmount: 0, refunds: [] });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8, RETURNS: 0 });
    expectError(await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }), 409, 'already_refunded');
    expect((await admin.get(`/api/v1/returns/${ret.id}`)).body).toMatchObject({ status: 'resolved', refundedAmount: 0, refunds: [] });
  });

  it('pays on receipt when the policy says so, and inspection still follows from resolved', async () => {
    await withPolicy(admin, { refundOnReceipt: true }, async () => {
      const { product, order } = await soldFromStock(2, 3000);
      const ret: ReturnBody = await approve(staff.service, await buildReturn(staff.service, order));
      expectError(await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }), 409, 'invalid_transition');

      const first = await receive(staff.warehouse, ret, [1]);
      expect(first).toMatchObject({ status: 'received', refundableAmount: 3000 });
      const paidFirst = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
      expect(paidFirst.body).toMatchObject({ status: 'received', refundedAmount: 3000 });

      const second = await receive(staff.warehouse, ret, [1]);
      expect(second).toMatchObject({ status: 'received', refundableAmount: 6000 });
      const paid = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
      expect(paid.body).toMatchObject({ status: 'resolved', refundedAmount: 6000 });
      expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8, RETURNS: 2 });

      // the warehouse still inspects what was paid for; a refused unit stays paid
      const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [
          { lineId: ret.lines[0]?.id, quantity: 1, grade: 'A', disposition: 'restock' },
          { lineId: ret.lines[0]?.id, quantity: 1, grade: 'D', disposition: 'reject' },
        ],
      });
      expectStatus(inspected, 200);
      expect(inspected.body).toMatchObject({ status: 'resolved', refundedAmount: 6000, lines: [expect.objectContaining({ inspectedQuantity: 2 })] });
      expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 9, RETURNS: 0 });
      // nothing is left to inspect
      const again = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [{ lineId: ret.lines[0]?.id, quantity: 1, grade: 'A', disposition: 'restock' }],
      });
      expect(again.status).toBe(409);
      expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 9, RETURNS: 0 });
      expectError(await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }), 409, 'already_refunded');
    });
  });

  it('refunds a refund-only request without goods: no ship, receive or inspect', async () => {
    const { product, order } = await soldFromStock(2, 1800);
    const ret = await buildReturn(staff.service, order, { type: 'refund_only', quantity: 1 });
    expect(ret).toMatchObject({ type: 'refund_only', status: 'requested' });
    const approved = await approve(staff.service, ret);
    expect(approved).toMatchObject({ status: 'approved', refundableAmount: 1800 });
    const lineId = ret.lines[0].id;
    expectError(await staff.service.post(`/api/v1/returns/${ret.id}/ship`, { carrier: '顺丰', trackingNumber: 'SF0000000002' }), 409, 'invalid_transition');
    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] }), 409, 'invalid_transition');
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] }),
      409,
      'invalid_transition',
    );
    const refunded = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });
    expect(refunded.body).toMatchObject({ status: 'resolved', refundedAmount: 1800 });
    expect(await returnMovements(ret)).toEqual([]);
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 8 });
    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] }), 409, 'invalid_transition');
  });

  it('returns an order never delivered (intercepted, refused) outside any window', async () => {
    const undelivered = await buildOrderScenario(admin, { quantity: 1, deliveredAt: null });
    const response = await staff.service.post('/api/v1/returns', {
      orderId: undelivered.order.id,
      resolution: 'refund',
      lines: [{ orderLineId: undelivered.order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expectStatus(response, 201);
    expect(response.body.decision.rules).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'return_window', outcome: 'pass' })]));

    const late = await buildOrderScenario(admin, { quantity: 1, deliveredAt: daysAgo(40) });
    const refused = await staff.service.post('/api/v1/returns', {
      orderId: late.order.id,
      resolution: 'refund',
      lines: [{ orderLineId: late.order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expectError(refused, 422, 'not_eligible');
  });

  it('adjusts stock up and down, refusing to go below zero and changing nothing when it refuses', async () => {
    const product = await buildProduct(admin);
    const up = await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 5, reason: '盘盈' });
    expectStatus(up, 201);
    expect(up.body).toMatchObject({ sku: product.sku, fromLocation: null, toLocation: 'MAIN', quantity: 5, type: 'adjustment', sourceType: 'adjustment' });
    const down = await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: -3, reason: '盘亏' });
    expectStatus(down, 201);
    expect(down.body).toMatchObject({ fromLocation: 'MAIN', toLocation: null, quantity: 3 });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2 });

    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: -3, reason: '盘亏' }),
      409,
      'conflict',
    );
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'DAMAGED', quantity: -1, reason: '报废' }),
      409,
      'conflict',
    );
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2 });
    expect((await movementsOf(admin, product.sku)).map(route)).toEqual([
      [null, 'MAIN', 5, 'adjustment'],
      ['MAIN', null, 3, 'adjustment'],
    ]);

    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: 'NO-SUCH-SKU', location: 'MAIN', quantity: 1, reason: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'NOWHERE', quantity: 1, reason: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 0, reason: 'x' }),
      400,
      'validation_failed',
    );
    expectError(await staff.finance.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 1, reason: 'x' }), 403, 'forbidden');

    // a sale short of stock is refused whole, moving nothing
    const customer = await buildCustomer(admin);
    const short = await admin.post('/api/v1/orders', {
      number: `SO-SHORT-${product.sku}`,
      customerId: customer.id,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: daysAgo(1),
      stockLocation: 'MAIN',
      lines: [{ sku: product.sku, quantity: 3, unitPrice: 9900 }],
      payments: [{ method: 'alipay', amount: 29_700 }],
    });
    expectError(short, 409, 'conflict');
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2 });
    expect(await movementsOf(admin, product.sku)).toHaveLength(2);
  });
});
