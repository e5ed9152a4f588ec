/**
 * The return's contract status, derived in one place from its line counters and the
 * few facts that are events (approved, shipped, rejected, cancelled, closed), and the
 * table of which action may run from which status.
 */
import type { StageCode } from '../process/process.schema.ts';

export const returnStatuses = ['requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'closed', 'rejected', 'cancelled'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

export type ReturnAction = 'approve' | 'reject' | 'ship' | 'receive' | 'inspect' | 'refund' | 'cancel' | 'close' | 'ship_replacement';

/** From which statuses each action may run (further checks by type live with the action). */
export const allowedFrom: Record<ReturnAction, readonly ReturnStatus[]> = {
  approve: ['requested'],
  reject: ['requested'],
  ship: ['approved'],
  receive: ['approved', 'in_transit', 'received', 'inspected'],
  inspect: ['received', 'resolved'],
  refund: ['approved', 'in_transit', 'received', 'inspected', 'resolved', 'closed'],
  cancel: ['requested', 'approved'],
  close: ['resolved'],
  ship_replacement: ['approved', 'in_transit', 'received', 'inspected'],
};

export type StatusLine = {
  quantity: number;
  receivedQuantity: number;
  inspectedQuantity: number;
  acceptedQuantity: number;
  refusedQuantity: number;
};

export type StatusFacts = {
  type: string;
  resolution: string;
  returnless: boolean;
  approvedAt: string | null;
  shippedAt: string | null;
  rejectedAt: string | null;
  cancelledAt: string | null;
  closedAt: string | null;
  replacementShippedAt: string | null;
  refundableAmount: number;
  refundedAmount: number;
  lines: readonly StatusLine[];
};

/** Whether goods come back for this return (not refund-only, not a keep-the-item refund). */
export function goodsComeBack(facts: Pick<StatusFacts, 'type' | 'returnless'>): boolean {
  return facts.type !== 'refund_only' && !facts.returnless;
}

/** Units neither accepted for refund nor refused yet: still due from the customer or the warehouse. */
export function unitsDue(lines: readonly StatusLine[]): number {
  return lines.reduce((sum, l) => sum + l.quantity - l.acceptedQuantity - l.refusedQuantity, 0);
}

/** Whether the money or the replacement is settled and no unit is still due. */
export function isSettled(facts: StatusFacts): boolean {
  if (unitsDue(facts.lines) > 0) return false;
  const allRefused = facts.lines.every((l) => l.refusedQuantity === l.quantity);
  if (allRefused) return true;
  if (facts.resolution === 'exchange') return facts.replacementShippedAt !== null;
  return facts.refundedAmount >= facts.refundableAmount;
}

/** The status a return is in, from its facts. */
export function deriveStatus(facts: StatusFacts): ReturnStatus {
  if (facts.closedAt) return 'closed';
  if (facts.cancelledAt) return 'cancelled';
  if (facts.rejectedAt) return 'rejected';
  if (!facts.approvedAt) return 'requested';
  if (isSettled(facts)) return 'resolved';
  if (goodsComeBack(facts)) {
    const received = facts.lines.reduce((s, l) => s + l.receivedQuantity, 0);
    const inspected = facts.lines.reduce((s, l) => s + l.inspectedQuantity, 0);
    if (received > inspected) return 'received';
    if (received > 0) return 'inspected';
    if (facts.shippedAt) return 'in_transit';
  }
  return 'approved';
}

/** What the process route adds to the status: a second reviewer awaited, inspection skipped, a refund awaiting finance. */
export type StageRoute = { awaitingSecondReview?: boolean; inspection?: boolean; awaitingFinanceApproval?: boolean };

/** The process stage a status sits in (on the return's route through the process). */
export function stageForStatus(status: ReturnStatus, facts: Pick<StatusFacts, 'type' | 'returnless'>, route: StageRoute = {}): StageCode {
  const refund: StageCode = route.awaitingFinanceApproval ? 'finance_approval' : 'refund';
  switch (status) {
    case 'requested':
      return route.awaitingSecondReview ? 'second_review' : 'review';
    case 'approved':
      return goodsComeBack(facts) ? 'return_shipping' : refund;
    case 'in_transit':
      return 'receiving';
    case 'received':
      return route.inspection === false ? refund : 'inspection';
    case 'inspected':
      return refund;
    case 'resolved':
    case 'closed':
    case 'rejected':
    case 'cancelled':
      return 'done';
  }
}
