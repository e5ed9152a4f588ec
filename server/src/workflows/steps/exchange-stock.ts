/**
 * The replacement side of an exchange, in the caller's transaction: opening it with the
 * replacements chosen (or the same items), holding them from sellable stock when the
 * exchange is approved, and letting them go when it is cancelled, changed or turned into
 * a refund.
 */
import type { Db } from '../../db/connect.ts';
import { AppError, invalidField } from '../../lib/app-error.ts';
import { findProductsBySkus } from '../../modules/catalog/products.repository.ts';
import {
  type ExchangeLine,
  findExchange,
  findExchangeLines,
  insertExchange,
  replaceExchangeLines,
  updateExchangeLine,
} from '../../modules/exchanges/exchanges.repository.ts';
import type { ReplacementChoice } from '../../modules/exchanges/exchanges.schema.ts';
import { releaseStock, reserveStock } from '../../modules/exchanges/reservations.repository.ts';
import { type Location, listLocations } from '../../modules/inventory/locations.repository.ts';
import { findReturnLines } from '../../modules/returns/returns.repository.ts';

/** Where a replacement comes from: the order's own sellable location, else MAIN. */
export async function sellableLocationFor(db: Db, orderId: string): Promise<Location> {
  const order = await db.selectFrom('orders').select('stockLocationId').where('id', '=', orderId).executeTakeFirstOrThrow();
  const locations = await listLocations(db);
  const own = locations.find((l) => l.id === order.stockLocationId && l.kind === 'sellable');
  const main = locations.find((l) => l.code === 'MAIN');
  const location = own ?? main;
  if (!location) throw new Error('location MAIN is missing');
  return location;
}

export type ReplacementLineChoice = ReplacementChoice & { returnLineId?: string | undefined };

/**
 * Sets the replacement lines of an exchange (opening it if needed): the choices given,
 * or for each returned line the same item and quantity. 400 for an unknown SKU.
 */
export async function chooseReplacements(
  db: Db,
  o: { returnId: string; orderId: string; now: Date; choices?: readonly ReplacementLineChoice[] | undefined; field?: (i: number) => string },
): Promise<ExchangeLine[]> {
  const lines = await findReturnLines(db, o.returnId);
  const choices: ReplacementLineChoice[] = o.choices?.length ? [...o.choices] : lines.map((l) => ({ returnLineId: l.id, sku: l.sku, quantity: l.quantity }));
  const products = await findProductsBySkus(
    db,
    choices.map((c) => c.sku),
  );
  const returnLineIds = new Set(lines.map((l) => l.id));
  const chosen = choices.map((c, i) => {
    const product = products.get(c.sku);
    const field = o.field?.(i) ?? `lines.${i}`;
    if (!product) throw invalidField(`${field}.sku`, `Unknown SKU ${c.sku}`);
    if (c.returnLineId && !returnLineIds.has(c.returnLineId)) throw invalidField(`${field}.returnLineId`, `The return has no line ${c.returnLineId}`);
    return { returnLineId: c.returnLineId ?? null, productId: product.id, sku: product.sku, quantity: c.quantity, unitPrice: product.price };
  });
  if (!(await findExchange(db, o.returnId))) {
    await insertExchange(db, { returnId: o.returnId, locationId: (await sellableLocationFor(db, o.orderId)).id, now: o.now });
  }
  await replaceExchangeLines(db, o.returnId, chosen);
  return findExchangeLines(db, o.returnId);
}

/** The replacement lines of an exchange, choosing the same items for an exchange filed before replacements were kept. */
export async function replacementLines(db: Db, o: { returnId: string; orderId: string; now: Date }): Promise<ExchangeLine[]> {
  const lines = await findExchangeLines(db, o.returnId);
  return lines.length > 0 && (await findExchange(db, o.returnId)) ? lines : chooseReplacements(db, o);
}

/**
 * Holds the replacements from sellable stock (on approval). Strict: 409 conflict when a
 * replacement is short — the exchange that came second for the last unit is told. Not
 * strict (an automatic approval): the line is marked short and the customer may fall
 * back to a refund or store credit.
 */
export async function holdReplacements(db: Db, o: { returnId: string; orderId: string; now: Date; strict: boolean }): Promise<ExchangeLine[]> {
  const lines = await replacementLines(db, o);
  const exchange = await findExchange(db, o.returnId);
  if (!exchange?.locationId || exchange.status !== 'open') return lines;
  // Level rows are locked in one fixed order, so exchanges holding the same products never deadlock.
  const pending = lines.filter((l) => l.status !== 'reserved' && l.status !== 'shipped').sort((a, b) => (a.productId < b.productId ? -1 : 1));
  for (const line of pending) {
    const outcome = await reserveStock(db, { productId: line.productId, locationId: exchange.locationId, quantity: line.quantity, now: o.now });
    if (outcome.kind === 'short' && o.strict) {
      throw new AppError('conflict', `Not enough ${line.sku} to hold for the exchange: ${Math.max(0, outcome.available)} free, ${line.quantity} needed`, {
        sku: line.sku,
        available: Math.max(0, outcome.available),
        needed: line.quantity,
      });
    }
    const reserved = outcome.kind === 'reserved' ? line.quantity : 0;
    await updateExchangeLine(db, line.id, { reservedQuantity: reserved, status: outcome.kind });
  }
  return findExchangeLines(db, o.returnId);
}

/** Lets go of whatever an exchange holds; its lines go back to chosen (or released for good). */
export async function releaseReplacements(db: Db, o: { returnId: string; now: Date; final: boolean }): Promise<void> {
  const exchange = await findExchange(db, o.returnId);
  if (!exchange?.locationId) return;
  for (const line of await findExchangeLines(db, o.returnId)) {
    if (line.status === 'shipped') continue;
    if (line.reservedQuantity > 0)
      await releaseStock(db, { productId: line.productId, locationId: exchange.locationId, quantity: line.reservedQuantity, now: o.now });
    await updateExchangeLine(db, line.id, { reservedQuantity: 0, status: o.final ? 'released' : 'chosen' });
  }
}

/**
 * Opens the exchange of a return being filed: each returned line is replaced by the
 * replacement asked for with it, or by the same item and quantity.
 */
export async function openExchange(
  db: Db,
  o: { returnId: string; orderId: string; now: Date; requested: readonly { orderLineId: string; replacement?: ReplacementChoice | undefined }[] },
): Promise<ExchangeLine[]> {
  const lines = await findReturnLines(db, o.returnId);
  const choices = lines.map((l) => {
    const asked = o.requested.find((r) => r.orderLineId === l.orderLineId)?.replacement;
    return { returnLineId: l.id, sku: asked?.sku ?? l.sku, quantity: asked?.quantity ?? l.quantity };
  });
  return chooseReplacements(db, { ...o, choices, field: (i) => `lines.${i}.replacement` });
}
