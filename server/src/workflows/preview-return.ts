/**
 * A dry run of the policy on an order: for each line, whether it may be returned and
 * why, its deadline and the estimated refund. The portal, the console and the policy
 * simulator all ask this before anything is written.
 */
import type { AppContext } from '../context.ts';
import { notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { type Evaluation, evaluateReturn, type Resolution, type ReturnType } from '../modules/policy/evaluate.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';

export type PreviewOptions = {
  orderId: string;
  scope: Scope;
  type: ReturnType;
  resolution: Resolution;
  lines?: { orderLineId: string; quantity: number; reasonCode: string }[] | undefined;
};

export type Preview = Evaluation & { policyVersion: number; returnable: { orderLineId: string; returnableQuantity: number }[] };

/** Evaluates a prospective return without writing anything. */
export async function previewReturn(ctx: AppContext, o: PreviewOptions): Promise<Preview> {
  const order = await findOrder(ctx.db, o.orderId, o.scope);
  if (!order) throw notFound('Order');
  const policy = await getCurrentPolicy(ctx.db);
  const lines =
    o.lines ?? order.lines.map((l) => ({ orderLineId: l.id, quantity: Math.max(1, l.returnableQuantity), reasonCode: policy.reasons[0]?.code ?? 'no_reason' }));
  const evaluation = evaluateReturn({
    policy,
    policyVersion: policy.version,
    order: {
      deliveredAt: order.deliveredAt,
      lines: order.lines.map((l) => ({
        id: l.id,
        sku: l.sku,
        name: l.name,
        category: l.category,
        returnable: l.returnable,
        quantity: l.quantity,
        paidAmount: l.paidAmount,
        valuedQuantity: l.valuedQuantity,
      })),
    },
    type: o.type,
    resolution: o.resolution,
    lines,
    now: ctx.clock.now(),
  });
  return {
    ...evaluation,
    policyVersion: policy.version,
    returnable: order.lines.map((l) => ({ orderLineId: l.id, returnableQuantity: l.returnableQuantity })),
  };
}
