/**
 * Money over the API (issue 7): the refund preview with fees by reason and grade and the
 * customer's postage, rejecting a held refund, split refunds, the store-credit ledger and
 * spending it on an order, refund notes (退款单) with red-letter invoice fields and PDF,
 * the finance queue by legal deadline, reconciliation (JSON and Excel) and the daily close.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { localDate } from '../src/lib/local-date.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff, unique } from './support/factories.ts';
import { pdfText } from './support/pdf-text.ts';
import { portalClient } from './support/portal-fixtures.ts';
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
import { type ApiResponse, adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

/** Counts responses by "status code" or "status error-code". */
function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(testDatabases)('money on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance' | 'viewer', Client>;
  let secondFinance: Client;
  const clock = manualClock(new Date());
  let financeId: string;
  let adminToken: string;
  /** A binary download (PDF, Excel) as the admin. */
  const download = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}` } });

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    const signInAs = (e: string, p: string) => signIn(t.app, e, p);
    staff = (await buildStaff(admin, signInAs, ['service', 'warehouse', 'finance', 'viewer'])) as typeof staff;
    secondFinance = (await buildStaff(admin, signInAs, ['finance'])).finance as Client;
    financeId = (await staff.finance.get('/api/v1/auth/me')).body.id;
    adminToken = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword } })).json().token;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  const refund = (ret: { id: string }, body: Record<string, unknown> = { method: 'original' }, as: Client = staff.finance) =>
    as.post(`/api/v1/returns/${ret.id}/refund`, body);
  const preview = (ret: { id: string }, as: Client = staff.finance) => as.get(`/api/v1/returns/${ret.id}/refund-preview`);

  it('previews every return before anything is paid: price paid, restocking and grade fees, postage, deadline', async () => {
    await withPolicy(admin, { restockingFeePercent: 10, gradeFeePercent: { C: 20 }, returnShippingDeduction: 800, reasons: reasonsWithFee }, async () => {
      const { order, customer } = await buildOrderScenario(admin, { quantity: 3, price: 10_000 });
      const ret = await buildReturn(staff.service, order, { reasonCode: feeReason.code });
      const before = await preview(ret);
      expectStatus(before, 200);
      // nothing accepted yet: nothing to pay, but what it will come to once the goods are accepted
      expect(before.body).toMatchObject({
        refundable: 0,
        remaining: 0,
        projectedRefundable: 30_000 - 3000 - 800,
        returnShippingPayer: 'customer',
        deadline: null,
      });
      expect(before.body.lines[0]).toMatchObject({ quantity: 3, pendingQuantity: 3, orderLinePaid: 30_000, orderLineQuantity: 3, value: 0 });

      const received = await receive(staff.warehouse, await approve(staff.service, ret));
      const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [
          { lineId: received.lines[0]?.id, quantity: 2, grade: 'A', disposition: 'restock' },
          { lineId: received.lines[0]?.id, quantity: 1, grade: 'C', disposition: 'damaged' },
        ],
      });
      expectStatus(inspected, 200);
      const after = await preview(ret);
      // 30 000 paid; 10 % restocking 3000; grade C 20 % of its unit's 10 000: 2000; postage 800
      expect(after.body).toMatchObject({
        goods: 30_000,
        restockingFee: 3000,
        gradeFee: 2000,
        returnShipping: 800,
        shipping: 0,
        refundable: 24_200,
        remaining: 24_200,
        deadline: { state: 'ok', daysLeft: expect.any(Number) },
      });
      expect(after.body.lines[0].grades).toEqual([
        { grade: 'A', units: 2, value: 20_000, feePercent: 0 },
        { grade: 'C', units: 1, value: 10_000, feePercent: 20 },
      ]);
      expect(inspected.body.refundableAmount).toBe(24_200);

      // the customer sees the same breakdown of their own return, without the shop's approval limit
      const customerPortal = await portalClient(t.app, order.number, customer.phone);
      const own = await customerPortal.get(`/api/v1/returns/${ret.id}/refund-preview`);
      expectStatus(own, 200);
      expect(own.body).toMatchObject({ refundable: 24_200, approvalLimit: null });
      const other = await buildOrderScenario(admin, { quantity: 1 });
      const stranger = await portalClient(t.app, other.order.number, other.customer.phone);
      expectError(await stranger.get(`/api/v1/returns/${ret.id}/refund-preview`), 404, 'not_found');

      const paid = await refund(ret);
      expect(paid.body).toMatchObject({ status: 'resolved', refundedAmount: 24_200 });
      const settled = await preview(ret);
      expect(settled.body).toMatchObject({ refundable: 24_200, claimed: 24_200, refunded: 24_200, remaining: 0 });

      // the shop's fault: no restocking or grade fee, and the shop pays the postage
      const faulty = await buildOrderScenario(admin, { quantity: 1, price: 10_000 });
      const faultReturn = await buildReturn(staff.service, faulty.order, { reasonCode: 'quality' });
      const graded = await staff.warehouse.post(`/api/v1/returns/${faultReturn.id}/inspect`, {
        lines: [{ lineId: faultReturn.lines[0].id, quantity: 1, grade: 'D', disposition: 'damaged' }],
      });
      expectError(graded, 409, 'invalid_transition');
      const back = await receive(staff.warehouse, await approve(staff.service, faultReturn));
      await staff.warehouse.post(`/api/v1/returns/${faultReturn.id}/inspect`, {
        lines: [{ lineId: back.lines[0]?.id, quantity: 1, grade: 'D', disposition: 'damaged' }],
      });
      expect((await preview(faultReturn)).body).toMatchObject({
        restockingFee: 0,
        gradeFee: 0,
        returnShipping: 0,
        returnShippingPayer: 'shop',
        refundable: 10_000,
      });
    });
  });

  it('prices grades per accepted unit across several inspections and refunds, to the fen', async () => {
    await withPolicy(admin, { gradeFeePercent: { B: 10, D: 50 } }, async () => {
      // 10 007 for 3 units: 3335, 3336, 3336
      const { order } = await buildOrderScenario(admin, { quantity: 1, price: 10_007 });
      const product = await buildProduct(admin, { price: 3000 });
      const customer = await buildCustomer(admin);
      const three = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 3, unitPrice: 3000 }], discountAmount: 1 });
      expect(three.lines[0]?.paidAmount).toBe(8999);
      const ret = await receive(staff.warehouse, await approve(staff.service, await buildReturn(staff.service, three)));
      const lineId = ret.lines[0]?.id;
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'B', disposition: 'restock' }] });
      // first unit (2999, grade B): fee floor(299.9) = 299
      const first = await refund(ret);
      expect(first.body).toMatchObject({ refundedAmount: 2999 - 299 });
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [
          { lineId, quantity: 1, grade: 'D', disposition: 'damaged' },
          { lineId, quantity: 1, grade: 'A', disposition: 'restock' },
        ],
      });
      // units 2 and 3 (3000, 3000): A then D; fees over the line rounded once: floor(299.9 + 1500) = 1799
      const rest = await refund(ret);
      expect(rest.body).toMatchObject({ status: 'resolved', refundableAmount: 8999 - 1799, refundedAmount: 8999 - 1799 });
      const lines = await t.db
        .selectFrom('refundLines')
        .innerJoin('refunds', 'refunds.id', 'refundLines.refundId')
        .select((eb) => eb.fn.sum<number>('refundLines.amount').as('s'))
        .where('refunds.returnId', '=', ret.id)
        .executeTakeFirstOrThrow();
      expect(Number(lines.s)).toBe(8999 - 1799);
      expect(order.lines[0]?.paidAmount).toBe(10_007);
    });
  });

  it('property: random discounts, partial returns, grades and several refunds each — refunds add up, never above what was paid', async () => {
    const policy = { restockingFeePercent: 7.5, gradeFeePercent: { A: 0, B: 10, C: 25, D: 60 }, returnShippingDeduction: 500 };
    await withPolicy(admin, policy, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ price: fc.integer({ min: 1, max: 20_000 }), quantity: fc.integer({ min: 1, max: 4 }), discount: fc.nat({ max: 999 }) }), {
            minLength: 1,
            maxLength: 2,
          }),
          fc.nat({ max: 2000 }),
          fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 8, maxLength: 8 }),
          fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 2, maxLength: 2 }),
          fc.boolean(),
          async (lines, orderDiscount, unitGrades, splits, shopFault) => {
            const products = await Promise.all(lines.map((l) => buildProduct(admin, { price: l.price })));
            const customer = await buildCustomer(admin);
            const goods = lines.reduce((s, l) => s + l.price * l.quantity - Math.min(l.discount, l.price * l.quantity), 0);
            const order = await buildOrder(admin, {
              customerId: customer.id,
              discountAmount: Math.min(orderDiscount, goods),
              lines: lines.map((l, i) => ({
                sku: products[i]?.sku ?? '',
                quantity: l.quantity,
                unitPrice: l.price,
                discountAmount: Math.min(l.discount, l.price * l.quantity),
              })),
            });
            // two returns share the units: the first takes about half of each line
            const firstUnits = order.lines.map((l) => Math.floor(l.quantity / 2));
            const returns: { id: string; lines: { id: string; quantity: number }[] }[] = [];
            for (const units of [firstUnits, order.lines.map((l, i) => l.quantity - (firstUnits[i] ?? 0))]) {
              const wanted = order.lines
                .map((l, i) => ({ orderLineId: l.id, quantity: units[i] ?? 0, reasonCode: shopFault ? 'quality' : 'no_reason' }))
                .filter((l) => l.quantity > 0);
              if (wanted.length === 0) continue;
              const filed = await staff.service.post('/api/v1/returns', { orderId: order.id, resolution: 'refund', lines: wanted });
              expectStatus(filed, 201);
              returns.push(filed.body);
            }
            let grade = 0;
            let kept = 0;
            let unpriced = false;
            for (const ret of returns) {
              const received = await receive(staff.warehouse, await approve(staff.service, ret));
              const inspection = received.lines.flatMap((l) =>
                Array.from({ length: l.quantity }, () => ({
                  lineId: l.id,
                  quantity: 1,
                  grade: unitGrades[grade++ % unitGrades.length],
                  disposition: 'restock',
                })),
              );
              expectStatus(await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: inspection }), 200);
              const shown = (await preview(ret)).body;
              for (const split of splits) {
                const left = (await preview(ret)).body.remaining;
                if (left > 1) expectStatus(await refund(ret, { method: 'store_credit', amount: Math.max(1, Math.floor(left * split)) }), 200);
              }
              const last = shown.refundable > 0 ? await refund(ret) : await admin.get(`/api/v1/returns/${ret.id}`);
              expectStatus(last, 200);
              // what was shown is what was paid, to the fen (fees and postage may take it all: settled with nothing to pay)
              expect(last.body).toMatchObject({ status: 'resolved', refundableAmount: shown.refundable, refundedAmount: shown.refundable });
              expect(last.body.refunds.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(shown.refundable);
              if (shopFault) expect(shown.restockingFee + shown.gradeFee + shown.returnShipping).toBe(0);
              kept += shown.restockingFee + shown.gradeFee + shown.returnShipping;
              // a return that fees and postage take whole is never refunded, so its units never take unit numbers
              if (shown.refundable === 0) unpriced = true;
            }
            // every fen the goods cost is refunded or kept as a fee or postage, line by line never above the line
            const refundedLines = await t.db
              .selectFrom('refundLines')
              .innerJoin('returnLines', 'returnLines.id', 'refundLines.returnLineId')
              .select(['returnLines.orderLineId', (eb) => eb.fn.sum<number>('refundLines.amount').as('amount')])
              .where(
                'returnLines.returnId',
                'in',
                returns.map((r) => r.id),
              )
              .groupBy('returnLines.orderLineId')
              .execute();
            const byLine = new Map(refundedLines.map((r) => [r.orderLineId, Number(r.amount)]));
            for (const l of order.lines) expect(byLine.get(l.id) ?? 0).toBeLessThanOrEqual(l.paidAmount);
            const refunded = [...byLine.values()].reduce((s, v) => s + v, 0);
            const paid = order.lines.reduce((s, l) => s + l.paidAmount, 0);
            if (unpriced) expect(refunded + kept).toBeLessThanOrEqual(paid);
            else expect(refunded + kept).toBe(paid);
          },
        ),
        { numRuns: 4 },
      );
    });
  });

  it('rejects a held refund by another finance user, frees its amount, and logs request, approval and rejection', async () => {
    await withPolicy(admin, { refundApprovalLimit: 1000 }, async () => {
      const { order } = await buildOrderScenario(admin, { quantity: 1, price: 5000 });
      const ret = await bringBack(staff, await buildReturn(staff.service, order));
      const held = await refund(ret);
      const pending = held.body.refunds[0];
      expect(pending).toMatchObject({ status: 'pending_approval', amount: 5000 });
      expectError(await staff.finance.post(`/api/v1/refunds/${pending.id}/reject`, { reason: '金额有误' }), 403, 'forbidden');
      expectError(await staff.warehouse.post(`/api/v1/refunds/${pending.id}/reject`, { reason: '金额有误' }), 403, 'forbidden');
      expectError(await secondFinance.post(`/api/v1/refunds/${pending.id}/reject`, {}), 400, 'validation_failed');
      const rejected = await secondFinance.post(`/api/v1/refunds/${pending.id}/reject`, { reason: '金额有误' });
      expectStatus(rejected, 200);
      expect(rejected.body).toMatchObject({ id: pending.id, status: 'rejected', return: { status: 'inspected', refundedAmount: 0, pendingRefundAmount: 0 } });
      expectError(await secondFinance.post(`/api/v1/refunds/${pending.id}/reject`, { reason: 'again' }), 409, 'conflict');
      expectError(await secondFinance.post(`/api/v1/refunds/${pending.id}/approve`, {}), 409, 'conflict');

      // the amount is free again: asked for again, approved by the other, paid
      const again = await refund(ret);
      const second = again.body.refunds.find((r: { status: string }) => r.status === 'pending_approval');
      expect(second).toMatchObject({ amount: 5000 });
      const approved = await secondFinance.post(`/api/v1/refunds/${second.id}/approve`, {});
      expect(approved.body.return).toMatchObject({ status: 'resolved', refundedAmount: 5000 });

      const first = await staff.finance.get(`/api/v1/refunds/${pending.id}`);
      expectStatus(first, 200);
      expect(first.body).toMatchObject({ status: 'rejected', rejectReason: '金额有误', returnId: ret.id });
      expect(first.body.audit.map((a: { action: string }) => a.action)).toEqual(['refund.requested', 'refund.rejected']);
      expect(first.body.audit[0].actor.id).toBe(financeId);
      expect(first.body.audit[1].actor.id).not.toBe(financeId);
      const paidOne = await staff.finance.get(`/api/v1/refunds/${second.id}`);
      expect(paidOne.body.audit.map((a: { action: string }) => a.action)).toEqual(['refund.requested', 'refund.approved']);
      const timeline = (await admin.get(`/api/v1/returns/${ret.id}`)).body.timeline.map((e: { action: string }) => e.action);
      expect(timeline).toEqual(expect.arrayContaining(['refund', 'reject_refund', 'approve_refund']));
    });
  });

  it('splits a refund into store credit and money: the parts add up, never above what was paid', async () => {
    await withPolicy(admin, { storeCreditBonusPercent: 5 }, async () => {
      const product = await buildProduct(admin, { price: 3333 });
      const customer = await buildCustomer(admin);
      const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 3, unitPrice: 3333 }], discountAmount: 2 });
      const ret = await bringBack(staff, await buildReturn(staff.service, order));
      expect(ret.refundableAmount).toBe(9997);
      expectStatus(await refund(ret, { method: 'store_credit', amount: 4000 }), 200);
      expectStatus(await refund(ret, { method: 'original', amount: 3000 }), 200);
      expectError(await refund(ret, { method: 'manual', amount: 2998, reference: 'BANK-1' }), 409, 'already_refunded');
      const last = await refund(ret, { method: 'manual', channel: 'bank_transfer', reference: 'BANK-1' });
      expect(last.body).toMatchObject({ status: 'resolved', refundedAmount: 9997 });
      expect(last.body.refunds.map((r: { amount: number; method: string }) => [r.method, r.amount])).toEqual([
        ['store_credit', 4000],
        ['original', 3000],
        ['manual', 2997],
      ]);
      expect(last.body.refunds[2].channel).toBe('bank_transfer');
      expectError(await refund(ret, { method: 'store_credit' }), 409, 'already_refunded');
      // each refund's lines add up to it
      for (const r of last.body.refunds) {
        const sum = await t.db
          .selectFrom('refundLines')
          .select((eb) => eb.fn.sum<number>('amount').as('s'))
          .where('refundId', '=', r.id)
          .executeTakeFirstOrThrow();
        expect(Number(sum.s)).toBe(r.amount);
      }
      // the ledger: the credit part and its 5 % bonus
      const ledger = await staff.finance.get(`/api/v1/customers/${customer.id}/store-credit`);
      expectStatus(ledger, 200);
      expect(ledger.body).toMatchObject({ customerId: customer.id, balance: 4200 });
      expect(ledger.body.entries.map((e: { type: string; amount: number }) => [e.type, e.amount])).toEqual([
        ['bonus', 200],
        ['refund', 4000],
      ]);
      expect(ledger.body.entries[1].sourceNumber).toBe(last.body.refunds[0].number);
      expect((await admin.get(`/api/v1/customers/${customer.id}`)).body.storeCreditBalance).toBe(4200);
    });
  });

  it('spends store credit on a later order in its transaction; 409 when the balance is short, even when orders race', async () => {
    const { order, customer, product } = await buildOrderScenario(admin, { quantity: 1, price: 3000 });
    await refund(await bringBack(staff, await buildReturn(staff.service, order)), { method: 'store_credit' });
    const orderBody = (amount: number, credit: number) => ({
      number: unique('SO-SC'),
      customerId: customer.id,
      channel: 'store',
      currency: 'CNY',
      placedAt: new Date().toISOString(),
      lines: [{ sku: product.sku, quantity: 1, unitPrice: amount }],
      payments: [{ method: 'store_credit', amount: credit }, ...(amount > credit ? [{ method: 'wechat', amount: amount - credit }] : [])],
    });
    const spent = await admin.post('/api/v1/orders', orderBody(2500, 2000));
    expectStatus(spent, 201);
    const short = orderBody(2000, 1500);
    expectError(await admin.post('/api/v1/orders', short), 409, 'conflict');
    expect((await admin.get(`/api/v1/orders?number=${short.number}`)).body.data).toEqual([]);
    const ledger = await admin.get(`/api/v1/customers/${customer.id}/store-credit`);
    expect(ledger.body.balance).toBe(1000);
    expect(ledger.body.entries[0]).toMatchObject({ type: 'spend', amount: -2000, sourceType: 'order', sourceNumber: spent.body.number });

    // five orders race for the 1000 left, 600 each: one is paid, the others are told
    const racing = await Promise.all(Array.from({ length: 5 }, () => admin.post('/api/v1/orders', orderBody(600, 600))));
    expect(tally(racing)).toEqual({ 201: 1, '409 conflict': 4 });
    expect((await admin.get(`/api/v1/customers/${customer.id}/store-credit`)).body.balance).toBe(400);

    // the customer reads their own ledger from the portal; nobody else's
    const own = await portalClient(t.app, order.number, customer.phone);
    expect((await own.get(`/api/v1/customers/${customer.id}/store-credit`)).body.balance).toBe(400);
    const other = await buildOrderScenario(admin, { quantity: 1 });
    expectError(await own.get(`/api/v1/customers/${other.customer.id}/store-credit`), 404, 'not_found');
  });

  it('issues a numbered refund note per refund, linked to the return and order, with red-letter invoice fields and a PDF', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 4550, shippingFee: 600 });
    const ret = await bringBack(staff, await buildReturn(staff.service, order, { reasonCode: 'quality' }));
    const paid = await refund(ret);
    const refundId = paid.body.refunds[0].id;
    const note = await staff.finance.get(`/api/v1/refunds/${refundId}/note`);
    expectStatus(note, 200);
    expect(note.body).toMatchObject({
      number: expect.stringMatching(/^RN-\d{8}-\d{4}$/),
      refundNumber: paid.body.refunds[0].number,
      returnId: ret.id,
      orderId: order.id,
      orderNumber: order.number,
      amount: 9100 + 600,
      status: 'paid',
      redConfirmationNumber: null,
    });
    expectError(await staff.service.get(`/api/v1/refunds/${refundId}/note`), 403, 'forbidden');
    expectError(await staff.service.patch(`/api/v1/refunds/${refundId}/note`, { redInvoiceNumber: '1' }), 403, 'forbidden');
    const filled = await staff.finance.patch(`/api/v1/refunds/${refundId}/note`, {
      originalInvoiceNumber: '24442000000012345678',
      redConfirmationNumber: '4403202400001234',
      redInvoiceNumber: '24442000000087654321',
    });
    expectStatus(filled, 200);
    expect(filled.body).toMatchObject({ redConfirmationNumber: '4403202400001234', redInvoiceNumber: '24442000000087654321', updatedById: financeId });
    const detail = await staff.finance.get(`/api/v1/refunds/${refundId}`);
    expect(detail.body.note.redInvoiceNumber).toBe('24442000000087654321');
    expect(detail.body.audit.map((a: { action: string }) => a.action)).toEqual(['refund.requested', 'refund_note.updated']);

    const printed = await download(`/api/v1/refunds/${refundId}/note.pdf`);
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toBe('application/pdf');
    const text = pdfText(printed.rawPayload).replace(/\s+/g, '');
    for (const expected of [
      '退款单',
      note.body.number,
      paid.body.refunds[0].number,
      order.number,
      '4403202400001234',
      '24442000000087654321',
      '¥97.00',
      '¥6.00',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('reconciles refunds by day, method and status with totals that tie to the ledger, exports them to Excel, and closes the day', async () => {
    await withPolicy(admin, { refundApprovalLimit: 5000 }, async () => {
      const small = await bringBack(staff, await buildReturn(staff.service, (await buildOrderScenario(admin, { quantity: 1, price: 1200 })).order));
      expectStatus(await refund(small, { method: 'store_credit' }), 200);
      const big = await bringBack(staff, await buildReturn(staff.service, (await buildOrderScenario(admin, { quantity: 1, price: 8000 })).order));
      expectStatus(await refund(big), 200);
      // an inspected return nobody has refunded yet
      const owed = await bringBack(staff, await buildReturn(staff.service, (await buildOrderScenario(admin, { quantity: 1, price: 700 })).order));
      expect(owed.status).toBe('inspected');

      const today = localDate(clock.now(), 'Asia/Shanghai');
      const view = await staff.viewer.get(`/api/v1/finance/reconciliation?from=${today}&to=${today}`);
      expectStatus(view, 200);
      expect(view.body.checks).toEqual([
        expect.objectContaining({ code: 'paid_equals_refund_lines', ok: true }),
        expect.objectContaining({ code: 'store_credit_refunds_equal_ledger', ok: true }),
        expect.objectContaining({ code: 'every_refund_has_note', ok: true }),
      ]);
      // the totals agree with the refund documents themselves
      const paidDocs = await t.db.selectFrom('refunds').select(['amount', 'method']).where('status', '=', 'paid').execute();
      const paidSum = paidDocs.reduce((s, r) => s + Number(r.amount), 0);
      expect(view.body.totals.paid).toBe(paidSum);
      expect(view.body.totals.paidRefundLines).toBe(paidSum);
      const rowsPaid = view.body.rows.filter((r: { status: string }) => r.status === 'paid').reduce((s: number, r: { amount: number }) => s + r.amount, 0);
      expect(rowsPaid).toBe(paidSum);
      expect(view.body.totals.pending).toBe(8000);
      expect(view.body.rows).toEqual(expect.arrayContaining([{ date: today, method: 'original', status: 'pending_approval', count: 1, amount: 8000 }]));
      const credit = await t.db.selectFrom('storeCreditEntries').select(['type', 'amount']).execute();
      expect(view.body.totals.storeCreditIssued).toBe(
        credit.filter((e) => e.type === 'refund' || e.type === 'bonus').reduce((s, e) => s + Number(e.amount), 0),
      );

      const xlsx = await download(`/api/v1/finance/reconciliation.xlsx?from=${today}&to=${today}`);
      expect(xlsx.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const byDay = workbook.worksheets[0];
      expect(byDay?.rowCount).toBe(2 + view.body.rows.length);
      const checks = workbook.worksheets[2];
      expect(checks?.getRow(2).getCell(4).value).toBe('一致 OK');

      expectError(await staff.viewer.post('/api/v1/finance/close', { date: today }), 403, 'forbidden');
      const closed = await staff.finance.post('/api/v1/finance/close', { date: today });
      expectStatus(closed, 200);
      expect(closed.body).toMatchObject({ date: today, totals: { paid: paidSum, pending: 8000 } });
      expect(closed.body.flagged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'pending_approval', returnId: big.id, amount: 8000 }),
          expect.objectContaining({ kind: 'unpaid', returnId: owed.id, amount: 700 }),
        ]),
      );
      expect(closed.body.flagged.some((f: { returnId: string }) => f.returnId === small.id)).toBe(false);
      expectError(await staff.finance.post('/api/v1/finance/close', { date: today }), 409, 'conflict');
      const tomorrow = localDate(new Date(clock.now().getTime() + 86_400_000), 'Asia/Shanghai');
      expectError(await staff.finance.post('/api/v1/finance/close', { date: tomorrow }), 400, 'validation_failed');
      const closes = await staff.viewer.get('/api/v1/finance/closes');
      expect(closes.body.data[0]).toMatchObject({ date: today, closedBy: { id: financeId } });
      expect((await staff.viewer.get(`/api/v1/finance/reconciliation?from=${today}&to=${today}`)).body.closedDates).toEqual([today]);
      expectError(await staff.viewer.get(`/api/v1/finance/reconciliation?from=${today}&to=2000-01-01`), 400, 'validation_failed');
    });
  });

  it('orders the finance queue and the refund list by the legal deadline, and warns before it passes', async () => {
    // Sessions last from now on, so the goods arrive in the past: 9 and 6 days ago.
    const start = clock.now();
    const day = 86_400_000;
    try {
      await withPolicy(admin, { refundApprovalLimit: 0 }, async () => {
        const scenario = (price: number) => buildOrderScenario(admin, { quantity: 1, price, deliveredAt: null });
        clock.set(new Date(start.getTime() - 9 * day));
        const first = await bringBack(staff, await buildReturn(staff.service, (await scenario(1100)).order));
        clock.set(new Date(start.getTime() - 6 * day));
        const second = await bringBack(staff, await buildReturn(staff.service, (await scenario(2200)).order));
        const heldSecond = (await refund(second)).body.refunds[0];
        const heldFirst = (await refund(first)).body.refunds[0];

        const list = await staff.finance.get('/api/v1/refunds?status=pending_approval');
        const ids = list.body.data.map((r: { id: string }) => r.id);
        expect(ids.indexOf(heldFirst.id)).toBeGreaterThanOrEqual(0);
        expect(ids.indexOf(heldFirst.id)).toBeLessThan(ids.indexOf(heldSecond.id));
        const stateOf = (body: { data: { id: string; deadlineState: string }[] }) => Object.fromEntries(body.data.map((r) => [r.id, r.deadlineState]));
        expect([stateOf(list.body)[heldFirst.id], stateOf(list.body)[heldSecond.id]]).toEqual(['ok', 'ok']);

        clock.set(new Date(start.getTime() - 3 * day));
        const soon = stateOf((await staff.finance.get('/api/v1/refunds?status=pending_approval')).body);
        expect([soon[heldFirst.id], soon[heldSecond.id]]).toEqual(['due_soon', 'ok']);

        clock.set(start);
        const queue = await staff.finance.get('/api/v1/finance/queue');
        expectStatus(queue, 200);
        const mine = queue.body.items.filter((i: { refundId: string }) => [heldFirst.id, heldSecond.id].includes(i.refundId));
        expect(mine.map((i: { refundId: string; state: string; kind: string }) => [i.refundId, i.kind, i.state])).toEqual([
          [heldFirst.id, 'approval', 'overdue'],
          [heldSecond.id, 'approval', 'due_soon'],
        ]);
        const dues = queue.body.items.map((i: { dueAt: string }) => i.dueAt);
        expect([...dues].sort()).toEqual(dues);
        expect(queue.body.summary.overdue).toBeGreaterThanOrEqual(1);
        expectError(await staff.service.get('/api/v1/finance/queue'), 403, 'forbidden');
        for (const held of [heldFirst, heldSecond]) expectStatus(await secondFinance.post(`/api/v1/refunds/${held.id}/approve`, {}), 200);
      });
    } finally {
      clock.set(start);
    }
  });

  it('keeps receiving and inspecting to the contract: a refund still waits for inspection', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 1000 });
    const ret = (await approve(staff.service, await buildReturn(staff.service, order))) as ReturnBody;
    const received = await receive(staff.warehouse, ret);
    expectError(await refund(received), 409, 'invalid_transition');
    const done = await inspect(staff.warehouse, received);
    expect(done.refundableAmount).toBe(2000);
  });
});
