/**
 * Deciding a count: the counter submits it; a manager who counted none of it approves it,
 * which posts each difference as a `count_correction` movement in the same transaction;
 * or sends it back for a recount, or cancels it.
 *
 * A count is compared with the snapshot taken when the sheet was made, not with the
 * level at approval: the correction is counted − snapshot, applied on top of whatever
 * moved since. A unit sold during the count was on the shelf at the snapshot (and so was
 * counted, or its absence shows as a loss) and has also left through its sale's movement:
 * comparing with the level now would count that sale twice.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import type { Location } from '../modules/inventory/locations.repository.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import {
  type CountRow,
  findCorrections,
  findCounters,
  findCountView,
  findUncountedLines,
  lockCount,
  updateCount,
  zeroUncountedLines,
} from '../modules/stocktaking/stock-counts.repository.ts';
import type { CountStatus, StockCountView } from '../modules/stocktaking/stocktaking.schema.ts';
import { findLocationById } from '../modules/warehouses/warehouses.repository.ts';

async function lockIn(trx: Db, countId: string, statuses: readonly CountStatus[], action: string): Promise<CountRow> {
  const count = await lockCount(trx, countId, 'update');
  if (!count) throw notFound('Stock count');
  if (!statuses.includes(count.status))
    throw new AppError('conflict', `Cannot ${action} count ${count.number}: it is ${count.status}`, { status: count.status });
  return count;
}

async function present(ctx: AppContext, id: string): Promise<StockCountView> {
  const view = await findCountView(ctx.db, id);
  if (!view) throw notFound('Stock count');
  return view;
}

/** The counter hands the sheet in; 409 while lines are uncounted (unless they count as zero). */
export async function submitStockCount(ctx: AppContext, o: { countId: string; uncountedAsZero: boolean; actor: Actor }): Promise<StockCountView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockIn(trx, o.countId, ['counting'], 'submit');
    if (o.uncountedAsZero) await zeroUncountedLines(trx, { countId: count.id, actor: o.actor, now });
    const uncounted = await findUncountedLines(trx, count.id, 50);
    if (uncounted.length > 0) {
      throw new AppError('conflict', `Count ${count.number} has uncounted lines: ${uncounted.map((u) => `${u.sku}@${u.location}`).join(', ')}`, { uncounted });
    }
    await updateCount(trx, count.id, { status: 'submitted', submittedAt: now.toISOString(), submittedById: o.actor.id }, now);
    return count.id;
  });
  return present(ctx, id);
}

/**
 * A manager approves a submitted count and its corrections post at once. 403 forbidden
 * when the approver counted on the sheet or submitted it; 409 conflict when a correction
 * would take a location below zero (nothing posts then).
 */
export async function approveStockCount(ctx: AppContext, o: { countId: string; note?: string | undefined; actor: Actor }): Promise<StockCountView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockIn(trx, o.countId, ['submitted'], 'approve');
    const counters = await findCounters(trx, count.id);
    if (o.actor.id && (counters.has(o.actor.id) || count.submittedById === o.actor.id)) {
      throw new AppError('forbidden', `You counted or submitted count ${count.number}; another manager approves it`);
    }
    const corrections = await findCorrections(trx, count.id);
    const locations = new Map<string, Location>();
    for (const c of corrections) {
      if (!locations.has(c.locationId)) {
        const location = await findLocationById(trx, c.locationId);
        if (!location) throw new Error(`location ${c.locationId} is missing`);
        locations.set(c.locationId, location);
      }
    }
    const movements: PostMovementOptions[] = corrections.map((c) => {
      const location = locations.get(c.locationId)!;
      return {
        productId: c.productId,
        sku: c.sku,
        from: c.variance < 0 ? location : null,
        to: c.variance > 0 ? location : null,
        quantity: Math.abs(c.variance),
        type: 'count_correction',
        sourceType: 'stock_count',
        sourceId: count.id,
        reason: `count ${count.number}`,
        actor: o.actor,
        now,
      };
    });
    await postMovements(trx, movements);
    await updateCount(trx, count.id, { status: 'posted', approvedAt: now.toISOString(), approvedById: o.actor.id, ...(o.note ? { note: o.note } : {}) }, now);
    return count.id;
  });
  return present(ctx, id);
}

/** A manager sends a submitted count back for a recount. */
export async function reopenStockCount(ctx: AppContext, o: { countId: string; note?: string | undefined; actor: Actor }): Promise<StockCountView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockIn(trx, o.countId, ['submitted'], 'reopen');
    await updateCount(trx, count.id, { status: 'counting', submittedAt: null, submittedById: null, ...(o.note ? { note: o.note } : {}) }, now);
    return count.id;
  });
  return present(ctx, id);
}

/** Cancels an open count; nothing posts. */
export async function cancelStockCount(ctx: AppContext, o: { countId: string; note?: string | undefined; actor: Actor }): Promise<StockCountView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockIn(trx, o.countId, ['counting', 'submitted'], 'cancel');
    await updateCount(trx, count.id, { status: 'cancelled', cancelledAt: now.toISOString(), ...(o.note ? { note: o.note } : {}) }, now);
    return count.id;
  });
  return present(ctx, id);
}
