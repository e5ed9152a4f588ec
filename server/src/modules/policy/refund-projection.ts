/**
 * What a decided return would pay out under a policy, before anything is received: the
 * simulator's money column. It runs the same fee arithmetic as the refund itself
 * (restocking fee by reason, fee by inspection grade, the customer's return postage shared
 * over the lines), so the money settings a manager edits show their effect before publishing.
 */
import { percentFee } from '../refunds/refund-arithmetic.ts';
import { feeRates, type Grade, lineFees, returnShippingShares } from '../refunds/refund-breakdown.ts';
import type { DecisionLineTerms, Policy } from './policy.schema.ts';
import { findReason } from './reasons.ts';

export type ProjectionLine = {
  orderLineId: string;
  reasonCode: string;
  eligible: boolean;
  /** What the requested units cost the customer. */
  estimatedValue: number;
  terms: DecisionLineTerms;
};

export type ProjectionInput = {
  policy: Pick<Policy, 'reasons' | 'restockingFeePercent' | 'gradeFeePercent' | 'returnShippingDeduction' | 'storeCreditBonusPercent' | 'refundApprovalLimit'>;
  lines: readonly ProjectionLine[];
  /** The inspection grade assumed for every unit; null: accepted without a grade. */
  grade: Grade | null;
  type: 'return' | 'refund_only';
  resolution: 'refund' | 'exchange' | 'store_credit';
  returnless: boolean;
  /** The finance-approval stage's amount from the process (fen), if any. */
  financeApprovalAbove: number | null;
};

export type ProjectedLine = { orderLineId: string; value: number; restockingFee: number; gradeFee: number; returnShipping: number; refund: number };

export type RefundProjection = {
  grade: Grade | null;
  lines: ProjectedLine[];
  /** Who pays for sending the goods back: nobody when none come back. */
  returnShippingPayer: 'shop' | 'customer' | 'none';
  returnShipping: number;
  refund: number;
  /** Extra credit when the customer takes store credit instead of money. */
  storeCreditBonus: number;
  /** The amount above which a refund waits for a second finance user (the lower of the policy's and the process's). */
  approvalLimit: number | null;
  approvalRequired: boolean;
};

/** Projects the refund of a decided return under the policy, as if every unit came back in the given grade. */
export function projectRefund(input: ProjectionInput): RefundProjection {
  const { policy } = input;
  const eligible = input.lines.filter((l) => l.eligible);
  const goodsComeBack = input.type === 'return' && !input.returnless;
  let payer: RefundProjection['returnShippingPayer'] = 'none';
  if (goodsComeBack) {
    payer = input.resolution === 'exchange' || !eligible.every((l) => l.terms.shippingPaidBy === 'customer') ? 'shop' : 'customer';
  }
  const priced = eligible.map((line) => {
    const shopFault = findReason(policy, line.reasonCode).shopFault === true;
    const fees = lineFees([{ grade: input.grade, value: line.estimatedValue }], feeRates(policy, shopFault, line.terms.feePercent));
    return { line, fees };
  });
  const deduction = payer === 'customer' && eligible.length > 0 ? policy.returnShippingDeduction : 0;
  const shares = returnShippingShares(
    deduction,
    priced.map((p) => p.line.estimatedValue - p.fees.fee),
  );
  const lines = priced.map(({ line, fees }, i): ProjectedLine => {
    const returnShipping = shares[i] ?? 0;
    return {
      orderLineId: line.orderLineId,
      value: line.estimatedValue,
      restockingFee: fees.restockingFee,
      gradeFee: fees.gradeFee,
      returnShipping,
      refund: line.estimatedValue - fees.fee - returnShipping,
    };
  });
  const refund = input.resolution === 'exchange' ? 0 : lines.reduce((s, l) => s + l.refund, 0);
  const limits = [policy.refundApprovalLimit, input.financeApprovalAbove].filter((v): v is number => v !== null);
  const approvalLimit = limits.length > 0 ? Math.min(...limits) : null;
  return {
    grade: input.grade,
    lines,
    returnShippingPayer: payer,
    returnShipping: lines.reduce((s, l) => s + l.returnShipping, 0),
    refund,
    storeCreditBonus: input.resolution === 'store_credit' ? percentFee(refund, policy.storeCreditBonusPercent) : 0,
    approvalLimit,
    approvalRequired: approvalLimit !== null && refund > approvalLimit,
  };
}
