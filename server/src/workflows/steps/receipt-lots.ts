/**
 * Lots (批次) and serial numbers read when a return's units arrive: each must fit the
 * product's tracking and be one the return's order sold and has not had back yet.
 */
import type { Db } from '../../db/connect.ts';
import { invalidField } from '../../lib/app-error.ts';
import { assertReturnedLots } from '../../modules/inventory/lot-tracking.ts';
import { findStockProductsByIds } from '../../modules/inventory/stock-products.repository.ts';
import type { ReturnLineRow } from '../../modules/returns/returns.repository.ts';

export type ReceiptEntry = { lineId: string; quantity: number; lot?: string | undefined };

export type CheckReceiptLotsOptions = { orderId: string; lines: readonly ReturnLineRow[]; entries: readonly ReceiptEntry[] };

/**
 * 400 for a lot on a product that tracks none; 409 conflict (details: each lot and its
 * outcome) when a tracked product's lot or serial is missing, was not sold on the order,
 * or is already back. Products that track nothing and name no lot cost nothing but one look-up.
 */
export async function checkReceiptLots(db: Db, o: CheckReceiptLotsOptions): Promise<void> {
  const lineById = new Map(o.lines.map((l) => [l.id, l]));
  const products = await findStockProductsByIds(
    db,
    o.lines.map((l) => l.productId),
  );
  const byProduct = new Map<string, { lot: string | null; quantity: number }[]>();
  o.entries.forEach((entry, i) => {
    const line = lineById.get(entry.lineId);
    const product = line ? products.get(line.productId) : undefined;
    if (!line || !product) return;
    if (product.tracking === 'none') {
      if (entry.lot) throw invalidField(`lines.${i}.lot`, `${product.sku} does not track lots or serial numbers`);
      return;
    }
    const list = byProduct.get(product.id) ?? [];
    list.push({ lot: entry.lot ?? null, quantity: entry.quantity });
    byProduct.set(product.id, list);
  });
  for (const [productId, entries] of byProduct) {
    const product = products.get(productId);
    if (!product) continue;
    await assertReturnedLots(db, { orderId: o.orderId, productId, tracking: product.tracking, sku: product.sku, entries });
  }
}

/** The units of a receipt per return line and lot: one ledger line each. */
export function receiptParts(entries: readonly ReceiptEntry[]): { lineId: string; lot: string | null; quantity: number }[] {
  const parts = new Map<string, { lineId: string; lot: string | null; quantity: number }>();
  for (const e of entries) {
    const key = `${e.lineId}\u0000${e.lot ?? ''}`;
    const part = parts.get(key) ?? { lineId: e.lineId, lot: e.lot ?? null, quantity: 0 };
    part.quantity += e.quantity;
    parts.set(key, part);
  }
  return [...parts.values()];
}
