/** The returns zone, parcels held at the dock (拒收, 无主件), lot checks against the sale, and returns to vendor (退供应商). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/lib/actor.ts';
import { findLocationByCode } from '../src/modules/inventory/locations.repository.ts';
import { checkReturnedLots } from '../src/modules/inventory/lot-tracking.ts';
import { readReturnsZone } from '../src/modules/inventory/returns-zone.repository.ts';
import { postMovement } from '../src/modules/inventory/stock.repository.ts';
import { buildCustomer, buildOrder, buildOrderScenario, buildProduct, buildReturn, buildStaff, unique } from './support/factories.ts';
import { approve, expectError, expectLevelsMatchLedger, expectStatus, levelsOf, movementsOf, receive } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('returns zone, parcels and vendor returns on %s', (kind) => {
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

  type ZoneEntry = {
    sku: string;
    location: string;
    quantity: number;
    since: string | null;
    overdue: boolean;
    source: { type: string; id: string | null; number: string | null };
  };

  async function zoneOf(sku: string): Promise<ZoneEntry[]> {
    const response = await staff.warehouse.get('/api/v1/inventory/returns-zone?limit=200');
    expectStatus(response, 200);
    return response.body.data.filter((e: ZoneEntry) => e.sku === sku);
  }

  const parcelBody = (sku: string, quantity: number, extra: Record<string, unknown> = {}) => ({
    kind: 'refused',
    carrier: '顺丰',
    trackingNumber: unique('SF').replace(/[^A-Za-z0-9]/g, ''),
    contents: [{ sku, quantity }],
    ...extra,
  });

  it('shows what waits for inspection, for which return, since when, and flags it after the inspection time limit', async () => {
    const { order, product } = await buildOrderScenario(admin, { quantity: 3 });
    const ret = await approve(staff.service, await buildReturn(staff.service, order));
    const received = await receive(staff.warehouse, ret, [2]);
    const [entry, ...rest] = await zoneOf(product.sku);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      location: 'RETURNS',
      quantity: 2,
      overdue: false,
      source: { type: 'return', id: ret.id, number: (received as unknown as { number: string }).number },
    });
    expect(Date.parse(entry?.since ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const later = await readReturnsZone(t.db, { now: new Date(Date.now() + 49 * 3_600_000) });
    expect(later.summary.inspectionLimitHours).toBe(48);
    expect(later.entries.find((e) => e.sku === product.sku)).toMatchObject({ quantity: 2, overdue: true });
    expect(later.summary.overdueUnits).toBeGreaterThanOrEqual(2);

    const lineId = ret.lines[0]?.id;
    expectStatus(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] }),
      200,
    );
    expect((await zoneOf(product.sku)).map((e) => [e.quantity, e.source.type])).toEqual([[1, 'return']]);

    // Units the ledger does not tie to a return or parcel still show, so the view adds up to the level.
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'RETURNS', quantity: 2, reason: '盘盈' }), 201);
    expect((await zoneOf(product.sku)).map((e) => [e.quantity, e.source.type, e.since === null])).toEqual([
      [1, 'return', false],
      [2, 'other', true],
    ]);
  });

  it('still adds up to the level when a count finds a received unit missing: the shortfall shows as a negative line', async () => {
    const { order, product } = await buildOrderScenario(admin, { quantity: 2 });
    const ret = await approve(staff.service, await buildReturn(staff.service, order));
    await receive(staff.warehouse, ret, [2]);
    const zoneTotal = async () => {
      const response = await staff.warehouse.get('/api/v1/inventory/returns-zone?limit=200');
      expectStatus(response, 200);
      const returnsZone = response.body.summary.locations.filter((l: { code: string }) => l.code === 'RETURNS');
      return { units: response.body.summary.units as number, level: returnsZone.reduce((s: number, l: { onHand: number }) => s + l.onHand, 0) as number };
    };
    const before = await zoneTotal();
    expect(before.units).toBe(before.level);

    // Counted: one of the two units is there; then the other one goes missing too.
    for (const found of [1, 0]) {
      const count = await staff.warehouse.post('/api/v1/stock-counts', { warehouse: 'WH1', locations: ['RETURNS'] });
      expectStatus(count, 201);
      const sheet = await staff.warehouse.get(`/api/v1/stock-counts/${count.body.id}/sheet?limit=200`);
      const entries = sheet.body.data.map((l: { lineId: string; sku: string }) => ({ lineId: l.lineId, quantity: l.sku === product.sku ? found : 0 }));
      expectStatus(await staff.warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries }), 200);
      const levelsBefore = await admin.get('/api/v1/inventory/levels?location=RETURNS');
      const restored = levelsBefore.body.data.filter((l: { sku: string; onHand: number }) => l.sku !== product.sku && l.onHand > 0);
      expectStatus(await staff.warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
      expectStatus(await admin.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 200);
      // Put back what the count zeroed for other products, so other tests keep their stock.
      if (restored.length > 0) {
        expectStatus(
          await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
            reasonCode: 'found',
            lines: restored.map((l: { sku: string; onHand: number }) => ({ sku: l.sku, location: 'RETURNS', quantity: l.onHand })),
          }),
          201,
        );
      }
      expect((await levelsOf(admin, product.sku)).RETURNS).toBe(found);
      const zone = await zoneOf(product.sku);
      expect(zone.map((e) => [e.quantity, e.source.type])).toEqual([
        [2, 'return'],
        [found - 2, 'other'],
      ]);
      expect(zone.reduce((sum, e) => sum + e.quantity, 0)).toBe(found);
      const total = await zoneTotal();
      expect(total.units).toBe(total.level);
    }
  });

  it('registers a parcel without a return into the returns zone and releases it to stock', async () => {
    const product = await buildProduct(admin);
    expectError(await staff.warehouse.post('/api/v1/parcels', parcelBody(product.sku, 2, { location: 'MAIN' })), 400, 'validation_failed');
    expectError(await staff.warehouse.post('/api/v1/parcels', parcelBody('NO-SUCH-SKU', 2)), 400, 'validation_failed');
    expectError(await staff.finance.post('/api/v1/parcels', parcelBody(product.sku, 2)), 403, 'forbidden');
    const body = parcelBody(product.sku, 3, { kind: 'unidentified', photoIds: ['photo_1'], note: '无面单' });
    const parcel = await staff.warehouse.post('/api/v1/parcels', body);
    expectStatus(parcel, 201);
    expect(parcel.body).toMatchObject({
      number: expect.stringMatching(/^PC-\d{8}-\d{4}$/),
      kind: 'unidentified',
      status: 'unmatched',
      location: 'RETURNS',
      trackingNumber: body.trackingNumber,
      photoIds: ['photo_1'],
      lines: [{ sku: product.sku, quantity: 3, waitingQuantity: 3 }],
    });
    expect(await levelsOf(admin, product.sku)).toEqual({ RETURNS: 3 });
    expect((await movementsOf(admin, product.sku)).map((m) => [m.fromLocation, m.toLocation, m.quantity, m.type, m.sourceType, m.sourceId])).toEqual([
      [null, 'RETURNS', 3, 'parcel_receipt', 'parcel', parcel.body.id],
    ]);
    expect((await zoneOf(product.sku)).map((e) => [e.quantity, e.source.type, e.source.number])).toEqual([[3, 'parcel', parcel.body.number]]);
    const found = await staff.warehouse.get(`/api/v1/parcels?status=unmatched&q=${body.trackingNumber}`);
    expect(found.body.data.map((p: { id: string }) => p.id)).toEqual([parcel.body.id]);

    expectError(
      await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/release`, {
        reason: '上架',
        lines: [{ sku: product.sku, quantity: 4, toLocation: 'MAIN' }],
      }),
      409,
      'quantity_exceeds_returnable',
    );
    const released = await staff.warehouse.post(`/api/v1/parcels/${parcel.body.number}/release`, {
      reason: '完好上架',
      lines: [
        { sku: product.sku, quantity: 2, toLocation: 'MAIN' },
        { sku: product.sku, quantity: 1, toLocation: null },
      ],
    });
    expectStatus(released, 200);
    expect(released.body).toMatchObject({ status: 'closed', lines: [{ releasedQuantity: 3, waitingQuantity: 0 }] });
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2, RETURNS: 0 });
    expect(await zoneOf(product.sku)).toEqual([]);
  });

  it('links a refused parcel to its order without moving anything', async () => {
    const { order, product } = await buildOrderScenario(admin, { quantity: 2 });
    const stranger = await buildProduct(admin);
    const odd = await staff.warehouse.post('/api/v1/parcels', {
      ...parcelBody(product.sku, 1),
      contents: [
        { sku: product.sku, quantity: 1 },
        { sku: stranger.sku, quantity: 1 },
      ],
    });
    expectError(await staff.warehouse.post(`/api/v1/parcels/${odd.body.id}/match`, { orderId: order.id }), 409, 'conflict');

    const parcel = await staff.warehouse.post('/api/v1/parcels', parcelBody(product.sku, 2));
    const before = await movementsOf(admin, product.sku);
    expectError(await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, {}), 400, 'validation_failed');
    expectError(await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { orderId: 'ord_missing' }), 404, 'not_found');
    const matched = await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { orderId: order.id, note: '客户拒收' });
    expectStatus(matched, 200);
    expect(matched.body).toMatchObject({ status: 'matched', matchedOrder: { id: order.id, number: order.number }, matchedReturn: null, note: '客户拒收' });
    expect(await movementsOf(admin, product.sku)).toEqual(before);
    expectError(await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { orderId: order.id }), 409, 'conflict');
    // Release what is odd so the zone is clean for the next test.
    expectStatus(
      await staff.warehouse.post(`/api/v1/parcels/${odd.body.id}/release`, {
        reason: '退回寄件人',
        lines: [{ sku: stranger.sku, quantity: 1, toLocation: null }],
      }),
      200,
    );
  });

  it("counts a matched parcel as the return's receipt, once, and the inspection finds the units in RETURNS", async () => {
    const { order, product } = await buildOrderScenario(admin, { quantity: 2 });
    const ret = await approve(staff.service, await buildReturn(staff.service, order));
    const wh = unique('P')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-6);
    expectStatus(await admin.post('/api/v1/warehouses', { code: wh, name: '退货分拣仓' }), 201);

    const tooMany = await staff.warehouse.post('/api/v1/parcels', parcelBody(product.sku, 3));
    expectError(await staff.warehouse.post(`/api/v1/parcels/${tooMany.body.id}/match`, { returnId: ret.id }), 409, 'quantity_exceeds_returnable');

    const parcel = await staff.warehouse.post('/api/v1/parcels', parcelBody(product.sku, 2, { location: `${wh}-RETURNS` }));
    expectStatus(parcel, 201);
    const matched = await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { returnId: ret.id });
    expectStatus(matched, 200);
    expect(matched.body).toMatchObject({
      status: 'matched',
      matchedReturn: { id: ret.id },
      matchedOrder: { id: order.id },
      lines: [{ matchedQuantity: 2, waitingQuantity: 0 }],
    });
    const after = await admin.get(`/api/v1/returns/${ret.id}`);
    expect(after.body).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 2 })] });
    expect(after.body.timeline.at(-1)).toMatchObject({ status: 'received' });
    // The units are counted once: 3 + 2 arrived by parcel, the 2 now belong to the return in RETURNS.
    expect(await levelsOf(admin, product.sku)).toEqual({ RETURNS: 5, [`${wh}-RETURNS`]: 0 });
    const zone = await zoneOf(product.sku);
    expect(zone.map((e) => [e.location, e.quantity, e.source.type])).toEqual([
      ['RETURNS', 3, 'parcel'],
      ['RETURNS', 2, 'return'],
    ]);
    expectError(
      await staff.warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0]?.id, quantity: 1 }] }),
      409,
      'quantity_exceeds_returnable',
    );
    expectError(await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { returnId: ret.id }), 409, 'conflict');

    const inspected = await staff.warehouse.post(`/api/v1/returns/${ret.id}/inspect`, {
      lines: [{ lineId: ret.lines[0]?.id, quantity: 2, grade: 'A', disposition: 'restock' }],
    });
    expectStatus(inspected, 200);
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2, RETURNS: 3, [`${wh}-RETURNS`]: 0 });
    expectStatus(
      await staff.warehouse.post(`/api/v1/parcels/${tooMany.body.id}/release`, {
        reason: '退回',
        lines: [{ sku: product.sku, quantity: 3, toLocation: null }],
      }),
      200,
    );
  });

  it('checks returned lots and serial numbers against what the order sold', async () => {
    const product = await buildProduct(admin);
    const customer = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 3, unitPrice: 1000 }] });
    const historical = await buildOrder(admin, { customerId: customer.id, lines: [{ sku: product.sku, quantity: 1, unitPrice: 1000 }] });
    // A sale that recorded its lots (what create-order does once orders carry lots).
    await t.db.transaction().execute(async (trx) => {
      const main = await findLocationByCode(trx, 'MAIN');
      await postMovement(trx, {
        productId: product.id,
        sku: product.sku,
        from: null,
        to: main!,
        quantity: 3,
        type: 'adjustment',
        sourceType: 'adjustment',
        sourceId: 'test',
        actor: systemActor,
        now: new Date(),
      });
      for (const [lot, quantity] of [
        ['L1', 2],
        ['L2', 1],
      ] as const) {
        await postMovement(trx, {
          productId: product.id,
          sku: product.sku,
          from: main!,
          to: null,
          quantity,
          lot,
          type: 'sale',
          sourceType: 'order',
          sourceId: order.id,
          actor: systemActor,
          now: new Date(),
        });
      }
    });
    const check = (tracking: 'none' | 'lot' | 'serial', entries: { lot: string | null; quantity: number }[], orderId = order.id) =>
      checkReturnedLots(t.db, { orderId, productId: product.id, tracking, entries }).then((r) => r.map((c) => c.outcome));
    expect(
      await check('lot', [
        { lot: 'L1', quantity: 2 },
        { lot: 'L2', quantity: 1 },
      ]),
    ).toEqual(['ok', 'ok']);
    expect(
      await check('lot', [
        { lot: 'L1', quantity: 1 },
        { lot: 'L1', quantity: 2 },
      ]),
    ).toEqual(['ok', 'already_returned']);
    expect(
      await check('lot', [
        { lot: 'L9', quantity: 1 },
        { lot: null, quantity: 1 },
      ]),
    ).toEqual(['not_sold', 'missing_lot']);
    expect(await check('serial', [{ lot: 'L1', quantity: 2 }])).toEqual(['serial_quantity']);
    expect(
      await check('none', [
        { lot: 'L1', quantity: 1 },
        { lot: null, quantity: 1 },
      ]),
    ).toEqual(['unexpected_lot', 'not_tracked']);
    expect(await check('lot', [{ lot: 'L1', quantity: 1 }], historical.id)).toEqual(['unverifiable']);

    // A parcel matched to the order brings lot L1 back: only one more of it may come.
    await admin.patch(`/api/v1/products/${product.id}/stock-settings`, { tracking: 'lot' });
    const parcel = await staff.warehouse.post('/api/v1/parcels', { ...parcelBody(product.sku, 1), contents: [{ sku: product.sku, quantity: 1, lot: 'L1' }] });
    expectStatus(await staff.warehouse.post(`/api/v1/parcels/${parcel.body.id}/match`, { orderId: order.id }), 200);
    expect(await check('lot', [{ lot: 'L1', quantity: 2 }])).toEqual(['already_returned']);
    const wrong = await staff.warehouse.post('/api/v1/parcels', { ...parcelBody(product.sku, 1), contents: [{ sku: product.sku, quantity: 1, lot: 'L7' }] });
    expectError(await staff.warehouse.post(`/api/v1/parcels/${wrong.body.id}/match`, { orderId: order.id }), 409, 'conflict');
    for (const p of [parcel, wrong]) {
      expectStatus(
        await staff.warehouse.post(`/api/v1/parcels/${p.body.id}/release`, { reason: '上架', lines: [{ sku: product.sku, quantity: 1, toLocation: 'MAIN' }] }),
        200,
      );
    }
  });

  it('sends damaged goods back to their supplier and records the credit expected, then received', async () => {
    const supplier = await admin.post('/api/v1/suppliers', {
      code: unique('SUP').replace(/[^A-Za-z0-9-]/g, ''),
      name: '东莞制衣厂',
      contactPhone: '0769-1234567',
    });
    expectStatus(supplier, 201);
    const other = await admin.post('/api/v1/suppliers', { code: unique('SUP').replace(/[^A-Za-z0-9-]/g, ''), name: '别家' });
    const product = await buildProduct(admin, { price: 5000 });
    expectStatus(await admin.patch(`/api/v1/products/${product.id}/stock-settings`, { supplierId: supplier.body.id }), 200);
    expect((await admin.get(`/api/v1/suppliers/${supplier.body.id}`)).body.productCount).toBe(1);
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'DAMAGED', quantity: 3, reason: '不良品' }), 201);

    const body = { supplierId: supplier.body.id, lines: [{ sku: product.sku, quantity: 2, unitCredit: 3000 }], carrier: '德邦', trackingNumber: 'DB123' };
    expectError(await staff.warehouse.post('/api/v1/vendor-returns', { ...body, supplierId: other.body.id }), 400, 'validation_failed');
    expectError(await staff.warehouse.post('/api/v1/vendor-returns', { ...body, fromLocation: 'MAIN' }), 400, 'validation_failed');
    expectError(
      await staff.warehouse.post('/api/v1/vendor-returns', { ...body, lines: [{ sku: product.sku, quantity: 4, unitCredit: 3000 }] }),
      409,
      'conflict',
    );
    const rtv = await staff.warehouse.post('/api/v1/vendor-returns', body);
    expectStatus(rtv, 201);
    expect(rtv.body).toMatchObject({
      number: expect.stringMatching(/^RTV-/),
      status: 'shipped',
      fromLocation: 'DAMAGED',
      expectedCredit: 6000,
      receivedCredit: null,
      supplier: { id: supplier.body.id },
      lines: [{ sku: product.sku, quantity: 2, unitCredit: 3000, amount: 6000 }],
    });
    expect(await levelsOf(admin, product.sku)).toEqual({ DAMAGED: 1 });
    expect((await movementsOf(admin, product.sku)).at(-1)).toMatchObject({
      fromLocation: 'DAMAGED',
      toLocation: null,
      quantity: 2,
      type: 'return_to_vendor',
      sourceType: 'vendor_return',
      sourceId: rtv.body.id,
    });

    expectError(await staff.warehouse.post(`/api/v1/vendor-returns/${rtv.body.id}/credit`, { amount: 6000 }), 403, 'forbidden');
    const credited = await staff.finance.post(`/api/v1/vendor-returns/${rtv.body.number}/credit`, { amount: 5500, reference: 'CN-88' });
    expect(credited.body).toMatchObject({ status: 'credited', receivedCredit: 5500, creditReference: 'CN-88' });
    expectError(await staff.finance.post(`/api/v1/vendor-returns/${rtv.body.id}/credit`, { amount: 1 }), 409, 'conflict');
    expectError(await admin.delete(`/api/v1/suppliers/${supplier.body.id}`), 409, 'conflict');
    expectStatus(await admin.delete(`/api/v1/suppliers/${other.body.id}`), 204);
    const list = await staff.finance.get(`/api/v1/vendor-returns?supplierId=${supplier.body.id}`);
    expect(list.body.data.map((v: { id: string }) => v.id)).toEqual([rtv.body.id]);
  });
});
