/**
 * The policy in words a customer reads, generated from the same data the evaluator
 * enforces, so the public page and the decisions can never disagree.
 */
import type { PolicyDocument } from './policy.schema.ts';

export type PolicyText = { title: string; summary: string; items: string[] };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

const gradeWords = {
  A: ['全新未拆封', 'as new, unopened'],
  B: ['轻微使用痕迹', 'light signs of use'],
  C: ['有瑕疵或缺件', 'flawed or incomplete'],
  D: ['严重损坏', 'badly damaged'],
} as const;

/** The money terms a customer must know before sending goods back: fees by condition, postage deducted, the credit bonus, when the refund comes. */
function moneyTerms(policy: PolicyDocument): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  const graded = (['A', 'B', 'C', 'D'] as const).filter((g) => policy.gradeFeePercent[g] > 0);
  if (graded.length > 0) {
    zh.push(`非商家责任的退货按检验结果另收费用：${graded.map((g) => `${gradeWords[g][0]}收取${policy.gradeFeePercent[g]}%`).join('，')}；商家责任不收取。`);
    en.push(
      `Returns that are not the shop's fault carry a fee by the condition found on inspection: ${graded.map((g) => `${gradeWords[g][1]} ${policy.gradeFeePercent[g]}%`).join(', ')}; none when the shop is at fault.`,
    );
  }
  if (policy.returnShippingDeduction > 0 && policy.returnShippingNoReason === 'customer' && !policy.shopShippingInsurance) {
    zh.push(`非商家责任的退货，寄回运费${yuan(policy.returnShippingDeduction)}从退款中扣除。`);
    en.push(`For returns that are not the shop's fault, ${yuan(policy.returnShippingDeduction)} return postage is deducted from the refund.`);
  }
  if (policy.offer.storeCredit && policy.storeCreditBonusPercent > 0) {
    zh.push(`选择退为店铺余额，额外赠送退款金额的${policy.storeCreditBonusPercent}%。`);
    en.push(`Choose store credit instead of money and get ${policy.storeCreditBonusPercent}% extra.`);
  }
  zh.push(`收到退货后${policy.refundDeadlineDays}日内退款。`);
  en.push(`Refunds are paid within ${policy.refundDeadlineDays} days of receiving the goods.`);
  return { zh, en };
}

/** The zh-CN and en texts of a policy. */
export function describePolicy(policy: PolicyDocument): { 'zh-CN': PolicyText; en: PolicyText } {
  const faultReasons = policy.reasons.filter((r) => r.shopFault);
  const money = moneyTerms(policy);
  const zh: string[] = [
    `签收次日起${policy.returnWindowDays}天内（按${policy.timeZone === 'Asia/Shanghai' ? '北京时间' : policy.timeZone}自然日计算），商品完好可申请七天无理由退货。`,
    `因商品质量等商家责任（${faultReasons.map((r) => r.label).join('、') || '无'}）：${Math.max(policy.returnWindowDays, policy.faultRefundDays)}天内可退货退款，${Math.max(policy.returnWindowDays, policy.faultExchangeDays)}天内可换货，退货运费由商家承担。`,
    policy.nonReturnableCategories.length === 0
      ? '所有商品均支持无理由退货。'
      : policy.nonReturnableScope === 'no_reason_only'
        ? `以下商品不适用无理由退货（质量问题仍可退换）：${policy.nonReturnableCategories.join('、')}。`
        : `以下商品不支持退货：${policy.nonReturnableCategories.join('、')}。`,
    policy.restockingFeePercent > 0
      ? `七天无理由退货和商家责任的退货不收取手续费；其他原因的退货收取${policy.restockingFeePercent}%的手续费。`
      : '退货不收取任何手续费。',
    policy.returnShippingNoReason === 'shop'
      ? '退货寄回运费由商家承担。'
      : policy.shopShippingInsurance
        ? '本店为每笔订单赠送运费险：无理由退货的寄回运费由您先行支付，保险公司会赔付给您。'
        : '无理由退货的寄回运费由您承担（已购买运费险的除外）。',
    ...money.zh,
    policy.refundOnReceipt ? '仓库收到退货后立即退款。' : '仓库收到退货并检验后退款，退款原路返回。',
    policy.autoApprove.enabled
      ? `符合政策的申请${policy.autoApprove.maxAmount === null ? '' : `（金额不超过${yuan(policy.autoApprove.maxAmount)}）`}将自动审核通过。`
      : '申请提交后由客服审核，审核结果会第一时间通知您。',
  ];
  const en: string[] = [
    `Within ${policy.returnWindowDays} calendar days from the day after delivery (${policy.timeZone} time), goods in good condition may be returned without a reason.`,
    `When the shop is at fault (${faultReasons.map((r) => r.labelEn ?? r.label).join(', ') || 'none'}): refund within ${Math.max(policy.returnWindowDays, policy.faultRefundDays)} days, exchange within ${Math.max(policy.returnWindowDays, policy.faultExchangeDays)} days; the shop pays return shipping.`,
    policy.nonReturnableCategories.length === 0
      ? 'Every product can be returned without a reason.'
      : policy.nonReturnableScope === 'no_reason_only'
        ? `These goods cannot be returned without a reason (defects still can): ${policy.nonReturnableCategories.join(', ')}.`
        : `These goods cannot be returned: ${policy.nonReturnableCategories.join(', ')}.`,
    policy.restockingFeePercent > 0
      ? `No restocking fee on 7-day no-reason returns nor when the shop is at fault; returns for other reasons carry a ${policy.restockingFeePercent}% restocking fee.`
      : 'No restocking fee is charged.',
    policy.returnShippingNoReason === 'shop'
      ? 'The shop pays return shipping.'
      : policy.shopShippingInsurance
        ? 'Every order comes with shipping insurance (运费险) from the shop: for no-reason returns you pay the postage first and the insurer pays you back.'
        : 'For no-reason returns you pay the return shipping, unless you bought shipping insurance (运费险).',
    ...money.en,
    policy.refundOnReceipt
      ? 'Refunds are paid as soon as the warehouse receives the goods.'
      : 'Refunds are paid to the original payment method once the warehouse has received and inspected the goods.',
    policy.autoApprove.enabled
      ? `Requests that meet the policy${policy.autoApprove.maxAmount === null ? '' : ` (up to ${yuan(policy.autoApprove.maxAmount)})`} are approved automatically.`
      : 'Customer service reviews each request and tells you the result right away.',
  ];
  // The shop's own refusals, in the words the customer reads when one applies.
  for (const rule of policy.rules) {
    if (!rule.enabled) continue;
    for (const outcome of rule.outcomes) {
      if (outcome.type !== 'not_eligible') continue;
      zh.push(`${outcome.message}。`.replace(/。。$/, '。'));
      en.push(/[.!?]$/.test(outcome.messageEn) ? outcome.messageEn : `${outcome.messageEn}.`);
    }
  }
  return {
    'zh-CN': { title: '退货政策', summary: `${policy.returnWindowDays}天无理由退货`, items: zh },
    en: { title: 'Return policy', summary: `${policy.returnWindowDays}-day no-reason returns`, items: en },
  };
}
