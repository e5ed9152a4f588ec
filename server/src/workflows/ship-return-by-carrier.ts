/** The customer records the parcel from the portal: the carrier from the list, the tracking number checked against its format. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import type { Scope } from '../lib/scope.ts';
import { checkTracking } from '../modules/portal/carriers.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { shipReturn } from './ship-return.ts';

export type ShipByCarrierOptions = { returnId: string; scope: Scope; actor: Actor; carrier: string; carrierName?: string | undefined; trackingNumber: string };

/** 400 for a number that does not fit the carrier; otherwise the return goes in transit. */
export function shipReturnByCarrier(ctx: AppContext, o: ShipByCarrierOptions): Promise<ReturnView> {
  const checked = checkTracking(o);
  return shipReturn(ctx, { returnId: o.returnId, scope: o.scope, actor: o.actor, ...checked });
}
