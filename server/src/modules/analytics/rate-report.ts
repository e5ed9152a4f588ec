/** Return rate (units and value returned against sold) per product, category, supplier, reason, channel, customer or warehouse. */

import { invalidField } from '../../lib/app-error.ts';
import type { RateDimension, RateQuery, RateReport, RateRow } from './analytics.schema.ts';
import { decodeCursor, encodeCursor, pageAfter, type ReportScope, rate } from './report-scope.ts';
import {
  customerSales,
  customersPage,
  customersWithReturnsAndSales,
  namesOf,
  productLabels,
  type ReturnMeasures,
  returnSums,
  type SalesDimension,
  type SalesSums,
  salesSums,
} from './reports.repository.ts';

const none: SalesSums = { units: 0, value: 0 };

function row(key: string, label: string, category: string | null, r: Partial<ReturnMeasures> | undefined, s: SalesSums | undefined): RateRow {
  const sold = s ?? none;
  const returnedUnits = r?.returnedUnits ?? 0;
  const returnedValue = r?.returnedValue ?? 0;
  return {
    key,
    label,
    category,
    returns: r?.returns ?? 0,
    returnedUnits,
    soldUnits: sold.units,
    unitRate: rate(returnedUnits, sold.units),
    returnedValue,
    soldValue: sold.value,
    valueRate: rate(returnedValue, sold.value),
    refundedAmount: r?.refundedAmount ?? 0,
  };
}

const sortValue: Record<RateQuery['sort'], (r: RateRow) => number> = {
  returnedUnits: (r) => r.returnedUnits,
  unitRate: (r) => r.unitRate ?? -1,
  returnedValue: (r) => r.returnedValue,
  valueRate: (r) => r.valueRate ?? -1,
};

/** Customers who returned something, with their sales: ranked by a rate, every one of them needs them. */
async function customerRowsByRate(scope: ReportScope): Promise<RateRow[]> {
  const returned = await customersWithReturnsAndSales(scope.db, scope.period);
  return returned.map((c) => row(c.customerId, c.customerId, null, c, c.sold));
}

/** Adds what a page of customers bought, and their names (only the page: customers are many). */
async function fillCustomers(scope: ReportScope, rows: RateRow[]): Promise<RateRow[]> {
  const ids = rows.map((r) => r.key);
  const [sales, names] = await Promise.all([customerSales(scope.db, ids, scope.period), namesOf(scope.db, 'customers', ids)]);
  return rows.map((r) => {
    const sold = sales.get(r.key) ?? none;
    return {
      ...r,
      label: names.get(r.key) ?? r.key,
      soldUnits: sold.units,
      soldValue: sold.value,
      unitRate: rate(r.returnedUnits, sold.units),
      valueRate: rate(r.returnedValue, sold.value),
    };
  });
}

async function labelled(scope: ReportScope, dim: RateDimension, keys: string[]): Promise<(key: string) => { label: string; category: string | null }> {
  switch (dim) {
    case 'product': {
      const products = await productLabels(scope.db, keys);
      return (key) => {
        const p = products.get(key);
        return { label: p ? `${p.sku} ${p.name}` : key, category: p?.category ?? null };
      };
    }
    case 'supplier':
    case 'warehouse': {
      const names = await namesOf(scope.db, dim === 'supplier' ? 'suppliers' : 'warehouses', keys);
      return (key) => ({ label: names.get(key) ?? (key === '' ? (scope.locale === 'en' ? '(none)' : '（未指定）') : key), category: null });
    }
    case 'reason':
      return (key) => ({ label: scope.reasonLabel(key), category: scope.reasonCategory(key) });
    default:
      return (key) => ({ label: key, category: null });
  }
}

/** The return rate report. */
export async function buildRateReport(scope: ReportScope, q: Pick<RateQuery, 'groupBy' | 'sort' | 'limit' | 'cursor'>): Promise<RateReport> {
  const dim = q.groupBy;
  const [totalReturns, totalSales] = await Promise.all([
    returnSums(scope.db, 'total', scope.period, scope.filters),
    salesSums(scope.db, 'total', scope.period, scope.filters),
  ]);
  const totals = row('*', '*', null, totalReturns.get('*'), totalSales.get('*'));
  if (dim === 'customer' && (q.sort === 'returnedUnits' || q.sort === 'returnedValue')) {
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.cursor && !after) throw invalidField('cursor', 'not a cursor of this report');
    const found = await customersPage(scope.db, scope.period, { by: q.sort, limit: q.limit, after });
    const page = found.slice(0, q.limit).map((c) => row(c.customerId, c.customerId, null, c, none));
    const last = page[page.length - 1];
    const nextCursor = found.length > q.limit && last ? encodeCursor(sortValue[q.sort](last), last.key) : null;
    return { ...scope.meta, groupBy: dim, totals: { ...totals }, data: await fillCustomers(scope, page), nextCursor };
  }
  let rows: RateRow[];
  if (dim === 'customer') {
    rows = await customerRowsByRate(scope);
  } else {
    const returnDim = dim === 'reasonCategory' ? 'reason' : dim;
    const returned = await returnSums(scope.db, returnDim, scope.period, scope.filters);
    // A reason has no sales of its own: its rate is against every unit sold.
    const perKeySales = dim !== 'reason' && dim !== 'reasonCategory';
    const sold = perKeySales ? await salesSums(scope.db, dim as SalesDimension, scope.period, scope.filters) : undefined;
    if (dim === 'reasonCategory') {
      const byCategory = new Map<string, Partial<ReturnMeasures>>();
      for (const [code, measures] of returned) {
        const key = scope.reasonCategory(code);
        const sum = byCategory.get(key) ?? {};
        for (const [m, v] of Object.entries(measures)) sum[m as keyof ReturnMeasures] = (sum[m as keyof ReturnMeasures] ?? 0) + v;
        byCategory.set(key, sum);
      }
      rows = [...byCategory].map(([key, measures]) => row(key, key, null, measures, totalSales.get('*')));
    } else {
      const keys = [...new Set([...returned.keys(), ...(sold?.keys() ?? [])])];
      const label = await labelled(scope, dim, keys);
      rows = keys.map((key) => {
        const l = label(key);
        return row(key, l.label, l.category, returned.get(key), perKeySales ? sold?.get(key) : totalSales.get('*'));
      });
    }
  }
  const page = pageAfter(rows, { limit: q.limit, cursor: q.cursor, value: sortValue[q.sort], key: (r) => r.key });
  const data = dim === 'customer' ? await fillCustomers(scope, page.data) : page.data;
  return { ...scope.meta, groupBy: dim, totals: { ...totals }, data, nextCursor: page.nextCursor };
}
