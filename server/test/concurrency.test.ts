/** Races over the API: parallel receives, refunds, return requests and idempotent retries change things exactly once. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import { approve, bringBack, expectLevelsMatchLedger, expectStatus, levelsOf, type ReturnBody, withPolicy } from './support/returns-flow.ts';
import { type ApiResponse, adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const parallel = 10;

/** Counts responses by "status code" or "status error-code". */
function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(testDatabases)('concurrency on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;
  let secondFinance: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    const signInAs = (e: string, p: string) => signIn(t.app, e, p);
    staff = await buildStaff(admin, signInAs, ['service', 'warehouse', 'finance']);
    secondFinance = (await buildStaff(admin, signInAs, ['finance'])).finance as Client;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

  it(`receives the due units exactly once when ${parallel} receives race`, async () => {
    const { order, product } = await buildOrderScenario(admin, { quantity: 3 });
    const ret = await approve(staff.service, await buildReturn(staff.service, order));
    const lineId = ret.lines[0]?.id;
    const oneEach = await times(parallel, () => staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] }));
    expect(tally(oneEach)).toEqual({ 200: 3, '409 quantity_exceeds_returnable': parallel - 3 });
    const after = await admin.get(`/api/v1/returns/${ret.id}`);
    expect(after.body).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 3 })] });
    expect(await levelsOf(admin, product.sku)).toEqual({ RETURNS: 3 });

    const second = await buildOrderScenario(admin, { quantity: 4 });
    const whole = await approve(staff.service, await buildReturn(staff.service, second.order));
    const all = await times(parallel, () =>
      staff.warehouse.post(`/api/v1/returns/${whole.id}/receive`, { lines: [{ lineId: whole.lines[0]?.id, quantity: 4 }] }),
    );
    expect(tally(all)).toEqual({ 200: 1, '409 quantity_exceeds_returnable': parallel - 1 });
    expect(await levelsOf(admin, second.product.sku)).toEqual({ RETURNS: 4 });
  });

  it(`pays a return exactly once when ${parallel} refunds race`, async () => {
    const { order, customer } = await buildOrderScenario(admin, { quantity: 2, price: 3333 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order));
    const responses = await times(parallel, (i) => staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: i % 2 ? 'store_credit' : 'original' }));
    expect(tally(responses)).toEqual({ 200: 1, '409 already_refunded': parallel - 1 });
    const after = await admin.get(`/api/v1/returns/${ret.id}`);
    expect(after.body).toMatchObject({ status: 'resolved', refundableAmount: 6666, refundedAmount: 6666 });
    expect(after.body.refunds).toHaveLength(1);
    const credit = (await admin.get(`/api/v1/customers/${customer.id}`)).body.storeCreditBalance;
    expect(credit).toBe(after.body.refunds[0].method === 'store_credit' ? 6666 : 0);
  });

  it('never pays more than refundable when partial refunds race', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1, price: 10_000 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order));
    // 10 000 refundable: at most three refunds of 3 000 fit
    const responses = await times(parallel, () => staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original', amount: 3000 }));
    expect(tally(responses)).toEqual({ 200: 3, '409 already_refunded': parallel - 3 });
    const after = await admin.get(`/api/v1/returns/${ret.id}`);
    expect(after.body).toMatchObject({ status: 'inspected', refundedAmount: 9000 });
    expect(after.body.refunds.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(9000);
  });

  it('prices the units of one order line to the fen when refunds of its returns race', async () => {
    // 10 units for 10 007 fen: units are worth 1000 or 1001, and all of them exactly 10 007
    const product = await buildProduct(admin, { price: 1100 });
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, discountAmount: 993, lines: [{ sku: product.sku, quantity: 10, unitPrice: 1100 }] });
    expect(order.lines[0]?.paidAmount).toBe(10_007);
    const returns = await times(10, async () => bringBack(staff, await buildReturn(staff.service, order, { quantity: 1 })));
    const responses = await Promise.all(returns.map((r) => staff.finance.post(`/api/v1/returns/${r.id}/refund`, { method: 'original' })));
    expect(tally(responses)).toEqual({ 200: 10 });
    const amounts = responses.map((r) => r.body.refundedAmount as number);
    expect(amounts.reduce((s, a) => s + a, 0)).toBe(10_007);
    expect(amounts.every((a) => a === 1000 || a === 1001)).toBe(true);
  });

  it(`never puts more units in live returns than were delivered when ${parallel} requests race`, async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 5 });
    const orderLineId = order.lines[0]?.id;
    const responses = await times(parallel, () =>
      staff.service.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines: [{ orderLineId, quantity: 2, reasonCode: 'no_reason' }] }),
    );
    expect(tally(responses)).toEqual({ 201: 2, '409 quantity_exceeds_returnable': parallel - 2 });
    const live = await admin.get(`/api/v1/returns?orderId=${order.id}`);
    expect(live.body.data.reduce((s: number, r: { lines: { quantity: number }[] }) => s + (r.lines[0]?.quantity ?? 0), 0)).toBe(4);
    expect((await admin.get(`/api/v1/orders/${order.id}`)).body.lines[0].returnableQuantity).toBe(1);

    const singles = await times(parallel, () =>
      staff.service.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines: [{ orderLineId, quantity: 1, reasonCode: 'no_reason' }] }),
    );
    expect(tally(singles)).toEqual({ 201: 1, '409 quantity_exceeds_returnable': parallel - 1 });
    expect((await admin.get(`/api/v1/orders/${order.id}`)).body.lines[0].returnableQuantity).toBe(0);
  });

  it('moves stock and money without deadlocks when returns sharing SKUs in opposite order race', async () => {
    const products = await Promise.all([buildProduct(admin, { price: 1500 }), buildProduct(admin, { price: 2500 })]);
    for (const p of products)
      expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: p.sku, location: 'MAIN', quantity: 100, reason: '期初' }), 201);
    const customer = await buildCustomer(admin);
    const pairs = 4;
    const returns: ReturnBody[] = [];
    for (let i = 0; i < pairs; i++) {
      const order = await buildOrder(admin, {
        customerId: customer.id,
        stockLocation: 'MAIN',
        lines: products.map((p) => ({ sku: p.sku, quantity: 2, unitPrice: p.price })),
      });
      // two returns of the same order, naming its lines in opposite orders
      for (const lines of [order.lines, [...order.lines].reverse()]) {
        const created = await staff.service.post('/api/v1/returns', {
          orderId: order.id,
          resolution: 'refund',
          lines: lines.map((l) => ({ orderLineId: l.id, quantity: 1, reasonCode: 'no_reason' })),
        });
        expectStatus(created, 201);
        returns.push(await approve(staff.service, created.body));
      }
    }
    const everyLine = (r: ReturnBody) => r.lines.map((l) => ({ lineId: l.id, quantity: 1 }));
    const received = await Promise.all(returns.map((r) => staff.warehouse.post(`/api/v1/returns/${r.id}/receive`, { lines: everyLine(r) })));
    expect(tally(received)).toEqual({ 200: 2 * pairs });
    const inspected = await Promise.all(
      returns.map((r) =>
        staff.warehouse.post(`/api/v1/returns/${r.id}/inspect`, {
          lines: r.lines.map((l) => ({ lineId: l.id, quantity: 1, grade: 'A', disposition: 'restock' })),
        }),
      ),
    );
    expect(tally(inspected)).toEqual({ 200: 2 * pairs });
    const refunded = await Promise.all(returns.map((r) => staff.finance.post(`/api/v1/returns/${r.id}/refund`, { method: 'original' })));
    expect(tally(refunded)).toEqual({ 200: 2 * pairs });
    expect(refunded.reduce((s, r) => s + r.body.refundedAmount, 0)).toBe(pairs * 2 * (1500 + 2500));
    for (const p of products) expect(await levelsOf(admin, p.sku)).toEqual({ MAIN: 100, RETURNS: 0 });
  });

  it('sells and writes off only the stock there is when sales and adjustments race', async () => {
    const product = await buildProduct(admin, { price: 1000 });
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 5, reason: '期初' }), 201);
    const customer = await buildCustomer(admin);
    const sales = await times(parallel, (i) =>
      admin.post('/api/v1/orders', {
        number: `SO-RACE-${product.sku}-${i}`,
        customerId: customer.id,
        channel: 'jd',
        currency: 'CNY',
        placedAt: new Date().toISOString(),
        stockLocation: 'MAIN',
        lines: [{ sku: product.sku, quantity: 1, unitPrice: 1000 }],
        payments: [{ method: 'wechat', amount: 1000 }],
      }),
    );
    expect(tally(sales)).toEqual({ 201: 5, '409 conflict': parallel - 5 });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 0 });

    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 3, reason: '盘盈' }), 201);
    const writeOffs = await times(parallel, () =>
      staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: -1, reason: '报损' }),
    );
    expect(tally(writeOffs)).toEqual({ 201: 3, '409 conflict': parallel - 3 });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 0 });
  });

  it('pays a held refund once when approvals race', async () => {
    await withPolicy(admin, { refundApprovalLimit: 100 }, async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1, price: 5000 });
      const ret = await bringBack(staff, await buildReturn(staff.service, order));
      const held = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'store_credit' });
      const refundId = held.body.refunds[0]?.id;
      expect(held.body.refunds[0]).toMatchObject({ status: 'pending_approval' });
      const approvals = await times(parallel, () => secondFinance.post(`/api/v1/refunds/${refundId}/approve`, {}));
      expect(tally(approvals)).toEqual({ 200: 1, '409 conflict': parallel - 1 });
      const after = await admin.get(`/api/v1/returns/${ret.id}`);
      expect(after.body).toMatchObject({ status: 'resolved', refundedAmount: 5000 });
      expect((await admin.get(`/api/v1/customers/${ret.customerId}`)).body.storeCreditBalance).toBe(5000);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays a retried request without changing anything again', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 2 });
      const body = { orderId: order.id, resolution: 'refund', lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }] };
      const key = { 'idempotency-key': `create-${order.id}` };
      const first = await staff.service.post('/api/v1/returns', body, key);
      expectStatus(first, 201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const retry = await staff.service.post('/api/v1/returns', body, key);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toHaveLength(1);

      const reused = await staff.service.post('/api/v1/returns', { ...body, resolution: 'store_credit' }, key);
      expect({ status: reused.status, code: reused.body?.error?.code }).toEqual({ status: 409, code: 'idempotency_key_reused' });
      expect((await admin.get(`/api/v1/returns?orderId=${order.id}`)).body.data).toHaveLength(1);

      // an action retried: the parcel is received once
      const ret = await approve(staff.service, first.body);
      const receiveKey = { 'idempotency-key': `receive-${ret.id}` };
      const parcel = { lines: [{ lineId: ret.lines[0]?.id, quantity: 1 }] };
      const received = await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, parcel, receiveKey);
      expectStatus(received, 200);
      const again = await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, parcel, receiveKey);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(received.body);
      expect((await admin.get(`/api/v1/inventory/movements?sourceId=${ret.id}`)).body.data).toHaveLength(1);
    });

    it('changes things once when the same key and body arrive in parallel', async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1 });
      const ret = await bringBack(staff, await buildReturn(staff.service, order));
      const key = { 'idempotency-key': `refund-${ret.id}` };
      const responses = await times(parallel, () => staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }, key));
      const after = await admin.get(`/api/v1/returns/${ret.id}`);
      expect(after.body.refunds).toHaveLength(1);
      expect(after.body.refundedAmount).toBe(9900);
      // every caller gets the first response; the repeats say they are replays
      expect(tally(responses)).toEqual({ 200: parallel });
      for (const r of responses) expect(r.body).toEqual(responses.find((x) => x.headers['idempotent-replayed'] === undefined)?.body);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(parallel - 1);

      const sequential = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }, key);
      expect(sequential.status).toBe(200);
      expect(sequential.headers['idempotent-replayed']).toBe('true');
      expect((await admin.get(`/api/v1/returns/${ret.id}`)).body.refunds).toHaveLength(1);
      const other = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'manual' }, key);
      expect({ status: other.status, code: other.body?.error?.code }).toEqual({ status: 409, code: 'idempotency_key_reused' });
    });
  });
});
