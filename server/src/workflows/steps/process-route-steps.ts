/**
 * The hooks through which the process as data steers a return's actions: where on its
 * route the return sits (a second reviewer awaited, inspection skipped, a refund waiting
 * for finance), when its stage is due, and the two-reviewer rule on approval.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ProcessDefinition, ProcessStage } from '../../modules/process/process.schema.ts';
import { activeStage } from '../../modules/process/process-route.ts';
import { firstReceiptAt, firstReviewers, hasPendingRefund } from '../../modules/process/stage-work.repository.ts';
import type { ReturnStatus, StageRoute } from '../../modules/returns/return-status.ts';
import type { ReturnRow } from '../../modules/returns/returns.repository.ts';
import type { ChangeResult } from './change-return.ts';

/** Where on its route the return is, for the stage of its status. */
export async function stageRouteOf(db: Db, ret: ReturnRow, status: ReturnStatus, process: ProcessDefinition): Promise<StageRoute> {
  const route = ret.decision.route;
  const awaitingSecondReview =
    status === 'requested' &&
    (route?.approvalsRequired ?? 1) > 1 &&
    activeStage(process, 'second_review') !== undefined &&
    (await firstReviewers(db, ret.id)).length > 0;
  const awaitingFinanceApproval =
    ['approved', 'received', 'inspected'].includes(status) && activeStage(process, 'finance_approval') !== undefined && (await hasPendingRefund(db, ret.id));
  return { awaitingSecondReview, awaitingFinanceApproval, inspection: route?.inspection ?? true };
}

/** When a stage entered now is due: its time limit from now, or from the goods' receipt (the refund's 7 days). */
export async function stageDueAt(db: Db, returnId: string, stage: ProcessStage | undefined, now: Date): Promise<string | null> {
  if (!stage?.timeLimitHours) return null;
  const from = stage.timeLimitFrom === 'received' ? ((await firstReceiptAt(db, returnId)) ?? now.toISOString()) : now.toISOString();
  return new Date(Date.parse(from) + stage.timeLimitHours * 3_600_000).toISOString();
}

/**
 * On approval of a return decided to need two reviewers: the first approval is recorded
 * (the return stays requested, waiting for a second, different reviewer); the same person
 * cannot approve twice (403). Returns null when this approval completes the review.
 */
export async function holdForSecondReviewer(db: Db, ret: ReturnRow, actor: Actor): Promise<ChangeResult | null> {
  const required = ret.decision.route?.approvalsRequired ?? 1;
  if (required <= 1) return null;
  const reviewers = await firstReviewers(db, ret.id);
  if (actor.id !== null && reviewers.includes(actor.id)) {
    throw new AppError('forbidden', `Return ${ret.number} needs a second review by someone else: you approved it already`);
  }
  if (reviewers.length + 1 >= required) return null;
  return {
    events: [],
    note: '一级审核通过，等待另一位审核人二级审核 (first review passed; waiting for a second reviewer)',
    data: { review: reviewers.length + 1, of: required },
  };
}
