/**
 * The path a new return takes through the process in force, fixed when it is decided
 * (so a return keeps the process it was decided under, as it keeps its policy): how many
 * reviewers approve it, whether it is inspected, above what refund finance approves.
 * Pure; explained in the decision's words like the policy's rules.
 */
import type { DecisionRoute, DecisionRule } from '../policy/policy.schema.ts';
import type { ProcessDefinition, ProcessStage, StageCode } from './process.schema.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export type RouteInput = {
  process: ProcessDefinition & { version: number };
  estimatedRefund: number;
  /** A policy rule asked for a second review. */
  secondReviewByRule: boolean;
  /** Goods come back (not refund-only, not keep-the-item). */
  goodsComeBack: boolean;
};

/** The stage of a code if it is switched on. */
export function activeStage(process: ProcessDefinition, code: StageCode): ProcessStage | undefined {
  return process.stages.find((s) => s.code === code && s.enabled);
}

/** Whether an optional stage applies to a return of this estimated refund. */
function applies(stage: ProcessStage | undefined, amount: number): boolean {
  if (!stage) return false;
  return stage.minAmount === null || stage.minAmount === undefined || amount > stage.minAmount;
}

/** Decides the route and explains the parts of it that differ from the plain process. */
export function decideRoute(input: RouteInput): { route: DecisionRoute; rules: DecisionRule[] } {
  const { process, estimatedRefund: amount } = input;
  const rules: DecisionRule[] = [];
  const second = activeStage(process, 'second_review');
  const secondByStage = applies(second, amount);
  if (secondByStage && !input.secondReviewByRule) {
    const above = second?.minAmount;
    rules.push({
      rule: 'process_second_review',
      outcome: 'review',
      message: above ? `预计退款${yuan(amount)}超过${yuan(above)}：需两位审核人先后通过（二级审核）` : '流程要求二级审核：需两位审核人先后通过',
      messageEn: above
        ? `Estimated refund ${yuan(amount)} is above ${yuan(above)}: two different reviewers must approve`
        : 'The process asks for a second review: two different reviewers must approve',
    });
  }

  const inspectionStage = process.stages.find((s) => s.code === 'inspection');
  const inspection = inspectionStage?.enabled !== false && (inspectionStage ? applies(inspectionStage, amount) : true);
  if (!inspection && input.goodsComeBack) {
    const limited = inspectionStage?.enabled && typeof inspectionStage.minAmount === 'number';
    rules.push({
      rule: 'process_inspection',
      outcome: 'info',
      message: limited ? `预计退款${yuan(amount)}不超过${yuan(inspectionStage?.minAmount ?? 0)}，免检验：收货即可退款` : '流程已关闭检验环节：收货即可退款',
      messageEn: limited
        ? `Estimated refund ${yuan(amount)} is at most ${yuan(inspectionStage?.minAmount ?? 0)}: no inspection, refunded on receipt`
        : 'Inspection is switched off: refunded on receipt',
    });
  }

  const finance = activeStage(process, 'finance_approval');
  const financeApprovalAbove = finance ? (finance.minAmount ?? 0) : null;
  if (financeApprovalAbove !== null && amount > financeApprovalAbove) {
    rules.push({
      rule: 'process_finance_approval',
      outcome: 'info',
      message: `退款超过${yuan(financeApprovalAbove)}须经财务审批后付款`,
      messageEn: `Refunds above ${yuan(financeApprovalAbove)} are paid after finance approval`,
    });
  }

  return {
    route: {
      processVersion: process.version,
      approvalsRequired: input.secondReviewByRule || secondByStage ? 2 : 1,
      inspection,
      financeApprovalAbove,
    },
    rules,
  };
}

/** The approval limit for a refund of a return: the lower of the policy's limit and the finance-approval stage's amount. */
export function refundApprovalLimit(policyLimit: number | null, route: DecisionRoute | undefined): number | null {
  const stageLimit = route?.financeApprovalAbove ?? null;
  if (policyLimit === null) return stageLimit;
  if (stageLimit === null) return policyLimit;
  return Math.min(policyLimit, stageLimit);
}
