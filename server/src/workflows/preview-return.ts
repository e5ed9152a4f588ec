/**
 * A dry run of the policy on an order: for each line, whether it may be returned and
 * why, its deadline and the estimated refund. The portal and the console ask this before
 * anything is written; it decides exactly as filing the return would.
 */
import type { AppContext } from '../context.ts';
import { notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import type { Resolution, ReturnType } from '../modules/policy/evaluate.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { getCurrentProcess } from '../modules/process/process.repository.ts';
import { customerFactsFor, type Decided, decideReturn, orderFacts, type RequestedLine } from './steps/decide-return.ts';

export type PreviewOptions = {
  orderId: string;
  scope: Scope;
  type: ReturnType;
  resolution: Resolution;
  lines?: RequestedLine[] | undefined;
};

export type Preview = Decided & { policyVersion: number; returnable: { orderLineId: string; returnableQuantity: number }[] };

/** Evaluates a prospective return without writing anything. */
export async function previewReturn(ctx: AppContext, o: PreviewOptions): Promise<Preview> {
  const order = await findOrder(ctx.db, o.orderId, o.scope);
  if (!order) throw notFound('Order');
  const [policy, process] = await Promise.all([getCurrentPolicy(ctx.db), getCurrentProcess(ctx.db)]);
  const now = ctx.clock.now();
  const lines =
    o.lines ?? order.lines.map((l) => ({ orderLineId: l.id, quantity: Math.max(1, l.returnableQuantity), reasonCode: policy.reasons[0]?.code ?? 'no_reason' }));
  const conditions = policy.rules.filter((r) => r.enabled).flatMap((r) => r.conditions);
  const decided = decideReturn({
    policy,
    policyVersion: policy.version,
    process,
    order: orderFacts(order),
    customer: await customerFactsFor(ctx.db, { customerId: order.customerId, conditions, now }),
    type: o.type,
    resolution: o.resolution,
    lines,
    now,
  });
  return {
    ...decided,
    policyVersion: policy.version,
    returnable: order.lines.map((l) => ({ orderLineId: l.id, returnableQuantity: l.returnableQuantity })),
  };
}
