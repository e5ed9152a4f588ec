/** The customer hands the parcel to a carrier; the return is in transit to the warehouse. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';

export type ShipOptions = { returnId: string; scope: Scope; actor: Actor; carrier: string; trackingNumber: string };

/** Records the carrier and tracking number of an approved return. */
export function shipReturn(ctx: AppContext, o: ShipOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'ship' }, async ({ trx, ret, now }) => {
    if (!goodsComeBack(ret)) throw new AppError('invalid_transition', `Return ${ret.number} has no goods to send back`, { status: ret.status });
    await updateReturn(trx, ret.id, { shippedAt: now.toISOString(), carrier: o.carrier, trackingNumber: o.trackingNumber });
    return { events: ['return.shipped'], data: { carrier: o.carrier, trackingNumber: o.trackingNumber } };
  });
}
