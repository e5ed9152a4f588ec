/**
 * The policy evaluator: a pure function of the policy, the order, the customer's
 * history, the request and the clock. It explains itself — every rule it checks is
 * listed with its outcome, in Chinese and English words an agent can read out to a
 * customer.
 */
import { addDays, daysBetween, localDate } from '../../lib/local-date.ts';
import { percentFee, unitsValue } from '../refunds/refund-arithmetic.ts';
import { applyShopRules, type LineEffects } from './evaluate-rules.ts';
import type { DecisionLineTerms, DecisionRule, Policy } from './policy.schema.ts';
import type { ShippingPayer } from './policy-rules.schema.ts';
import { findReason, type ResolvedReason, restockingFeeWaived } from './reasons.ts';
import type { CustomerFacts, LineFacts } from './rule-facts.ts';

export { findReason } from './reasons.ts';

export type ReturnType = 'return' | 'refund_only';
export type Resolution = 'refund' | 'exchange' | 'store_credit';

export type EvaluationOrderLine = {
  id: string;
  sku: string;
  name: string;
  category: string;
  returnable: boolean;
  quantity: number;
  paidAmount: number;
  /** Units of the line already valued for refund by earlier returns. */
  valuedQuantity: number;
};

export type EvaluationInput = {
  policy: Policy;
  policyVersion: number;
  order: { deliveredAt: string | null; channel?: string; paymentMethods?: readonly string[]; lines: readonly EvaluationOrderLine[] };
  /** The customer's tier and history (loaded by the workflow for the windows the rules name); null: unknown. */
  customer?: CustomerFacts | null;
  type: ReturnType;
  resolution: Resolution;
  lines: readonly { orderLineId: string; quantity: number; reasonCode: string; note?: string | null | undefined; photos?: number | undefined }[];
  now: Date;
};

export type LineEvaluation = {
  orderLineId: string;
  eligible: boolean;
  /** Last calendar day (shop time zone) on which this line may be returned; null when no window applies. */
  deadline: string | null;
  estimatedValue: number;
  estimatedFee: number;
  violations: { rule: string; message: string; messageEn: string }[];
  terms: DecisionLineTerms;
};

export type Evaluation = {
  eligible: boolean;
  outcome: 'approved' | 'pending_review';
  rules: DecisionRule[];
  lines: LineEvaluation[];
  returnless: boolean;
  refundOnReceipt: boolean;
  estimatedRefund: number;
  /** A shop rule asked for two reviewers. */
  secondReview: boolean;
};

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Days a line may be returned for, by reason and resolution. */
export function windowDays(policy: Policy, reason: ResolvedReason, resolution: Resolution): number {
  if (!reason.shopFault) return policy.returnWindowDays;
  const fault = resolution === 'exchange' ? policy.faultExchangeDays : policy.faultRefundDays;
  return Math.max(policy.returnWindowDays, fault);
}

type Checked = { line: EvaluationOrderLine; requested: EvaluationInput['lines'][number]; reason: ResolvedReason; value: number };

