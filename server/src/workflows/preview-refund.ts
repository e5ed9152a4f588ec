/**
 * What finance would pay on a return now, line by line, before anything is paid: the
 * price paid for the accepted units (order discounts already allocated), the restocking
 * fee by reason and the fees by inspection grade, the customer's return postage when none
 * of it is the shop's fault, the order's shipping fee when the whole order comes back,
 * what earlier refunds already claimed, what is left, and what the return would come to
 * once every unit still due is accepted. Read-only: the same arithmetic the refund runs.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { findLineCounters } from '../modules/orders/orders.repository.ts';
import { findReason } from '../modules/policy/evaluate.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import type { Policy } from '../modules/policy/policy.schema.ts';
import { refundApprovalLimit } from '../modules/process/process-route.ts';
import { percentFee } from '../modules/refunds/refund-arithmetic.ts';
import type { Grade } from '../modules/refunds/refund-breakdown.ts';
import { type DeadlineState, daysLeft, deadlineState, refundDueAt } from '../modules/refunds/refund-deadline.ts';
import { receiptTimes } from '../modules/refunds/refund-queue.repository.ts';
import { claimedByLine, findRefundsForReturn } from '../modules/refunds/refunds.repository.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import type { ReturnLineRow, ReturnRow } from '../modules/returns/returns.repository.ts';
import { policyOfReturn } from './steps/change-return.ts';
import { computeRefundable } from './steps/refund-valuation.ts';

export type RefundPreviewGrade = { grade: Grade | null; units: number; value: number; feePercent: number };

export type RefundPreviewLine = {
  lineId: string;
  orderLineId: string;
  sku: string;
  reasonCode: string;
  shopFault: boolean;
  quantity: number;
  acceptedQuantity: number;
  refusedQuantity: number;
  /** Units neither accepted nor refused yet. */
  pendingQuantity: number;
  /** What the whole order line cost (after its share of the order discount), and its units. */
  orderLinePaid: number;
  orderLineQuantity: number;
  value: number;
  restockingFee: number;
  gradeFee: number;
  fee: number;
  returnShipping: number;
  refundable: number;
  claimed: number;
  grades: RefundPreviewGrade[];
  /** The line's refund once every unit still due is accepted (without a grade fee). */
  projectedRefundable: number;
};

export type RefundPreview = {
  returnId: string;
  currency: string;
  resolution: string;
  lines: RefundPreviewLine[];
  goods: number;
  restockingFee: number;
  gradeFee: number;
  returnShipping: number;
  returnShippingPayer: 'shop' | 'customer' | 'none';
  /** The order's shipping fee, when the policy refunds it with this return. */
  shipping: number;
  refundable: number;
  /** Paid and pending refunds. */
  claimed: number;
  refunded: number;
  pending: number;
  remaining: number;
  /** What the return comes to once every unit still due is accepted. */
  projectedRefundable: number;
  /** Refunds above this (fen) wait for a second finance user; null: none. */
  approvalLimit: number | null;
  needsApproval: boolean;
  storeCreditBonusPercent: number;
  /** Bonus credit on what is left, if the customer takes store credit. */
  storeCreditBonus: number;
  /** The law's refund deadline (7 days from receipt), once it runs. */
  deadline: { dueAt: string; state: DeadlineState; daysLeft: number } | null;
};

/** When the return's refund falls due, or null while the goods are still on their way. */
async function deadlineOf(db: Db, ret: ReturnRow, policy: Policy, now: Date): Promise<RefundPreview['deadline']> {
  if (ret.resolution === 'exchange') return null;
  const received = (await receiptTimes(db, [ret.id])).get(ret.id);
  const start = received ?? (goodsComeBack(ret) ? null : ret.approvedAt);
  if (!start) return null;
  const dueAt = refundDueAt(new Date(start), policy);
  return { dueAt, state: deadlineState(dueAt, now, policy.refundDeadlineWarningDays), daysLeft: daysLeft(dueAt, now) };
}

const gradePercent = (policy: Policy, grade: Grade | null, shopFault: boolean) => (shopFault || !grade ? 0 : policy.gradeFeePercent[grade]);

/** The refund breakdown of a return already read (row and lines). */
export async function previewRefund(ctx: AppContext, ret: ReturnRow, lines: readonly ReturnLineRow[]): Promise<RefundPreview> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const policy = await policyOfReturn(db, ret);
  const projectedLines = lines.map((l) => ({ ...l, acceptedQuantity: Math.max(l.acceptedQuantity, l.quantity - l.refusedQuantity) }));
  const [valuation, projection, claimed, current, counters, refunds] = await Promise.all([
    computeRefundable(db, ret, lines, policy),
    computeRefundable(db, ret, projectedLines, policy),
    claimedByLine(db, ret.id),
    getCurrentPolicy(db),
    findLineCounters(
      db,
      lines.map((l) => l.orderLineId),
    ),
    findRefundsForReturn(db, ret.id),
  ]);
  const previewLines = valuation.lines.map((v, i): RefundPreviewLine => {
    const line = lines[i] as ReturnLineRow;
    const shopFault = findReason(policy, line.reasonCode).shopFault === true;
    const counter = counters.get(line.orderLineId);
    return {
      lineId: v.lineId,
      orderLineId: line.orderLineId,
      sku: line.sku,
      reasonCode: line.reasonCode,
      shopFault,
      quantity: line.quantity,
      acceptedQuantity: line.acceptedQuantity,
      refusedQuantity: line.refusedQuantity,
      pendingQuantity: Math.max(0, line.quantity - line.acceptedQuantity - line.refusedQuantity),
      orderLinePaid: counter?.paidAmount ?? 0,
      orderLineQuantity: counter?.quantity ?? 0,
      value: v.value,
      restockingFee: v.restockingFee,
      gradeFee: v.gradeFee,
      fee: v.fee,
      returnShipping: v.returnShipping,
      refundable: v.refundable,
      claimed: claimed.byLine.get(v.lineId) ?? 0,
      grades: v.grades.map((g) => ({ ...g, feePercent: gradePercent(policy, g.grade, shopFault) })),
      projectedRefundable: projection.lines[i]?.refundable ?? v.refundable,
    };
  });
  const sum = (pick: (l: RefundPreviewLine) => number) => previewLines.reduce((s, l) => s + pick(l), 0);
  const claimedTotal = sum((l) => l.claimed) + claimed.shipping;
  const approvalLimit = refundApprovalLimit(current.refundApprovalLimit, ret.decision.route);
  const remaining = Math.max(0, valuation.refundable - claimedTotal);
  return {
    returnId: ret.id,
    currency: ret.currency,
    resolution: ret.resolution,
    lines: previewLines,
    goods: sum((l) => l.value),
    restockingFee: sum((l) => l.restockingFee),
    gradeFee: sum((l) => l.gradeFee),
    returnShipping: valuation.returnShipping,
    returnShippingPayer: valuation.returnShippingPayer,
    shipping: valuation.shipping,
    refundable: valuation.refundable,
    claimed: claimedTotal,
    refunded: refunds.filter((r) => r.status === 'paid').reduce((s, r) => s + r.amount, 0),
    pending: refunds.filter((r) => r.status === 'pending_approval').reduce((s, r) => s + r.amount, 0),
    remaining,
    projectedRefundable: Math.max(projection.refundable, valuation.refundable),
    approvalLimit,
    needsApproval: approvalLimit !== null && remaining > approvalLimit,
    storeCreditBonusPercent: policy.storeCreditBonusPercent,
    storeCreditBonus: percentFee(remaining, policy.storeCreditBonusPercent),
    deadline: await deadlineOf(db, ret, policy, now),
  };
}
