/**
 * Exchanges over the API (issue 7): the replacement chosen when filing or changed later,
 * held from sellable stock on approval (two exchanges for the last unit: one wins, the
 * other is told), shipped on a replacement order that takes it out of stock, the price
 * difference refunded or charged (to store credit), the fallback to a refund or credit
 * when it is out of stock, and shipping before the goods are back only for trusted customers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareVariantLabels } from '../src/modules/catalog/variant-order.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildStaff, unique } from './support/factories.ts';
import { portalClient } from './support/portal-fixtures.ts';
import { approve, expectError, expectLevelsMatchLedger, expectStatus, inspect, type ReturnBody, receive } from './support/returns-flow.ts';
import { type ApiResponse, adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('the order sizes and colours are offered in', () => {
  it('orders clothing sizes, numbers and colours as customers read them, not by SKU', () => {
    const sorted = (labels: (string | null)[]) => [...labels].sort(compareVariantLabels);
    expect(sorted(['L', 'XL', 'M', 'S'])).toEqual(['S', 'M', 'L', 'XL']);
    expect(sorted(['黑色 L', '白色 M', '黑色 S', '白色 L'])).toEqual(['白色 M', '白色 L', '黑色 S', '黑色 L']);
    expect(sorted(['43码', '40码', '41码'])).toEqual(['40码', '41码', '43码']);
    expect(sorted([null, '28', '27'])).toEqual(['27', '28', null]);
  });
});

describe.each(testDatabases)('exchanges on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance'])) as typeof staff;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  /** A T-shirt in two sizes (one group), with stock of each in MAIN. */
  async function tee(o: { price?: number; stockM?: number; stockL?: number } = {}) {
    const group = unique('TEE');
    const make = async (size: string, stock: number) => {
      const response = await admin.post('/api/v1/products', {
        sku: `${group}-${size}`,
        name: `T恤 ${size}`,
        category: '服装',
        price: o.price ?? 9900,
        groupCode: group,
        variantLabel: size,
      });
      expectStatus(response, 201);
      if (stock !== 0) {
        expectStatus(
          await staff.warehouse.post('/api/v1/inventory/adjustments', { sku: response.body.sku, location: 'MAIN', quantity: stock, reason: 'opening' }),
          201,
        );
      }
      return response.body as { id: string; sku: string; price: number };
    };
    return { m: await make('M', o.stockM ?? 0), l: await make('L', o.stockL ?? 0) };
  }

  async function customerWith(tier?: string) {
    if (!tier) return buildCustomer(admin);
    const n = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const response = await admin.post('/api/v1/customers', { name: '李四', phone: `138${n}`, tier });
    expectStatus(response, 201);
    return response.body as { id: string; phone: string };
  }

  async function exchangeOf(sku: string, price: number, o: { replacement?: { sku: string; quantity: number }; tier?: string; reason?: string } = {}) {
    const customer = await customerWith(o.tier);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku, quantity: 1, unitPrice: price }] });
    const response = await staff.service.post('/api/v1/returns', {
      orderId: order.id,
      resolution: 'exchange',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: o.reason ?? 'quality', ...(o.replacement ? { replacement: o.replacement } : {}) }],
    });
    expectStatus(response, 201);
    return { ret: response.body as ReturnBody & { number: string }, order, customer };
  }

  const levelOf = async (sku: string) => {
    const response = await admin.get(`/api/v1/inventory/levels?sku=${encodeURIComponent(sku)}&location=MAIN`);
    const main = response.body.data.find((l: { location: string }) => l.location === 'MAIN');
    return { onHand: main?.onHand ?? 0, reserved: main?.reserved ?? 0 };
  };
  const backAndInspected = async (ret: { id: string }, approved?: ReturnBody) =>
    inspect(staff.warehouse, await receive(staff.warehouse, approved ?? (await approve(staff.service, ret))));

  it('holds the replacement chosen when filing, and ships it on a replacement order that takes it out of stock', async () => {
    const { m, l } = await tee({ stockL: 2 });
    const { ret } = await exchangeOf(m.sku, 9900, { replacement: { sku: l.sku, quantity: 1 } });
    const chosen = await staff.service.get(`/api/v1/returns/${ret.id}/exchange`);
    expectStatus(chosen, 200);
    expect(chosen.body).toMatchObject({
      status: 'open',
      location: 'MAIN',
      lines: [{ sku: l.sku, quantity: 1, status: 'chosen', available: 2 }],
      difference: 0,
    });
    expect(chosen.body.alternatives.map((a: { sku: string }) => a.sku).sort()).toEqual([l.sku, m.sku].sort());

    const approved = await approve(staff.service, ret);
    expect(await levelOf(l.sku)).toEqual({ onHand: 2, reserved: 1 });
    expect((await staff.service.get(`/api/v1/returns/${ret.id}/exchange`)).body.lines[0]).toMatchObject({
      status: 'reserved',
      reservedQuantity: 1,
      available: 1,
    });

    // a sale may take only what is free
    const buyer = await buildCustomer(admin);
    const greedy = await admin.post('/api/v1/orders', {
      number: unique('SO'),
      customerId: buyer.id,
      channel: 'store',
      currency: 'CNY',
      placedAt: new Date().toISOString(),
      stockLocation: 'MAIN',
      lines: [{ sku: l.sku, quantity: 2, unitPrice: 9900 }],
      payments: [{ method: 'cash', amount: 19_800 }],
    });
    expectError(greedy, 409, 'conflict');
    expect(await levelOf(l.sku)).toEqual({ onHand: 2, reserved: 1 });

    const inspected = await backAndInspected(ret, approved);
    expect(inspected.status).toBe('inspected');
    expectError(await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' }), 409, 'invalid_transition');
    const shipped = await staff.warehouse.post(`/api/v1/returns/${ret.id}/ship-replacement`, { carrier: 'sf', trackingNumber: 'SF1234567890' });
    expectStatus(shipped, 200);
    expect(shipped.body).toMatchObject({ status: 'resolved', refunds: [] });
    expect(await levelOf(l.sku)).toEqual({ onHand: 1, reserved: 0 });
    expect(await levelOf(m.sku)).toEqual({ onHand: 1, reserved: 0 });

    const exchange = (await staff.service.get(`/api/v1/returns/${ret.id}/exchange`)).body;
    expect(exchange).toMatchObject({
      status: 'shipped',
      carrier: 'sf',
      trackingNumber: 'SF1234567890',
      returnedValue: 9900,
      replacementValue: 9900,
      difference: 0,
    });
    expect(exchange.replacementOrder.number).toBe(`${ret.number}-X`);
    const order = await admin.get(`/api/v1/orders/${exchange.replacementOrder.id}`);
    expect(order.body).toMatchObject({
      channel: 'exchange',
      customerId: ret.customerId,
      lines: [{ sku: l.sku, quantity: 1, paidAmount: 9900 }],
      payments: [{ method: 'exchange', amount: 9900 }],
    });
    const movements = await admin.get(`/api/v1/inventory/movements?sku=${l.sku}`);
    expect(movements.body.data.at(-1)).toMatchObject({
      fromLocation: 'MAIN',
      toLocation: null,
      quantity: 1,
      type: 'sale',
      sourceType: 'order',
      sourceId: exchange.replacementOrder.id,
    });
    const events = await t.db.selectFrom('outboxEvents').select('type').where('aggregateId', '=', ret.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['return.replacement_shipped', 'return.resolved']));
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/ship-replacement`, { carrier: 'sf', trackingNumber: 'SF1234567890' }),
      409,
      'invalid_transition',
    );
  });

  it('gives the last unit to one of several exchanges approved at once; the others are told it is out of stock', async () => {
    const { m, l } = await tee({ stockL: 1 });
    const contenders = await Promise.all(Array.from({ length: 4 }, () => exchangeOf(m.sku, 9900, { replacement: { sku: l.sku, quantity: 1 } })));
    const responses = await Promise.all(contenders.map(({ ret }) => staff.service.post(`/api/v1/returns/${ret.id}/approve`, {})));
    expect(tally(responses)).toEqual({ 200: 4 });
    expect(await levelOf(l.sku)).toEqual({ onHand: 1, reserved: 1 });
    const views = await Promise.all(contenders.map(({ ret }) => staff.service.get(`/api/v1/returns/${ret.id}/exchange`)));
    expect(views.map((v) => v.body.outOfStock).sort()).toEqual([false, true, true, true]);
    const winner = contenders[views.findIndex((v) => v.body.outOfStock === false)];
    const loser = contenders[views.findIndex((v) => v.body.outOfStock === true)];
    // the winner cancels: the unit is free again, and customer service gives it to another exchange
    expectStatus(await staff.service.post(`/api/v1/returns/${winner?.ret.id}/cancel`, {}), 200);
    expect(await levelOf(l.sku)).toEqual({ onHand: 1, reserved: 0 });
    expectStatus(await staff.service.put(`/api/v1/returns/${loser?.ret.id}/exchange`, { lines: [{ sku: l.sku, quantity: 1 }] }), 200);
    expect(await levelOf(l.sku)).toEqual({ onHand: 1, reserved: 1 });
  });

  it('refunds a cheaper replacement’s difference, and charges a dearer one to store credit (409 while the balance is short)', async () => {
    const cheap = await buildProduct(admin, { price: 5900 });
    const { m } = await tee();
    const { ret } = await exchangeOf(m.sku, 9900, { replacement: { sku: cheap.sku, quantity: 1 } });
    await backAndInspected(ret);
    const shipped = await staff.warehouse.post(`/api/v1/returns/${ret.id}/ship-replacement`, { carrier: 'yto', trackingNumber: 'YT0000111122' });
    expect(shipped.body).toMatchObject({ status: 'resolved', refundedAmount: 4000 });
    expect(shipped.body.refunds).toEqual([expect.objectContaining({ amount: 4000, method: 'original', status: 'paid' })]);
    const refundRow = await t.db.selectFrom('refunds').select('kind').where('id', '=', shipped.body.refunds[0].id).executeTakeFirstOrThrow();
    expect(refundRow.kind).toBe('exchange_difference');

    const dear = await buildProduct(admin, { price: 12_900 });
    const second = await exchangeOf(m.sku, 9900, { replacement: { sku: dear.sku, quantity: 1 } });
    expectStatus(await staff.service.put(`/api/v1/returns/${second.ret.id}/exchange`, { chargeMethod: 'store_credit' }), 200);
    await backAndInspected(second.ret);
    const short = await staff.warehouse.post(`/api/v1/returns/${second.ret.id}/ship-replacement`, { carrier: 'yto', trackingNumber: 'YT0000111123' });
    expectError(short, 409, 'conflict');
    expect((await staff.service.get(`/api/v1/returns/${second.ret.id}/exchange`)).body).toMatchObject({ status: 'open', difference: 3000 });

    // the customer gets 3000 of credit from another refund, then the replacement ships against it
    const other = await buildProduct(admin, { price: 3000 });
    const creditOrder = await buildOrder(admin, { customerId: second.customer.id, lines: [{ sku: other.sku, quantity: 1, unitPrice: 3000 }] });
    const creditReturn = await staff.service.post('/api/v1/returns', {
      orderId: creditOrder.id,
      resolution: 'store_credit',
      lines: [{ orderLineId: creditOrder.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    await backAndInspected(creditReturn.body);
    expectStatus(await staff.finance.post(`/api/v1/returns/${creditReturn.body.id}/refund`, { method: 'store_credit' }), 200);
    const paid = await staff.warehouse.post(`/api/v1/returns/${second.ret.id}/ship-replacement`, { carrier: 'yto', trackingNumber: 'YT0000111123' });
    expectStatus(paid, 200);
    const exchange = (await staff.service.get(`/api/v1/returns/${second.ret.id}/exchange`)).body;
    const order = await admin.get(`/api/v1/orders/${exchange.replacementOrder.id}`);
    expect(order.body.payments).toEqual([
      { method: 'exchange', amount: 9900 },
      { method: 'store_credit', amount: 3000 },
    ]);
    const ledger = await admin.get(`/api/v1/customers/${second.customer.id}/store-credit`);
    expect(ledger.body.balance).toBe(0);
    expect(ledger.body.entries[0]).toMatchObject({ type: 'spend', amount: -3000, sourceNumber: `${second.ret.number}-X` });
  });

  it('falls back to a refund or store credit at the customer’s choice when the replacement is out of stock', async () => {
    const { m, l } = await tee({ stockL: 1 });
    // the last L sells: stock is kept for it, and none is free
    const buyer = await buildCustomer(admin);
    await buildOrder(admin, { customerId: buyer.id, stockLocation: 'MAIN', lines: [{ sku: l.sku, quantity: 1, unitPrice: 9900 }] });
    const { ret, order, customer } = await exchangeOf(m.sku, 9900, { replacement: { sku: l.sku, quantity: 1 }, reason: 'no_reason' });
    const approved = await approve(staff.service, ret);
    const portal = await portalClient(t.app, order.number, customer.phone);
    const view = await portal.get(`/api/v1/returns/${ret.id}/exchange`);
    expect(view.body).toMatchObject({ outOfStock: true, lines: [{ sku: l.sku, available: 0 }] });

    const fallen = await portal.post(`/api/v1/returns/${ret.id}/exchange/fallback`, { resolution: 'store_credit' });
    expectStatus(fallen, 200);
    expect(fallen.body).toMatchObject({ resolution: 'store_credit', status: 'approved' });
    expect(fallen.body.timeline.map((e: { action: string }) => e.action)).toContain('exchange_fallback');
    const done = await backAndInspected(ret, approved);
    expect(done.refundableAmount).toBe(9900);
    const paid = await staff.finance.post(`/api/v1/returns/${ret.id}/refund`, { method: 'store_credit' });
    expect(paid.body).toMatchObject({ status: 'resolved', refundedAmount: 9900 });
    expectError(await portal.post(`/api/v1/returns/${ret.id}/exchange/fallback`, { resolution: 'refund' }), 409, 'invalid_transition');

    // in stock, the customer cannot fall back alone; customer service changes the replacement instead
    const { m: m2, l: l2 } = await tee({ stockL: 3 });
    const inStock = await exchangeOf(m2.sku, 9900, { replacement: { sku: l2.sku, quantity: 1 } });
    const own = await portalClient(t.app, inStock.order.number, inStock.customer.phone);
    expectError(await own.post(`/api/v1/returns/${inStock.ret.id}/exchange/fallback`, { resolution: 'refund' }), 409, 'conflict');
    await approve(staff.service, inStock.ret);
    expect(await levelOf(l2.sku)).toEqual({ onHand: 3, reserved: 1 });
    const changed = await staff.service.put(`/api/v1/returns/${inStock.ret.id}/exchange`, { lines: [{ sku: m2.sku, quantity: 1 }] });
    expectStatus(changed, 200);
    // M has no stock kept in MAIN: nothing is held for it; L is free again
    expect(changed.body.lines).toEqual([expect.objectContaining({ sku: m2.sku, status: 'untracked', reservedQuantity: 0 })]);
    expect(await levelOf(l2.sku)).toEqual({ onHand: 3, reserved: 0 });
    expectError(await own.put(`/api/v1/returns/${inStock.ret.id}/exchange`, { lines: [{ sku: l2.sku, quantity: 1 }] }), 403, 'forbidden');
  });

  it('ships before the goods are back only for trusted customers, and resolves once they arrive', async () => {
    const { m } = await tee();
    const standard = await exchangeOf(m.sku, 9900);
    await approve(staff.service, standard.ret);
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${standard.ret.id}/ship-replacement`, { carrier: 'sf', trackingNumber: 'SF0000000001' }),
      409,
      'invalid_transition',
    );
    const vip = await exchangeOf(m.sku, 9900, { tier: 'vip' });
    const approved = await approve(staff.service, vip.ret);
    expect((await staff.service.get(`/api/v1/returns/${vip.ret.id}/exchange`)).body.shipsBeforeReturn).toBe(true);
    const early = await staff.warehouse.post(`/api/v1/returns/${vip.ret.id}/ship-replacement`, { carrier: 'sf', trackingNumber: 'SF0000000002' });
    expectStatus(early, 200);
    // the replacement is on its way, but the goods are still due: not resolved yet
    expect(early.body.status).toBe('approved');
    const inspected = await inspect(staff.warehouse, await receive(staff.warehouse, approved));
    expect(inspected.status).toBe('resolved');
  });

  it('lets a customer pick another size in the portal: the options list it with price and stock, and the exchange holds it', async () => {
    const { m, l } = await tee({ price: 9900, stockM: 0, stockL: 1 });
    const other = await buildProduct(admin, { price: 50_000 });
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, {
      customerId: customer.id,
      lines: [
        { sku: m.sku, quantity: 1, unitPrice: 9900, discountAmount: 900 },
        { sku: other.sku, quantity: 1, unitPrice: 50_000 },
      ],
    });
    const own = await portalClient(t.app, order.number, customer.phone);
    const options = await own.get(`/api/v1/portal/orders/${order.id}/exchange-options`);
    expectStatus(options, 200);
    const [teeLine, otherLine] = options.body.lines;
    expect(teeLine).toMatchObject({ orderLineId: order.lines[0]?.id, sku: m.sku, variantLabel: 'M', paidUnitPrice: 9000 });
    expect(teeLine.variants).toEqual([
      // no stock of M is kept in MAIN: nothing to promise against, so it is not refused
      { sku: m.sku, name: 'T恤 M', variantLabel: 'M', price: 9900, inStock: true, current: true },
      { sku: l.sku, name: 'T恤 L', variantLabel: 'L', price: 9900, inStock: true, current: false },
    ]);
    expect(otherLine).toMatchObject({ sku: other.sku, variants: [] });

    const stranger = await buildOrderScenario(admin);
    expectError(await own.get(`/api/v1/portal/orders/${stranger.order.id}/exchange-options`), 404, 'not_found');

    const file = (line: object, resolution = 'exchange') =>
      own.post('/api/v1/portal/returns', {
        orderId: order.id,
        resolution,
        lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason', ...line }],
      });
    const notAVariant = await file({ replacement: { sku: other.sku } });
    expectError(notAVariant, 400, 'validation_failed');
    expect(notAVariant.body.error.details[0].path).toBe('lines.0.replacement.sku');
    expectError(await file({ replacement: { sku: l.sku } }, 'refund'), 400, 'validation_failed');

    const filed = await file({ replacement: { sku: l.sku } });
    expectStatus(filed, 201);
    const exchange = await own.get(`/api/v1/returns/${filed.body.return.id}/exchange`);
    expect(exchange.body).toMatchObject({ lines: [{ sku: l.sku, quantity: 1, unitPrice: 9900 }], returnedValue: 9000, difference: 900 });
    await approve(staff.service, filed.body.return);
    expect(await levelOf(l.sku)).toEqual({ onHand: 1, reserved: 1 });
    // the last L is promised: the portal now shows it out of stock
    const after = await own.get(`/api/v1/portal/orders/${order.id}/exchange-options`);
    expect(after.body.lines[0].variants.find((v: { sku: string }) => v.sku === l.sku).inStock).toBe(false);
  });
});
