/**
 * After-sales requests (售后单) imported from the exports of Taobao/Tmall, JD, Pinduoduo
 * and Douyin: each platform's headers, its kinds mapped to ours (退货退款 → return,
 * 仅退款 → refund only, 换货 → exchange), agreed requests approved, parcels shipped,
 * closed ones left out, and each request imported once by its after-sales number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildOrder, buildProduct, unique } from './support/factories.ts';
import { csvOf, uploadImport, xlsxOf } from './support/sheets.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('after-sales imports on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let token = '';
  let skuA = '';
  let skuB = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = (await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword })).body.token;
    admin = client(t.app, token);
    skuA = (await buildProduct(admin, { price: 9900 })).sku;
    skuB = (await buildProduct(admin, { price: 5000 })).sku;
  });
  afterAll(async () => {
    await t.close();
  });

  async function marketplaceOrder() {
    const customer = await buildCustomer(admin);
    return buildOrder(admin, {
      number: unique('TB'),
      customerId: customer.id,
      lines: [
        { sku: skuA, quantity: 2, unitPrice: 9900 },
        { sku: skuB, quantity: 1, unitPrice: 5000 },
      ],
    });
  }

  const returnsOf = async (orderId: string) => (await admin.get(`/api/v1/returns?orderId=${orderId}`)).body.data as Record<string, any>[];
  const commit = async (id: string) => admin.post(`/api/v1/imports/${id}/commit`);

  it('imports a Taobao/Tmall refund export (GBK CSV): kinds, agreed requests, parcels, closed ones left out', async () => {
    const orders = [await marketplaceOrder(), await marketplaceOrder(), await marketplaceOrder(), await marketplaceOrder()];
    const [o1, o2, o3, o4] = orders as [(typeof orders)[0], (typeof orders)[0], (typeof orders)[0], (typeof orders)[0]];
    const file = csvOf(
      [
        [
          '订单编号',
          '退款编号',
          '商家编码',
          '宝贝标题',
          '买家退款金额',
          '是否需要退货',
          '退款状态',
          '退款原因',
          '退款说明',
          '退款的申请时间',
          '退货运单号',
          '退货物流公司',
          '买家会员名称',
        ],
        [
          o1.number,
          '9001',
          skuA,
          '纯棉T恤',
          '99.00',
          '是',
          '卖家已经同意退款，等待买家退货',
          '七天无理由退货',
          '不喜欢',
          '2026-01-15 10:30:00',
          null,
          null,
          'tb_buyer1',
        ],
        [o2.number, '9002', skuB, '帽子', '50.00', '否', '买家已经申请退款，等待卖家同意', '少件/漏发', null, '2026-01-15 11:00:00', null, null, 'tb_buyer2'],
        [o3.number, '9003', skuA, '纯棉T恤', '99.00', '是', '退款关闭', '七天无理由退货', null, '2026-01-15 12:00:00', null, null, 'tb_buyer3'],
        [
          o4.number,
          '9004',
          skuA,
          '纯棉T恤',
          '198.00',
          '是',
          '买家已经退货，等待卖家确认收货',
          '质量问题',
          '开线',
          '2026-01-16 09:00:00',
          'SF1234567890123',
          '顺丰速运',
          'tb_buyer4',
        ],
      ],
      'gbk',
    );
    const preview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'taobao', fileName: '退款管理.csv', bytes: file });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ errorCount: 0, summary: { create: 3, skip: 1, notes: { closed: 1 } } });
    const committed = await commit(preview.body.id);
    expect(committed.body).toMatchObject({ status: 'committed', summary: { created: 3, failed: 0 } });

    const [r1] = await returnsOf(o1.id);
    expect(r1).toMatchObject({ type: 'return', resolution: 'refund', channel: 'taobao', status: 'approved' });
    expect(r1?.lines[0]).toMatchObject({ sku: skuA, quantity: 1, reasonCode: 'no_reason' });
    expect(r1?.lines[0].note).toContain('[淘宝/天猫售后单 9001]');
    const [r2] = await returnsOf(o2.id);
    expect(r2).toMatchObject({ type: 'refund_only', status: 'requested' });
    expect(r2?.lines[0].reasonCode).toBe('wrong_item');
    expect(await returnsOf(o3.id)).toHaveLength(0);
    const [r4] = await returnsOf(o4.id);
    expect(r4).toMatchObject({ status: 'in_transit', carrier: '顺丰速运', trackingNumber: 'SF1234567890123' });
    expect(r4?.lines[0].reasonCode).toBe('quality');
    expect(r4?.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'approve', 'ship']);

    // The same export again: nothing new.
    const again = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'taobao', fileName: '退款管理.csv', bytes: file });
    expect(again.body.summary).toMatchObject({ create: 0, skip: 4, notes: { imported: 3, closed: 1 } });
    expect((await commit(again.body.id)).body.summary).toMatchObject({ created: 0 });
    expect(await returnsOf(o1.id)).toHaveLength(1);
  });

  it('imports JD, Pinduoduo and Douyin exports with their own headers', async () => {
    const jdOrder = await marketplaceOrder();
    const jd = await xlsxOf([
      ['服务单号', '订单号', '商家SKU编码', '商品名称', '服务类型', '服务单状态', '申请原因', '问题描述', '申请数量', '申请时间'],
      ['JD-77001', jdOrder.number, skuA, 'T恤', '换货', '待审核', '质量问题', '尺码不合适', 1, '2026-01-15 10:00'],
    ]);
    const jdPreview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'jd', fileName: 'jd.xlsx', bytes: jd });
    expect(jdPreview.body.errorCount).toBe(0);
    await commit(jdPreview.body.id);
    expect((await returnsOf(jdOrder.id))[0]).toMatchObject({ type: 'return', resolution: 'exchange', channel: 'jd', status: 'requested' });

    const pddOrder = await marketplaceOrder();
    const pdd = csvOf([
      ['售后编号', '订单号', '商家编码-SKU维度', '售后类型', '售后状态', '售后原因', '申请数量', '退款金额', '申请时间'],
      ['PDD-1', pddOrder.number, skuB, '仅退款', '退款成功', '商品破损', '1', '50.00', '2026-01-15 10:00:00'],
    ]);
    const pddPreview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'pdd', fileName: 'pdd.csv', bytes: pdd });
    await commit(pddPreview.body.id);
    expect((await returnsOf(pddOrder.id))[0]).toMatchObject({ type: 'refund_only', channel: 'pdd', status: 'approved' });
    expect((await returnsOf(pddOrder.id))[0]?.lines[0].reasonCode).toBe('damaged_in_transit');

    const dyOrder = await marketplaceOrder();
    const douyin = await xlsxOf([
      ['售后单号', '订单编号', '商家编码', '售后类型', '售后状态', '售后原因', '商品数量', '申请时间'],
      ['DY-1', dyOrder.number, skuA, '退货退款', '待商家处理', '与商品描述不符', 2, '2026-01-15 10:00:00'],
      ['DY-1', dyOrder.number, skuB, '退货退款', '待商家处理', '与商品描述不符', 1, '2026-01-15 10:00:00'],
    ]);
    const dyPreview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'douyin', fileName: 'douyin.xlsx', bytes: douyin });
    expect(dyPreview.body.summary).toMatchObject({ create: 1 });
    await commit(dyPreview.body.id);
    const [dy] = await returnsOf(dyOrder.id);
    expect(dy).toMatchObject({ type: 'return', channel: 'douyin', status: 'requested' });
    expect(dy?.lines.map((l: { sku: string; quantity: number; reasonCode: string }) => [l.sku, l.quantity, l.reasonCode])).toEqual([
      [skuA, 2, 'not_as_described'],
      [skuB, 1, 'not_as_described'],
    ]);
  });

  it('reports rows it cannot import, in the reader’s language', async () => {
    const order = await marketplaceOrder();
    const file = csvOf([
      ['售后单号', '订单号', '商品编码', '售后类型', '售后状态', '数量'],
      ['G-1', 'NO-SUCH-ORDER', skuA, '退货退款', '待处理', '1'],
      ['G-2', order.number, 'NOT-ON-ORDER', '退货退款', '待处理', '1'],
      ['G-3', order.number, skuA, '维修', '待处理', '1'],
      ['G-4', order.number, skuA, '退货退款', '待处理', '5'],
    ]);
    const preview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'generic', fileName: 'generic.csv', bytes: file, lang: 'en' });
    expect(preview.body.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [2, 'No order "NO-SUCH-ORDER"; import the order first'],
      [3, `Order "${order.number}" has no line with SKU "NOT-ON-ORDER"`],
      [4, 'Unsupported after-sales kind "维修" (supported: refund only, return and refund, exchange)'],
      [5, 'Return quantity 5 is more than the 2 still returnable'],
    ]);
    expect((await commit(preview.body.id)).status).toBe(400);
    expect(await returnsOf(order.id)).toHaveLength(0);
  });

  it('reports a request the return policy refuses and imports the others', async () => {
    const customer = await buildCustomer(admin);
    const late = await buildOrder(admin, {
      number: unique('OLD'),
      customerId: customer.id,
      lines: [{ sku: skuA, quantity: 1, unitPrice: 9900 }],
      deliveredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    const fresh = await marketplaceOrder();
    const file = csvOf([
      ['售后单号', '订单号', '商品编码', '售后类型', '售后状态', '售后原因', '数量'],
      ['P-1', late.number, skuA, '退货退款', '待处理', '七天无理由', '1'],
      ['P-2', fresh.number, skuA, '退货退款', '待处理', '七天无理由', '1'],
    ]);
    const preview = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'generic', fileName: 'p.csv', bytes: file });
    const committed = await commit(preview.body.id);
    expect(committed.body.summary).toMatchObject({ created: 1, failed: 1 });
    expect(committed.body.errors[0]).toMatchObject({ row: 2, code: 'rejected_by_policy' });
    expect(await returnsOf(late.id)).toHaveLength(0);
    expect(await returnsOf(fresh.id)).toHaveLength(1);
    // The refused request is not remembered: importing again tries it again.
    const again = await uploadImport(t.app, token, { kind: 'after_sales', platform: 'generic', fileName: 'p.csv', bytes: file });
    expect(again.body.summary).toMatchObject({ create: 1, skip: 1 });
  });
});
