/**
 * Where the warehouse features meet the return flow: inspection follows the warehouse's
 * disposition mapping (and the workbench shows it), lots sold on an order are checked when
 * the units come back, adjustments that name a reason code respect its direction, and the
 * worker makes the count sheets of due count plans on its own.
 */
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/lib/clock.ts';
import { type NoticeWorker, startNoticeWorker } from '../src/worker/notice-worker.ts';
import { buildCustomer, buildOrder, buildProduct, buildReturn, buildStaff, unique } from './support/factories.ts';
import { approve, expectError, expectLevelsMatchLedger, expectStatus, levelsOf, movementsOf, receive } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

type Movement = { type: string; quantity: number; lot: string | null; toLocation: string | null; fromLocation: string | null };

describe.each(testDatabases)('warehouse integrations on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'manager', Client>;
  let worker: NoticeWorker;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'manager'])) as typeof staff;
    worker = startNoticeWorker({ ctx: t.ctx, log: pino({ level: 'silent' }), manual: true, env: {} });
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  const code = (prefix: string) =>
    `${prefix}${unique('')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-6)}`;

  async function stockUp(sku: string, quantity: number, location = 'MAIN') {
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku, location, quantity, reason: 'opening' }), 201);
  }

  /** A delivered order of one product, and a return of every unit, approved. */
  async function approvedReturn(o: { quantity: number; lots?: { lot: string; quantity: number }[]; tracking?: 'lot' | 'serial' }) {
    const product = await buildProduct(admin, { price: 5000 });
    if (o.tracking) expectStatus(await admin.patch(`/api/v1/products/${product.id}/stock-settings`, { tracking: o.tracking }), 200);
    await stockUp(product.sku, o.quantity);
    const customer = await buildCustomer(admin);
    const line = { sku: product.sku, quantity: o.quantity, unitPrice: 5000, ...(o.lots ? { lots: o.lots } : {}) };
    const order = await buildOrder(admin, { customerId: customer.id, stockLocation: 'MAIN', lines: [line as never] });
    const ret = await approve(staff.service, await buildReturn(staff.service, order));
    return { product, order, ret, lineId: ret.lines[0]?.id as string };
  }

  it('inspects into the locations the warehouse maps dispositions to, and the workbench shows them', async () => {
    const warehouses = await admin.get('/api/v1/warehouses');
    const main = warehouses.body.data.find((w: { isDefault: boolean }) => w.isDefault);
    const shelf = code('SHELF');
    const cage = code('CAGE');
    expectStatus(await staff.warehouse.post('/api/v1/locations', { warehouse: main.code, code: shelf, name: '退货上架区', kind: 'sellable' }), 201);
    expectStatus(await staff.warehouse.post('/api/v1/locations', { warehouse: main.code, code: cage, name: '退供应商待发', kind: 'quarantine' }), 201);
    const mappings = [
      { disposition: 'restock', location: shelf },
      { disposition: 'vendor', location: cage },
    ];
    expectStatus(await staff.warehouse.put(`/api/v1/warehouses/${main.id}/dispositions`, { mappings }), 200);
    try {
      const { product, ret, lineId } = await approvedReturn({ quantity: 3 });
      const bench = await staff.warehouse.get(`/api/v1/console/returns/${ret.id}/workbench`);
      expect(bench.body.dispositions).toEqual([
        { disposition: 'restock', location: shelf },
        { disposition: 'damaged', location: 'DAMAGED' },
        { disposition: 'scrap', location: null },
        { disposition: 'vendor', location: cage },
        { disposition: 'reject', location: null },
      ]);
      await receive(staff.warehouse, ret);
      const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
        lines: [
          { lineId, quantity: 1, grade: 'A', disposition: 'restock' },
          { lineId, quantity: 1, grade: 'C', disposition: 'vendor' },
          { lineId, quantity: 1, grade: 'C', disposition: 'damaged' },
        ],
      });
      expectStatus(inspected, 200);
      // Every unit stays accepted for refund, wherever it went.
      expect(inspected.body.lines[0]).toMatchObject({ inspectedQuantity: 3, acceptedQuantity: 3 });
      expect(await levelsOf(admin, product.sku)).toMatchObject({ MAIN: 0, RETURNS: 0, [shelf]: 1, [cage]: 1, DAMAGED: 1 });
      const moves = (await movementsOf(admin, product.sku)).filter((m) => m.fromLocation === 'RETURNS') as unknown as Movement[];
      expect(moves.map((m) => [m.type, m.toLocation])).toEqual([
        ['inspection_restock', shelf],
        ['inspection_damaged', cage],
        ['inspection_damaged', 'DAMAGED'],
      ]);
    } finally {
      const reset = mappings.map((m) => ({ disposition: m.disposition, location: null }));
      expectStatus(await staff.warehouse.put(`/api/v1/warehouses/${main.id}/dispositions`, { mappings: reset }), 200);
    }
  });

  it('records the lots sold on an order and takes back only those lots, on the receipt movement', async () => {
    const { product, ret, lineId } = await approvedReturn({
      quantity: 3,
      tracking: 'lot',
      lots: [
        { lot: 'B2611', quantity: 2 },
        { lot: 'B2612', quantity: 1 },
      ],
    });
    const sales = (await movementsOf(admin, product.sku)).filter((m) => m.type === 'sale') as unknown as Movement[];
    expect(sales.map((m) => [m.lot, m.quantity])).toEqual([
      ['B2611', 2],
      ['B2612', 1],
    ]);

    const receiveBody = (lines: { quantity: number; lot?: string }[]) => ({ lines: lines.map((l) => ({ lineId, ...l })) });
    // A tracked product needs its lot; the lot must be one the order sold, no more than sold.
    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, receiveBody([{ quantity: 1 }])), 409, 'conflict');
    const notSold = await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, receiveBody([{ quantity: 1, lot: 'B9999' }]));
    expectError(notSold, 409, 'conflict');
    expect(notSold.body.error.details.lots).toEqual([expect.objectContaining({ lot: 'B9999', outcome: 'not_sold' })]);
    expectError(await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, receiveBody([{ quantity: 2, lot: 'B2612' }])), 409, 'conflict');
    expect(await levelsOf(admin, product.sku)).toMatchObject({ MAIN: 0 });
    expect((await levelsOf(admin, product.sku)).RETURNS ?? 0).toBe(0);

    const received = await staff.warehouse.post(
      `/api/v1/returns/${ret.id}/receive`,
      receiveBody([
        { quantity: 1, lot: 'B2611' },
        { quantity: 1, lot: 'B2612' },
        { quantity: 1, lot: 'B2611' },
      ]),
    );
    expectStatus(received, 200);
    expect(received.body.lines[0].receivedQuantity).toBe(3);
    const receipts = (await movementsOf(admin, product.sku)).filter((m) => m.type === 'return_receipt') as unknown as Movement[];
    expect(receipts.map((m) => [m.lot, m.quantity, m.toLocation])).toEqual([
      ['B2611', 2, 'RETURNS'],
      ['B2612', 1, 'RETURNS'],
    ]);
  });

  it('keeps the v1 receive body working, refuses a lot on a product that tracks none, and checks serials one by one', async () => {
    const plain = await approvedReturn({ quantity: 2 });
    const lotted = await staff.warehouse.post(`/api/v1/returns/${plain.ret.id}/receive`, { lines: [{ lineId: plain.lineId, quantity: 1, lot: 'X1' }] });
    expectError(lotted, 400, 'validation_failed');
    await receive(staff.warehouse, plain.ret);
    expect(await levelsOf(admin, plain.product.sku)).toMatchObject({ RETURNS: 2 });

    const serial = await approvedReturn({
      quantity: 2,
      tracking: 'serial',
      lots: [
        { lot: 'SN-001', quantity: 1 },
        { lot: 'SN-002', quantity: 1 },
      ],
    });
    const url = `/api/v1/returns/${serial.ret.id}/receive`;
    expectError(await staff.warehouse.post(url, { lines: [{ lineId: serial.lineId, quantity: 2, lot: 'SN-001' }] }), 409, 'conflict');
    expectStatus(await staff.warehouse.post(url, { lines: [{ lineId: serial.lineId, quantity: 1, lot: 'SN-002' }] }), 200);
    // The same serial cannot come back twice.
    expectError(await staff.warehouse.post(url, { lines: [{ lineId: serial.lineId, quantity: 1, lot: 'SN-002' }] }), 409, 'conflict');
    expectStatus(await staff.warehouse.post(url, { lines: [{ lineId: serial.lineId, quantity: 1, lot: 'SN-001' }] }), 200);
  });

  it('refuses order lots that do not fit: wrong total, no stock location, a product that tracks none', async () => {
    const product = await buildProduct(admin);
    expectStatus(await admin.patch(`/api/v1/products/${product.id}/stock-settings`, { tracking: 'lot' }), 200);
    const untracked = await buildProduct(admin);
    await stockUp(product.sku, 5);
    await stockUp(untracked.sku, 5);
    const customer = await buildCustomer(admin);
    const order = (lines: unknown[], stockLocation: string | null = 'MAIN') =>
      admin.post('/api/v1/orders', {
        number: unique('SO'),
        customerId: customer.id,
        channel: 'tmall',
        placedAt: new Date().toISOString(),
        ...(stockLocation ? { stockLocation } : {}),
        lines,
        payments: [{ method: 'alipay', amount: (lines as { quantity: number }[]).reduce((s, l) => s + l.quantity * 100, 0) }],
      });
    expectError(await order([{ sku: product.sku, quantity: 2, unitPrice: 100, lots: [{ lot: 'L1', quantity: 1 }] }]), 400, 'validation_failed');
    expectError(await order([{ sku: product.sku, quantity: 1, unitPrice: 100, lots: [{ lot: 'L1', quantity: 1 }] }], null), 400, 'validation_failed');
    expectError(await order([{ sku: untracked.sku, quantity: 1, unitPrice: 100, lots: [{ lot: 'L1', quantity: 1 }] }]), 400, 'validation_failed');
    expect(await levelsOf(admin, product.sku)).toMatchObject({ MAIN: 5 });
    // Without lots an order is as before.
    expectStatus(await order([{ sku: product.sku, quantity: 1, unitPrice: 100 }]), 201);
    expect(await levelsOf(admin, product.sku)).toMatchObject({ MAIN: 4 });
  });

  it('checks the direction of a reason code named as the free-text reason of an adjustment', async () => {
    const product = await buildProduct(admin);
    const adjust = (quantity: number, reason: string) =>
      staff.warehouse.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity, reason });
    expectStatus(await adjust(5, 'found'), 201);
    expectError(await adjust(2, 'lost'), 400, 'validation_failed');
    expectError(await adjust(-1, 'found'), 400, 'validation_failed');
    expectStatus(await adjust(-1, 'lost'), 201);
    expectStatus(await adjust(-1, 'correction'), 201);
    // Free text is still free text.
    expectStatus(await adjust(2, '盘盈 A-03 货架'), 201);
    expectStatus(await adjust(-1, 'lost in aisle 3'), 201);
    // A retired code is no longer a reason to use.
    expectStatus(await admin.post('/api/v1/inventory/reason-codes', { code: 'promo', name: '促销赠品', direction: 'out' }), 201);
    expectStatus(await admin.patch('/api/v1/inventory/reason-codes/promo', { active: false }), 200);
    expectError(await adjust(-1, 'promo'), 400, 'validation_failed');
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 4 });
  });

  it('makes the count sheets of due plans from the worker, once per run date', async () => {
    const wh = code('P');
    expectStatus(await admin.post('/api/v1/warehouses', { code: wh, name: '盘点仓' }), 201);
    const product = await buildProduct(admin);
    await stockUp(product.sku, 4, `${wh}-MAIN`);
    const plan = await staff.manager.post('/api/v1/stock-count-plans', { name: '月度盘点', warehouse: wh, schedule: 'monthly' });
    expectStatus(plan, 201);
    const countsOfPlan = async (who = staff.manager) =>
      ((await who.get('/api/v1/stock-counts?limit=200')).body.data as { id: string; planId: string | null; createdBy: { kind: string } }[]).filter(
        (c) => c.planId === plan.body.id,
      );

    expect(await countsOfPlan()).toEqual([]);
    await worker.runJobsOnce();
    const first = await countsOfPlan();
    expect(first).toHaveLength(1);
    expect(first[0]?.createdBy.kind).toBe('system');
    const after = (await staff.manager.get(`/api/v1/stock-count-plans/${plan.body.id}`)).body;
    expect(after.lastCountId).toBe(first[0]?.id);
    expect(after.nextRunOn > plan.body.nextRunOn).toBe(true);

    // Ten minutes on, the job runs again but the plan is not due: no second sheet.
    clock.advance(11 * 60_000);
    await worker.runJobsOnce();
    expect(await countsOfPlan()).toHaveLength(1);

    // Next month the plan is due again and the worker makes its next sheet (sessions of a month ago have ended).
    expectStatus(await staff.manager.post(`/api/v1/stock-counts/${first[0]?.id}/cancel`, {}), 200);
    clock.advance(32 * 86_400_000);
    admin = await signIn(t.app, adminEmail, adminPassword);
    await worker.runJobsOnce();
    expect(await countsOfPlan(admin)).toHaveLength(2);
  });
});
