/**
 * Walks a planned return through the product's own workflows, one step at a time, as
 * the person who would take it: the customer (portal) or customer service files and
 * ships, service reviews, the warehouse receives, inspects and ships replacements,
 * finance refunds (a second finance user approves above the limit), the manager closes.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { everything, type Scope } from '../lib/scope.ts';
import type { Order } from '../modules/orders/orders.repository.ts';
import type { InspectBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { cancelReturn } from '../workflows/cancel-return.ts';
import { closeReturn } from '../workflows/close-return.ts';
import { createReturn } from '../workflows/create-return.ts';
import { inspectReturn } from '../workflows/inspect-return.ts';
import { receiveReturn } from '../workflows/receive-return.ts';
import { approveRefund, refundReturn } from '../workflows/refund-return.ts';
import { approveReturn, rejectReturn } from '../workflows/review-return.ts';
import { shipReplacement } from '../workflows/ship-replacement.ts';
import { shipReturn } from '../workflows/ship-return.ts';
import type { DemoStaff } from './people.ts';
import type { PlannedReturn } from './return-plans.ts';
import type { ReasonCode, StepKind } from './return-scenarios.ts';
import { approvalNote, cancelReasons, rejectReason } from './return-words.ts';

export type ReturnRun = { plan: PlannedReturn; view: ReturnView | null };

export type StepEnvironment = { ctx: AppContext; staff: DemoStaff; orders: ReadonlyMap<number, Order> };

type InspectEntry = InspectBody['lines'][number];

/** How the warehouse grades and disposes of units returned for a reason. */
function inspectionFor(reason: ReasonCode, lineId: string, quantity: number): InspectEntry {
  switch (reason) {
    case 'quality':
      return { lineId, quantity, grade: 'C', disposition: 'vendor' };
    case 'damaged_in_transit':
      return { lineId, quantity, grade: 'C', disposition: 'damaged' };
    case 'not_as_described':
      return { lineId, quantity, grade: 'B', disposition: 'restock' };
    default:
      return { lineId, quantity, grade: 'A', disposition: 'restock' };
  }
}

function inspection(run: ReturnRun, view: ReturnView): InspectEntry[] {
  const mode = run.plan.scenario.inspection;
  const pending = view.lines.filter((l) => l.receivedQuantity > l.inspectedQuantity);
  return pending.flatMap((l, i): InspectEntry[] => {
    const quantity = l.receivedQuantity - l.inspectedQuantity;
    if (mode === 'all_reject') return [{ lineId: l.id, quantity, grade: 'D', disposition: 'reject' }];
    if (mode === 'one_reject' && i === pending.length - 1) {
      // One unit came back used and damaged by the customer: refused, sent back unrefunded.
      const refused: InspectEntry = { lineId: l.id, quantity: 1, grade: 'D', disposition: 'reject' };
      return quantity > 1 ? [refused, inspectionFor(run.plan.reason, l.id, quantity - 1)] : [refused];
    }
    return [inspectionFor(run.plan.reason, l.id, quantity)];
  });
}

/** The units still due, or the first half of them (the first of two parcels). */
function parcelLines(view: ReturnView, firstHalf: boolean): { lineId: string; quantity: number }[] {
  const due = view.lines.map((l) => ({ lineId: l.id, quantity: l.quantity - l.receivedQuantity })).filter((l) => l.quantity > 0);
  if (!firstHalf) return due;
  let left = Math.ceil(due.reduce((s, l) => s + l.quantity, 0) / 2);
  return due.flatMap((l) => {
    const quantity = Math.min(l.quantity, left);
    left -= quantity;
    return quantity > 0 ? [{ lineId: l.lineId, quantity }] : [];
  });
}

