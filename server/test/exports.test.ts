/** Excel exports of the console's lists, with their filters, in the reader's language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildReturn, buildStaff } from './support/factories.ts';
import { readXlsx } from './support/sheets.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('exports on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<string, Client>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance']);
    tokens.admin = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body.token;
    for (const role of ['warehouse', 'finance']) {
      const email = `${role}-export-${kind}@returnflow.test`;
      await admin.post('/api/v1/users', { email, name: role, password: 'password-123', roles: [role] });
      tokens[role] = (await client(t.app).post('/api/v1/auth/login', { email, password: 'password-123' })).body.token;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const download = async (url: string, role = 'admin') => {
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[role]}` } });
    return { status: response.statusCode, headers: response.headers, rows: response.statusCode === 200 ? await readXlsx(response.rawPayload) : [] };
  };

  it('exports returns with the list’s filters, in Chinese or English', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 3, price: 12_300 });
    const requested = await buildReturn(staff.service as Client, order, { quantity: 1 });
    const approved = await buildReturn(staff.service as Client, order, { quantity: 1, reasonCode: 'quality' });
    await staff.service?.post(`/api/v1/returns/${approved.id}/approve`, {});

    const all = await download('/api/v1/exports/returns.xlsx');
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toContain('spreadsheetml');
    expect(all.headers['content-disposition']).toContain(encodeURIComponent('退货单'));
    expect(all.rows[0]?.slice(0, 4)).toEqual(['退货单号', '订单号', '客户', '状态']);
    expect(all.rows.slice(1).map((r) => r[0])).toEqual([requested.number, approved.number]);

    const filtered = await download('/api/v1/exports/returns.xlsx?status=approved&lang=en');
    expect(filtered.rows[0]?.slice(0, 4)).toEqual(['Return number', 'Order number', 'Customer', 'Status']);
    expect(filtered.rows).toHaveLength(2);
    const row = filtered.rows[1] as string[];
    expect(row[0]).toBe(approved.number);
    expect(row[3]).toBe('approved');
    expect(row[7]).toBe('quality');
    expect(row[8]).toBe('1');
    // Nothing is refundable before inspection.
    expect(Number(row[9])).toBe(0);
    expect((await download('/api/v1/exports/returns.xlsx?reasonCode=quality')).rows).toHaveLength(2);
  });

  it('applies the console list’s search, owner and overdue filters to the returns export', async () => {
    const { order } = await buildOrderScenario(admin, { quantity: 2, price: 4_500 });
    const waiting = await buildReturn(staff.service as Client, order, { quantity: 1 });
    const shipped = await buildReturn(staff.service as Client, order, { quantity: 1 });
    await staff.service?.post(`/api/v1/returns/${shipped.id}/approve`, {});

    const searched = await download(`/api/v1/exports/returns.xlsx?q=${encodeURIComponent(waiting.number)}`);
    expect(searched.rows.slice(1).map((r) => r[0])).toEqual([waiting.number]);
    // Service owns review: the export of what waits on service names the request, not the approved return.
    const owned = await download(`/api/v1/exports/returns.xlsx?ownerRole=service&orderId=${order.id}`);
    expect(owned.rows.slice(1).map((r) => r[0])).toEqual([waiting.number]);
    const none = await download(`/api/v1/exports/returns.xlsx?overdue=true&orderId=${order.id}`);
    expect(none.rows).toHaveLength(1);
  });

  it('exports refunds, stock and customers; the warehouse sees phone numbers masked', async () => {
    const { order, customer, product } = await buildOrderScenario(admin, { quantity: 1, price: 5000 });
    await admin.post('/api/v1/inventory/adjustments', { sku: product.sku, location: 'MAIN', quantity: 7, reason: '盘盈' });
    const ret = await buildReturn(staff.service as Client, order);
    await staff.service?.post(`/api/v1/returns/${ret.id}/approve`, {});
    await staff.warehouse?.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ lineId: ret.lines[0].id, quantity: 1 }] });
    await staff.warehouse?.post(`/api/v1/returns/${ret.id}/inspect`, { lines: [{ lineId: ret.lines[0].id, quantity: 1, grade: 'A', disposition: 'restock' }] });
    await staff.finance?.post(`/api/v1/returns/${ret.id}/refund`, { method: 'original' });

    const refunds = await download('/api/v1/exports/refunds.xlsx?status=paid', 'finance');
    expect(refunds.rows.find((r) => r[1] === ret.number)?.slice(3, 7)).toEqual(['50', 'CNY', '原路退回', '已退款']);
    expect((await download('/api/v1/exports/refunds.xlsx', 'warehouse')).status).toBe(403);

    const stock = await download(`/api/v1/exports/stock.xlsx?sku=${product.sku}&nonZero=true`, 'warehouse');
    expect(stock.rows.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([[product.sku, 'MAIN', '8']]);
    const searched = await download(`/api/v1/exports/stock.xlsx?q=${encodeURIComponent(product.sku.slice(1))}&nonZero=true`, 'warehouse');
    expect(searched.rows.slice(1).map((r) => [r[0], r[3]])).toEqual([[product.sku, 'MAIN']]);

    const customers = await download('/api/v1/exports/customers.xlsx', 'warehouse');
    const mine = customers.rows.find((r) => r[2] === customer.email);
    expect(mine?.[1]).toBe(`${customer.phone.slice(0, 3)}****${customer.phone.slice(-4)}`);
    const full = await download(`/api/v1/exports/customers.xlsx?q=${encodeURIComponent(customer.email)}`);
    expect(full.rows.slice(1).map((r) => r[1])).toEqual([customer.phone]);
  });
});
