/**
 * The returns report of the v1 contract: per SKU, category, reason, channel or customer,
 * units returned against units sold in a period, and the money refunded.
 * Sold units count orders placed in [from, to); returned units count returns created in
 * [from, to) that were not rejected or cancelled; refunded money counts paid refunds of
 * those returns (an order's shipping refund is put on the return's first line).
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export type ReportGroup = 'reason' | 'product' | 'category' | 'channel' | 'customer';

export type ReportRow = { key: string; returnedUnits: number; soldUnits: number; returnRate: number | null; refundedAmount: number };

type KeyColumn = 'products.sku' | 'products.category' | 'orders.channel' | 'orders.customerId';

const soldKey: Record<Exclude<ReportGroup, 'reason'>, KeyColumn> = {
  product: 'products.sku',
  category: 'products.category',
  channel: 'orders.channel',
  customer: 'orders.customerId',
};

export type ReportPeriod = { from: string; to: string };

async function soldUnits(db: Db, groupBy: ReportGroup, period: ReportPeriod): Promise<Map<string, number>> {
  const base = db
    .selectFrom('orderLines')
    .innerJoin('orders', 'orders.id', 'orderLines.orderId')
    .innerJoin('products', 'products.id', 'orderLines.productId')
    .where('orders.placedAt', '>=', period.from)
    .where('orders.placedAt', '<', period.to);
  if (groupBy === 'reason') {
    // A reason has no sales of its own: its rate is against every unit sold.
    const row = await base.select((eb) => eb.fn.sum<number>('orderLines.quantity').as('units')).executeTakeFirst();
    return new Map([['*', Number(row?.units ?? 0)]]);
  }
  const key = soldKey[groupBy];
  const rows = await base
    .select([sql.ref<string>(key).as('key'), (eb) => eb.fn.sum<number>('orderLines.quantity').as('units')])
    .groupBy(key)
    .execute();
  return new Map(rows.map((r) => [String(r.key), Number(r.units)]));
}

function returnKey(groupBy: ReportGroup): RawBuilder<string> {
  switch (groupBy) {
    case 'reason':
      return sql.ref<string>('returnLines.reasonCode');
    case 'product':
      return sql.ref<string>('products.sku');
    case 'category':
      return sql.ref<string>('products.category');
    case 'channel':
      return sql.ref<string>('orders.channel');
    case 'customer':
      return sql.ref<string>('returns.customerId');
  }
}

async function returnedUnits(db: Db, groupBy: ReportGroup, period: ReportPeriod): Promise<Map<string, number>> {
  const key = returnKey(groupBy);
  const rows = await db
    .selectFrom('returnLines')
    .innerJoin('returns', 'returns.id', 'returnLines.returnId')
    .innerJoin('orders', 'orders.id', 'returns.orderId')
    .innerJoin('products', 'products.id', 'returnLines.productId')
    .select([key.as('key') as never, (eb) => eb.fn.sum<number>('returnLines.quantity').as('units')])
    .where('returns.createdAt', '>=', period.from)
    .where('returns.createdAt', '<', period.to)
    .where('returns.status', 'not in', ['rejected', 'cancelled'])
    .groupBy(key as never)
    .execute();
  return new Map((rows as { key: string; units: number }[]).map((r) => [String(r.key), Number(r.units)]));
}

async function refundedAmounts(db: Db, groupBy: ReportGroup, period: ReportPeriod): Promise<Map<string, number>> {
  const key = returnKey(groupBy);
  const rows = await db
    .selectFrom('refundLines')
    .innerJoin('refunds', 'refunds.id', 'refundLines.refundId')
    .innerJoin('returns', 'returns.id', 'refunds.returnId')
    .innerJoin('orders', 'orders.id', 'returns.orderId')
    // Goods lines name their return line; the shipping line goes on the return's first line.
    .innerJoin('returnLines', (join) =>
      join.on((eb) =>
        eb.or([
          eb('returnLines.id', '=', eb.ref('refundLines.returnLineId')),
          eb.and([eb('refundLines.returnLineId', 'is', null), eb('returnLines.returnId', '=', eb.ref('returns.id')), eb('returnLines.lineNo', '=', 1)]),
        ]),
      ),
    )
    .innerJoin('products', 'products.id', 'returnLines.productId')
    .select([key.as('key') as never, (eb) => eb.fn.sum<number>('refundLines.amount').as('amount')])
    .where('refunds.status', '=', 'paid')
    .where('returns.createdAt', '>=', period.from)
    .where('returns.createdAt', '<', period.to)
    .groupBy(key as never)
    .execute();
  return new Map((rows as { key: string; amount: number }[]).map((r) => [String(r.key), Number(r.amount)]));
}

/** The report rows, most returned first. */
export async function returnsReport(db: Db, groupBy: ReportGroup, period: ReportPeriod): Promise<ReportRow[]> {
  const [sold, returned, refunded] = await Promise.all([
    soldUnits(db, groupBy, period),
    returnedUnits(db, groupBy, period),
    refundedAmounts(db, groupBy, period),
  ]);
  const keys = new Set([...(groupBy === 'reason' ? [] : sold.keys()), ...returned.keys(), ...refunded.keys()]);
  const rows = [...keys].map((key) => {
    const soldUnitsOfKey = groupBy === 'reason' ? (sold.get('*') ?? 0) : (sold.get(key) ?? 0);
    const returnedUnitsOfKey = returned.get(key) ?? 0;
    return {
      key,
      returnedUnits: returnedUnitsOfKey,
      soldUnits: soldUnitsOfKey,
      returnRate: soldUnitsOfKey > 0 ? Math.round((returnedUnitsOfKey / soldUnitsOfKey) * 10_000) / 10_000 : null,
      refundedAmount: refunded.get(key) ?? 0,
    };
  });
  return rows.sort((a, b) => b.returnedUnits - a.returnedUnits || b.soldUnits - a.soldUnits || a.key.localeCompare(b.key));
}