async function fileReturn(env: StepEnvironment, run: ReturnRun, customer: Actor, scope: Scope): Promise<ReturnView> {
  const { plan } = run;
  const order = env.orders.get(plan.order.index);
  if (!order) throw new Error(`order ${plan.order.number} of ${plan.key} was not created`);
  return createReturn(env.ctx, {
    body: {
      orderId: order.id,
      type: plan.scenario.type ?? 'return',
      resolution: plan.scenario.resolution,
      channel: plan.channel,
      lines: plan.lines.map((l) => {
        const line = order.lines[l.lineIndex];
        if (!line) throw new Error(`order ${order.number} has no line ${l.lineIndex + 1}`);
        const replacement = plan.replacement ? { replacement: { sku: plan.replacement.sku, quantity: l.quantity } } : {};
        return { orderLineId: line.id, quantity: l.quantity, reasonCode: plan.reason, note: l.note, ...replacement };
      }),
    },
    scope,
    actor: plan.by === 'customer' ? customer : env.staff.service,
    defaultChannel: 'service',
  });
}

/** Runs one step of a return (the first, 'create', files it). */
export async function runReturnStep(env: StepEnvironment, run: ReturnRun, kind: StepKind | 'create'): Promise<void> {
  const { ctx, staff } = env;
  const { plan } = run;
  const customerId = env.orders.get(plan.order.index)?.customerId ?? '';
  const customer: Actor = { kind: 'customer', id: customerId };
  const customerScope: Scope = { kind: 'customer', customerId };
  // The customer acts in the portal on returns they filed; customer service acts on the others.
  const requester = plan.by === 'customer' ? { actor: customer, scope: customerScope } : { actor: staff.service, scope: everything };
  if (kind === 'create') {
    run.view = await fileReturn(env, run, customer, customerScope);
    return;
  }
  const view = run.view;
  if (!view) throw new Error(`${plan.key} was not filed`);
  const returnId = view.id;
  const refundOnly = plan.scenario.type === 'refund_only';
  switch (kind) {
    case 'approve':
      // Returns worth less than the auto-approval limit were approved when filed.
      if (view.status === 'requested') {
        run.view = await approveReturn(ctx, { returnId, scope: everything, actor: staff.service, note: approvalNote(plan.reason, refundOnly) });
      }
      return;
    case 'reject':
      run.view = await rejectReturn(ctx, { returnId, scope: everything, actor: staff.service, reason: rejectReason(plan.reason, refundOnly, plan.turn) });
      return;
    case 'cancel':
      run.view = await cancelReturn(ctx, { returnId, ...requester, reason: cancelReasons[plan.turn % cancelReasons.length] });
      return;
    case 'ship':
      run.view = await shipReturn(ctx, { returnId, ...requester, ...plan.shipment });
      return;
    case 'receive':
    case 'receive_rest':
    case 'receive_first':
      run.view = await receiveReturn(ctx, {
        returnId,
        scope: everything,
        actor: staff.warehouse,
        body: { lines: parcelLines(view, kind === 'receive_first') },
      });
      return;
    case 'inspect':
      run.view = await inspectReturn(ctx, { returnId, scope: everything, actor: staff.warehouse, body: { lines: inspection(run, view) } });
      return;
    case 'refund':
      run.view = await refundReturn(ctx, {
        returnId,
        scope: everything,
        actor: staff.finance,
        body: { method: plan.refundMethod, ...(plan.refundReference ? { reference: plan.refundReference } : {}) },
      });
      return;
    case 'approve_refund': {
      const pending = view.refunds.find((r) => r.status === 'pending_approval');
      if (pending) run.view = await approveRefund(ctx, { refundId: pending.id, actor: staff.finance2 });
      return;
    }
    case 'ship_replacement': {
      if (!plan.replacement) throw new Error(`${plan.key} has no replacement`);
      // The replacement (chosen when the return was filed) leaves MAIN on its replacement order.
      run.view = await shipReplacement(ctx, { returnId, scope: everything, actor: staff.warehouse, ...plan.replacement.parcel });
      return;
    }
    case 'close':
      run.view = await closeReturn(ctx, { returnId, scope: everything, actor: staff.manager });
      return;
  }
}
