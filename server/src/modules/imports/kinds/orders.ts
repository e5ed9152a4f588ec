/**
 * Orders from a sheet, one row per order line; the order's own fields (customer,
 * channel, times, discount, shipping, payment) repeat on each of its rows. The order
 * number is the document number: an order already recorded is skipped. Customers are
 * found by phone or email, and created when new.
 */
import type { Db } from '../../../db/connect.ts';
import { allocatePaidAmounts } from '../../orders/allocation.ts';
import type { Column, RowReader } from '../columns.ts';
import type { KindDefinition } from '../import-kind.ts';
import type { ImportProblem } from '../import-messages.ts';
import { existingOrderNumbers, productIdsBySku } from '../lookups.repository.ts';

export type OrderItem = { line: number; sku: string; quantity: number; unitPrice: number; discountAmount: number };

export type OrderRecord = {
  line: number;
  number: string;
  customerName: string | null;
  phone: string | null;
  email: string | null;
  channel: string;
  currency: string;
  placedAt: string;
  deliveredAt: string | null;
  discountAmount: number;
  shippingFee: number;
  paymentMethod: string;
  paidAmount: number | null;
  items: OrderItem[];
};

const columns: Column[] = [
  { key: 'number', zh: '订单号', en: 'Order number', aliases: ['订单编号', '单号'], required: true, example: 'SO-2026-0001' },
  { key: 'customerName', zh: '客户名称', en: 'Customer name', aliases: ['收货人', '买家姓名', '客户'], example: '张三' },
  { key: 'phone', zh: '客户手机', en: 'Customer phone', aliases: ['手机号', '联系电话', '收货人手机', '手机'], example: '13800138000' },
  { key: 'email', zh: '客户邮箱', en: 'Customer email', aliases: ['邮箱'], example: 'zhangsan@example.com' },
  { key: 'channel', zh: '渠道', en: 'Channel', aliases: ['销售渠道', '店铺', '平台'], example: 'tmall' },
  { key: 'currency', zh: '币种', en: 'Currency', example: 'CNY' },
  { key: 'placedAt', zh: '下单时间', en: 'Placed at', aliases: ['创建时间', '付款时间', '订单创建时间'], required: true, example: '2026-01-10 09:30' },
  { key: 'deliveredAt', zh: '签收时间', en: 'Delivered at', aliases: ['收货时间', '确认收货时间'], example: '2026-01-12 15:00' },
  { key: 'sku', zh: '商品编码', en: 'SKU', aliases: ['商家编码', 'SKU编码', '货号'], required: true, example: 'TS-001-WHITE-M' },
  { key: 'quantity', zh: '数量', en: 'Quantity', aliases: ['购买数量', '商品数量'], required: true, example: '2' },
  { key: 'unitPrice', zh: '单价(元)', en: 'Unit price (yuan)', aliases: ['单价', '商品单价'], required: true, example: '99.00' },
  { key: 'lineDiscount', zh: '商品优惠(元)', en: 'Line discount (yuan)', aliases: ['行优惠', '商品优惠'], example: '0' },
  { key: 'orderDiscount', zh: '订单优惠(元)', en: 'Order discount (yuan)', aliases: ['订单优惠', '店铺优惠'], example: '10.00' },
  { key: 'shippingFee', zh: '运费(元)', en: 'Shipping fee (yuan)', aliases: ['运费'], example: '0' },
  { key: 'paymentMethod', zh: '支付方式', en: 'Payment method', aliases: ['付款方式'], example: 'alipay' },
  { key: 'paidAmount', zh: '实付金额(元)', en: 'Amount paid (yuan)', aliases: ['实付金额', '实付款', '订单实付'], example: '188.00' },
];

type OrderFields = Omit<OrderRecord, 'items' | 'line'>;

function readOrderFields(row: RowReader, number: string): OrderFields | null {
  const placedAt = row.dateTime('placedAt', { required: true });
  const currency = (row.text('currency', { max: 3 }) ?? 'CNY').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) row.problem('currency', 'invalid_currency', { value: currency });
  const fields = {
    number,
    customerName: row.text('customerName', { max: 100 }),
    phone: row.phone('phone'),
    email: row.email('email'),
    channel: row.text('channel', { max: 40 }) ?? 'import',
    currency,
    placedAt: placedAt ?? '',
    deliveredAt: row.dateTime('deliveredAt'),
    discountAmount: row.money('orderDiscount') ?? 0,
    shippingFee: row.money('shippingFee') ?? 0,
    paymentMethod: row.text('paymentMethod', { max: 40 }) ?? 'import',
    paidAmount: row.money('paidAmount'),
  };
  return placedAt ? fields : null;
}

