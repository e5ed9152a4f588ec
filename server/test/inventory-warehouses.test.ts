/** Warehouses over the API: locations of each kind, disposition mapping, reason codes, transfers, adjustment documents, the append-only ledger. */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispositionTarget } from '../src/modules/warehouses/dispositions.repository.ts';
import { buildProduct, buildStaff, unique } from './support/factories.ts';
import { expectError, expectLevelsMatchLedger, expectStatus, levelsOf } from './support/returns-flow.ts';
import { type ApiResponse, adminEmail, adminPassword, type Client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('warehouses and stock documents on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'warehouse' | 'manager' | 'viewer', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['warehouse', 'manager', 'viewer'])) as typeof staff;
  });
  afterEach(() => expectLevelsMatchLedger(t, admin));
  afterAll(() => t.close());

  const code = () =>
    unique('W')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase()
      .slice(-8);

  async function stockUp(sku: string, location: string, quantity: number) {
    expectStatus(await admin.post('/api/v1/inventory/adjustments', { sku, location, quantity, reason: '期初库存' }), 201);
  }

  it('keeps the contract locations in the default warehouse and creates more warehouses with a location of each kind', async () => {
    const list = await staff.viewer.get('/api/v1/warehouses');
    expectStatus(list, 200);
    const main = list.body.data.find((w: { isDefault: boolean }) => w.isDefault);
    expect(main.locations.map((l: { code: string; kind: string; contract: boolean }) => [l.code, l.kind, l.contract])).toEqual([
      ['DAMAGED', 'damaged', true],
      ['MAIN', 'sellable', true],
      ['RETURNS', 'returns', true],
    ]);

    const wh = code();
    expectError(await staff.viewer.post('/api/v1/warehouses', { code: wh, name: '二号仓' }), 403, 'forbidden');
    expectError(await staff.manager.post('/api/v1/warehouses', { code: wh, name: '二号仓' }), 403, 'forbidden');
    const created = await staff.warehouse.post('/api/v1/warehouses', { code: wh, name: '二号仓', address: '杭州' });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ code: wh, isDefault: false });
    expect(created.body.locations.map((l: { code: string; kind: string }) => [l.code, l.kind])).toEqual([
      [`${wh}-DAMAGED`, 'damaged'],
      [`${wh}-MAIN`, 'sellable'],
      [`${wh}-QC`, 'quarantine'],
      [`${wh}-RETURNS`, 'returns'],
    ]);
    expectError(await staff.warehouse.post('/api/v1/warehouses', { code: wh, name: 'again' }), 409, 'conflict');
    const renamed = await staff.warehouse.patch(`/api/v1/warehouses/${wh}`, { name: '杭州仓' });
    expect(renamed.body.name).toBe('杭州仓');

    const shelf = await staff.warehouse.post('/api/v1/locations', { warehouse: wh, code: `${wh}-A01`, name: 'A01', kind: 'sellable' });
    expectStatus(shelf, 201);
    expectError(await staff.warehouse.patch('/api/v1/locations/MAIN', { kind: 'damaged' }), 409, 'conflict');
    expectError(await staff.warehouse.delete('/api/v1/locations/RETURNS'), 409, 'conflict');
    expectStatus(await staff.warehouse.delete(`/api/v1/locations/${wh}-A01`), 204);

    // A warehouse stock has touched stays; an empty one can go.
    const product = await buildProduct(admin);
    await stockUp(product.sku, `${wh}-MAIN`, 1);
    expectError(await staff.warehouse.delete(`/api/v1/warehouses/${wh}`), 409, 'conflict');
    const empty = code();
    expectStatus(await staff.warehouse.post('/api/v1/warehouses', { code: empty, name: '空仓', defaultLocations: false }), 201);
    expectStatus(await staff.warehouse.delete(`/api/v1/warehouses/${empty}`), 204);
    expectError(await staff.warehouse.get(`/api/v1/warehouses/${empty}`), 404, 'not_found');
    expectError(await admin.delete(`/api/v1/warehouses/${main.code}`), 409, 'conflict');
  });

  it('lists the locations by code in pages, like every list', async () => {
    const all = await staff.warehouse.get('/api/v1/locations?limit=200');
    expectStatus(all, 200);
    expect(all.body.nextCursor).toBeNull();
    const codes = all.body.data.map((l: { code: string }) => l.code);
    expect(codes).toEqual(expect.arrayContaining(['MAIN', 'RETURNS', 'DAMAGED']));
    expect(codes).toEqual([...codes].sort());
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const pageOf: ApiResponse = await staff.warehouse.get(`/api/v1/locations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expectStatus(pageOf, 200);
      expect(pageOf.body.data.length).toBeLessThanOrEqual(2);
      walked.push(...pageOf.body.data.map((l: { code: string }) => l.code));
      cursor = pageOf.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(codes);
    expectError(await staff.warehouse.get('/api/v1/locations?limit=201'), 400, 'validation_failed');
  });

  it('maps dispositions to locations per warehouse, defaulting to MAIN and DAMAGED of the default warehouse', async () => {
    const warehouses = await admin.get('/api/v1/warehouses');
    const main = warehouses.body.data.find((w: { isDefault: boolean }) => w.isDefault);
    const defaults = await admin.get(`/api/v1/warehouses/${main.id}/dispositions`);
    expect(defaults.body.data.map((d: { disposition: string; location: string | null; source: string }) => [d.disposition, d.location, d.source])).toEqual([
      ['restock', 'MAIN', 'default'],
      ['damaged', 'DAMAGED', 'default'],
      ['scrap', null, 'default'],
      ['vendor', null, 'default'],
      ['reject', null, 'default'],
    ]);
    expect((await dispositionTarget(t.db, main.id, 'restock')).to?.code).toBe('MAIN');

    const cage = code();
    expectStatus(await admin.post('/api/v1/locations', { warehouse: main.code, code: cage, name: '退供应商待发', kind: 'quarantine' }), 201);
    expectError(
      await admin.put(`/api/v1/warehouses/${main.id}/dispositions`, { mappings: [{ disposition: 'restock', location: cage }] }),
      400,
      'validation_failed',
    );
    const mapped = await admin.put(`/api/v1/warehouses/${main.id}/dispositions`, { mappings: [{ disposition: 'vendor', location: cage }] });
    expectStatus(mapped, 200);
    expect(mapped.body.data.find((d: { disposition: string }) => d.disposition === 'vendor')).toEqual({
      disposition: 'vendor',
      location: cage,
      movementType: 'inspection_damaged',
      source: 'configured',
    });
    expect(await dispositionTarget(t.db, main.id, 'vendor')).toMatchObject({ to: { code: cage }, type: 'inspection_damaged' });
    expectStatus(await admin.put(`/api/v1/warehouses/${main.id}/dispositions`, { mappings: [{ disposition: 'vendor', location: null }] }), 200);
    expect(await dispositionTarget(t.db, main.id, 'vendor')).toMatchObject({ to: null, type: 'return_to_vendor' });

    const other = code();
    const wh = await admin.post('/api/v1/warehouses', { code: other, name: '三号仓' });
    expect((await dispositionTarget(t.db, wh.body.id, 'restock')).to?.code).toBe(`${other}-MAIN`);
    expect((await dispositionTarget(t.db, wh.body.id, 'damaged')).to?.code).toBe(`${other}-DAMAGED`);
  });

  it('transfers between locations and warehouses as one document, all lines or none', async () => {
    const a = await buildProduct(admin);
    const b = await buildProduct(admin);
    const wh = code();
    expectStatus(await admin.post('/api/v1/warehouses', { code: wh, name: '调拨仓' }), 201);
    await stockUp(a.sku, 'MAIN', 5);
    await stockUp(b.sku, 'MAIN', 2);

    const short = await staff.warehouse.post('/api/v1/inventory/transfers', {
      lines: [
        { sku: a.sku, fromLocation: 'MAIN', toLocation: `${wh}-MAIN`, quantity: 3 },
        { sku: b.sku, fromLocation: 'MAIN', toLocation: `${wh}-MAIN`, quantity: 3 },
      ],
    });
    expectError(short, 409, 'conflict');
    expect(await levelsOf(admin, a.sku)).toEqual({ MAIN: 5 });

    expectError(
      await staff.warehouse.post('/api/v1/inventory/transfers', { lines: [{ sku: a.sku, fromLocation: 'MAIN', toLocation: 'MAIN', quantity: 1 }] }),
      400,
      'validation_failed',
    );
    expectError(
      await staff.viewer.post('/api/v1/inventory/transfers', { lines: [{ sku: a.sku, fromLocation: 'MAIN', toLocation: 'DAMAGED', quantity: 1 }] }),
      403,
      'forbidden',
    );
    const moved = await staff.warehouse.post('/api/v1/inventory/transfers', {
      note: '补货到杭州',
      lines: [
        { sku: a.sku, fromLocation: 'MAIN', toLocation: `${wh}-MAIN`, quantity: 3 },
        { sku: b.sku, fromLocation: 'MAIN', toLocation: 'DAMAGED', quantity: 2 },
      ],
    });
    expectStatus(moved, 201);
    expect(moved.body).toMatchObject({ kind: 'transfer', number: expect.stringMatching(/^TR-\d{8}-\d{4}$/), note: '补货到杭州' });
    expect(
      moved.body.movements.map((m: { sku: string; fromLocation: string; toLocation: string; quantity: number; type: string; sourceType: string }) => [
        m.sku,
        m.fromLocation,
        m.toLocation,
        m.quantity,
        m.type,
        m.sourceType,
      ]),
    ).toEqual([
      [a.sku, 'MAIN', `${wh}-MAIN`, 3, 'transfer', 'transfer'],
      [b.sku, 'MAIN', 'DAMAGED', 2, 'transfer', 'transfer'],
    ]);
    for (const m of moved.body.movements) expect(m).toMatchObject({ sourceId: moved.body.id, actor: { kind: 'user' } });
    expect(await levelsOf(admin, a.sku)).toEqual({ MAIN: 2, [`${wh}-MAIN`]: 3 });
    const byNumber = await admin.get(`/api/v1/inventory/documents/${moved.body.number}`);
    expect(byNumber.body).toMatchObject({ id: moved.body.id, actor: { name: 'warehouse user' } });
    const list = await admin.get('/api/v1/inventory/transfers?limit=1');
    expect(list.body.data[0].id).toBe(moved.body.id);
  });

  it('adjusts under a managed reason code fit for the direction, and retires codes', async () => {
    const product = await buildProduct(admin);
    const codes = await staff.viewer.get('/api/v1/inventory/reason-codes');
    expect(codes.body.data.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['opening', 'found', 'lost', 'damaged', 'other']));

    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: 'lost',
        lines: [{ sku: product.sku, location: 'MAIN', quantity: 4 }],
      }),
      400,
      'validation_failed',
    );
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: 'nope',
        lines: [{ sku: product.sku, location: 'MAIN', quantity: 4 }],
      }),
      400,
      'validation_failed',
    );
    const found = await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
      reasonCode: 'found',
      note: '货架后面找到',
      lines: [{ sku: product.sku, location: 'MAIN', quantity: 4 }],
    });
    expectStatus(found, 201);
    expect(found.body).toMatchObject({ kind: 'adjustment', reasonCode: 'found', number: expect.stringMatching(/^AJ-/) });
    expect(found.body.movements[0]).toMatchObject({ toLocation: 'MAIN', quantity: 4, type: 'adjustment', reason: 'found', sourceId: found.body.id });
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: 'lost',
        lines: [{ sku: product.sku, location: 'MAIN', quantity: -5 }],
      }),
      409,
      'conflict',
    );

    const custom = unique('gift')
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '');
    expectStatus(await staff.warehouse.post('/api/v1/inventory/reason-codes', { code: custom, name: '赠品', direction: 'out' }), 201);
    expectStatus(
      await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: custom,
        lines: [{ sku: product.sku, location: 'MAIN', quantity: -1 }],
      }),
      201,
    );
    expectStatus(await staff.warehouse.patch(`/api/v1/inventory/reason-codes/${custom}`, { active: false }), 200);
    expectError(
      await staff.warehouse.post('/api/v1/inventory/adjustment-documents', {
        reasonCode: custom,
        lines: [{ sku: product.sku, location: 'MAIN', quantity: -1 }],
      }),
      400,
      'validation_failed',
    );
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 3 });
  });

  it('refuses negative stock unless the location allows it', async () => {
    const product = await buildProduct(admin);
    const loose = code();
    expectStatus(await admin.post('/api/v1/locations', { warehouse: 'WH1', code: loose, name: '寄售', kind: 'sellable', allowNegative: true }), 201);
    expectError(await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: -1, reason: 'x' }), 409, 'conflict');
    expectStatus(await admin.post('/api/v1/inventory/transfers', { lines: [{ sku: product.sku, fromLocation: loose, toLocation: 'MAIN', quantity: 2 }] }), 201);
    expect(await levelsOf(admin, product.sku)).toEqual({ MAIN: 2, [loose]: -2 });
  });

  it('keeps the ledger append-only in the database itself', async () => {
    const product = await buildProduct(admin);
    await stockUp(product.sku, 'MAIN', 1);
    await expect(sql`update stock_movements set quantity = 5`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from stock_movements`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('sets barcode, tracking and supplier, and finds a product by a scanned barcode', async () => {
    const product = await buildProduct(admin);
    const barcode = `69${Date.now()}`.slice(0, 13);
    const supplier = await admin.post('/api/v1/suppliers', { code: unique('SUP').replace(/[^A-Za-z0-9-]/g, ''), name: '供应商' });
    expectStatus(supplier, 201);
    const set = await admin.patch(`/api/v1/products/${product.id}/stock-settings`, { barcode, tracking: 'serial', supplierId: supplier.body.id });
    expect(set.body).toMatchObject({ barcode, tracking: 'serial', supplierId: supplier.body.id });
    expectError(await staff.warehouse.patch(`/api/v1/products/${product.id}/stock-settings`, { tracking: 'lot' }), 403, 'forbidden');
    await stockUp(product.sku, 'MAIN', 1);
    const found = await staff.warehouse.get(`/api/v1/inventory/lookup?code=${barcode}`);
    expect(found.body).toMatchObject({ product: { sku: product.sku, tracking: 'serial' }, levels: [{ location: 'MAIN', onHand: 1 }] });
    // A serial names one unit.
    expectError(
      await admin.post('/api/v1/inventory/transfers', { lines: [{ sku: product.sku, fromLocation: 'MAIN', toLocation: 'DAMAGED', quantity: 2, lot: 'SN1' }] }),
      400,
      'validation_failed',
    );
    const moved = await admin.post('/api/v1/inventory/transfers', {
      lines: [{ sku: product.sku, fromLocation: 'MAIN', toLocation: 'DAMAGED', quantity: 1, lot: 'SN1' }],
    });
    expect(moved.body.movements[0].lot).toBe('SN1');
  });
});
