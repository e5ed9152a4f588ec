/** The policy a new shop starts with: Chinese consumer law (七天无理由退货, 三包). */
import type { Policy } from './policy.schema.ts';

export const defaultPolicy: Policy = {
  returnWindowDays: 7,
  faultRefundDays: 7,
  faultExchangeDays: 15,
  timeZone: 'Asia/Shanghai',
  autoApprove: { enabled: false, maxAmount: 20_000 },
  autoApproveRefundOnly: false,
  // The statutory exceptions to no-reason returns (消费者权益保护法 第二十五条).
  nonReturnableCategories: ['定制商品', '生鲜食品', '数字内容', '报纸期刊'],
  nonReturnableScope: 'all_reasons',
  restockingFeePercent: 0,
  refundApprovalLimit: null,
  refundOnReceipt: false,
  returnlessMaxAmount: null,
  shippingFeeRefund: 'full_return_shop_fault',
  storeCreditBonusPercent: 0,
  gradeFeePercent: { A: 0, B: 0, C: 0, D: 0 },
  returnShippingDeduction: 0,
  shopShippingInsurance: false,
  shipReplacementOnApproval: 'trusted',
  trustedCustomerTiers: ['vip'],
  refundDeadlineDays: 7,
  refundDeadlineWarningDays: 2,
  offer: { refund: true, exchange: true, storeCredit: true, refundOnly: true },
  reasons: [
    { code: 'no_reason', label: '七天无理由', labelEn: 'No reason (7-day return)', shopFault: false, category: 'changed_mind' },
    { code: 'quality', label: '质量问题', labelEn: 'Quality problem', shopFault: true, requiresPhoto: true, category: 'quality' },
    { code: 'wrong_item', label: '发错货', labelEn: 'Wrong item sent', shopFault: true, category: 'wrong_item' },
    { code: 'damaged_in_transit', label: '运输损坏', labelEn: 'Damaged in transit', shopFault: true, requiresPhoto: true, category: 'transit_damage' },
    { code: 'not_as_described', label: '与描述不符', labelEn: 'Not as described', shopFault: true, category: 'description' },
  ],
  returnShippingNoReason: 'customer',
  rules: [],
  preset: null,
};

/** Applies a partial update over a policy (PUT /policy keeps what it does not name). */
export function mergePolicy(current: Policy, update: Partial<Record<keyof Policy, unknown>>): Policy {
  const next = { ...current, ...stripUndefined(update) } as Policy;
  const u = update as Partial<Policy> & { autoApprove?: { enabled: boolean; maxAmount?: number | null } };
  if (u.autoApprove) next.autoApprove = { ...current.autoApprove, ...stripUndefined(u.autoApprove) } as Policy['autoApprove'];
  if (u.offer) next.offer = { ...current.offer, ...stripUndefined(u.offer) };
  const grades = (update as { gradeFeePercent?: Partial<Policy['gradeFeePercent']> }).gradeFeePercent;
  if (grades) next.gradeFeePercent = { ...current.gradeFeePercent, ...stripUndefined(grades) };
  return next;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