/** Evaluates a return request against a policy. */
export function evaluateReturn(input: EvaluationInput): Evaluation {
  const { policy, order, now } = input;
  const rules: DecisionRule[] = [];
  const linesById = new Map(order.lines.map((l) => [l.id, l]));
  const today = localDate(now, policy.timeZone);
  const deliveredOn = order.deliveredAt ? localDate(new Date(order.deliveredAt), policy.timeZone) : null;
  const violationsOf = new Map<string, LineEvaluation['violations']>();
  const deadlines = new Map<string, string | null>();
  const checked: Checked[] = [];

  for (const requested of input.lines) {
    const line = linesById.get(requested.orderLineId);
    const violations: LineEvaluation['violations'] = [];
    violationsOf.set(requested.orderLineId, violations);
    const fail = (rule: string, message: string, messageEn: string) => {
      violations.push({ rule, message, messageEn });
      rules.push({ rule, outcome: 'fail', message, messageEn, orderLineId: requested.orderLineId });
    };
    const pass = (rule: string, message: string, messageEn: string) =>
      rules.push({ rule, outcome: 'pass', message, messageEn, orderLineId: requested.orderLineId });
    if (!line) {
      fail('order_line', '订单中没有这一行商品', 'This line is not on the order');
      continue;
    }
    const reason = findReason(policy, requested.reasonCode);

    if (line.returnable) pass('product_returnable', `商品「${line.name}」支持退货`, `Product "${line.name}" can be returned`);
    else fail('product_returnable', `商品「${line.name}」为不可退货商品`, `Product "${line.name}" is marked non-returnable`);

    if (!policy.nonReturnableCategories.includes(line.category)) {
      pass('category_returnable', `「${line.category}」类商品可以退货`, `Category "${line.category}" can be returned`);
    } else if (policy.nonReturnableScope === 'no_reason_only' && reason.shopFault) {
      pass(
        'category_returnable',
        `「${line.category}」类商品不适用无理由退货，但商家责任（${reason.label}）可以退货`,
        `Category "${line.category}" is excluded from no-reason returns only; the shop's fault (${reason.labelEn ?? reason.label}) may be returned`,
      );
    } else {
      fail('category_returnable', `「${line.category}」类商品依法不适用无理由退货`, `Category "${line.category}" cannot be returned under the policy`);
    }

    if (deliveredOn === null) {
      deadlines.set(line.id, null);
      pass('return_window', '订单尚未签收（拦截或拒收），不受退货期限制', 'Not delivered yet (intercepted or refused): no time limit applies');
    } else {
      const days = windowDays(policy, reason, input.resolution);
      const deadline = addDays(deliveredOn, days);
      deadlines.set(line.id, deadline);
      const dayNumber = daysBetween(deliveredOn, today);
      const kind = reason.shopFault ? (input.resolution === 'exchange' ? '质量问题换货期' : '质量问题退货期') : '无理由退货期';
      const kindEn = reason.shopFault ? (input.resolution === 'exchange' ? 'defect exchange' : 'defect return') : 'no-reason return';
      if (today <= deadline) {
        pass(
          'return_window',
          `签收后第${Math.max(dayNumber, 0)}天，在${days}天${kind}内（截止${deadline}）`,
          `Day ${Math.max(dayNumber, 0)} after delivery, within the ${days}-day ${kindEn} window (until ${deadline})`,
        );
      } else {
        fail(
          'return_window',
          `已超过${days}天${kind}（${deliveredOn}签收，${deadline}截止）`,
          `The ${days}-day ${kindEn} window has passed (delivered ${deliveredOn}, closed ${deadline})`,
        );
      }
    }
    const value = unitsValue(line.paidAmount, line.quantity, line.valuedQuantity, Math.min(line.quantity, line.valuedQuantity + requested.quantity));
    checked.push({ line, requested, reason, value });
  }

  // The shop's own rules, after the statutory checks.
  const requestValue = checked.reduce((s, c) => s + c.value, 0);
  const shop = applyShopRules({
    rules: policy.rules,
    facts: {
      order: {
        channel: order.channel ?? null,
        amount: order.lines.reduce((s, l) => s + l.paidAmount, 0),
        daysSinceDelivery: deliveredOn === null ? null : daysBetween(deliveredOn, today),
        paymentMethods: order.paymentMethods ?? [],
      },
      customer: input.customer ?? null,
      request: { amount: requestValue, type: input.type, resolution: input.resolution },
    },
    lines: checked.map((c) => ({ orderLineId: c.line.id, facts: lineFacts(c) })),
  });
  rules.push(...shop.rules);

  const lines = input.lines.map((requested): LineEvaluation => {
    const c = checked.find((x) => x.requested === requested);
    const violations = violationsOf.get(requested.orderLineId) ?? [];
    const effects = shop.effects.get(requested.orderLineId);
    if (effects) violations.push(...effects.notEligible);
    const feePercent = c ? linePercent(policy, c.reason, effects) : 0;
    const payer: ShippingPayer = effects?.shippingPaidBy ?? (c?.reason.shopFault ? 'shop' : policy.returnShippingNoReason);
    const fee = c ? percentFee(c.value, feePercent) : 0;
    return {
      orderLineId: requested.orderLineId,
      eligible: violations.length === 0,
      deadline: deadlines.get(requested.orderLineId) ?? null,
      estimatedValue: c?.value ?? 0,
      estimatedFee: fee,
      violations,
      terms: { orderLineId: requested.orderLineId, feePercent, shippingPaidBy: payer, requires: effects?.requires ?? [] },
    };
  });

  const eligible = lines.every((l) => l.eligible);
  const estimatedRefund = lines.reduce((sum, l) => sum + l.estimatedValue - l.estimatedFee, 0);
  const allEffects = [...shop.effects.values()];
  const everyLine = (pick: (e: LineEffects) => boolean) => allEffects.length > 0 && allEffects.every(pick);

  if (input.type === 'refund_only' && !policy.offer.refundOnly) {
    rules.push({ rule: 'refund_only_offered', outcome: 'fail', message: '本店不支持仅退款', messageEn: 'Refund-only requests are not offered' });
  }

  const offered = { refund: policy.offer.refund, exchange: policy.offer.exchange, store_credit: policy.offer.storeCredit }[input.resolution];
  if (!offered) {
    const label = { refund: ['退款', 'refunds'], exchange: ['换货', 'exchanges'], store_credit: ['退为店铺余额', 'store credit'] }[input.resolution];
    rules.push({ rule: 'resolution_offered', outcome: 'fail', message: `本店不支持${label[0]}`, messageEn: `The shop does not offer ${label[1]}` });
  }

  const byAmount = policy.returnlessMaxAmount !== null && estimatedRefund <= policy.returnlessMaxAmount;
  const returnless = input.type === 'refund_only' || (input.resolution !== 'exchange' && (byAmount || everyLine((e) => e.returnless)));
  if (input.type === 'return' && returnless && byAmount) {
    rules.push({
      rule: 'returnless_refund',
      outcome: 'info',
      message: `退款金额${yuan(estimatedRefund)}不超过${yuan(policy.returnlessMaxAmount ?? 0)}，无需寄回商品`,
      messageEn: `Refund ${yuan(estimatedRefund)} is at most ${yuan(policy.returnlessMaxAmount ?? 0)}: no need to send the goods back`,
    });
  }
  const onReceipt = (policy.refundOnReceipt || everyLine((e) => e.refundOnReceipt)) && !returnless;
  if (policy.refundOnReceipt && !returnless) {
    rules.push({
      rule: 'refund_on_receipt',
      outcome: 'info',
      message: '仓库收货后即退款，无需等待检验',
      messageEn: 'Refund is paid on receipt, before inspection',
    });
  }
  if (!returnless && lines.length > 0) rules.push(shippingRule(lines, policy.shopShippingInsurance === true));

  const outcome = decideApproval(input, estimatedRefund, rules, allEffects);
  const allEligible = eligible && !rules.some((r) => r.outcome === 'fail');
  return {
    eligible: allEligible,
    outcome,
    rules,
    lines,
    returnless,
    refundOnReceipt: onReceipt,
    estimatedRefund,
    secondReview: allEffects.some((e) => e.secondReview),
  };
}

