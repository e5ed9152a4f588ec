/**
 * Transfers between locations, in one warehouse or between warehouses: one document
 * (TR-…) whose lines each move units from one location to another at once. Nothing is
 * posted unless every line fits: 409 conflict when a location would go negative.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockDocument, insertStockDocument, newStockDocumentId } from '../modules/inventory/stock-documents.repository.ts';
import type { StockDocumentView, TransferCreateBody } from '../modules/inventory/stock-documents.schema.ts';
import { nextStockDocumentNumber, resolveStockLines } from './steps/resolve-stock-lines.ts';

export type TransferStockOptions = { body: TransferCreateBody; actor: Actor };

/** Posts a transfer document; 400 for unknown SKUs or locations or a line to its own location. */
export async function transferStock(ctx: AppContext, o: TransferStockOptions): Promise<StockDocumentView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { products, locations } = await resolveStockLines(
      trx,
      'lines',
      o.body.lines.map((l) => ({
        sku: l.sku,
        locations: [
          { key: 'fromLocation', code: l.fromLocation },
          { key: 'toLocation', code: l.toLocation },
        ],
      })),
    );
    o.body.lines.forEach((l, i) => {
      if (l.fromLocation === l.toLocation) throw invalidField(`lines.${i}.toLocation`, 'A transfer goes to another location');
      checkMovementLot(products.get(l.sku)!, l.lot, l.quantity, `lines.${i}.lot`);
    });
    const documentId = newStockDocumentId();
    const movements: PostMovementOptions[] = o.body.lines.map((l) => ({
      productId: products.get(l.sku)!.id,
      sku: l.sku,
      from: locations.get(l.fromLocation)!,
      to: locations.get(l.toLocation)!,
      quantity: l.quantity,
      type: 'transfer',
      sourceType: 'transfer',
      sourceId: documentId,
      reason: o.body.note ?? null,
      lot: l.lot ?? null,
      actor: o.actor,
      now,
    }));
    await postMovements(trx, movements);
    // The number is taken last: the day's counter is one row every document waits on, so
    // it is held only from here to the commit, never while waiting for stock levels.
    const number = await nextStockDocumentNumber(trx, 'TR', now);
    await insertStockDocument(trx, { id: documentId, number, kind: 'transfer', note: o.body.note ?? null, actor: o.actor, now });
    return documentId;
  });
  const document = await findStockDocument(ctx.db, id);
  if (!document) throw notFound('Transfer');
  return document;
}
