/** The return policy as data: zod schemas shared by the API, the evaluator and the web app. */
import { z } from 'zod';
import { PolicyRule, ShippingPayer } from './policy-rules.schema.ts';

export const ReasonCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

const ReasonFields = z.object({
  code: ReasonCode,
  label: z.string().min(1).max(60),
  labelEn: z.string().min(1).max(60).optional(),
  /** The shop's fault (三包): no restocking fee, the shop pays return shipping, longer windows. */
  shopFault: z.boolean().optional(),
  requiresPhoto: z.boolean().optional(),
  requiresNote: z.boolean().optional(),
  /** Analytics category: quality, wrong_item, size_fit, changed_mind, transit_damage, description, other. */
  category: z.string().max(40).optional(),
});

/** A sub-reason: what it leaves out (shop's fault, photo, note, category) it takes from its parent. */
export const PolicySubReason = ReasonFields;
export type PolicySubReason = z.infer<typeof PolicySubReason>;

/** A reason, with optional sub-reasons (质量问题 → 破损、无法开机 …); a sub-reason's code is a valid reason code too. */
export const PolicyReason = ReasonFields.extend({ children: z.array(PolicySubReason).max(50).optional() });
export type PolicyReason = z.infer<typeof PolicyReason>;

/** Which policy this one started from (a consumer preset forbids restocking fees on no-reason returns). */
export const PresetCode = z.enum(['consumer_7day', 'quality_sanbao', 'b2b_wholesale']);
export type PresetCode = z.infer<typeof PresetCode>;

export const GradeFeePercent = z.object({
  A: z.number().min(0).max(100),
  B: z.number().min(0).max(100),
  C: z.number().min(0).max(100),
  D: z.number().min(0).max(100),
});
export type GradeFeePercent = z.infer<typeof GradeFeePercent>;

export const ShippingFeeRefundRule = z.enum(['never', 'full_return', 'full_return_shop_fault']);

export const Policy = z.object({
  /** 七天无理由: calendar days after the day of delivery, for reasons that are not the shop's fault. */
  returnWindowDays: z.number().int().min(0).max(3650),
  /** 三包: days for a refund when the shop is at fault. */
  faultRefundDays: z.number().int().min(0).max(3650),
  /** 三包: days for an exchange when the shop is at fault. */
  faultExchangeDays: z.number().int().min(0).max(3650),
  /** The shop's time zone, in which calendar days are counted. */
  timeZone: z.string().min(1).max(60),
  autoApprove: z.object({
    enabled: z.boolean(),
    /** Largest estimated refund (fen) approved without a person; null: no limit. */
    maxAmount: z.number().int().min(0).nullable(),
  }),
  /** Refund-only requests (仅退款) are approved automatically too when auto-approval applies. */
  autoApproveRefundOnly: z.boolean(),
  nonReturnableCategories: z.array(z.string().min(1).max(60)).max(200),
  /** all_reasons: those categories cannot be returned at all; no_reason_only: only no-reason returns are refused (the law's exceptions). */
  nonReturnableScope: z.enum(['all_reasons', 'no_reason_only']),
  /** Fee on returns for reasons that are not the shop's fault, in percent of the price paid. */
  restockingFeePercent: z.number().min(0).max(100),
  /** Refunds above this (fen) wait for a second finance user; null: no approval step. */
  refundApprovalLimit: z.number().int().min(0).nullable(),
  /** Pay as soon as goods are received, before inspection. */
  refundOnReceipt: z.boolean(),
  /** Keep-the-item refunds: goods worth at most this (fen) are not sent back; null: off. */
  returnlessMaxAmount: z.number().int().min(0).nullable(),
  /** When the order's shipping fee is refunded too. */
  shippingFeeRefund: ShippingFeeRefundRule,
  /** Bonus credit in percent when the customer takes store credit instead of money. */
  storeCreditBonusPercent: z.number().min(0).max(100),
  /** Fee by inspection grade of each accepted unit, in percent of its price paid (not on the shop's faults). */
  gradeFeePercent: GradeFeePercent,
  /** Return postage (fen) deducted from a refund when none of the return is the shop's fault; 0: the shop pays. */
  returnShippingDeduction: z.number().int().min(0).max(1_000_000),
  /** The shop insures every order's return postage (运费险 / 退货宝): the customer pays the courier and the insurer pays them back, so nothing is deducted. */
  shopShippingInsurance: z.boolean(),
  /** Whose exchange replacement may ship on approval, before the goods are back: everyone, trusted tiers, or nobody. */
  shipReplacementOnApproval: z.enum(['everyone', 'trusted', 'nobody']),
  /** Customer tiers trusted to get a replacement before returning the goods. */
  trustedCustomerTiers: z.array(z.string().min(1).max(40)).max(20),
  /** Days from receipt of the goods within which the refund is due (七日内退款). */
  refundDeadlineDays: z.number().int().min(1).max(90),
  /** Warn finance this many days before a refund's deadline. */
  refundDeadlineWarningDays: z.number().int().min(0).max(30),
  /** Which after-sales kinds customers may ask for. */
  offer: z.object({ refund: z.boolean(), exchange: z.boolean(), storeCredit: z.boolean(), refundOnly: z.boolean() }),
  reasons: z.array(PolicyReason).min(1).max(100),
  /** Who pays return shipping on returns that are not the shop's fault (the shop always pays for its own faults). */
  returnShippingNoReason: ShippingPayer,
  /** The shop's own rules, evaluated in order after the statutory checks. */
  rules: z.array(PolicyRule).max(100),
  preset: PresetCode.nullable(),
});
export type Policy = z.infer<typeof Policy>;

