/**
 * What a customer may exchange each line of an order for: the other sizes and colours of
 * the same item (products sharing its group code), each with its price and whether the
 * warehouse that would ship it can promise it now — and the check that a customer's pick
 * is one of them (customers exchange within the item; service may choose any product).
 */
import type { Db } from '../db/connect.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findProductsBySkus } from '../modules/catalog/products.repository.ts';
import { compareVariantLabels } from '../modules/catalog/variant-order.ts';
import { productsInGroups } from '../modules/exchanges/exchanges.repository.ts';
import type { ExchangeOptionsView, PortalReplacement } from '../modules/exchanges/exchanges.schema.ts';
import { availableStock } from '../modules/exchanges/reservations.repository.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { sellableLocationFor } from './steps/exchange-stock.ts';

/** The exchange choices of every line of an order the caller may see (404 otherwise). */
export async function loadExchangeOptions(db: Db, o: { orderId: string; scope: Scope }): Promise<ExchangeOptionsView> {
  const order = await findOrder(db, o.orderId, o.scope);
  if (!order) throw notFound('Order');
  const products = await findProductsBySkus(
    db,
    order.lines.map((l) => l.sku),
  );
  const groups = [...products.values()].flatMap((p) => (p.groupCode ? [p.groupCode] : []));
  const [variants, location] = await Promise.all([productsInGroups(db, groups), sellableLocationFor(db, order.id)]);
  const free = new Map(await Promise.all(variants.map(async (v) => [v.id, await availableStock(db, v.id, location.id)] as const)));
  return {
    orderId: order.id,
    lines: order.lines.map((line) => {
      const product = products.get(line.sku);
      const group = product?.groupCode
        ? variants.filter((v) => v.groupCode === product.groupCode).sort((a, b) => compareVariantLabels(a.variantLabel, b.variantLabel))
        : [];
      return {
        orderLineId: line.id,
        sku: line.sku,
        variantLabel: product?.variantLabel ?? null,
        paidUnitPrice: line.quantity > 0 ? Math.round(line.paidAmount / line.quantity) : 0,
        variants: group.map((v) => {
          const available = free.get(v.id) ?? null;
          return {
            sku: v.sku,
            name: v.name,
            variantLabel: v.variantLabel,
            price: v.price,
            inStock: available === null || available > 0,
            current: v.sku === line.sku,
          };
        }),
      };
    }),
  };
}

/**
 * 400 unless each customer's replacement is the line's own item or another size or colour
 * of it. `lines` are the filed lines by position, with the order's SKU of each.
 */
export async function checkCustomerReplacements(
  db: Db,
  resolution: string,
  lines: readonly { sku: string | undefined; replacement?: PortalReplacement | undefined }[],
): Promise<void> {
  const stray = lines.findIndex((l) => l.replacement && resolution !== 'exchange');
  if (stray >= 0) throw invalidField(`lines.${stray}.replacement`, 'A replacement is chosen only for an exchange');
  const asked = lines.flatMap((l) => (l.replacement && l.sku ? [l.sku, l.replacement.sku] : []));
  if (asked.length === 0) return;
  const products = await findProductsBySkus(db, asked);
  lines.forEach((line, i) => {
    if (!line.replacement || !line.sku || line.replacement.sku === line.sku) return;
    const own = products.get(line.sku)?.groupCode;
    const wanted = products.get(line.replacement.sku);
    if (!wanted) throw invalidField(`lines.${i}.replacement.sku`, `Unknown SKU ${line.replacement.sku}`);
    if (!own || wanted.groupCode !== own) {
      throw invalidField(`lines.${i}.replacement.sku`, `${line.replacement.sku} is not another size or colour of ${line.sku}`);
    }
  });
}