const orderFieldKeys: { field: keyof OrderFields; key: string }[] = [
  { field: 'customerName', key: 'customerName' },
  { field: 'phone', key: 'phone' },
  { field: 'email', key: 'email' },
  { field: 'channel', key: 'channel' },
  { field: 'placedAt', key: 'placedAt' },
  { field: 'deliveredAt', key: 'deliveredAt' },
  { field: 'discountAmount', key: 'orderDiscount' },
  { field: 'shippingFee', key: 'shippingFee' },
  { field: 'paymentMethod', key: 'paymentMethod' },
  { field: 'paidAmount', key: 'paidAmount' },
];

/** What the order costs: goods after all discounts plus shipping; null when a discount is too large. */
export function orderTotal(record: Pick<OrderRecord, 'items' | 'discountAmount' | 'shippingFee'>): { goods: number; paid: number[] } | null {
  const bases = record.items.map((i) => ({ unitPrice: i.unitPrice, quantity: i.quantity, discountAmount: i.discountAmount }));
  if (bases.some((b) => b.discountAmount > b.unitPrice * b.quantity)) return null;
  const baseTotal = bases.reduce((s, b) => s + b.unitPrice * b.quantity - b.discountAmount, 0);
  if (record.discountAmount > baseTotal) return null;
  const paid = allocatePaidAmounts(bases, record.discountAmount);
  return { goods: paid.reduce((s, p) => s + p, 0), paid };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const orderImport: KindDefinition<OrderRecord> = {
  kind: 'orders',
  columns,
  parse(rows) {
    const byNumber = new Map<string, OrderRecord>();
    const problems: ImportProblem[] = [];
    for (const row of rows) {
      const number = row.text('number', { required: true, max: 64 });
      const sku = row.text('sku', { required: true, max: 64 });
      const quantity = row.quantity('quantity', { required: true });
      const unitPrice = row.money('unitPrice', { required: true });
      const discountAmount = row.money('lineDiscount') ?? 0;
      if (!number) continue;
      const existing = byNumber.get(number);
      if (!existing) {
        const fields = readOrderFields(row, number);
        if (!fields) continue;
        if (!fields.phone && !fields.email && !row.raw('phone') && !row.raw('email')) row.problem(null, 'needs_contact');
        byNumber.set(number, { ...fields, line: row.line, items: [] });
      } else {
        // The order's own fields may be left empty on its later rows, but not differ.
        const later: Record<string, () => unknown> = {
          customerName: () => row.text('customerName', { max: 100 }),
          phone: () => row.phone('phone'),
          email: () => row.email('email'),
          channel: () => row.text('channel', { max: 40 }),
          placedAt: () => row.dateTime('placedAt'),
          deliveredAt: () => row.dateTime('deliveredAt'),
          orderDiscount: () => row.money('orderDiscount'),
          shippingFee: () => row.money('shippingFee'),
          paymentMethod: () => row.text('paymentMethod', { max: 40 }),
          paidAmount: () => row.money('paidAmount'),
        };
        for (const { field, key } of orderFieldKeys) {
          if (!row.raw(key)) continue;
          const value = later[key]?.();
          if (value !== null && value !== undefined && value !== existing[field]) {
            row.problem(key, 'conflicting_order_field', { order: number, first: existing.line, expected: String(existing[field] ?? '') });
          }
        }
      }
      const record = byNumber.get(number);
      if (record && sku && quantity !== null && unitPrice !== null) record.items.push({ line: row.line, sku, quantity, unitPrice, discountAmount });
    }
    const records = [...byNumber.values()].filter((r) => r.items.length > 0);
    for (const record of records) {
      const total = orderTotal(record);
      if (!total) problems.push({ row: record.line, column: null, key: 'orderDiscount', code: 'discount_too_large' });
      else if (record.paidAmount !== null && record.paidAmount !== total.goods + record.shippingFee) {
        problems.push({
          row: record.line,
          column: null,
          key: 'paidAmount',
          code: 'payment_mismatch',
          params: { paid: yuan(record.paidAmount), due: yuan(total.goods + record.shippingFee) },
        });
      }
    }
    return { records, problems };
  },
  async plan(db: Db, records) {
    const taken = await existingOrderNumbers(
      db,
      records.map((r) => r.number),
    );
    const products = await productIdsBySku(
      db,
      records.flatMap((r) => r.items.map((i) => i.sku)),
    );
    const problems: ImportProblem[] = [];
    for (const record of records) {
      if (taken.has(record.number)) continue;
      for (const item of record.items) {
        if (!products.has(item.sku)) problems.push({ row: item.line, column: null, key: 'sku', code: 'unknown_sku', params: { value: item.sku } });
      }
    }
    return {
      planned: records.map((record) => (taken.has(record.number) ? { record, action: 'skip', note: 'exists' } : { record, action: 'create' })),
      problems,
    };
  },
};