function lineFacts(c: Checked): LineFacts {
  return {
    sku: c.line.sku,
    category: c.line.category,
    unitPrice: c.line.quantity > 0 ? Math.round(c.line.paidAmount / c.line.quantity) : 0,
    quantity: c.requested.quantity,
    amount: c.value,
    reasonCode: c.reason.parentCode ?? c.reason.code,
    subCode: c.reason.parentCode ? c.reason.code : null,
    reasonCategory: c.reason.category ?? null,
    shopFault: c.reason.shopFault === true,
    photos: c.requested.photos ?? 0,
    hasNote: Boolean(c.requested.note?.trim()),
  };
}

/** The fee of a line: never on the shop's fault nor on a consumer no-reason return; a rule's fee before the policy's. */
function linePercent(policy: Policy, reason: ResolvedReason, effects: LineEffects | undefined): number {
  if (restockingFeeWaived(reason)) return 0;
  return effects?.feePercent ?? policy.restockingFeePercent;
}

function shippingRule(lines: readonly LineEvaluation[], insured: boolean): DecisionRule {
  const payers = new Set(lines.map((l) => l.terms.shippingPaidBy));
  if (payers.size > 1) {
    return {
      rule: 'return_shipping',
      outcome: 'info',
      message: '寄回运费：部分商品由商家承担，其余由买家承担',
      messageEn: 'Return shipping: the shop pays for some lines, the customer for the rest',
    };
  }
  if (payers.has('shop')) return { rule: 'return_shipping', outcome: 'info', message: '寄回运费由商家承担', messageEn: 'The shop pays return shipping' };
  return insured
    ? {
        rule: 'return_shipping',
        outcome: 'info',
        message: '寄回运费由买家先行支付，本店赠送的运费险会赔付',
        messageEn: 'The customer pays the return postage first; the shipping insurance the shop bought pays it back',
      }
    : {
        rule: 'return_shipping',
        outcome: 'info',
        message: '寄回运费由买家承担（购买了运费险的由保险承担）',
        messageEn: 'The customer pays return shipping (shipping insurance covers it if bought)',
      };
}

