/**
 * Importing products, customers, orders and opening stock from .xlsx and .csv: preview,
 * a row-by-row report in the reader's language, all-or-nothing commit, the same file
 * twice changing nothing, downloadable templates — and a 10,000-row file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo } from './support/factories.ts';
import { csvOf, readXlsx, uploadImport, xlsxOf } from './support/sheets.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('master-data imports on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body.token;
    admin = client(t.app, token);
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (o: Parameters<typeof uploadImport>[2]) => uploadImport(t.app, token, o);

  it('serves templates that import as they are', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/templates/products?format=${format}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''`);
      const preview = await upload({ kind: 'products', fileName: `template.${format}`, bytes: response.rawPayload });
      expect(preview.status).toBe(201);
      expect(preview.body).toMatchObject({ errorCount: 0, rowCount: 1, summary: { create: format === 'xlsx' ? 1 : 1 } });
    }
    const english = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/orders?lang=en', headers: { authorization: `Bearer ${token}` } });
    const [header] = await readXlsx(english.rawPayload);
    expect(header?.slice(0, 3)).toEqual(['Order number*', 'Customer name', 'Customer phone']);
    const chinese = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/orders', headers: { authorization: `Bearer ${token}` } });
    expect((await readXlsx(chinese.rawPayload))[0]?.[0]).toBe('订单号*');
  });

  it('lists the columns an import reads, headers in the reader’s language', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const products = (await get('/api/v1/imports/columns/products')).json() as { data: { key: string; header: string; required: boolean }[] };
    expect(products.data[0]).toMatchObject({ key: 'sku', header: '商品编码', required: true });
    expect(products.data.find((c) => c.key === 'barcode')).toMatchObject({ header: '条形码', required: false });
    const english = (await get('/api/v1/imports/columns/products?lang=en')).json() as { data: { header: string; aliases: string[] }[] };
    expect(english.data[0]).toMatchObject({ header: 'SKU' });
    expect(english.data[0]?.aliases).toContain('商品编码');
    const taobao = (await get('/api/v1/imports/columns/after_sales?platform=taobao')).json() as { data: { key: string; required: boolean }[] };
    expect(taobao.data.filter((c) => c.required).map((c) => c.key)).toEqual(expect.arrayContaining(['afterSalesNo', 'orderNumber', 'sku']));
    expect((await get('/api/v1/imports/columns/nothing')).statusCode).toBe(400);
  });

  it('reports bad rows of a GBK CSV in Chinese and English, and commits nothing while any remain', async () => {
    const file = csvOf(
      [
        ['商品编码', '商品名称', '分类', '售价(元)', '可退货'],
        ['CSV-A', '羊毛围巾', '配饰', '129.00', '是'],
        ['CSV-B', '', '配饰', '59', '否'],
        ['CSV-C', '皮手套', '配饰', '12.345', '是'],
        ['CSV-A', '羊毛围巾 重复', '配饰', '129', ''],
        ['CSV-D', '帽子', '配饰', '39.9', '也许'],
      ],
      'gbk',
    );
    const preview = await upload({ kind: 'products', fileName: '商品.csv', bytes: file });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ rowCount: 5, errorCount: 4, canCommit: false });
    expect(preview.body.errors).toEqual([
      { row: 3, column: '商品名称', code: 'required', message: '“商品名称”不能为空' },
      { row: 4, column: '售价(元)', code: 'invalid_money', message: '“售价(元)”应为金额（元，最多两位小数），实际为“12.345”' },
      { row: 5, column: '商品编码', code: 'duplicate_in_file', message: '“CSV-A”在文件中重复（第 2 行已出现）' },
      { row: 6, column: '可退货', code: 'invalid_boolean', message: '“可退货”应为 是/否，实际为“也许”' },
    ]);
    const english = await admin.get(`/api/v1/imports/${preview.body.id}?lang=en`);
    expect(english.body.errors[2].message).toBe('"CSV-A" appears twice in the file (first on row 2)');
    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${preview.body.id}/errors.xlsx`, headers: { authorization: `Bearer ${token}` } });
    const rows = await readXlsx(report.rawPayload);
    expect(rows[0]).toEqual(['行号', '列', '问题', '代码']);
    expect(rows[1]?.slice(0, 3)).toEqual(['3', '商品名称', '“商品名称”不能为空']);

    const refused = await admin.post(`/api/v1/imports/${preview.body.id}/commit`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toHaveLength(4);
    expect((await admin.get('/api/v1/products?q=CSV-')).body.data).toHaveLength(0);
  });

  it('imports customers, then orders with lines and payments, and the same files again change nothing', async () => {
    const customers = await xlsxOf([
      ['客户名称', '手机号', '邮箱', '客户等级'],
      ['李雷', '138 0013 8001', 'lilei@example.com', 'vip'],
      ['韩梅梅', '+86 13800138002', null, null],
    ]);
    const previewCustomers = await upload({ kind: 'customers', fileName: 'customers.xlsx', bytes: customers });
    expect(previewCustomers.body).toMatchObject({ errorCount: 0, summary: { create: 2, skip: 0 } });
    expect((await admin.post(`/api/v1/imports/${previewCustomers.body.id}/commit`)).body).toMatchObject({ status: 'committed', summary: { created: 2 } });
    const again = await upload({ kind: 'customers', fileName: 'customers.xlsx', bytes: customers });
    expect(again.body.summary).toMatchObject({ create: 0, skip: 2 });

    await upload({
      kind: 'products',
      fileName: 'p.csv',
      bytes: csvOf([
        ['SKU', 'Name', 'Category', 'Price (yuan)'],
        ['ORD-A', 'Tee', 'Apparel', '100'],
        ['ORD-B', 'Cap', 'Apparel', '50.5'],
      ]),
    }).then((r) => admin.post(`/api/v1/imports/${r.body.id}/commit`));
    const orders = await xlsxOf([
      [
        '订单号',
        '客户名称',
        '客户手机',
        '渠道',
        '下单时间',
        '签收时间',
        '商品编码',
        '数量',
        '单价(元)',
        '订单优惠(元)',
        '运费(元)',
        '支付方式',
        '实付金额(元)',
      ],
      ['IMP-1001', '李雷', '13800138001', 'tmall', '2026-01-10 09:30', '2026-01-12', 'ORD-A', 2, '100', '10', '8', 'alipay', '248.50'],
      ['IMP-1001', null, null, null, null, null, 'ORD-B', 1, '50.50', null, null, null, null],
      ['IMP-1002', '王五', '13900139003', 'jd', '2026/1/11 20:00', null, 'ORD-B', 3, '50.5', null, null, 'wechat', null],
    ]);
    const preview = await upload({ kind: 'orders', fileName: 'orders.xlsx', bytes: orders });
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.summary).toMatchObject({ create: 2, skip: 0 });
    const committed = await admin.post(`/api/v1/imports/${preview.body.id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.body.summary).toMatchObject({ created: 2 });

    const [order] = (await admin.get('/api/v1/orders?number=IMP-1001')).body.data;
    expect(order).toMatchObject({ channel: 'tmall', placedAt: '2026-01-10T01:30:00.000Z', shippingFee: 800, discountAmount: 1000, goodsAmount: 24_050 });
    expect(order.lines.map((l: { sku: string; paidAmount: number }) => [l.sku, l.paidAmount])).toEqual([
      ['ORD-A', 19_201],
      ['ORD-B', 4_849],
    ]);
    expect(order.payments).toEqual([{ method: 'alipay', amount: 24_850 }]);
    const [second] = (await admin.get('/api/v1/orders?number=IMP-1002')).body.data;
    const customer = (await admin.get(`/api/v1/customers/${second.customerId}`)).body;
    expect(customer).toMatchObject({ name: '王五', phone: '13900139003' });

    const twice = await upload({ kind: 'orders', fileName: 'orders.xlsx', bytes: orders });
    expect(twice.body.summary).toMatchObject({ create: 0, skip: 2 });
    expect((await admin.post(`/api/v1/imports/${twice.body.id}/commit`)).body.summary).toMatchObject({ created: 0, skipped: 2 });
    expect((await admin.get('/api/v1/orders?number=IMP-1001')).body.data).toHaveLength(1);
    // Committing a committed batch again does nothing either.
    expect((await admin.post(`/api/v1/imports/${preview.body.id}/commit`)).status).toBe(200);

    const mismatch = await upload({
      kind: 'orders',
      fileName: 'bad.csv',
      bytes: csvOf([
        ['订单号', '客户手机', '下单时间', '商品编码', '数量', '单价(元)', '实付金额(元)', '渠道'],
        ['IMP-2001', '13800138001', '2026-02-30', 'ORD-A', '1', '100', '99', 'tmall'],
        ['IMP-2002', '13800138001', '2026-02-01', 'NOPE', '1', '100', null, 'tmall'],
        ['IMP-2002', '13800138001', '2026-02-01', 'ORD-A', '1', '100', null, 'jd'],
      ]),
    });
    expect(mismatch.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [2, 'invalid_date'],
      [3, 'unknown_sku'],
      [4, 'conflicting_order_field'],
    ]);
  });

  it('books opening stock once per document', async () => {
    const file = csvOf([
      ['单据号', '商品编码', '库位', '数量', '备注'],
      ['QC-001', 'ORD-A', 'MAIN', '40', '期初'],
      ['QC-001', 'ORD-B', 'main', '15', null],
      ['QC-002', 'ORD-A', 'RETURNS', '2', null],
    ]);
    const preview = await upload({ kind: 'stock', fileName: 'stock.csv', bytes: file });
    expect(preview.body).toMatchObject({ errorCount: 0, summary: { create: 2 } });
    await admin.post(`/api/v1/imports/${preview.body.id}/commit`);
    const levels = (await admin.get('/api/v1/inventory/levels?sku=ORD-A')).body.data;
    expect(levels).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: 'MAIN', onHand: 40 }), expect.objectContaining({ location: 'RETURNS', onHand: 2 })]),
    );
    const again = await upload({ kind: 'stock', fileName: 'stock.csv', bytes: file });
    expect(again.body.summary).toMatchObject({ create: 0, skip: 2 });
    await admin.post(`/api/v1/imports/${again.body.id}/commit`);
    expect((await admin.get('/api/v1/inventory/levels?sku=ORD-A')).body.data.find((l: { location: string }) => l.location === 'MAIN').onHand).toBe(40);
    const bad = await upload({
      kind: 'stock',
      fileName: 's.csv',
      bytes: csvOf([
        ['单据号', '商品编码', '库位', '数量'],
        ['QC-9', 'ORD-A', 'NOWHERE', '0'],
      ]),
    });
    expect(bad.body.errors.map((e: { code: string }) => e.code)).toEqual(['invalid_quantity']);
  });

  it('handles a 10,000-row file: the bad rows reported, then all or nothing', async () => {
    const header = ['商品编码', '商品名称', '分类', '售价(元)', '条形码'];
    const rows: (string | number | null)[][] = [header];
    for (let i = 1; i <= 10_000; i++)
      rows.push([`BULK-${String(i).padStart(5, '0')}`, `批量商品 ${i}`, i % 2 ? '服装' : '鞋靴', (i % 500) + 0.99, `69${String(i).padStart(11, '0')}`]);
    const bad = rows.map((r) => [...r]);
    (bad[1234] as (string | number | null)[])[3] = '九十九';
    (bad[5678] as (string | number | null)[])[0] = '';
    (bad[9999] as (string | number | null)[])[0] = 'BULK-00001';
    const started = Date.now();
    const preview = await upload({ kind: 'products', fileName: 'bulk.xlsx', bytes: await xlsxOf(bad) });
    expect(preview.status).toBe(201);
    expect(preview.body.rowCount).toBe(10_000);
    expect(preview.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [1235, 'invalid_money'],
      [5679, 'required'],
      [10_000, 'duplicate_in_file'],
    ]);
    expect((await admin.post(`/api/v1/imports/${preview.body.id}/commit`)).status).toBe(400);

    const good = await upload({ kind: 'products', fileName: 'bulk.xlsx', bytes: await xlsxOf(rows) });
    expect(good.body).toMatchObject({ errorCount: 0, summary: { create: 10_000 } });
    // The database refuses one row near the end: the whole file is rolled back.
    if (kind === 'sqlite') {
      await t.db.executeQuery({
        sql: `create trigger refuse_bulk before insert on products when new.sku = 'BULK-09990' begin select raise(abort, 'refused by a trigger'); end`,
        parameters: [],
        query: { kind: 'RawNode', sqlFragments: [], parameters: [] } as never,
        queryId: { queryId: 'trigger' } as never,
      });
    } else {
      await t.db.executeQuery({
        sql: `create function refuse_bulk() returns trigger as $$ begin if new.sku = 'BULK-09990' then raise exception 'refused by a trigger'; end if; return new; end $$ language plpgsql;
              create trigger refuse_bulk before insert on products for each row execute function refuse_bulk();`,
        parameters: [],
        query: { kind: 'RawNode', sqlFragments: [], parameters: [] } as never,
        queryId: { queryId: 'trigger' } as never,
      });
    }
    const failed = await admin.post(`/api/v1/imports/${good.body.id}/commit`);
    expect(failed.status).toBe(409);
    expect(failed.body.error.details[0]).toMatchObject({ row: 9991, code: 'commit_failed' });
    expect(failed.body.error.details[0].message).toContain('导入失败，未做任何更改');
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('products')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('sku', 'like', 'BULK-%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(0);

    await t.db.executeQuery({
      sql: kind === 'sqlite' ? 'drop trigger refuse_bulk' : 'drop trigger refuse_bulk on products',
      parameters: [],
      query: { kind: 'RawNode', sqlFragments: [], parameters: [] } as never,
      queryId: { queryId: 'drop' } as never,
    });
    const committed = await admin.post(`/api/v1/imports/${good.body.id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.body.summary).toMatchObject({ created: 10_000 });
    expect(await count()).toBe(10_000);
    const twice = await upload({ kind: 'products', fileName: 'bulk.xlsx', bytes: await xlsxOf(rows) });
    expect(twice.body.summary).toMatchObject({ create: 0, skip: 10_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('is allowed to the roles that may write what is imported', async () => {
    const login = async (role: string) => {
      const email = `${role}-imports-${kind}@returnflow.test`;
      await admin.post('/api/v1/users', { email, name: role, password: 'password-123', roles: [role] });
      return (await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' })).body.token as string;
    };
    const warehouse = await login('warehouse');
    const file = csvOf([
      ['SKU', 'Name', 'Category', 'Price (yuan)'],
      ['ROLE-1', 'x', 'y', '1'],
    ]);
    expect((await uploadImport(t.app, warehouse, { kind: 'products', fileName: 'p.csv', bytes: file })).status).toBe(403);
    expect(
      (
        await uploadImport(t.app, warehouse, {
          kind: 'stock',
          fileName: 's.csv',
          bytes: csvOf([
            ['单据号', '商品编码', '库位', '数量'],
            ['W-1', 'ORD-A', 'MAIN', '1'],
          ]),
        })
      ).status,
    ).toBe(201);
    // Raw bodies work as well as multipart.
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=products&fileName=p.csv',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: file,
    });
    expect(raw.statusCode).toBe(201);
    expect(JSON.parse(raw.body).summary).toMatchObject({ create: 1 });
    expect(daysAgo(0)).toBeTruthy();
  });
});
