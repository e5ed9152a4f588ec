/**
 * The demo shop's sales: a few hundred orders over the demo period from the
 * marketplaces (天猫, 京东, 拼多多, 抖音), the WeChat mini-shop and the physical store,
 * with each channel's own number format, promotions, shipping fees and payment methods.
 * Planned as plain data first (returns are planned against it), then recorded through
 * the createOrder workflow.
 */
import type { Actor } from '../lib/actor.ts';
import { localDate } from '../lib/local-date.ts';
import { allocatePaidAmounts } from '../modules/orders/allocation.ts';
import type { OrderCreateBody } from '../modules/orders/orders.schema.ts';
import { type DemoProduct, demoProducts } from './catalog.ts';
import type { DemoCustomer } from './people.ts';
import { day, hour, minute, type Random } from './random.ts';

export const shopTimeZone = 'Asia/Shanghai';
const shanghaiOffset = 8 * hour;

export type Channel = 'tmall' | 'jd' | 'pdd' | 'douyin' | 'wechat' | 'offline';

export type PlannedLine = { product: DemoProduct; quantity: number; unitPrice: number; discountAmount: number; paidAmount: number };

export type PlannedOrder = {
  index: number;
  number: string;
  customerIndex: number;
  channel: Channel;
  placedAt: number;
  /** null: still on its way to the customer, or refused at the door (refused). */
  deliveredAt: number | null;
  refused: boolean;
  /** MAIN: shipped from our own stock; null: shipped from a platform warehouse (菜鸟仓 / 京东仓). */
  stockLocation: 'MAIN' | null;
  discountAmount: number;
  shippingFee: number;
  lines: PlannedLine[];
  payments: { method: string; amount: number }[];
};

const channelMix: readonly (readonly [Channel, number])[] = [
  ['tmall', 25],
  ['jd', 20],
  ['pdd', 15],
  ['douyin', 15],
  ['wechat', 15],
  ['offline', 10],
];
const keyAccountMix: readonly (readonly [Channel, number])[] = [
  ['offline', 5],
  ['wechat', 4],
  ['jd', 1],
];

/** Midnight in Shanghai of the day an instant falls on (China has no daylight saving). */
export function shanghaiMidnight(at: number): number {
  return Math.floor((at + shanghaiOffset) / day) * day - shanghaiOffset;
}

function orderNumber(random: Random, channel: Exclude<Channel, 'offline'>, placedAt: number): string {
  const date = localDate(new Date(placedAt), shopTimeZone).replaceAll('-', '');
  switch (channel) {
    case 'tmall':
      return `40${random.digits(17)}`;
    case 'jd':
      return `3${random.digits(11)}`;
    case 'pdd':
      return `${date.slice(2)}-${random.digits(15)}`;
    case 'douyin':
      return `69${random.digits(17)}`;
    case 'wechat':
      return `WX${date}${random.digits(4)}`;
  }
}

function planLines(random: Random, wholesale: boolean): Omit<PlannedLine, 'paidAmount'>[] {
  const count = random.weighted([
    [1, 55],
    [2, 28],
    [3, 12],
    [4, 5],
  ]);
  const chosen = new Set<DemoProduct>();
  while (chosen.size < count) chosen.add(random.weighted(demoProducts.map((p) => [p, p.popularity] as const)));
  return [...chosen].map((product) => {
    const quantity = random.chance(wholesale ? 0.5 : 0.75) ? 1 : random.int(1, product.maxQuantity + (wholesale ? 2 : 0));
    return { product, quantity, unitPrice: product.price, discountAmount: 0 };
  });
}

/** The promotion of the channel on an order: line discounts and the order discount, in fen. */
function promote(random: Random, channel: Channel, tier: string, lines: Omit<PlannedLine, 'paidAmount'>[]): number {
  if (channel === 'pdd') {
    // 百亿补贴: a tenth off some lines, to the yuan.
    for (const line of lines) if (random.chance(0.4)) line.discountAmount = Math.floor((line.unitPrice * line.quantity) / 1000) * 100;
  }
  const base = lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discountAmount, 0);
  switch (channel) {
    case 'tmall':
    case 'jd':
      if (base >= 30_000 && random.chance(0.5)) return Math.floor(base / 30_000) * 3_000; // 满300减30
      return base >= 10_000 && random.chance(0.25) ? 1_000 : 0; // 店铺券
    case 'douyin':
      return random.chance(0.5) ? Math.floor((base * random.int(5, 15)) / 10_000) * 100 : 0; // 直播间立减
    case 'wechat':
      return base >= 5_000 && random.chance(0.2) ? 500 : 0; // 新客券
    case 'offline':
      if (tier === 'wholesale') return Math.round(base * 0.1); // 批发九折, to the fen
      return tier === 'vip' ? Math.round(base * 0.05) : 0; // 会员95折
    default:
      return 0;
  }
}

function pay(random: Random, channel: Channel, total: number): { method: string; amount: number }[] {
  if (total === 0) return [];
  const one = (method: string) => [{ method, amount: total }];
  switch (channel) {
    case 'tmall':
      return one('alipay');
    case 'jd':
      return one(random.chance(0.5) ? 'wechatpay' : 'unionpay');
    case 'pdd':
      return one(random.chance(0.7) ? 'wechatpay' : 'alipay');
    case 'douyin':
      return one(random.chance(0.6) ? 'wechatpay' : 'alipay');
    case 'wechat':
      return one('wechatpay');
    case 'offline': {
      if (total > 20_000 && random.chance(0.3)) {
        // Paid partly by WeChat Pay, the rest by bank card.
        const first = Math.floor((total * 0.3) / 100) * 100;
        return [
          { method: 'wechatpay', amount: first },
          { method: 'unionpay', amount: total - first },
        ];
      }
      return one(random.chance(0.5) ? 'unionpay' : 'wechatpay');
    }
  }
}

