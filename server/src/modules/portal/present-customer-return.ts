/**
 * A return in the words a customer uses (已提交 → 已审核 → 运输中 → 已收货 → 已检验 → 已退款):
 * the steps with their dates, where to send the parcel, who pays the postage, what
 * they may do now. A pure function of facts the workflow loads.
 */
import type { Warehouse } from '../inventory/locations.repository.ts';
import { findReason } from '../policy/evaluate.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { restockingFeeWaived } from '../policy/reasons.ts';
import { percentFee, unitsValue } from '../refunds/refund-arithmetic.ts';
import { goodsComeBack } from '../returns/return-status.ts';
import type { ReturnView } from '../returns/returns.schema.ts';
import type { CustomerReturnView, ProgressStep, ProgressStepKey } from './portal.schema.ts';

export type CustomerReturnFacts = {
  view: ReturnView;
  orderNumber: string;
  orderLines: ReadonlyMap<string, { paidAmount: number; quantity: number }>;
  policy: Policy;
  warehouse: Warehouse | undefined;
  photoCounts: ReadonlyMap<string, number>;
  feedback: { rating: number; comment: string | null; createdAt: string } | undefined;
  link: { token: string; url: string; expiresAt: string };
};

const firstAt = (view: ReturnView, test: (e: ReturnView['timeline'][number]) => boolean) => view.timeline.find(test)?.at ?? null;
const lastAt = (view: ReturnView, test: (e: ReturnView['timeline'][number]) => boolean) => view.timeline.filter(test).at(-1)?.at ?? null;

function finalStep(view: ReturnView): { key: ProgressStepKey; at: string | null; done: boolean } {
  const resolvedAt = firstAt(view, (e) => e.status === 'resolved');
  const paid = view.refunds.filter((r) => r.status === 'paid');
  const settled = view.status === 'resolved' || view.status === 'closed';
  if (view.resolution === 'exchange') {
    return { key: 'exchanged', at: firstAt(view, (e) => e.action === 'ship_replacement'), done: settled };
  }
  const key = view.resolution === 'store_credit' ? 'credited' : 'refunded';
  const paidAt = paid.at(-1)?.paidAt ?? null;
  return { key, at: settled ? (paidAt ?? resolvedAt) : null, done: settled };
}

/** The customer's steps, each done, current, upcoming, or stopped (rejected or cancelled). */
export function progressSteps(view: ReturnView): ProgressStep[] {
  const comesBack = goodsComeBack({ type: view.type, returnless: view.returnless });
  const received = view.lines.reduce((s, l) => s + l.receivedQuantity, 0);
  const approvedAt = firstAt(view, (e) => e.action === 'approve');
  const candidates: { key: ProgressStepKey; at: string | null; done: boolean }[] = [
    { key: 'submitted', at: view.createdAt, done: true },
    { key: 'reviewed', at: approvedAt, done: approvedAt !== null },
  ];
  if (comesBack) {
    candidates.push(
      { key: 'in_transit', at: firstAt(view, (e) => e.action === 'ship'), done: view.carrier !== null || received > 0 },
      { key: 'received', at: firstAt(view, (e) => e.action === 'receive'), done: received > 0 },
      {
        key: 'inspected',
        at: lastAt(view, (e) => e.action === 'inspect'),
        done: received > 0 && view.status !== 'received' && view.lines.some((l) => l.inspectedQuantity > 0),
      },
    );
  }
  candidates.push(finalStep(view));

  if (view.status === 'rejected' || view.status === 'cancelled') {
    const stopped = view.status === 'rejected' ? 'rejected' : 'cancelled';
    const done = candidates.filter((c) => c.done);
    return [
      ...done.map((c) => ({ key: c.key, state: 'done' as const, at: c.at })),
      { key: stopped, state: 'stopped', at: firstAt(view, (e) => e.action === (stopped === 'rejected' ? 'reject' : 'cancel')) },
    ];
  }
  const currentIndex = candidates.findIndex((c) => !c.done);
  return candidates.map((c, i) => ({
    key: c.key,
    state: c.done ? 'done' : i === currentIndex ? 'current' : 'upcoming',
    at: c.done ? c.at : null,
  }));
}

