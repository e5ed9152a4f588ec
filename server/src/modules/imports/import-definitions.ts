/** Which definition reads which kind of import. */

import type { ImportKind, KindDefinition } from './import-kind.ts';
import { afterSalesImport } from './kinds/after-sales.ts';
import type { Platform } from './kinds/after-sales-platforms.ts';
import { customerImport } from './kinds/customers.ts';
import { orderImport } from './kinds/orders.ts';
import { productImport } from './kinds/products.ts';
import { stockImport } from './kinds/stock.ts';

/** The definition of a kind (after-sales per platform). */
export function definitionOf(kind: ImportKind, platform: Platform | null): KindDefinition<{ line: number }> {
  switch (kind) {
    case 'products':
      return productImport as unknown as KindDefinition<{ line: number }>;
    case 'customers':
      return customerImport as unknown as KindDefinition<{ line: number }>;
    case 'orders':
      return orderImport as unknown as KindDefinition<{ line: number }>;
    case 'stock':
      return stockImport as unknown as KindDefinition<{ line: number }>;
    case 'after_sales':
      return afterSalesImport(platform ?? 'generic') as unknown as KindDefinition<{ line: number }>;
  }
}
