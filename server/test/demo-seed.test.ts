/** The demo shop loaded on a fresh database: every status on show, logins that work, stock and money that add up. */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedStatusCounts } from '../src/demo/return-scenarios.ts';
import { type DemoLogin, seedDemoData } from '../src/demo/seed.ts';
import { ledgerBalances } from '../src/modules/inventory/stock.repository.ts';
import { returnStatuses } from '../src/modules/returns/return-status.ts';
import { type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('demo data on %s', (kind) => {
  let t: TestApp;
  let logins: DemoLogin[];
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    logins = await seedDemoData(t.ctx, pino({ level: 'silent' }));
    admin = await signIn(t.app, 'admin@demo.returnflow.cn', 'demo1234');
  }, 180_000);
  afterAll(() => t.close());

  it('has returns in every status, as many as the scenarios plan', async () => {
    const rows = await t.db
      .selectFrom('returns')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    for (const status of returnStatuses) expect(counts[status], status).toBeGreaterThan(0);
    expect(counts).toEqual(expectedStatusCounts());

    const listed = await admin.get('/api/v1/returns?status=requested&limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(expectedStatusCounts().requested);
  });

  it('signs in every demo login with its role', async () => {
    expect(logins.map((l) => l.role)).toEqual(['admin', 'manager', 'service', 'warehouse', 'finance', 'finance2', 'sales', 'viewer']);
    for (const login of logins) {
      const response = await client(t.app).post('/api/v1/auth/login', { email: login.email, password: login.password });
      expect(response.status, login.email).toBe(200);
      expect(response.body.user.roles).toEqual([login.role === 'finance2' ? 'finance' : login.role]);
    }
    const sales = await signIn(t.app, 'sales@demo.returnflow.cn', 'demo1234');
    const own = await sales.get('/api/v1/customers?limit=100');
    const all = await admin.get('/api/v1/customers?limit=100');
    expect(own.body.data.length).toBeGreaterThan(0);
    expect(own.body.data.length).toBeLessThan(all.body.data.length);
  });

  it('keeps every stock level equal to the ledger, none negative', async () => {
    const products = new Map((await t.db.selectFrom('products').select(['id', 'sku']).execute()).map((p) => [p.sku, p.id]));
    const locations = new Map((await t.db.selectFrom('locations').select(['id', 'code']).execute()).map((l) => [l.code, l.id]));
    const levels = await admin.get('/api/v1/inventory/levels');
    expect(levels.status).toBe(200);
    const projected = new Map<string, number>(
      levels.body.data.map((l: { sku: string; location: string; onHand: number }) => [`${products.get(l.sku)}|${locations.get(l.location)}`, l.onHand]),
    );
    const ledger = await ledgerBalances(t.db);
    expect(ledger.size).toBeGreaterThan(40);
    for (const [key, balance] of ledger) expect(projected.get(key) ?? 0, key).toBe(balance);
    for (const [key, onHand] of projected) {
      expect(onHand, key).toBe(ledger.get(key) ?? 0);
      expect(onHand, key).toBeGreaterThanOrEqual(0);
    }
    const sales = await t.db.selectFrom('stockMovements').select('id').where('type', '=', 'sale').limit(1).execute();
    expect(sales).toHaveLength(1);
  });

  it('never refunds more than was paid, and pays what the orders say', async () => {
    const orders = await t.db.selectFrom('orders').select(['id', 'goodsAmount', 'shippingFee']).execute();
    const payments = await t.db
      .selectFrom('orderPayments')
      .select(['orderId', (eb) => eb.fn.sum<number>('amount').as('paid')])
      .groupBy('orderId')
      .execute();
    const paidByOrder = new Map(payments.map((p) => [p.orderId, Number(p.paid)]));
    for (const o of orders) expect(paidByOrder.get(o.id) ?? 0, o.id).toBe(Number(o.goodsAmount) + Number(o.shippingFee));

    const refunds = await t.db
      .selectFrom('refunds')
      .innerJoin('returns', 'returns.id', 'refunds.returnId')
      .select(['returns.id', 'returns.orderId', 'returns.refundedAmount', 'returns.refundableAmount', 'refunds.amount', 'refunds.status'])
      .execute();
    expect(refunds.length).toBeGreaterThan(20);
    const byReturn = new Map<string, { paid: number; claimed: number; refunded: number; refundable: number }>();
    const byOrder = new Map<string, number>();
    for (const r of refunds) {
      const entry = byReturn.get(r.id) ?? { paid: 0, claimed: 0, refunded: Number(r.refundedAmount), refundable: Number(r.refundableAmount) };
      entry.claimed += Number(r.amount);
      if (r.status === 'paid') entry.paid += Number(r.amount);
      byReturn.set(r.id, entry);
      byOrder.set(r.orderId, (byOrder.get(r.orderId) ?? 0) + Number(r.amount));
    }
    for (const [id, r] of byReturn) {
      expect(r.paid, id).toBe(r.refunded);
      expect(r.claimed, id).toBeLessThanOrEqual(r.refundable);
    }
    for (const [orderId, refunded] of byOrder) expect(refunded, orderId).toBeLessThanOrEqual(paidByOrder.get(orderId) ?? 0);

    const perLine = await t.db
      .selectFrom('refundLines')
      .innerJoin('returnLines', 'returnLines.id', 'refundLines.returnLineId')
      .innerJoin('orderLines', 'orderLines.id', 'returnLines.orderLineId')
      .select(['orderLines.id', 'orderLines.paidAmount', (eb) => eb.fn.sum<number>('refundLines.amount').as('refunded')])
      .groupBy(['orderLines.id', 'orderLines.paidAmount'])
      .execute();
    expect(perLine.length).toBeGreaterThan(20);
    for (const l of perLine) expect(Number(l.refunded), l.id).toBeLessThanOrEqual(Number(l.paidAmount));
  });

  it('shows the cases a demo needs: approval queue, store credit, exchange, two parcels, a refused unit', async () => {
    const pending = await admin.get('/api/v1/refunds?status=pending_approval');
    expect(pending.body.data.length).toBeGreaterThan(0);
    const bonus = await t.db.selectFrom('storeCreditEntries').select('id').where('type', '=', 'bonus').execute();
    expect(bonus.length).toBeGreaterThan(0);
    const exchanges = await t.db
      .selectFrom('returns')
      .select('id')
      .where('resolution', '=', 'exchange')
      .where('replacementShippedAt', 'is not', null)
      .execute();
    expect(exchanges.length).toBeGreaterThan(0);
    const twoParcels = await t.db
      .selectFrom('returnEvents')
      .select('returnId')
      .where('action', '=', 'receive')
      .groupBy('returnId')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(twoParcels.length).toBeGreaterThan(0);
    const refused = await t.db.selectFrom('returnLines').select('id').where('refusedQuantity', '>', 0).execute();
    expect(refused.length).toBeGreaterThan(0);
    const refundOnly = await t.db.selectFrom('returns').select('id').where('type', '=', 'refund_only').where('status', '=', 'resolved').execute();
    expect(refundOnly.length).toBeGreaterThan(0);
    const overdue = await t.db.selectFrom('returnStages').select('id').where('exitedAt', 'is', null).where('dueAt', '<', new Date().toISOString()).execute();
    expect(overdue.length).toBeGreaterThan(0);
  });
});
