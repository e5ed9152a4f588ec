/** A manual stock adjustment: a ledger line with a reason (free text or a reason code), up (into) or down (out of) a location. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { invalidField } from '../lib/app-error.ts';
import { newId } from '../lib/ids.ts';
import { findProductsBySkus } from '../modules/catalog/products.repository.ts';
import { findLocationByCode } from '../modules/inventory/locations.repository.ts';
import { listMovements, type MovementRow, postMovement } from '../modules/inventory/stock.repository.ts';
import { findReasonCode, requireReasonCode } from '../modules/warehouses/reason-codes.repository.ts';

export type AdjustStockOptions = { sku: string; location: string; quantity: number; reason: string; actor: Actor };

/**
 * Posts an adjustment; 400 for an unknown SKU or location, or a reason code that is retired
 * or for the other direction; 409 when it would make stock negative.
 */
export async function adjustStock(ctx: AppContext, o: AdjustStockOptions): Promise<MovementRow> {
  const now = ctx.clock.now();
  const adjustmentId = newId('adj');
  const movementId = await ctx.db.transaction().execute(async (trx) => {
    const product = (await findProductsBySkus(trx, [o.sku])).get(o.sku);
    if (!product) throw invalidField('sku', `Unknown SKU ${o.sku}`);
    const location = await findLocationByCode(trx, o.location);
    if (!location) throw invalidField('location', `Unknown location ${o.location}`);
    // Free text stays allowed; a reason that names a managed code must fit its direction (lost only takes away).
    if (await findReasonCode(trx, o.reason)) await requireReasonCode(trx, o.reason, o.quantity > 0 ? 'in' : 'out', 'reason');
    return postMovement(trx, {
      productId: product.id,
      sku: o.sku,
      from: o.quantity < 0 ? location : null,
      to: o.quantity > 0 ? location : null,
      quantity: Math.abs(o.quantity),
      type: 'adjustment',
      sourceType: 'adjustment',
      sourceId: adjustmentId,
      reason: o.reason,
      actor: o.actor,
      now,
    });
  });
  const [movement] = await listMovements(ctx.db, { sourceId: adjustmentId, limit: 1 });
  if (!movement || movement.id !== movementId) throw new Error('adjustment vanished after commit');
  return movement;
}
