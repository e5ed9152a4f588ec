/** Reads a whole return and shapes it as the API shows it. */
import type { Db } from '../../db/connect.ts';
import type { Scope } from '../../lib/scope.ts';
import { findRefundsForReturn, type Refund } from '../refunds/refunds.repository.ts';
import { findReturnLines, findReturnRow, findTimeline, productNames, type ReturnLineRow, type ReturnRow, type TimelineEntry } from './returns.repository.ts';
import type { ReturnView } from './returns.schema.ts';

/** The API view of a return from its parts. */
export function presentReturn(row: ReturnRow, lines: ReturnLineRow[], refunds: Refund[], timeline: TimelineEntry[], names: Map<string, string>): ReturnView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    type: row.type as ReturnView['type'],
    orderId: row.orderId,
    customerId: row.customerId,
    resolution: row.resolution as ReturnView['resolution'],
    channel: row.channel,
    currency: row.currency,
    stage: row.stage,
    policyVersion: row.policyVersion,
    returnless: row.returnless,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    rejectReason: row.rejectReason,
    lines: lines.map((l) => ({
      id: l.id,
      orderLineId: l.orderLineId,
      sku: l.sku,
      name: names.get(l.productId) ?? l.sku,
      quantity: l.quantity,
      reasonCode: l.reasonCode,
      note: l.note,
      receivedQuantity: l.receivedQuantity,
      inspectedQuantity: l.inspectedQuantity,
      acceptedQuantity: l.acceptedQuantity,
      refusedQuantity: l.refusedQuantity,
      valueAmount: l.valueAmount,
      feeAmount: l.feeAmount,
      refundableAmount: l.valueAmount - l.feeAmount,
    })),
    decision: row.decision,
    refundableAmount: row.refundableAmount,
    refundedAmount: row.refundedAmount,
    pendingRefundAmount: refunds.filter((r) => r.status === 'pending_approval').reduce((s, r) => s + r.amount, 0),
    shippingRefundAmount: row.shippingRefundAmount,
    refunds: refunds.map((r) => ({
      id: r.id,
      number: r.number,
      amount: r.amount,
      currency: r.currency,
      method: r.method,
      status: r.status,
      channel: r.channel,
      reference: r.reference,
      requestedBy: { kind: r.requestedByKind, id: r.requestedById },
      approvedById: r.approvedById,
      createdAt: r.createdAt,
      paidAt: r.paidAt,
    })),
    timeline: timeline.map((t) => ({ status: t.status, action: t.action, at: t.at, actor: t.actor, note: t.note })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A return visible in the scope, as the API shows it. */
export async function loadReturnView(db: Db, id: string, scope: Scope): Promise<ReturnView | undefined> {
  const row = await findReturnRow(db, id, scope);
  if (!row) return undefined;
  const [lines, refunds, timeline] = await Promise.all([findReturnLines(db, id), findRefundsForReturn(db, id), findTimeline(db, id)]);
  const names = await productNames(
    db,
    lines.map((l) => l.productId),
  );
  return presentReturn(row, lines, refunds, timeline, names);
}
