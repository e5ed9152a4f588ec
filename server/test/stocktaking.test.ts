/** Stocktaking over the API: plans and their stored next run, blind sheets, counts during movement, approval by someone who did not count, Excel counts. */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstRunOnOrAfter, nextRunAfter, occurrence } from '../src/modules/stocktaking/count-schedule.ts';
import { buildCustomer, buildOrder, buildProduct, buildStaff, unique } from './support/factories.ts';
import { expectError, expectLevelsMatchLedger, expectStatus, levelsOf, movementsOf } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('count schedule', () => {
  it('repeats monthly and quarterly on the start day, clamped to short months', () => {
    expect([0, 1, 2, 3].map((k) => occurrence('2026-01-31', 'monthly', k))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect([0, 1, 4].map((k) => occurrence('2026-11-30', 'quarterly', k))).toEqual(['2026-11-30', '2027-02-28', '2027-11-30']);
    expect(firstRunOnOrAfter('2026-01-15', 'monthly', '2026-05-16')).toBe('2026-06-15');
    expect(firstRunOnOrAfter('2026-01-15', 'quarterly', '2026-04-15')).toBe('2026-04-15');
    expect(nextRunAfter('2026-01-15', 'quarterly', '2026-04-15')).toBe('2026-07-15');
    expect(nextRunAfter('2026-01-15', 'monthly', '2026-09-02')).toBe('2026-09-15');
    expect(firstRunOnOrAfter('2026-03-01', 'once', '2026-02-01')).toBe('2026-03-01');
    expect(nextRunAfter('2026-03-01', 'once', '2026-03-01')).toBeNull();
  });
});

describe.each(testDatabases)('stocktaking on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let warehouse: Client;
  let warehouseToken: string;
  let manager: Client;
  let secondManager: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    const signInAs = (e: string, p: string) => signIn(t.app, e, p);
    ({ manager } = (await buildStaff(admin, signInAs, ['manager'])) as Record<'manager', Client>);
    // The counter's token, for the Excel downloads and uploads sent without the JSON client.
    const email = `${unique('counter')}@returnflow.test`.toLowerCase();
    expectStatus(await admin.post('/api/v1/users', { email, name: 'warehouse user', password: 'password-123', roles: ['warehouse'] }), 201);
    warehouseToken = (await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' })).body.token;
    warehouse = client(t.app, warehouseToken);
    secondManager = (await buildStaff(admin, signInAs, ['manager'])).manager as Client;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  /** A warehouse of its own per test, so open counts never overlap across tests. */
  async function newWarehouse(): Promise<string> {
    const code = unique('C')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-7);
    expectStatus(await admin.post('/api/v1/warehouses', { code, name: `盘点仓 ${code}` }), 201);
    return code;
  }

  async function stock(sku: string, location: string, quantity: number) {
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku, location, quantity, reason: '期初库存' }), 201);
  }

  /** A raw GET as the counter (Excel answers are not JSON). */
  function download(url: string) {
    return t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${warehouseToken}` } });
  }

  async function sheetOf(countId: string, who: Client = warehouse) {
    const response = await who.get(`/api/v1/stock-counts/${countId}/sheet?limit=200`);
    expectStatus(response, 200);
    return response.body.data as { lineId: string; sku: string; location: string; countedQuantity: number | null; added: boolean }[];
  }

  it('plans counts and stores the next run; run-due makes each due sheet once', async () => {
    const wh = await newWarehouse();
    expectError(await warehouse.post('/api/v1/stock-count-plans', { name: '月盘', warehouse: wh, schedule: 'monthly' }), 403, 'forbidden');
    const plan = await manager.post('/api/v1/stock-count-plans', {
      name: '月度盘点',
      warehouse: wh,
      locations: [`${wh}-MAIN`],
      categories: ['服装'],
      schedule: 'monthly',
    });
    expectStatus(plan, 201);
    const today = plan.body.nextRunOn as string;
    expect(plan.body).toMatchObject({ schedule: 'monthly', startsOn: today, locations: [`${wh}-MAIN`], categories: ['服装'], active: true, lastRunAt: null });
    const later = await manager.post('/api/v1/stock-count-plans', {
      name: '季度盘点',
      warehouse: wh,
      locations: [`${wh}-DAMAGED`],
      schedule: 'quarterly',
      startsOn: '2099-01-31',
    });
    expect(later.body.nextRunOn).toBe('2099-01-31');
    expectError(await manager.post('/api/v1/stock-count-plans', { name: 'x', warehouse: wh, locations: ['MAIN'], schedule: 'once' }), 400, 'validation_failed');
    expectError(
      await manager.post('/api/v1/stock-count-plans', { name: 'x', warehouse: wh, schedule: 'once', startsOn: '2000-01-01' }),
      400,
      'validation_failed',
    );

    const run = await manager.post('/api/v1/stock-count-plans/run-due', {});
    expectStatus(run, 200);
    const made = run.body.created.find((c: { planId: string }) => c.planId === plan.body.id);
    expect(made).toMatchObject({ number: expect.stringMatching(/^PD-\d{8}-\d{4}$/) });
    expect(run.body.created.some((c: { planId: string }) => c.planId === later.body.id)).toBe(false);
    const stored = await warehouse.get(`/api/v1/stock-count-plans/${plan.body.id}`);
    expect(stored.body).toMatchObject({ nextRunOn: nextRunAfter(today, 'monthly', today), lastCountId: made.countId });
    expect(stored.body.nextRunOn > today).toBe(true);
    const again = await manager.post('/api/v1/stock-count-plans/run-due', {});
    expect(again.body.created.some((c: { planId: string }) => c.planId === plan.body.id)).toBe(false);

    const count = await warehouse.get(`/api/v1/stock-counts/${made.countId}`);
    expect(count.body).toMatchObject({ planId: plan.body.id, status: 'counting', warehouseCode: wh, locations: [`${wh}-MAIN`], categories: ['服装'] });
    // A second count of the same location waits until the first is done.
    expectError(await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [`${wh}-MAIN`] }), 409, 'conflict');
    expectError(await warehouse.post(`/api/v1/stock-count-plans/${plan.body.id}/run`, {}), 409, 'conflict');
    expectStatus(await manager.post(`/api/v1/stock-counts/${made.countId}/cancel`, { note: '改期' }), 200);
    const manual = await warehouse.post(`/api/v1/stock-count-plans/${plan.body.id}/run`, {});
    expectStatus(manual, 201);
    // Run early by hand: the stored next run stays.
    expect((await warehouse.get(`/api/v1/stock-count-plans/${plan.body.id}`)).body.nextRunOn).toBe(stored.body.nextRunOn);

    const once = await manager.post('/api/v1/stock-count-plans', { name: '一次性', warehouse: wh, locations: [`${wh}-QC`], schedule: 'once' });
    const ran = await manager.post('/api/v1/stock-count-plans/run-due', {});
    expect(ran.body.created.some((c: { planId: string }) => c.planId === once.body.id)).toBe(true);
    expect((await manager.get(`/api/v1/stock-count-plans/${once.body.id}`)).body.nextRunOn).toBeNull();
    const paused = await manager.patch(`/api/v1/stock-count-plans/${later.body.id}`, { active: false, name: '季度盘点（暂停）' });
    expect(paused.body).toMatchObject({ active: false, name: '季度盘点（暂停）' });
  });

  it('hides expected quantities from counters; the manager sees them in the variance report', async () => {
    const wh = await newWarehouse();
    const product = await buildProduct(admin);
    await stock(product.sku, `${wh}-MAIN`, 7);
    const count = await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [`${wh}-MAIN`] });
    expectStatus(count, 201);
    const sheet = await warehouse.get(`/api/v1/stock-counts/${count.body.id}/sheet`);
    expectStatus(sheet, 200);
    expect(sheet.body.data).toEqual([expect.objectContaining({ sku: product.sku, location: `${wh}-MAIN`, countedQuantity: null, added: false })]);
    const entered = await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ lineId: sheet.body.data[0].lineId, quantity: 6 }] });
    expectStatus(entered, 200);
    for (const body of [sheet.body, entered.body, (await warehouse.get(`/api/v1/stock-counts/${count.body.id}`)).body]) {
      expect(JSON.stringify(body)).not.toMatch(/expected|variance|unitPrice|onHand/i);
      expect(JSON.stringify(body)).not.toContain('"7"');
    }
    const workbook = new ExcelJS.Workbook();
    const file = await download(`/api/v1/stock-counts/${count.body.id}/sheet.xlsx`);
    expect(file.statusCode).toBe(200);
    await workbook.xlsx.load(file.rawPayload as never);
    const headers = (workbook.worksheets[0]!.getRow(2).values as unknown[]).filter(Boolean).map(String);
    expect(headers.join('|')).not.toMatch(/expected|账面/i);

    expectError(await warehouse.get(`/api/v1/stock-counts/${count.body.id}/variance`), 403, 'forbidden');
    const report = await manager.get(`/api/v1/stock-counts/${count.body.id}/variance`);
    expectStatus(report, 200);
    expect(report.body.lines).toEqual([expect.objectContaining({ sku: product.sku, expectedQuantity: 7, countedQuantity: 6, variance: -1 })]);
    expectStatus(await manager.post(`/api/v1/stock-counts/${count.body.id}/cancel`, {}), 200);
  });

  it('corrects by counted − snapshot on top of what moved during the count', async () => {
    const wh = await newWarehouse();
    const main = `${wh}-MAIN`;
    const [a, b, c, d] = [
      await buildProduct(admin, { price: 1000 }),
      await buildProduct(admin, { price: 250 }),
      await buildProduct(admin, { price: 99 }),
      await buildProduct(admin),
    ];
    await stock(a.sku, main, 10);
    await stock(b.sku, main, 5);
    await stock(d.sku, main, 4);
    const count = await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [main] });
    expectStatus(count, 201);
    expect((await sheetOf(count.body.id)).map((l) => l.sku).sort()).toEqual([a.sku, b.sku, d.sku].sort());

    // While the count runs: 3 of A sold, 2 of B received, 1 of D moved away.
    const customer = await buildCustomer(admin);
    await buildOrder(admin, { customerId: customer.id, lines: [{ sku: a.sku, quantity: 3, unitPrice: 1000 }], stockLocation: main });
    await stock(b.sku, main, 2);
    expectStatus(
      await admin.post('/api/v1/inventory/transfers', { lines: [{ sku: d.sku, fromLocation: main, toLocation: `${wh}-DAMAGED`, quantity: 1 }] }),
      201,
    );

    // The shelf at the snapshot: A 9 (one lost earlier), B 5, D 4; and 2 of C nobody knew about.
    const entries = await warehouse.post(`/api/v1/stock-counts/${count.body.number}/counts`, {
      entries: [
        { sku: a.sku, location: main, quantity: 9 },
        { sku: b.sku, location: main, quantity: 5 },
        { sku: d.sku, location: main, mode: 'add', quantity: 3 },
        { sku: d.sku, location: main, mode: 'add', quantity: 1 },
        { sku: c.sku, location: main, mode: 'add', quantity: 2 },
      ],
    });
    expectStatus(entries, 200);
    expect(entries.body.lines.find((l: { sku: string }) => l.sku === d.sku).countedQuantity).toBe(4);
    expect(entries.body.lines.find((l: { sku: string }) => l.sku === c.sku)).toMatchObject({ added: true, countedQuantity: 2 });
    expectError(
      await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: c.sku, location: 'MAIN', quantity: 1 }] }),
      400,
      'validation_failed',
    );
    expectError(
      await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: c.sku, location: main, mode: 'add', quantity: -3 }] }),
      400,
      'validation_failed',
    );
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
    expectError(
      await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: a.sku, location: main, quantity: 1 }] }),
      409,
      'conflict',
    );

    const report = await manager.get(`/api/v1/stock-counts/${count.body.id}/variance`);
    const bySku = (sku: string) => report.body.lines.find((l: { sku: string }) => l.sku === sku);
    expect(bySku(a.sku)).toMatchObject({
      expectedQuantity: 10,
      countedQuantity: 9,
      variance: -1,
      varianceValue: -1000,
      currentOnHand: 7,
      movedSinceSnapshot: -3,
      resultingOnHand: 6,
    });
    expect(bySku(b.sku)).toMatchObject({ expectedQuantity: 5, countedQuantity: 5, variance: 0, currentOnHand: 7, movedSinceSnapshot: 2, resultingOnHand: 7 });
    expect(bySku(c.sku)).toMatchObject({ expectedQuantity: 0, countedQuantity: 2, variance: 2, varianceValue: 198, added: true, resultingOnHand: 2 });
    expect(bySku(d.sku)).toMatchObject({ expectedQuantity: 4, countedQuantity: 4, variance: 0, movedSinceSnapshot: -1, resultingOnHand: 3 });
    expect(report.body.totals).toMatchObject({
      lines: 4,
      countedLines: 4,
      linesWithVariance: 2,
      unitsOver: 2,
      unitsShort: 1,
      netUnits: 1,
      valueOver: 198,
      valueShort: 1000,
      netValue: -802,
    });

    const approved = await secondManager.post(`/api/v1/stock-counts/${count.body.id}/approve`, { note: '已复核' });
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ status: 'posted', approvedBy: { name: 'manager user' } });
    expect(await levelsOf(admin, a.sku)).toEqual({ [main]: 6 });
    expect(await levelsOf(admin, b.sku)).toEqual({ [main]: 7 });
    expect(await levelsOf(admin, c.sku)).toEqual({ [main]: 2 });
    expect(await levelsOf(admin, d.sku)).toEqual({ [main]: 3, [`${wh}-DAMAGED`]: 1 });
    const corrections = (await movementsOf(admin)).filter((m) => m.sourceId === count.body.id);
    expect(corrections.map((m) => [m.sku, m.fromLocation, m.toLocation, m.quantity, m.type, m.sourceType]).sort()).toEqual(
      [
        [a.sku, main, null, 1, 'count_correction', 'stock_count'],
        [c.sku, null, main, 2, 'count_correction', 'stock_count'],
      ].sort(),
    );
    expectError(await secondManager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 409, 'conflict');
  });

  it('refuses a correction that would take a location below zero, and posts nothing', async () => {
    const wh = await newWarehouse();
    const main = `${wh}-MAIN`;
    const product = await buildProduct(admin);
    await stock(product.sku, main, 5);
    const count = await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [main] });
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: product.sku, location: main, quantity: 1 }] }), 200);
    // 3 more leave during the count than the count says were there to leave.
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: main, quantity: -3, reason: '出库' }), 201);
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
    expectError(await manager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 409, 'conflict');
    expect((await warehouse.get(`/api/v1/stock-counts/${count.body.id}`)).body.status).toBe('submitted');
    expect(await levelsOf(admin, product.sku)).toEqual({ [main]: 2 });
    const reopened = await manager.post(`/api/v1/stock-counts/${count.body.id}/reopen`, { note: '请复盘' });
    expect(reopened.body.status).toBe('counting');
    expectStatus(await manager.post(`/api/v1/stock-counts/${count.body.id}/cancel`, {}), 200);
  });

  it('lets only someone who did not count approve', async () => {
    const wh = await newWarehouse();
    const main = `${wh}-MAIN`;
    const [a, b] = [await buildProduct(admin), await buildProduct(admin)];
    await stock(a.sku, main, 2);
    await stock(b.sku, main, 3);
    const count = await manager.post('/api/v1/stock-counts', { warehouse: wh, locations: [main] });
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: a.sku, location: main, quantity: 2 }] }), 200);
    expectError(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 409, 'conflict');
    expectStatus(await manager.post(`/api/v1/stock-counts/${count.body.id}/counts`, { entries: [{ sku: b.sku, location: main, quantity: 4 }] }), 200);
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
    expectError(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 403, 'forbidden');
    const own = await manager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {});
    expectError(own, 403, 'forbidden');
    expect(own.body.error.message).toMatch(/another manager/);
    expectStatus(await secondManager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 200);
    expect(await levelsOf(admin, b.sku)).toEqual({ [main]: 4 });

    // The submitter may not approve either, even if a blind sheet counted nothing (uncounted as zero).
    const empty = await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [`${wh}-QC`] });
    expectStatus(await admin.post(`/api/v1/stock-counts/${empty.body.id}/submit`, { uncountedAsZero: true }), 200);
    expectError(await admin.post(`/api/v1/stock-counts/${empty.body.id}/approve`, {}), 403, 'forbidden');
    expectStatus(await manager.post(`/api/v1/stock-counts/${empty.body.id}/approve`, {}), 200);
  });

  it('takes counts from the Excel sheet it hands out, all rows or none', async () => {
    const wh = await newWarehouse();
    const main = `${wh}-MAIN`;
    const [a, b, c] = [await buildProduct(admin), await buildProduct(admin), await buildProduct(admin)];
    await stock(a.sku, main, 3);
    await stock(b.sku, main, 8);
    const count = await warehouse.post('/api/v1/stock-counts', { warehouse: wh, locations: [main] });
    const file = await download(`/api/v1/stock-counts/${count.body.id}/sheet.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    const rowOf = (sku: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(3).value === sku) return sheet.getRow(r);
      throw new Error(`no row for ${sku}`);
    };
    const upload = async (book: ExcelJS.Workbook) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/stock-counts/${count.body.id}/import`,
        payload: Buffer.from(await book.xlsx.writeBuffer()),
        headers: { authorization: `Bearer ${warehouseToken}`, 'content-type': xlsx },
      });

    rowOf(a.sku).getCell(6).value = 'three';
    rowOf(b.sku).getCell(6).value = 7;
    sheet.addRow(['', 'NOWHERE', c.sku, null, null, 1]);
    const rejected = await upload(workbook);
    expect(rejected.statusCode).toBe(400);
    const error = JSON.parse(rejected.body).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { row: number }) => d.row)).toEqual([rowOf(a.sku).number, sheet.rowCount]);
    expect((await sheetOf(count.body.id)).every((l) => l.countedQuantity === null)).toBe(true);

    rowOf(a.sku).getCell(6).value = 3;
    sheet.getRow(sheet.rowCount).getCell(2).value = main;
    const accepted = await upload(workbook);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(
      JSON.parse(accepted.body)
        .lines.map((l: { sku: string; countedQuantity: number }) => [l.sku, l.countedQuantity])
        .sort(),
    ).toEqual(
      [
        [a.sku, 3],
        [b.sku, 7],
        [c.sku, 1],
      ].sort(),
    );
    expectStatus(await warehouse.post(`/api/v1/stock-counts/${count.body.id}/submit`, {}), 200);
    expect((await download(`/api/v1/stock-counts/${count.body.id}/variance.xlsx`)).statusCode).toBe(403);
    expectStatus(await manager.post(`/api/v1/stock-counts/${count.body.id}/approve`, {}), 200);
    expect(await levelsOf(admin, b.sku)).toEqual({ [main]: 7 });
    expect(await levelsOf(admin, c.sku)).toEqual({ [main]: 1 });
  });
});
