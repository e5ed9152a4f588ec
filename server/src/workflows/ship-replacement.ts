/**
 * The replacement of an exchange leaves the warehouse with a carrier and tracking number:
 * a replacement order takes it out of stock, the price difference is charged or refunded,
 * the customer is told (return.replacement_shipped), and the exchange is settled once no
 * returned unit is still due. Before the goods are back it ships only for customers the
 * policy trusts.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { customerTier } from '../modules/exchanges/exchanges.repository.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import type { Policy } from '../modules/policy/policy.schema.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { sendReplacement } from './steps/send-replacement.ts';

export type ShipReplacementOptions = { returnId: string; scope: Scope; actor: Actor; carrier: string; trackingNumber: string };

/** Whether a customer's replacement may ship before their goods are back. */
export function shipsBeforeReturn(policy: Pick<Policy, 'shipReplacementOnApproval' | 'trustedCustomerTiers'>, tier: string | null): boolean {
  if (policy.shipReplacementOnApproval === 'everyone') return true;
  if (policy.shipReplacementOnApproval === 'nobody') return false;
  return tier !== null && policy.trustedCustomerTiers.includes(tier);
}

/** Ships the replacement of an exchange. */
export function shipReplacement(ctx: AppContext, o: ShipReplacementOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'ship_replacement' }, async ({ trx, ret, lines, policy, now, postgres }) => {
    if (ret.resolution !== 'exchange') throw new AppError('invalid_transition', `Return ${ret.number} is not an exchange`, { status: ret.status });
    if (ret.replacementShippedAt) throw new AppError('invalid_transition', `The replacement of ${ret.number} has already shipped`, { status: ret.status });
    const stillComing = goodsComeBack(ret) && lines.some((l) => l.receivedQuantity < l.quantity);
    if (stillComing && !shipsBeforeReturn(await getCurrentPolicy(trx), await customerTier(trx, ret.customerId))) {
      throw new AppError(
        'invalid_transition',
        `The replacement of ${ret.number} ships once the returned goods are back (only trusted customers get it first)`,
        {
          status: ret.status,
        },
      );
    }
    const sent = await sendReplacement({ ctx, trx, ret, lines, policy, now, actor: o.actor, postgres, carrier: o.carrier, trackingNumber: o.trackingNumber });
    await updateReturn(trx, ret.id, { replacementShippedAt: now.toISOString() });
    return {
      events: ['return.replacement_shipped'],
      note: `${sent.orderNumber} ${o.carrier} ${o.trackingNumber}`,
      data: {
        carrier: o.carrier,
        trackingNumber: o.trackingNumber,
        replacementOrderId: sent.orderId,
        replacementOrderNumber: sent.orderNumber,
        difference: sent.difference,
      },
    };
  });
}
