/**
 * Decides a return request: the policy's evaluation (statutory checks, then the shop's
 * rules) and the route through the process, combined into one decision with every step
 * explained. Used by filing a return, the dry run and the console's simulator, so all
 * three always agree.
 */
import type { Db } from '../../db/connect.ts';
import type { Order } from '../../modules/orders/orders.repository.ts';
import { loadCustomerFacts } from '../../modules/policy/customer-history.repository.ts';
import { type Evaluation, type EvaluationInput, evaluateReturn, type Resolution, type ReturnType } from '../../modules/policy/evaluate.ts';
import type { DecisionRoute, DecisionRule, Policy } from '../../modules/policy/policy.schema.ts';
import { historyWindows, needsCustomer } from '../../modules/policy/policy-rules.schema.ts';
import type { CustomerFacts } from '../../modules/policy/rule-facts.ts';
import type { ProcessDefinition } from '../../modules/process/process.schema.ts';
import { decideRoute } from '../../modules/process/process-route.ts';

export type RequestedLine = { orderLineId: string; quantity: number; reasonCode: string; note?: string | null | undefined; photos?: number | undefined };

export type DecideInput = {
  policy: Policy;
  policyVersion: number;
  process: ProcessDefinition & { version: number };
  order: EvaluationInput['order'];
  customer: CustomerFacts | null;
  type: ReturnType;
  resolution: Resolution;
  lines: readonly RequestedLine[];
  now: Date;
};

export type Decided = Evaluation & { route: DecisionRoute };

/** The evaluation with the process's route folded in (pure). */
export function decideReturn(input: DecideInput): Decided {
  const evaluation = evaluateReturn({ ...input });
  const { route, rules: routeRules } = decideRoute({
    process: input.process,
    estimatedRefund: evaluation.estimatedRefund,
    secondReviewByRule: evaluation.secondReview,
    goodsComeBack: !evaluation.returnless,
  });
  let rules: DecisionRule[] = [...evaluation.rules];
  let outcome = evaluation.outcome;
  if (route.approvalsRequired > 1 && outcome === 'approved') {
    outcome = 'pending_review';
    rules = rules.filter((r) => !(r.rule === 'auto_approve' && r.outcome === 'approve'));
    rules.push({
      rule: 'auto_approve',
      outcome: 'review',
      message: '需二级审核，不能自动通过：由两位不同的审核人先后通过',
      messageEn: 'Needs a second review, so it is not approved automatically: two different reviewers approve it',
    });
  }
  // The process's own steps come before the approval verdict, which stays the last word.
  const verdict = rules.findIndex((r) => r.rule === 'auto_approve');
  if (verdict >= 0) rules.splice(verdict, 0, ...routeRules);
  else rules.push(...routeRules);
  const refundOnReceipt = (evaluation.refundOnReceipt || !route.inspection) && !evaluation.returnless;
  return { ...evaluation, outcome, rules, refundOnReceipt, route };
}

/** The order as the evaluator sees it. */
export function orderFacts(order: Order): EvaluationInput['order'] {
  return {
    deliveredAt: order.deliveredAt,
    channel: order.channel,
    paymentMethods: order.payments.map((p) => p.method),
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
  };
}

/** Loads the customer facts the rules need (nothing when no rule speaks about the customer). */
export async function customerFactsFor(
  db: Db,
  o: { customerId: string; conditions: Parameters<typeof needsCustomer>[0]; now: Date; excludeReturnId?: string },
): Promise<CustomerFacts | null> {
  if (!needsCustomer(o.conditions)) return null;
  return loadCustomerFacts(db, { customerId: o.customerId, windows: historyWindows(o.conditions), now: o.now, excludeReturnId: o.excludeReturnId });
}