function decideApproval(
  input: EvaluationInput,
  estimatedRefund: number,
  rules: DecisionRule[],
  effects: readonly LineEffects[],
): 'approved' | 'pending_review' {
  const { policy } = input;
  const review = (message: string, messageEn: string) => {
    rules.push({ rule: 'auto_approve', outcome: 'review', message, messageEn });
    return 'pending_review' as const;
  };
  const approve = (message: string, messageEn: string) => {
    rules.push({ rule: 'auto_approve', outcome: 'approve', message, messageEn });
    return 'approved' as const;
  };
  const byRules = [...new Set(effects.flatMap((e) => e.review))];
  if (byRules.length > 0) {
    const names = byRules.map((n) => `「${n}」`).join('');
    return review(`规则${names}要求人工审核`, `Rule ${byRules.map((n) => `"${n}"`).join(', ')} asks for a person to review`);
  }
  const approvers = [...new Set(effects.flatMap((e) => e.autoApprove))];
  if (approvers.length > 0 && effects.every((e) => e.autoApprove.length > 0)) {
    return approve(`规则「${approvers[0]}」：自动审核通过`, `Rule "${approvers[0]}": approved automatically`);
  }
  if (!policy.autoApprove.enabled) return review('未开启自动审核，由客服人工审核', 'Auto-approval is off: customer service reviews this request');
  if (input.type === 'refund_only' && !policy.autoApproveRefundOnly) {
    return review('仅退款申请需客服人工审核', 'Refund-only requests are reviewed by customer service');
  }
  const max = policy.autoApprove.maxAmount;
  if (max !== null && estimatedRefund > max) {
    return review(
      `预计退款${yuan(estimatedRefund)}超过自动审核上限${yuan(max)}，需人工审核`,
      `Estimated refund ${yuan(estimatedRefund)} is above the auto-approval limit ${yuan(max)}: needs review`,
    );
  }
  return approve(
    max === null ? '符合退货政策，自动审核通过' : `预计退款${yuan(estimatedRefund)}不超过${yuan(max)}，自动审核通过`,
    max === null ? 'Meets the policy: approved automatically' : `Estimated refund ${yuan(estimatedRefund)} is at most ${yuan(max)}: approved automatically`,
  );
}
