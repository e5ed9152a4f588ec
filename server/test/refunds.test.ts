/** Money over the API: refunds to the fen on discounted orders, limits, approvals, methods and the shipping fee. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff } from './support/factories.ts';
import {
  approve,
  bringBack,
  expectError,
  expectLevelsMatchLedger,
  expectStatus,
  feeReason,
  inspect,
  type ReturnBody,
  reasonsWithFee,
  receive,
  withPolicy,
} from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Order = Awaited<ReturnType<typeof buildOrder>>;
type LineRequest = { line: number; quantity: number; reasonCode?: string };

describe.each(testDatabases)('refunds on %s', (kind) => {
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

  /** Files a return of some units of some order lines. */
  async function fileReturn(order: Order, lines: LineRequest[], resolution = 'refund'): Promise<ReturnBody> {
    const response = await staff.service.post('/api/v1/returns', {
      orderId: order.id,
      resolution,
      lines: lines.map((l) => ({ orderLineId: order.lines[l.line]?.id, quantity: l.quantity, reasonCode: l.reasonCode ?? 'no_reason' })),
    });
    expectStatus(response, 201);
    return response.body;
  }

  async function refund(ret: { id: string }, body: Record<string, unknown> = { method: 'original' }, as: Client = staff.finance) {
    return as.post(`/api/v1/returns/${ret.id}/refund`, body);
  }

  /** Money refunded (paid or pending) per order line, read from the refund documents' lines. */
  async function refundedByOrderLine(orderId: string): Promise<Record<string, number>> {
    const rows = await t.db
      .selectFrom('refundLines')
      .innerJoin('refunds', 'refunds.id', 'refundLines.refundId')
      .innerJoin('returnLines', 'returnLines.id', 'refundLines.returnLineId')
      .innerJoin('returns', 'returns.id', 'refunds.returnId')
      .select(['returnLines.orderLineId', 'refundLines.amount'])
      .where('returns.orderId', '=', orderId)
      .where('refundLines.kind', '=', 'goods')
      .execute();
    const sums: Record<string, number> = {};
    for (const r of rows) sums[r.orderLineId] = (sums[r.orderLineId] ?? 0) + Number(r.amount);
    return sums;
  }

  /** Σ of every refund (paid or pending) of the order's returns, as the API shows them. */
  async function refundsOfOrder(orderId: string): Promise<number> {
    const response = await admin.get(`/api/v1/returns?orderId=${orderId}&limit=200`);
    expectStatus(response, 200);
    return response.body.data.flatMap((r: { refunds: { amount: number }[] }) => r.refunds).reduce((s: number, r: { amount: number }) => s + r.amount, 0);
  }

  /** An order of three SKUs with a line discount, an order discount and a shipping fee. */
  async function discountedOrder(shippingFee = 800): Promise<{ order: Order; customerId: string }> {
    const products = await Promise.all([buildProduct(admin, { price: 3333 }), buildProduct(admin, { price: 1999 }), buildProduct(admin, { price: 501 })]);
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, {
      customerId: customer.id,
      discountAmount: 1000,
      shippingFee,
      lines: [
        { sku: products[0].sku, quantity: 3, unitPrice: 3333, discountAmount: 100 },
        { sku: products[1].sku, quantity: 2, unitPrice: 1999 },
        { sku: products[2].sku, quantity: 1, unitPrice: 501 },
      ],
    });
    return { order, customerId: customer.id };
  }

  it('prices a discounted order: bases 9899, 3998, 501 share a 1000 discount as 688, 278, 34', async () => {
    const { order } = await discountedOrder();
    // shares floor(1000·b/14398) = 687, 277, 34 (sum 998); the two leftover fen go to the two largest bases
    expect(order.lines.map((l) => l.paidAmount)).toEqual([9211, 3720, 467]);

    // payments must add up to the goods as paid plus the shipping fee, to the fen
    const product = await buildProduct(admin, { price: 1000 });
    const customer = await buildCustomer(admin);
    const number = `SO-PAY-${product.sku}`;
    const unbalanced = await admin.post('/api/v1/orders', {
      number,
      customerId: customer.id,
      channel: 'tmall',
      currency: 'CNY',
      placedAt: new Date().toISOString(),
      discountAmount: 1,
      shippingFee: 500,
      lines: [{ sku: product.sku, quantity: 3, unitPrice: 1000 }],
      payments: [{ method: 'alipay', amount: 3500 }],
    });
    expectError(unbalanced, 400, 'validation_failed');
    expect((await admin.get(`/api/v1/orders?number=${number}`)).body.data).toEqual([]);
  });

  it('refunds a discounted order in several partial returns to exactly what each line cost', async () => {
    const { order } = await discountedOrder();
    const paid = order.lines.map((l) => l.paidAmount);
    const first = await bringBack(
      staff,
      await fileReturn(order, [
        { line: 0, quantity: 1 },
        { line: 1, quantity: 1 },
      ]),
    );
    const second = await bringBack(staff, await fileReturn(order, [{ line: 0, quantity: 2 }]));
    const third = await bringBack(
      staff,
      await fileReturn(order, [
        { line: 1, quantity: 1 },
        { line: 2, quantity: 1 },
      ]),
    );

    // The second return is paid first: it takes units 1–2 of line A (floor(9211·2/3) = 6140).
    const paidSecond = await refund(second);
    expectStatus(paidSecond, 200);
    expect(paidSecond.body).toMatchObject({ status: 'resolved', refundedAmount: 6140, refundableAmount: 6140 });

    // The first return: unit 3 of A (9211 − 6140 = 3071) and unit 1 of B (1860), paid in two parts.
    const part = await refund(first, { method: 'original', amount: 1000 });
    expectStatus(part, 200);
    expect(part.body).toMatchObject({ status: 'inspected', refundableAmount: 4931, refundedAmount: 1000 });
    expect(part.body.refunds).toEqual([expect.objectContaining({ amount: 1000, method: 'original', status: 'paid' })]);
    expectError(await refund(first, { method: 'original', amount: 3932 }), 409, 'already_refunded');
    const rest = await refund(first, { method: 'manual', reference: 'BANK-0001' });
    expectStatus(rest, 200);
    expect(rest.body).toMatchObject({ status: 'resolved', refundedAmount: 4931 });
    expect(rest.body.refunds.map((r: { amount: number }) => r.amount)).toEqual([1000, 3931]);
    expectError(await refund(first), 409, 'already_refunded');

    const paidThird = await refund(third);
    expectStatus(paidThird, 200);
    expect(paidThird.body).toMatchObject({ status: 'resolved', refundedAmount: 1860 + 467 });

    const byLine = await refundedByOrderLine(order.id);
    expect(order.lines.map((l) => byLine[l.id])).toEqual(paid);
    const total = await refundsOfOrder(order.id);
    // every unit came back without the shop at fault: the goods are refunded, the shipping fee is not
    expect(total).toBe(paid.reduce((s, p) => s + p, 0));
    const orderAfter = await admin.get(`/api/v1/orders/${order.id}`);
    expect(orderAfter.body.lines.map((l: { returnableQuantity: number }) => l.returnableQuantity)).toEqual([0, 0, 0]);
  });

  it('refunds the shipping fee when every unit comes back for a shop fault, once, with the last return', async () => {
    const { order } = await discountedOrder(800);
    const goods = order.lines.reduce((s, l) => s + l.paidAmount, 0);
    const first = await bringBack(
      staff,
      await fileReturn(order, [
        { line: 0, quantity: 3, reasonCode: 'quality' },
        { line: 1, quantity: 1, reasonCode: 'quality' },
      ]),
    );
    const partial = await refund(first);
    expectStatus(partial, 200);
    // not every unit is back yet: no shipping fee
    expect(partial.body.refundedAmount).toBe(9211 + 1860);
    const second = await bringBack(
      staff,
      await fileReturn(order, [
        { line: 1, quantity: 1, reasonCode: 'wrong_item' },
        { line: 2, quantity: 1, reasonCode: 'not_as_described' },
      ]),
    );
    expect(second.refundableAmount).toBe(1860 + 467 + 800);
    const last = await refund(second);
    expectStatus(last, 200);
    expect(last.body).toMatchObject({ status: 'resolved', refundedAmount: 1860 + 467 + 800 });
    expect(await refundsOfOrder(order.id)).toBe(goods + 800);
    expectError(await refund(second), 409, 'already_refunded');
    expectError(await refund(first), 409, 'already_refunded');
  });

  it('shows the shipping fee on the one return that completes the order, and pays it there', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 9900, shippingFee: 800 });
    const first = await bringBack(staff, await buildReturn(staff.service, order, { quantity: 1, reasonCode: 'quality' }));
    const second = await bringBack(staff, await buildReturn(staff.service, order, { quantity: 1, reasonCode: 'quality' }));
    expect([first.refundableAmount, second.refundableAmount]).toEqual([9900, 10_700]);
    expect((await admin.get(`/api/v1/returns/${first.id}`)).body.refundableAmount).toBe(9900);

    // finance pays the first return what it shows, and it is settled
    const paidFirst = await refund(first, { method: 'original', amount: 9900 });
    expect(paidFirst.body).toMatchObject({ status: 'resolved', refundableAmount: 9900, refundedAmount: 9900 });
    const paidSecond = await refund(second);
    expect(paidSecond.body).toMatchObject({ status: 'resolved', refundableAmount: 10_700, refundedAmount: 10_700 });
    expect(await refundsOfOrder(order.id)).toBe(2 * 9900 + 800);
  });

  it('gives the shipping fee back to the order when a refund-only return holding it is cancelled', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1, price: 5000, shippingFee: 600 });
    const first = await approve(staff.service, await buildReturn(staff.service, order, { type: 'refund_only', reasonCode: 'quality' }));
    expect(first).toMatchObject({ status: 'approved', refundableAmount: 5600 });
    const cancelled = await staff.service.post(`/api/v1/returns/${first.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedAmount: 0 });
    const second = await approve(staff.service, await buildReturn(staff.service, order, { type: 'refund_only', reasonCode: 'quality' }));
    expect(second.refundableAmount).toBe(5600);
    expect((await refund(second)).body).toMatchObject({ status: 'resolved', refundedAmount: 5600 });
  });

  it('keeps the shipping fee when the whole order comes back without the shop at fault, or only partly at fault', async () => {
    for (const reasons of [
      ['no_reason', 'no_reason'],
      ['quality', 'no_reason'],
    ]) {
      const products = await Promise.all([buildProduct(admin, { price: 5000 }), buildProduct(admin, { price: 3000 })]);
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, {
        customerId: customer.id,
        shippingFee: 1200,
        lines: [
          { sku: products[0].sku, quantity: 1, unitPrice: 5000 },
          { sku: products[1].sku, quantity: 1, unitPrice: 3000 },
        ],
      });
      const ret = await bringBack(
        staff,
        await fileReturn(order, [
          { line: 0, quantity: 1, reasonCode: reasons[0] },
          { line: 1, quantity: 1, reasonCode: reasons[1] },
        ]),
      );
      expect(ret.refundableAmount).toBe(8000);
      const paid = await refund(ret);
      expectStatus(paid, 200);
      expect(paid.body.refundedAmount).toBe(8000);
    }
  });

  it('takes the restocking fee off each return for reasons that are not the shop fault, rounded in the customer favour', async () => {
    await withPolicy(admin, { restockingFeePercent: 10, reasons: reasonsWithFee }, async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 3, price: 3333 });
      const one = await bringBack(staff, await fileReturn(order, [{ line: 0, quantity: 1, reasonCode: feeReason.code }]));
      const two = await bringBack(staff, await fileReturn(order, [{ line: 0, quantity: 2, reasonCode: feeReason.code }]));
      // 3333 less floor(333.3) and 6666 less floor(666.6)
      expect([one.refundableAmount, two.refundableAmount]).toEqual([3000, 6000]);
      expect((await refund(two)).body).toMatchObject({ status: 'resolved', refundedAmount: 6000 });
      expect((await refund(one)).body).toMatchObject({ status: 'resolved', refundedAmount: 3000 });

      const faulty = await buildOrderScenario(admin, { quantity: 1, price: 3333 });
      const noFee = await bringBack(staff, await buildReturn(staff.service, faulty.order, { reasonCode: 'quality' }));
      expect(noFee.refundableAmount).toBe(3333);
      expect((await refund(noFee)).body.refundedAmount).toBe(3333);

      // 七天无理由: the law lets the shop charge nothing for a consumer's no-reason return.
      const changedMind = await buildOrderScenario(admin, { quantity: 2, price: 3333 });
      const filed = await buildReturn(staff.service, changedMind.order, { reasonCode: 'no_reason' });
      // Decided before the waiver was kept: the decision still holds the policy's 10 %.
      const row = await t.db.selectFrom('returns').select('decision').where('id', '=', filed.id).executeTakeFirstOrThrow();
      const decision = JSON.parse(row.decision);
      expect(decision.lines[0]).toMatchObject({ feePercent: 0 });
      decision.lines[0].feePercent = 10;
      await t.db
        .updateTable('returns')
        .set({ decision: JSON.stringify(decision) })
        .where('id', '=', filed.id)
        .execute();
      const free = await bringBack(staff, filed);
      expect(free.refundableAmount).toBe(6666);
      expect((await refund(free)).body).toMatchObject({ status: 'resolved', refundedAmount: 6666 });
      const text = (await admin.get('/api/v1/public/policy')).body;
      expect(JSON.stringify(text)).toContain('七天无理由退货和商家责任的退货不收取手续费');
    });
  });

  it('answers invalid_transition for a refund before approval, before inspection, and for an exchange', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const ret = await buildReturn(staff.service, order);
    expectError(await refund(ret), 409, 'invalid_transition');
    const approved = await approve(staff.service, ret);
    expectError(await refund(ret), 409, 'invalid_transition');
    const received = await receive(staff.warehouse, approved);
    expect(received.status).toBe('received');
    expectError(await refund(ret), 409, 'invalid_transition');
    expect((await admin.get(`/api/v1/returns/${ret.id}`)).body).toMatchObject({ status: 'received', refundedAmount: 0, refunds: [] });

    const exchangeOrder = await buildOrderScenario(admin, { quantity: 1 });
    const exchange = await bringBack(staff, await buildReturn(staff.service, exchangeOrder.order, { resolution: 'exchange', reasonCode: 'quality' }));
    expect(exchange.status).toBe('inspected');
    expectError(await refund(exchange), 409, 'invalid_transition');
    expectError(await refund(exchange, { method: 'original', amount: 100 }), 409, 'invalid_transition');
    expect((await admin.get(`/api/v1/returns/${exchange.id}`)).body.refunds).toEqual([]);
  });

  it('pays store credit into the customer balance, and a bonus beside it that is not counted as refunded', async () => {
    const { order, customer } = await buildOrderScenario(admin, { quantity: 2, price: 4550 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order));
    const paid = await refund(ret, { method: 'store_credit' });
    expectStatus(paid, 200);
    expect(paid.body).toMatchObject({ status: 'resolved', refundedAmount: 9100 });
    expect(paid.body.refunds).toEqual([expect.objectContaining({ amount: 9100, method: 'store_credit', status: 'paid' })]);
    const detail = await admin.get(`/api/v1/customers/${customer.id}`);
    expect(detail.body.storeCreditBalance).toBe(9100);
    expect(detail.body.returnStats.refundedAmount).toBe(9100);

    await withPolicy(admin, { storeCreditBonusPercent: 10 }, async () => {
      const second = await buildOrderScenario(admin, { quantity: 1, price: 2000 });
      const bonusReturn = await bringBack(staff, await buildReturn(staff.service, second.order, { resolution: 'store_credit' }));
      const credited = await refund(bonusReturn, { method: 'store_credit' });
      expect(credited.body).toMatchObject({ status: 'resolved', refundedAmount: 2000 });
      const balance = await admin.get(`/api/v1/customers/${second.customer.id}`);
      expect(balance.body.storeCreditBalance).toBe(2200);
      expect(balance.body.returnStats.refundedAmount).toBe(2000);
    });
  });

  it('holds a refund above the approval limit for a second finance user', async () => {
    await withPolicy(admin, { refundApprovalLimit: 4000 }, async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 2, price: 4500 });
      const ret = await bringBack(staff, await buildReturn(staff.service, order));
      expect(ret.refundableAmount).toBe(9000);

      // up to the limit: paid at once
      const small = await refund(ret, { method: 'original', amount: 4000 });
      expectStatus(small, 200);
      expect(small.body.refunds).toEqual([expect.objectContaining({ amount: 4000, status: 'paid' })]);

      // above the limit: held (the default amount is what is left, 5000)
      const held = await refund(ret);
      expectStatus(held, 200);
      // a pending refund is not refunded yet, and the return is not settled
      expect(held.body).toMatchObject({ status: 'inspected', refundedAmount: 4000 });
      const pending = held.body.refunds.find((r: { status: string }) => r.status === 'pending_approval');
      expect(pending).toMatchObject({ amount: 5000, method: 'original' });

      // the pending refund already counts against what is left
      expectError(await refund(ret, { method: 'original', amount: 1 }), 409, 'already_refunded');
      expectError(await refund(ret, { method: 'original' }, secondFinance), 409, 'already_refunded');

      expectError(await staff.finance.post(`/api/v1/refunds/${pending.id}/approve`, {}), 403, 'forbidden');
      expectError(await staff.warehouse.post(`/api/v1/refunds/${pending.id}/approve`, {}), 403, 'forbidden');
      const approved = await secondFinance.post(`/api/v1/refunds/${pending.id}/approve`, {});
      expectStatus(approved, 200);
      expect(approved.body).toMatchObject({ id: pending.id, amount: 5000, status: 'paid' });
      expect(approved.body.return).toMatchObject({ status: 'resolved', refundedAmount: 9000 });

      expectError(await secondFinance.post(`/api/v1/refunds/${pending.id}/approve`, {}), 409, 'conflict');
      expectError(await refund(ret), 409, 'already_refunded');
      const after = await admin.get(`/api/v1/returns/${ret.id}`);
      expect(after.body.refunds.map((r: { amount: number; status: string }) => [r.amount, r.status])).toEqual([
        [4000, 'paid'],
        [5000, 'paid'],
      ]);
    });
  });

  it('applies an approval limit published after the return was filed', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 1, price: 9900 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order));
    await withPolicy(admin, { refundApprovalLimit: 5000 }, async () => {
      const held = await refund(ret);
      expectStatus(held, 200);
      expect(held.body).toMatchObject({ status: 'inspected', refundedAmount: 0 });
      expect(held.body.refunds).toEqual([expect.objectContaining({ amount: 9900, status: 'pending_approval' })]);
    });
  });

  it('never refunds more than was paid: amount above the refundable answers already_refunded and pays nothing', async () => {
    const { order, customer } = await buildOrderScenario(admin, { quantity: 1, price: 1234 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order));
    expectError(await refund(ret, { method: 'original', amount: 1235 }), 409, 'already_refunded');
    expectError(await refund(ret, { method: 'store_credit', amount: 99_999 }), 409, 'already_refunded');
    const after = await admin.get(`/api/v1/returns/${ret.id}`);
    expect(after.body).toMatchObject({ status: 'inspected', refundedAmount: 0, refunds: [] });
    expect((await admin.get(`/api/v1/customers/${customer.id}`)).body.storeCreditBalance).toBe(0);
    expectStatus(await refund(ret, { method: 'original', amount: 1234 }), 200);
  });

  it('refunds a partly inspected return in step with the parcels', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 3, price: 1000 });
    // paid 3000 for 3 units: each unit 1000
    const approved = await approve(staff.service, await buildReturn(staff.service, order));
    const firstParcel = await inspect(staff.warehouse, await receive(staff.warehouse, approved, [1]), [1]);
    expect(firstParcel).toMatchObject({ status: 'inspected', refundableAmount: 1000 });
    const first = await refund(firstParcel);
    expect(first.body).toMatchObject({ status: 'inspected', refundedAmount: 1000 });
    expectError(await refund(firstParcel), 409, 'already_refunded');
    const rest = await inspect(staff.warehouse, await receive(staff.warehouse, approved, [2]), [2]);
    expect(rest.refundableAmount).toBe(3000);
    const second = await refund(rest);
    expect(second.body).toMatchObject({ status: 'resolved', refundedAmount: 3000 });
  });
});
