/** What every stock document does first: name its products and locations, and take its number. */
import type { Db } from '../../db/connect.ts';
import { invalidField } from '../../lib/app-error.ts';
import type { Location } from '../../modules/inventory/locations.repository.ts';
import { findStockProductsBySkus, type StockProduct } from '../../modules/inventory/stock-products.repository.ts';
import { nextDocumentNumber } from '../../modules/numbering/document-numbers.ts';
import { getCurrentPolicy } from '../../modules/policy/policy.repository.ts';
import { findLocationsByCodes } from '../../modules/warehouses/warehouses.repository.ts';

export type StockLineRefs = { products: Map<string, StockProduct>; locations: Map<string, Location> };

/**
 * Loads the products and locations lines name; 400 naming the first unknown one
 * (`${field}.${index}.sku`, `.location`…).
 */
export async function resolveStockLines(
  db: Db,
  field: string,
  lines: readonly { sku: string; locations: readonly { key: string; code: string | null | undefined }[] }[],
): Promise<StockLineRefs> {
  const products = await findStockProductsBySkus(
    db,
    lines.map((l) => l.sku),
  );
  const codes = lines.flatMap((l) => l.locations.flatMap((x) => (x.code ? [x.code] : [])));
  const locations = await findLocationsByCodes(db, codes);
  lines.forEach((line, i) => {
    if (!products.has(line.sku)) throw invalidField(`${field}.${i}.sku`, `Unknown SKU ${line.sku}`);
    for (const x of line.locations) {
      if (x.code && !locations.has(x.code)) throw invalidField(`${field}.${i}.${x.key}`, `Unknown location ${x.code}`);
    }
  });
  return { products, locations };
}

/** The next number of a stock document (TR-20261127-0001) on the shop's local date. */
export async function nextStockDocumentNumber(db: Db, prefix: string, now: Date): Promise<string> {
  const policy = await getCurrentPolicy(db);
  return nextDocumentNumber(db, prefix, now, policy.timeZone);
}
