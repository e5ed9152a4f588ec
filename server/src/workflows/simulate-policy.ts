/**
 * The console's simulator: a draft policy (and process) tried on an existing order or on
 * one the manager describes, before anything is published — what each line would get
 * and why. Nothing is written.
 */
import type { AppContext } from '../context.ts';
import { notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findOrder, findOrderIdByNumber } from '../modules/orders/orders.repository.ts';
import type { EvaluationInput } from '../modules/policy/evaluate.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { historyWindows } from '../modules/policy/policy-rules.schema.ts';
import type { CustomerFacts } from '../modules/policy/rule-facts.ts';
import type { SimulateBody } from '../modules/policy/simulation.schema.ts';
import { getCurrentProcess } from '../modules/process/process.repository.ts';
import { mergeAndValidate } from './publish-policy.ts';
import { customerFactsFor, type Decided, decideReturn, orderFacts, type RequestedLine } from './steps/decide-return.ts';

export type SimulatedOrderLine = { id: string; sku: string; name: string; category: string; quantity: number; paidAmount: number };

export type Simulation = Decided & {
  order: { id: string | null; number: string | null; customerId: string | null; lines: SimulatedOrderLine[] };
  customer: CustomerFacts | null;
};

/** Runs the draft on the order and answers what each line would get. */
export async function simulatePolicy(ctx: AppContext, body: SimulateBody, scope: Scope): Promise<Simulation> {
  const now = ctx.clock.now();
  const [current, currentProcess] = await Promise.all([getCurrentPolicy(ctx.db), getCurrentProcess(ctx.db)]);
  const { version, createdAt: _c, ...base } = current;
  const policy = body.policy ? mergeAndValidate(base, body.policy) : base;
  const process = body.process ? { ...body.process, version: currentProcess.version + 1 } : currentProcess;
  const conditions = policy.rules.filter((r) => r.enabled).flatMap((r) => r.conditions);
  const firstReason = policy.reasons[0]?.code ?? 'no_reason';

  let order: EvaluationInput['order'];
  let customer: CustomerFacts | null;
  let shown: Simulation['order'];
  if (body.orderId || body.orderNumber) {
    const id = body.orderId ?? (await findOrderIdByNumber(ctx.db, body.orderNumber?.trim() ?? ''))?.id;
    const found = id ? await findOrder(ctx.db, id, scope) : undefined;
    if (!found) throw notFound('Order');
    order = orderFacts(found);
    customer = await customerFactsFor(ctx.db, { customerId: found.customerId, conditions, now });
    shown = {
      id: found.id,
      number: found.number,
      customerId: found.customerId,
      lines: found.lines.map((l) => ({ id: l.id, sku: l.sku, name: l.name, category: l.category, quantity: l.quantity, paidAmount: l.paidAmount })),
    };
  } else {
    const described = body.order ?? { channel: 'online', paymentMethod: 'alipay', deliveredDaysAgo: 1, lines: [] };
    const lines = described.lines.map((l, i) => ({
      id: `line-${i + 1}`,
      sku: l.sku,
      name: l.name ?? l.sku,
      category: l.category,
      returnable: l.returnable ?? true,
      quantity: l.quantity,
      paidAmount: l.unitPrice * l.quantity,
      valuedQuantity: 0,
    }));
    const deliveredAt = described.deliveredDaysAgo === null ? null : new Date(now.getTime() - described.deliveredDaysAgo * 86_400_000).toISOString();
    order = { deliveredAt, channel: described.channel, paymentMethods: [described.paymentMethod], lines };
    customer = describedCustomer(body.customer, historyWindows(conditions));
    shown = { id: null, number: null, customerId: null, lines: lines.map(({ returnable: _r, valuedQuantity: _v, ...l }) => l) };
  }

  const requested: RequestedLine[] = body.lines ?? order.lines.map((l) => ({ orderLineId: l.id, quantity: 1, reasonCode: firstReason }));
  const decided = decideReturn({
    policy,
    policyVersion: version,
    process,
    order,
    customer,
    type: body.type,
    resolution: body.resolution,
    lines: requested,
    now,
  });
  return { ...decided, order: shown, customer };
}

/** A described customer as facts: the same count and rate over whatever window a rule asks about. */
function describedCustomer(described: SimulateBody['customer'], windows: readonly number[]): CustomerFacts {
  const rate = described?.returnRatePercent ?? 0;
  const history = Object.fromEntries(
    windows.map((days) => [days, { returns: described?.returnCount ?? 0, soldUnits: 10_000, returnedUnits: Math.round(rate * 100) }]),
  );
  return { tier: described?.tier ?? 'standard', openReturns: described?.openReturns ?? 0, history };
}