export type OrderWindow = { start: number; end: number; count: number };

/** Plans the orders of the demo period, oldest first. */
export function planOrders(random: Random, customers: readonly DemoCustomer[], window: OrderWindow): PlannedOrder[] {
  // Days are counted back from today's midnight in Shanghai, so the same orders come out
  // whatever the hour of the start; orders later today than now are dropped at the end.
  const today = shanghaiMidnight(window.end);
  const days = Math.floor((today - window.start) / day) - 1;
  // The shop is growing: recent days are busier than the first ones.
  const dayWeights = Array.from({ length: days + 1 }, (_, k) => [k, 1 + (days - k) / 40] as const);
  const hourWeights = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map((h) => [h, h >= 19 ? 3 : 2] as const);
  const numbers = new Set<string>();
  let orders: PlannedOrder[] = [];
  while (orders.length < window.count) {
    const placedAt = today - random.weighted(dayWeights) * day + random.weighted(hourWeights) * hour + random.int(0, 59) * minute;
    const customerIndex = random.weighted(customers.map((c, i) => [i, c.activity] as const));
    const customer = customers[customerIndex];
    if (!customer) continue;
    const channel = random.weighted(customer.ownedBySales ? keyAccountMix : channelMix);
    // Store receipts are numbered per day once the orders are in time order (below).
    const number = channel === 'offline' ? '' : orderNumber(random, channel, placedAt);
    if (numbers.has(number)) continue;
    if (number) numbers.add(number);

    const lines = planLines(random, customer.tier === 'wholesale');
    const discountAmount = promote(random, channel, customer.tier, lines);
    const paid = allocatePaidAmounts(lines, discountAmount);
    const goods = paid.reduce((s, p) => s + p, 0);
    const shippingFee = channel === 'offline' || channel === 'pdd' || goods >= 9_900 ? 0 : channel === 'jd' ? 600 : 800;
    const transit = channel === 'offline' ? 10 * minute : channel === 'jd' ? random.between(20, 40) * hour : random.between(40, 96) * hour;
    const deliveredAt = placedAt + transit <= window.end - 30 * minute ? Math.round(placedAt + transit) : null;
    orders.push({
      index: 0,
      number,
      customerIndex,
      channel,
      placedAt,
      deliveredAt,
      refused: false,
      stockLocation: channel === 'offline' || random.chance(0.75) ? 'MAIN' : null,
      discountAmount,
      shippingFee,
      lines: lines.map((l, i) => ({ ...l, paidAmount: paid[i] ?? 0 })),
      payments: pay(random, channel, goods + shippingFee),
    });
  }
  orders = orders.filter((o) => o.placedAt <= window.end - hour).sort((a, b) => a.placedAt - b.placedAt);
  const receiptsPerDay = new Map<number, number>();
  orders.forEach((o, i) => {
    o.index = i;
    if (o.channel !== 'offline') return;
    const midnight = shanghaiMidnight(o.placedAt);
    const sequence = (receiptsPerDay.get(midnight) ?? 0) + 1;
    receiptsPerDay.set(midnight, sequence);
    o.number = `MD${localDate(new Date(o.placedAt), shopTimeZone).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  });
  // A few parcels were refused at the door (拒收): never delivered, so no return window applies.
  const refusable = orders.filter((o) => o.channel !== 'offline' && o.placedAt < window.end - 12 * day && o.placedAt > window.start + 10 * day);
  for (const o of random.shuffle(refusable).slice(0, 3)) {
    o.deliveredAt = null;
    o.refused = true;
  }
  return orders;
}

/** Units each SKU sells out of MAIN over the period, for sizing the opening stock. */
export function unitsSoldFromMain(orders: readonly PlannedOrder[]): Map<string, number> {
  const sold = new Map<string, number>();
  for (const o of orders) {
    if (o.stockLocation !== 'MAIN') continue;
    for (const l of o.lines) sold.set(l.product.sku, (sold.get(l.product.sku) ?? 0) + l.quantity);
  }
  return sold;
}

/** The createOrder body of a planned order. */
export function orderBody(o: PlannedOrder, customerId: string): OrderCreateBody {
  return {
    number: o.number,
    customerId,
    channel: o.channel,
    currency: 'CNY',
    placedAt: new Date(o.placedAt).toISOString(),
    deliveredAt: o.deliveredAt === null ? null : new Date(o.deliveredAt).toISOString(),
    stockLocation: o.stockLocation,
    discountAmount: o.discountAmount,
    shippingFee: o.shippingFee,
    lines: o.lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, unitPrice: l.unitPrice, discountAmount: l.discountAmount })),
    payments: o.payments,
  };
}

/** Who records an order: marketplace orders are imported by the system, the rest by customer service. */
export function orderRecorder(o: PlannedOrder, service: Actor, system: Actor): Actor {
  return o.channel === 'wechat' || o.channel === 'offline' ? service : system;
}