/** PUT /policy: any subset of the policy; fields left out keep their current value. */
export const PolicyUpdateBody = Policy.partial().extend({
  autoApprove: z.object({ enabled: z.boolean(), maxAmount: z.number().int().min(0).nullable().optional() }).optional(),
  offer: Policy.shape.offer.partial().optional(),
  gradeFeePercent: GradeFeePercent.partial().optional(),
});
export type PolicyUpdateBody = z.infer<typeof PolicyUpdateBody>;

export const PolicyDocument = Policy.extend({
  version: z.number().int(),
  createdAt: z.string(),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const DecisionRule = z.object({
  rule: z.string(),
  outcome: z.enum(['pass', 'fail', 'approve', 'review', 'info']),
  message: z.string(),
  messageEn: z.string(),
  orderLineId: z.string().optional(),
  /** The shop rule (policy rules[].id) this entry explains. */
  ruleId: z.string().optional(),
});
export type DecisionRule = z.infer<typeof DecisionRule>;

/** What the decision fixed for one line: its restocking fee, who pays return shipping, what the customer must add. */
export const DecisionLineTerms = z.object({
  orderLineId: z.string(),
  feePercent: z.number().min(0).max(100),
  shippingPaidBy: ShippingPayer,
  requires: z.array(z.enum(['photo', 'note'])),
});
export type DecisionLineTerms = z.infer<typeof DecisionLineTerms>;

/** The process the return was decided under: how many reviewers, whether it is inspected, above what refunds wait for finance. */
export const DecisionRoute = z.object({
  processVersion: z.number().int(),
  approvalsRequired: z.number().int().min(1).max(2),
  inspection: z.boolean(),
  financeApprovalAbove: z.number().int().nullable(),
});
export type DecisionRoute = z.infer<typeof DecisionRoute>;

export const Decision = z.object({
  outcome: z.enum(['approved', 'pending_review']),
  policyVersion: z.number().int(),
  rules: z.array(DecisionRule),
  returnless: z.boolean(),
  refundOnReceipt: z.boolean(),
  decidedAt: z.string(),
  /** Absent on returns decided before rules existed: no fee beyond the policy's, defaults for the rest. */
  lines: z.array(DecisionLineTerms).optional(),
  route: DecisionRoute.optional(),
});
export type Decision = z.infer<typeof Decision>;
