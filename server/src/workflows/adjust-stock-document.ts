/**
 * An adjustment document (库存调整单): lines that add or take away units, each under one
 * reason code from the managed list. All lines post or none: 400 for a reason that does
 * not fit a line's direction, 409 when a location would go negative.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { notFound } from '../lib/app-error.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockDocument, insertStockDocument, newStockDocumentId } from '../modules/inventory/stock-documents.repository.ts';
import type { AdjustmentDocumentBody, StockDocumentView } from '../modules/inventory/stock-documents.schema.ts';
import { requireReasonCode } from '../modules/warehouses/reason-codes.repository.ts';
import { nextStockDocumentNumber, resolveStockLines } from './steps/resolve-stock-lines.ts';

export type AdjustStockDocumentOptions = { body: AdjustmentDocumentBody; actor: Actor };

/** Posts an adjustment document with its reason code. */
export async function adjustStockDocument(ctx: AppContext, o: AdjustStockDocumentOptions): Promise<StockDocumentView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const directions = new Set(o.body.lines.map((l) => (l.quantity > 0 ? 'in' : 'out') as 'in' | 'out'));
    for (const direction of directions) await requireReasonCode(trx, o.body.reasonCode, direction, 'reasonCode');
    const { products, locations } = await resolveStockLines(
      trx,
      'lines',
      o.body.lines.map((l) => ({ sku: l.sku, locations: [{ key: 'location', code: l.location }] })),
    );
    o.body.lines.forEach((l, i) => {
      checkMovementLot(products.get(l.sku)!, l.lot, Math.abs(l.quantity), `lines.${i}.lot`);
    });
    const documentId = newStockDocumentId();
    const movements: PostMovementOptions[] = o.body.lines.map((l) => {
      const location = locations.get(l.location)!;
      return {
        productId: products.get(l.sku)!.id,
        sku: l.sku,
        from: l.quantity < 0 ? location : null,
        to: l.quantity > 0 ? location : null,
        quantity: Math.abs(l.quantity),
        type: 'adjustment',
        sourceType: 'adjustment',
        sourceId: documentId,
        reason: o.body.reasonCode,
        lot: l.lot ?? null,
        actor: o.actor,
        now,
      };
    });
    await postMovements(trx, movements);
    // The number is taken last: the day's counter is one row every document waits on, so
    // it is held only from here to the commit, never while waiting for stock levels.
    const number = await nextStockDocumentNumber(trx, 'AJ', now);
    await insertStockDocument(trx, {
      id: documentId,
      number,
      kind: 'adjustment',
      reasonCode: o.body.reasonCode,
      note: o.body.note ?? null,
      actor: o.actor,
      now,
    });
    return documentId;
  });
  const document = await findStockDocument(ctx.db, id);
  if (!document) throw notFound('Adjustment');
  return document;
}