/** The refund the customer can expect: the warehouse's figure once goods are valued, else the policy's estimate. */
export function estimateRefund(facts: Pick<CustomerReturnFacts, 'view' | 'orderLines' | 'policy'>): number {
  const { view, policy } = facts;
  if (view.refundableAmount > 0 || view.refundedAmount > 0) return Math.max(view.refundableAmount, view.refundedAmount);
  return view.lines.reduce((sum, line) => {
    const orderLine = facts.orderLines.get(line.orderLineId);
    if (!orderLine) return sum;
    const value = unitsValue(orderLine.paidAmount, orderLine.quantity, 0, Math.min(line.quantity, orderLine.quantity));
    const reason = findReason(policy, line.reasonCode);
    return sum + value - (restockingFeeWaived(reason) ? 0 : percentFee(value, policy.restockingFeePercent));
  }, 0);
}

/** The customer's view of a return. */
export function presentCustomerReturn(facts: CustomerReturnFacts): CustomerReturnView {
  const { view, policy } = facts;
  const comesBack = goodsComeBack({ type: view.type, returnless: view.returnless });
  const shopFault = view.lines.some((l) => findReason(policy, l.reasonCode).shopFault === true);
  const received = view.lines.some((l) => l.receivedQuantity > 0);
  const moneyMoved = view.refunds.some((r) => r.status !== 'rejected');
  const settled = view.status === 'resolved' || view.status === 'closed';
  const approveEntry = view.timeline.find((e) => e.action === 'approve');
  const token = encodeURIComponent(facts.link.token);
  const warehouse = facts.warehouse;
  return {
    id: view.id,
    number: view.number,
    status: view.status,
    type: view.type,
    resolution: view.resolution,
    orderId: view.orderId,
    orderNumber: facts.orderNumber,
    currency: view.currency,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    autoApproved: approveEntry?.actor.kind === 'automation',
    goodsComeBack: comesBack,
    steps: progressSteps(view),
    lines: view.lines.map((l) => {
      const reason = findReason(policy, l.reasonCode);
      return {
        id: l.id,
        orderLineId: l.orderLineId,
        name: l.name,
        sku: l.sku,
        quantity: l.quantity,
        reasonCode: l.reasonCode,
        reasonLabel: reason.label,
        reasonLabelEn: reason.labelEn ?? reason.label,
        note: l.note,
        photoCount: facts.photoCounts.get(l.id) ?? 0,
      };
    }),
    estimatedRefund: estimateRefund(facts),
    refundableAmount: view.refundableAmount,
    refundedAmount: view.refundedAmount,
    refunds: view.refunds.filter((r) => r.status !== 'rejected').map((r) => ({ amount: r.amount, method: r.method, status: r.status, paidAt: r.paidAt })),
    shipment:
      view.carrier && view.trackingNumber
        ? { carrier: view.carrier, trackingNumber: view.trackingNumber, shippedAt: firstAt(view, (e) => e.action === 'ship') }
        : null,
    returnAddress:
      comesBack && warehouse
        ? {
            name: warehouse.name,
            address: warehouse.address ?? '',
            contactName: warehouse.contactName ?? warehouse.name,
            contactPhone: warehouse.contactPhone ?? '',
          }
        : null,
    shippingPaidBy: comesBack ? (shopFault ? 'shop' : 'customer') : null,
    shippingInsured: comesBack && !shopFault && policy.shopShippingInsurance === true,
    rejectReason: view.rejectReason,
    canShip: view.status === 'approved' && comesBack,
    canCancel: (view.status === 'requested' || view.status === 'approved') && !received && !moneyMoved,
    canRate: settled && facts.feedback === undefined,
    feedback: facts.feedback ? { rating: facts.feedback.rating, comment: facts.feedback.comment, createdAt: facts.feedback.createdAt } : null,
    link: facts.link,
    slip: comesBack ? { pdfUrl: `/api/v1/returns/${view.id}/slip.pdf?access=${token}`, pngUrl: `/api/v1/returns/${view.id}/slip.png?access=${token}` } : null,
  };
}
