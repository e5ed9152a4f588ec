/**
 * Writes the records of a master-data import through the repositories of the modules
 * they belong to, inside the caller's transaction (all or nothing). `at` follows the
 * row being written so that a failure can name it.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { createProduct, insertProducts } from '../catalog/products.repository.ts';
import { createCustomer, insertCustomers } from '../customers/customers.repository.ts';
import { listLocations } from '../inventory/locations.repository.ts';
import { postMovements } from '../inventory/stock.repository.ts';
import { insertOrder } from '../orders/orders.repository.ts';
import { appendEvent } from '../outbox/outbox.repository.ts';
import type { CustomerRecord } from './kinds/customers.ts';
import { type OrderRecord, orderTotal } from './kinds/orders.ts';
import type { ProductRecord } from './kinds/products.ts';
import { type StockRecord, stockDocumentKind } from './kinds/stock.ts';
import { customersByContact, productIdsBySku, recordImportedDocument } from './lookups.repository.ts';

export type ApplyContext = { trx: Db; now: Date; actor: Actor; batchId: string; at: { line: number | null } };

/**
 * Writes records 500 at a time; when a chunk fails, it is undone to a savepoint and
 * written row by row, so the error names the row (and still rolls the whole import back).
 */
async function inChunks<R extends { line: number }>(
  c: ApplyContext,
  records: readonly R[],
  bulk: (rows: readonly R[]) => Promise<void>,
  one: (row: R) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    c.at.line = chunk[0]?.line ?? null;
    await sql`savepoint import_chunk`.execute(c.trx);
    try {
      await bulk(chunk);
      await sql`release savepoint import_chunk`.execute(c.trx);
    } catch {
      await sql`rollback to savepoint import_chunk`.execute(c.trx);
      for (const row of chunk) {
        c.at.line = row.line;
        await one(row);
      }
    }
  }
}

const productOf = (r: ProductRecord) => ({
  sku: r.sku,
  name: r.name,
  category: r.category,
  price: r.price,
  returnable: r.returnable,
  barcode: r.barcode,
  variantLabel: r.variantLabel,
});

/** Creates the products. */
export async function applyProducts(c: ApplyContext, records: readonly ProductRecord[]): Promise<number> {
  await inChunks(
    c,
    records,
    (rows) => insertProducts(c.trx, rows.map(productOf), c.now),
    async (r) => {
      await createProduct(c.trx, { ...productOf(r), now: c.now });
    },
  );
  return records.length;
}

const customerOf = (r: CustomerRecord) => ({ name: r.name, phone: r.phone, email: r.email, ...(r.tier ? { tier: r.tier } : {}) });

/** Creates the customers. */
export async function applyCustomers(c: ApplyContext, records: readonly CustomerRecord[]): Promise<number> {
  await inChunks(
    c,
    records,
    (rows) => insertCustomers(c.trx, rows.map(customerOf), c.now),
    async (r) => {
      await createCustomer(c.trx, { ...customerOf(r), now: c.now });
    },
  );
  return records.length;
}

/** Creates the orders (and customers not known yet), each announced as order.created. */
export async function applyOrders(c: ApplyContext, records: readonly OrderRecord[]): Promise<number> {
  const { byPhone, byEmail } = await customersByContact(
    c.trx,
    records.flatMap((r) => (r.phone ? [r.phone] : [])),
    records.flatMap((r) => (r.email ? [r.email] : [])),
  );
  const products = await productIdsBySku(
    c.trx,
    records.flatMap((r) => r.items.map((i) => i.sku)),
  );
  for (const r of records) {
    c.at.line = r.line;
    let customerId = (r.phone && byPhone.get(r.phone)) || (r.email && byEmail.get(r.email)) || null;
    if (!customerId) {
      const customer = await createCustomer(c.trx, { name: r.customerName ?? r.phone ?? r.email ?? '—', phone: r.phone, email: r.email, now: c.now });
      customerId = customer.id;
      if (customer.phone) byPhone.set(customer.phone, customer.id);
      if (customer.email) byEmail.set(customer.email, customer.id);
    }
    const total = orderTotal(r);
    if (!total) throw new Error(`order ${r.number}: discount exceeds the goods amount`);
    const orderId = newId('ord');
    await insertOrder(c.trx, {
      id: orderId,
      number: r.number,
      customerId,
      channel: r.channel,
      currency: r.currency,
      placedAt: r.placedAt,
      deliveredAt: r.deliveredAt,
      stockLocationId: null,
      discountAmount: r.discountAmount,
      shippingFee: r.shippingFee,
      goodsAmount: total.goods,
      lines: r.items.map((item, i) => {
        const productId = products.get(item.sku);
        if (!productId) throw new Error(`unknown SKU ${item.sku}`);
        return {
          id: newId('ol'),
          productId,
          sku: item.sku,
          quantity: item.quantity,
          unitPrice: item.unitPrice,
          discountAmount: item.discountAmount,
          paidAmount: total.paid[i] ?? 0,
        };
      }),
      payments: [{ id: newId('pay'), method: r.paymentMethod, amount: total.goods + r.shippingFee }],
      now: c.now,
    });
    await appendEvent(c.trx, {
      type: 'order.created',
      aggregateType: 'order',
      aggregateId: orderId,
      payload: { id: orderId, number: r.number, imported: true },
      now: c.now,
    });
  }
  return records.length;
}

/** Books opening stock into its locations, one ledger entry per row, and remembers each document. */
export async function applyStock(c: ApplyContext, records: readonly StockRecord[]): Promise<number> {
  const locations = new Map((await listLocations(c.trx)).map((l) => [l.code, l]));
  const products = await productIdsBySku(
    c.trx,
    records.flatMap((r) => r.items.map((i) => i.sku)),
  );
  for (const r of records) {
    c.at.line = r.line;
    if (!(await recordImportedDocument(c.trx, { kind: stockDocumentKind, documentNumber: r.document, entityId: r.document, batchId: c.batchId, now: c.now })))
      continue;
    await postMovements(
      c.trx,
      r.items.map((item) => {
        const productId = products.get(item.sku);
        const location = locations.get(item.location);
        if (!productId || !location) throw new Error(`unknown SKU or location on row ${item.line}`);
        return {
          productId,
          sku: item.sku,
          from: null,
          to: location,
          quantity: item.quantity,
          type: 'adjustment' as const,
          sourceType: 'import',
          sourceId: r.document,
          reason: item.note ?? `期初库存 ${r.document}`,
          actor: c.actor,
          now: c.now,
        };
      }),
    );
  }
  return records.length;
}
