/**
 * Automatic entry of logistics data: a carrier update pushed by the tracking aggregator
 * moves an approved return to in transit when the carrier has the parcel (through the
 * ship workflow, by the automation actor), and flags it as arriving — on its timeline,
 * with a notice to the warehouse — when the parcel is delivered.
 */
import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { everything } from '../lib/scope.ts';
import { carrierName, type ParcelPhase, phaseOf } from '../modules/logistics/kuaidi100.ts';
import { findReturnIdByTracking, findTracking, saveTracking } from '../modules/logistics/tracking.repository.ts';
import { type FanOutRuntime, fanOutReturnNotices } from '../modules/notifications/fan-out-notices.ts';
import { normalizeTrackingNumber } from '../modules/portal/carriers.ts';
import { loadReturnView } from '../modules/returns/present-return.ts';
import { findReturnRow, insertTimelineEntry, lockReturnRow } from '../modules/returns/returns.repository.ts';
import { shipReturn } from './ship-return.ts';

export type CarrierUpdate = {
  provider: string;
  /** The return named in the subscription's callback URL, when there is one. */
  returnId?: string | undefined;
  carrierCode: string;
  trackingNumber: string;
  state: string;
  lastContext: string | null;
  lastEventAt: string | null;
};

export type CarrierUpdateResult = { outcome: 'unknown_parcel' | 'shipped' | 'arriving' | 'recorded'; returnId: string | null; phase: ParcelPhase };

const trackingActor = (provider: string): Actor => ({ kind: 'automation', id: provider });

/** Applies one carrier update; safe to receive the same update many times. */
export async function applyCarrierTracking(ctx: AppContext, update: CarrierUpdate, fanOut: Omit<FanOutRuntime, 'now'>): Promise<CarrierUpdateResult> {
  const trackingNumber = normalizeTrackingNumber(update.trackingNumber);
  const phase = phaseOf(update.state);
  const returnId = update.returnId ?? (await findReturnIdByTracking(ctx.db, trackingNumber));
  const ret = returnId ? await findReturnRow(ctx.db, returnId, everything) : undefined;
  if (!ret) return { outcome: 'unknown_parcel', returnId: null, phase };
  const actor = trackingActor(update.provider);
  let outcome: CarrierUpdateResult['outcome'] = 'recorded';

  if ((phase === 'with_carrier' || phase === 'delivered') && ret.status === 'approved' && !ret.shippedAt) {
    try {
      await shipReturn(ctx, { returnId: ret.id, scope: everything, actor, carrier: carrierName(update.carrierCode), trackingNumber });
      outcome = 'shipped';
    } catch (error) {
      // A return-only or refund-only return has nothing to ship; someone may have shipped it meanwhile.
      if (!(error instanceof AppError && error.code === 'invalid_transition')) throw error;
    }
  }

  const now = ctx.clock.now();
  const arriving = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockReturnRow(trx, ret.id, everything, isPostgres(trx));
    if (!locked) return false;
    const before = await findTracking(trx, ret.id);
    const at = now.toISOString();
    const flag = phase === 'delivered' && !before?.arrivedAt && (locked.status === 'in_transit' || locked.status === 'approved');
    await saveTracking(trx, {
      returnId: ret.id,
      provider: update.provider,
      carrierCode: update.carrierCode,
      trackingNumber,
      state: update.state,
      lastContext: update.lastContext,
      lastEventAt: update.lastEventAt,
      pickedUpAt: before?.pickedUpAt ?? (phase === 'with_carrier' || phase === 'delivered' ? at : null),
      arrivedAt: before?.arrivedAt ?? (flag ? at : null),
      updatedAt: at,
    });
    if (!flag) return false;
    await insertTimelineEntry(trx, {
      returnId: ret.id,
      action: 'carrier_delivered',
      status: locked.status,
      note: `${carrierName(update.carrierCode)} ${trackingNumber} 已签收，即将到仓 (delivered by the carrier)${update.lastContext ? `：${update.lastContext}` : ''}`,
      data: { provider: update.provider, state: update.state, trackingNumber },
      actor,
      now,
    });
    const view = await loadReturnView(trx, ret.id, everything);
    if (view) await fanOutReturnNotices(trx, { key: `arriving:${ret.id}`, type: 'return.arriving', createdAt: at, payload: view }, { ...fanOut, now });
    return true;
  });
  if (arriving) {
    ctx.notifyOutbox();
    outcome = 'arriving';
  }
  return { outcome, returnId: ret.id, phase };
}
