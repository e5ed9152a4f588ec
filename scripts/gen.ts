#!/usr/bin/env -S npx tsx
/**
 * `npm run gen -- --orders 1000000`: builds a realistic shop in the database DATABASE_URL
 * names (SQLite or PostgreSQL; it must be new or empty of orders): two years of orders with
 * 双十一 / 618 peaks and a Spring Festival lull, ~2.5 lines an order, ~15% of orders with a
 * return at every stage of its life, stock ledger and levels, refunds and store credit, and a
 * few products with a quality problem from a date on. Rows are written in bulk (not through
 * the API); the analytics facts are rebuilt at the end.
 *
 * Options: --orders N (100000), --seed N (42), --customers N (orders / 6), --products N (800).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { bootstrapDatabase } from '../server/src/bootstrap.ts';
import { readConfig } from '../server/src/config.ts';
import { connectDatabase } from '../server/src/db/connect.ts';
import { refreshFacts } from '../server/src/modules/analytics/refresh-facts.ts';
import { addDays, dayStart, localDate } from '../server/src/modules/analytics/shop-time.ts';
import { allocatePaidAmounts } from '../server/src/modules/orders/allocation.ts';
import { defaultProcess } from '../server/src/modules/process/default-process.ts';
import { openBulkWriter } from './gen/bulk-writer.ts';
import { planReturn, type ReturnContext } from './gen/returns.ts';
import { categories, channels, dayWeight, isPromotion, personName, productName, random } from './gen/shop-model.ts';
import { tables } from './gen/tables.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    customers: { type: 'string' },
    products: { type: 'string', default: '800' },
  },
});
const orderCount = Number(values.orders);
const customerCount = Number(values.customers ?? Math.max(50, Math.round(orderCount / 6)));
const productCount = Number(values.products);
const url = process.env.DATABASE_URL ?? 'sqlite:./data/returnflow.sqlite';
const timeZone = 'Asia/Shanghai';
const r = random(Number(values.seed));
const started = Date.now();
const log = (message: string) => process.stdout.write(`[gen ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

let idCounter = 0;
/** An id like the server's (time-ordered by the record's own time). */
export function idAt(prefix: string, ms: number): string {
  idCounter += 1;
  return `${prefix}_${Math.floor(ms).toString(16).padStart(12, '0')}${(idCounter & 0xffff).toString(16).padStart(4, '0')}${Math.floor(r.next() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;
}

async function main(): Promise<void> {
  const config = { ...readConfig(), databaseUrl: url, demo: false };
  const adminEmail = config.adminEmail ?? 'admin@returnflow.local';
  const adminPassword = config.adminPassword ?? 'returnflow-admin';
  const db = connectDatabase({ url });
  await bootstrapDatabase(db, { adminEmail, adminPassword }, { now: () => new Date() });
  const existing = await db.selectFrom('orders').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('the database already holds orders: generate into a new database');
  const now = Date.now();
  const today = localDate(new Date(now), timeZone);
  const firstDay = addDays(today, -730);

  // Warehouses: the default WH1 and a second one in the south.
  const wh1 = await db.selectFrom('warehouses').select('id').where('code', '=', 'WH1').executeTakeFirstOrThrow();
  const wh2 = { id: idAt('wh', now) };
  await db
    .insertInto('warehouses')
    .values({
      id: wh2.id,
      code: 'WH2',
      name: '华南仓',
      address: '广州市白云区',
      contactName: '退货组',
      contactPhone: '020-60000000',
      createdAt: new Date(now).toISOString(),
    })
    .execute();
  for (const [code, name, kind] of [
    ['WH2-MAIN', '华南可售库位', 'sellable'],
    ['WH2-RETURNS', '华南退货专区', 'returns'],
    ['WH2-DAMAGED', '华南不良品区', 'damaged'],
  ] as const) {
    await db
      .insertInto('locations')
      .values({ id: idAt('loc', now), code, name, kind, warehouseId: wh2.id, allowNegative: 0, createdAt: new Date(now).toISOString() })
      .execute();
  }
  const locations = await db.selectFrom('locations').select(['id', 'code', 'warehouseId']).execute();
  const loc = (code: string) => locations.find((l) => l.code === code)?.id as string;
  const warehouses = [
    { id: wh1.id, main: loc('MAIN'), returns: loc('RETURNS'), damaged: loc('DAMAGED'), weight: 70 },
    { id: wh2.id, main: loc('WH2-MAIN'), returns: loc('WH2-RETURNS'), damaged: loc('WH2-DAMAGED'), weight: 30 },
  ];
  const admin = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
  await db.destroy();

  const w = await openBulkWriter(url, tables);
  const tableOrder = Object.keys(tables);
  const createdAt = new Date(Date.parse(dayStart(firstDay, timeZone)) - 86_400_000 * 30).toISOString();

  // Suppliers and products; a few products get a quality problem from a date on.
  const suppliers = Array.from({ length: 30 }, (_, i) => ({ id: idAt('sup', Date.parse(createdAt)), code: `SUP${String(i + 1).padStart(3, '0')}` }));
  for (const [i, s] of suppliers.entries()) {
    await w.add('suppliers', {
      id: s.id,
      code: s.code,
      name: `供应商${i + 1}号`,
      contact_name: personName(r),
      contact_phone: `0571-8${r.int(1_000_000, 9_999_999)}`,
      email: null,
      address: null,
      note: null,
      created_at: createdAt,
    });
  }
  const products = Array.from({ length: productCount }, (_, i) => {
    const category = categories[i % categories.length] as (typeof categories)[number];
    const price = Math.round((category.minPrice + r.next() ** 2 * (category.maxPrice - category.minPrice)) / 100) * 100 - 100 + 90;
    return {
      id: idAt('prd', Date.parse(createdAt)),
      sku: `SKU-${String(i + 1).padStart(5, '0')}`,
      category,
      price,
      supplier: suppliers[(i * 7) % suppliers.length]?.id ?? null,
      popularity: 1 / (i + 1) ** 0.8,
      problemFrom: null as string | null,
    };
  });
  // Shuffle popularity so categories mix at the top.
  for (const p of products) p.popularity *= 0.5 + r.next();
  for (const p of products.filter((_, i) => i % 97 === 5).slice(0, 6)) p.problemFrom = addDays(today, -r.int(20, 150));
  for (const p of products) {
    await w.add('products', {
      id: p.id,
      sku: p.sku,
      name: productName(r, p.category.name),
      category: p.category.name,
      price: p.price,
      returnable: p.category.name === '食品' ? 0 : 1,
      barcode: `69${r.int(10_000_000, 99_999_999)}${r.int(100, 999)}`,
      supplier_id: p.supplier,
      group_code: null,
      variant_label: null,
      tracking: 'none',
      created_at: createdAt,
    });
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of products) {
    sum += p.popularity;
    cumulative.push(sum);
  }
  const pickProduct = () => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return products[lo] as (typeof products)[number];
  };

  // Customers: a few are serial returners.
  const customers = Array.from({ length: customerCount }, (_, i) => ({
    id: idAt('cus', Date.parse(createdAt)),
    returner: r.chance(0.01) ? 5 : r.chance(0.1) ? 2 : 1,
    n: i,
  }));
  for (const c of customers) {
    await w.add('customers', {
      id: c.id,
      name: personName(r),
      email: null,
      phone: `1${r.pick(['3', '5', '7', '8', '9'])}${String(10_000_000 + c.n).padStart(9, '0')}`,
      tier: 'standard',
      sales_user_id: null,
      notes: null,
      created_at: createdAt,
    });
  }
  log(`${products.length} products, ${customers.length} customers`);

  // Orders, day by day.
  const days = Array.from({ length: 731 }, (_, i) => addDays(firstDay, i));
  const weights = days.map((d, i) => dayWeight(d, (730 - i) / 365));
  const totalWeight = weights.reduce((s, x) => s + x, 0);
  const sold = new Map<string, number>();
  const ctx: ReturnContext = { w, r, now, timeZone, adminId: admin.id, process: defaultProcess, idAt, sequences: new Map(), stock: new Map() };
  let orderNo = 0;
  let returns = 0;
  let carry = 0;
  for (const [di, day] of days.entries()) {
    const exact = (orderCount * (weights[di] as number)) / totalWeight + carry;
    let todays = Math.floor(exact);
    carry = exact - todays;
    if (di === days.length - 1) todays = orderCount - orderNo;
    const dayStartMs = Date.parse(dayStart(day, timeZone));
    const times = Array.from({ length: todays }, () => dayStartMs + Math.min(86_399_000, Math.max(0, (8 + r.expo(1) * 3 + r.next() * 12) * 3_600_000)))
      .filter((t) => t < now)
      .sort((a, b) => a - b);
    for (const placed of times) {
      orderNo += 1;
      const customer = customers[Math.floor(r.next() ** 1.6 * customers.length)] as (typeof customers)[number];
      const channel = r.weighted(channels);
      const warehouse = r.weighted(warehouses.map((x) => [x, x.weight] as const));
      const lineCount = r.weighted([
        [1, 30],
        [2, 30],
        [3, 20],
        [4, 12],
        [5, 8],
      ] as const);
      const picked = new Map<string, (typeof products)[number]>();
      while (picked.size < lineCount) picked.set(pickProduct().id, pickProduct());
      const promo = isPromotion(day);
      const lines = [...picked.values()].map((p, i) => ({
        product: p,
        lineNo: i + 1,
        quantity: r.weighted([
          [1, 75],
          [2, 18],
          [3, 7],
        ] as const),
        unitPrice: promo ? Math.round((p.price * 0.85) / 10) * 10 : p.price,
        discountAmount: 0,
      }));
      const goods = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
      const discount = promo && goods >= 30_000 ? Math.floor(goods / 30_000) * 5000 : 0;
      const paid = allocatePaidAmounts(lines, discount);
      const shippingFee = goods - discount >= 9900 ? 0 : 1000;
      const orderId = idAt('ord', placed);
      const deliveredMs = placed + (1 + r.expo(1.2)) * 86_400_000;
      const delivered = deliveredMs < now ? new Date(deliveredMs).toISOString() : null;
      const placedAt = new Date(placed).toISOString();
      await w.add('orders', {
        id: orderId,
        number: `SO${day.replaceAll('-', '')}${String(orderNo).padStart(8, '0')}`,
        customer_id: customer.id,
        channel,
        currency: 'CNY',
        placed_at: placedAt,
        delivered_at: delivered,
        stock_location_id: warehouse.main,
        discount_amount: discount,
        shipping_fee: shippingFee,
        goods_amount: goods - discount,
        shipping_refund_return_id: null,
        created_at: placedAt,
      });
      await w.add('order_payments', {
        id: idAt('pay', placed),
        order_id: orderId,
        method: r.pick(['alipay', 'wechat_pay', 'alipay', 'unionpay']),
        amount: goods - discount + shippingFee,
      });
      const orderLines = lines.map((l, i) => ({ id: idAt('oln', placed), ...l, paidAmount: paid[i] as number }));
      const plan = delivered
        ? planReturn(ctx, {
            orderId,
            customerId: customer.id,
            channel,
            placed,
            delivered: deliveredMs,
            promo,
            returner: customer.returner,
            warehouse,
            lines: orderLines,
          })
        : null;
      for (const l of orderLines) {
        await w.add('order_lines', {
          id: l.id,
          order_id: orderId,
          line_no: l.lineNo,
          product_id: l.product.id,
          sku: l.product.sku,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount_amount: 0,
          paid_amount: l.paidAmount,
          valued_quantity: plan?.valued.get(l.id) ?? 0,
        });
        await w.add('stock_movements', {
          id: idAt('mov', placed),
          product_id: l.product.id,
          from_location_id: warehouse.main,
          to_location_id: null,
          quantity: l.quantity,
          type: 'sale',
          source_type: 'order',
          source_id: orderId,
          lot: null,
          reason: null,
          actor_kind: 'system',
          actor_id: null,
          created_at: placedAt,
        });
        const key = `${l.product.id}|${warehouse.main}`;
        sold.set(key, (sold.get(key) ?? 0) + l.quantity);
      }
      if (plan) {
        returns += 1;
        // Parents first, so a flush in between never writes a child before its parent.
        plan.rows.sort(([a], [b]) => tableOrder.indexOf(a) - tableOrder.indexOf(b));
        for (const [table, row] of plan.rows) await w.add(table, row);
      }
    }
    if (di % 60 === 0) log(`${day}: ${orderNo} orders, ${returns} returns`);
  }
  // Opening stock a month before the first order: what was sold, and some left over.
  const openingAt = createdAt;
  const levels = new Map<string, number>();
  for (const p of products) {
    for (const wh of warehouses) {
      const key = `${p.id}|${wh.main}`;
      const opening = (sold.get(key) ?? 0) + r.int(20, 200);
      await w.add('stock_movements', {
        id: idAt('mov', Date.parse(openingAt)),
        product_id: p.id,
        from_location_id: null,
        to_location_id: wh.main,
        quantity: opening,
        type: 'opening_stock',
        source_type: 'opening_stock',
        source_id: 'gen',
        lot: null,
        reason: null,
        actor_kind: 'system',
        actor_id: null,
        created_at: openingAt,
      });
      levels.set(key, opening - (sold.get(key) ?? 0));
    }
  }
  for (const [key, delta] of ctx.stock) levels.set(key, (levels.get(key) ?? 0) + delta);
  for (const [key, onHand] of levels) {
    const [productId, locationId] = key.split('|') as [string, string];
    await w.add('stock_levels', { product_id: productId, location_id: locationId, on_hand: onHand, reserved: 0, updated_at: new Date(now).toISOString() });
  }
  for (const [name, value] of ctx.sequences) await w.add('sequences', { name, value });
  await w.run('delete from analytics_queue');
  await w.close();
  log(`${orderNo} orders, ${returns} returns written; rebuilding the analytics facts`);

  const facts = connectDatabase({ url });
  // Statistics of the bulk-loaded tables before the facts are computed from them: without,
  // PostgreSQL planned the rebuild's joins for a few thousand rows and took minutes a chunk.
  await sql`analyze`.execute(facts);
  await facts.updateTable('analyticsState').set({ status: 'empty' }).execute();
  const result = await refreshFacts(facts, { budgetMs: 3_600_000 });
  // And of the fact tables, for the reports.
  await sql`analyze`.execute(facts);
  await facts.destroy();
  log(`facts ${result.state.status}; done. Sign in as ${adminEmail}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
