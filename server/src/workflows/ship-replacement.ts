/** The replacement of an exchange leaves the warehouse: the exchange is settled. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';

export type ShipReplacementOptions = { returnId: string; scope: Scope; actor: Actor; carrier: string; trackingNumber: string };

/** Records the shipment of an exchange's replacement. */
export function shipReplacement(ctx: AppContext, o: ShipReplacementOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'ship_replacement' }, async ({ trx, ret, now }) => {
    if (ret.resolution !== 'exchange') throw new AppError('invalid_transition', `Return ${ret.number} is not an exchange`, { status: ret.status });
    if (ret.replacementShippedAt) throw new AppError('invalid_transition', `The replacement of ${ret.number} has already shipped`, { status: ret.status });
    await updateReturn(trx, ret.id, { replacementShippedAt: now.toISOString() });
    return { events: ['return.replacement_shipped'], data: { carrier: o.carrier, trackingNumber: o.trackingNumber } };
  });
}
