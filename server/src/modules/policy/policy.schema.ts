/** The return policy as data: zod schemas shared by the API, the evaluator and the web app. */
import { z } from 'zod';

export const ReasonCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

export const PolicyReason = z.object({
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
export type PolicyReason = z.infer<typeof PolicyReason>;

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
  /** Which after-sales kinds customers may ask for. */
  offer: z.object({ refund: z.boolean(), exchange: z.boolean(), storeCredit: z.boolean(), refundOnly: z.boolean() }),
  reasons: z.array(PolicyReason).min(1).max(100),
});
export type Policy = z.infer<typeof Policy>;

/** PUT /policy: any subset of the policy; fields left out keep their current value. */
export const PolicyUpdateBody = Policy.partial().extend({
  autoApprove: z.object({ enabled: z.boolean(), maxAmount: z.number().int().min(0).nullable().optional() }).optional(),
  offer: Policy.shape.offer.partial().optional(),
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
});
export type DecisionRule = z.infer<typeof DecisionRule>;

export const Decision = z.object({
  outcome: z.enum(['approved', 'pending_review']),
  policyVersion: z.number().int(),
  rules: z.array(DecisionRule),
  returnless: z.boolean(),
  refundOnReceipt: z.boolean(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;
