/** Excel in and out: levels and ledger exports, opening stock imported all or nothing with a row-by-row report, and the round trip. */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildProduct, unique } from './support/factories.ts';
import { expectError, expectLevelsMatchLedger, expectStatus, levelsOf, movementsOf } from './support/returns-flow.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('期初');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(testDatabases)('stock in Excel on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body.token;
    admin = client(t.app, token);
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const importOpening = (bytes: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/opening-stock',
      payload: bytes,
      headers: { authorization: `Bearer ${token}`, 'content-type': xlsx },
    });

  async function newWarehouse(): Promise<string> {
    const code = unique('X')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-7);
    expectStatus(await admin.post('/api/v1/warehouses', { code, name: `Excel ${code}` }), 201);
    return code;
  }

  it('imports opening stock, setting each on-hand, and reports every bad row without importing any', async () => {
    const wh = await newWarehouse();
    const [a, b] = [await buildProduct(admin), await buildProduct(admin)];
    const bad = await importOpening(
      await workbookOf([
        ['SKU', '库位', '数量'],
        [a.sku, `${wh}-MAIN`, 5],
        ['NO-SUCH', `${wh}-MAIN`, 1],
        [b.sku, 'NOWHERE', 1],
        [b.sku, `${wh}-MAIN`, -2],
        [a.sku, `${wh}-MAIN`, 1],
        [b.sku, `${wh}-MAIN`, '3.5'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const error = JSON.parse(bad.body).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { row: number; column: string | null }) => [d.row, d.column])).toEqual([
      [3, 'SKU'],
      [4, 'Location'],
      [5, 'Quantity'],
      [6, null],
      [7, 'Quantity'],
    ]);
    // Each with a code and its values, for the console to say it in Chinese or English.
    expect(error.details.map((d: { code?: string; params?: Record<string, unknown> }) => [d.code, d.params])).toEqual([
      ['unknown_sku', { sku: 'NO-SUCH' }],
      ['unknown_location', { location: 'NOWHERE' }],
      ['too_small', { min: 0 }],
      ['duplicate_row', { sku: a.sku, location: `${wh}-MAIN`, row: 2 }],
      ['not_whole_number', { value: '3.5' }],
    ]);
    expect(await levelsOf(admin, a.sku)).toEqual({});

    const good = await importOpening(
      await workbookOf([
        ['期初库存 Opening stock'],
        ['SKU', 'Location / 库位', 'Quantity / 数量'],
        [a.sku, `${wh}-MAIN`, 5],
        [b.sku, `${wh}-MAIN`, '12'],
        [b.sku, `${wh}-DAMAGED`, 0],
      ]),
    );
    expect(good.statusCode, good.body).toBe(201);
    const result = JSON.parse(good.body);
    expect(result).toMatchObject({
      rowsRead: 3,
      linesChanged: 2,
      document: { kind: 'opening_stock', reasonCode: 'opening', number: expect.stringMatching(/^OS-/) },
    });
    expect(await levelsOf(admin, b.sku)).toEqual({ [`${wh}-MAIN`]: 12 });
    expect((await movementsOf(admin, a.sku)).map((m) => [m.toLocation, m.quantity, m.type, m.sourceType, m.sourceId])).toEqual([
      [`${wh}-MAIN`, 5, 'opening_stock', 'opening_stock', result.document.id],
    ]);

    // The same file again changes nothing; a lower quantity takes the difference out.
    const again = JSON.parse(
      (
        await importOpening(
          await workbookOf([
            ['SKU', 'Location', 'Quantity'],
            [a.sku, `${wh}-MAIN`, 5],
          ]),
        )
      ).body,
    );
    expect(again).toMatchObject({ linesChanged: 0, document: null });
    expectStatus(
      {
        status: (
          await importOpening(
            await workbookOf([
              ['SKU', 'Location', 'Quantity'],
              [a.sku, `${wh}-MAIN`, 2],
            ]),
          )
        ).statusCode,
        body: null,
      },
      201,
    );
    expect(await levelsOf(admin, a.sku)).toEqual({ [`${wh}-MAIN`]: 2 });

    expect((await importOpening(Buffer.from('not a workbook'))).statusCode).toBe(400);
    expect(JSON.parse((await importOpening(await workbookOf([['Name', 'Qty']]))).body).error.message).toMatch(/No header row/);
    expectError(await admin.post('/api/v1/inventory/opening-stock', { sku: a.sku }), 400, 'validation_failed');
  });

  it('exports levels that import back as opening stock, and the ledger', async () => {
    const wh = await newWarehouse();
    const [a, b] = [await buildProduct(admin, { price: 1200 }), await buildProduct(admin, { price: 300 })];
    expectStatus(
      await admin.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: 'opening',
        lines: [
          { sku: a.sku, location: `${wh}-MAIN`, quantity: 4 },
          { sku: b.sku, location: `${wh}-MAIN`, quantity: 9 },
          { sku: b.sku, location: `${wh}-DAMAGED`, quantity: 1 },
        ],
      }),
      201,
    );
    const exported = await get(`/api/v1/inventory/levels.xlsx?warehouse=${wh}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(xlsx);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="stock-levels.xlsx"/);
    const rows = await rowsOf(exported.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['SKU', 'Location / 库位', 'On hand / 在库']));
    expect(rows.slice(1).map((r) => [r[0], r[5], r[7], r[9]])).toEqual([
      [a.sku, `${wh}-MAIN`, 4, 4800],
      [b.sku, `${wh}-DAMAGED`, 1, 300],
      [b.sku, `${wh}-MAIN`, 9, 2700],
    ]);

    // Empty the warehouse, then import the export: the levels come back as they were.
    expectStatus(
      await admin.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: 'correction',
        lines: [
          { sku: a.sku, location: `${wh}-MAIN`, quantity: -4 },
          { sku: b.sku, location: `${wh}-MAIN`, quantity: -9 },
          { sku: b.sku, location: `${wh}-DAMAGED`, quantity: -1 },
        ],
      }),
      201,
    );
    expect(await levelsOf(admin, b.sku)).toEqual({ [`${wh}-MAIN`]: 0, [`${wh}-DAMAGED`]: 0 });
    const restored = await importOpening(exported.rawPayload);
    expect(restored.statusCode, restored.body).toBe(201);
    expect(await levelsOf(admin, a.sku)).toEqual({ [`${wh}-MAIN`]: 4 });
    expect(await levelsOf(admin, b.sku)).toEqual({ [`${wh}-MAIN`]: 9, [`${wh}-DAMAGED`]: 1 });

    const ledger = await get(`/api/v1/inventory/movements.xlsx?sku=${b.sku}`);
    expect(ledger.statusCode).toBe(200);
    const ledgerRows = await rowsOf(ledger.rawPayload);
    expect(ledgerRows[0]?.slice(0, 6)).toEqual(['Time / 时间 (UTC)', 'SKU', 'Product / 商品', 'From / 从', 'To / 到', 'Quantity / 数量']);
    const movements = await movementsOf(admin, b.sku);
    expect(ledgerRows.slice(1).map((r) => [r[1], r[3] ?? null, r[4] ?? null, r[5], r[6]])).toEqual(
      movements.map((m) => [m.sku, m.fromLocation, m.toLocation, m.quantity, m.type]),
    );
    expect((await get('/api/v1/inventory/opening-stock/template.xlsx')).statusCode).toBe(200);
  });
});
