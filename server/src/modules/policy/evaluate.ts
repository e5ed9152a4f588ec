/**
 * The policy evaluator: a pure function of the policy, the order, the request and the
 * clock. It explains itself — every rule it checks is listed with its outcome, in
 * Chinese and English words an agent can read out to a customer.
 */
import { addDays, daysBetween, localDate } from '../../lib/local-date.ts';
import { percentFee, unitsValue } from '../refunds/refund-arithmetic.ts';
import type { DecisionRule, Policy, PolicyReason } from './policy.schema.ts';

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
  order: { deliveredAt: string | null; lines: readonly EvaluationOrderLine[] };
  type: ReturnType;
  resolution: Resolution;
  lines: readonly { orderLineId: string; quantity: number; reasonCode: string }[];
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
};

export type Evaluation = {
  eligible: boolean;
  outcome: 'approved' | 'pending_review';
  rules: DecisionRule[];
  lines: LineEvaluation[];
  returnless: boolean;
  refundOnReceipt: boolean;
  estimatedRefund: number;
};

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The reason entry of a code, or a neutral stand-in for unknown codes. */
export function findReason(policy: Policy, code: string): PolicyReason {
  return policy.reasons.find((r) => r.code === code) ?? { code, label: code, shopFault: false };
}

/** Days a line may be returned for, by reason and resolution. */
export function windowDays(policy: Policy, reason: PolicyReason, resolution: Resolution): number {
  if (!reason.shopFault) return policy.returnWindowDays;
  const fault = resolution === 'exchange' ? policy.faultExchangeDays : policy.faultRefundDays;
  return Math.max(policy.returnWindowDays, fault);
}

/** Evaluates a return request against a policy. */
export function evaluateReturn(input: EvaluationInput): Evaluation {
  const { policy, order, now } = input;
  const rules: DecisionRule[] = [];
  const linesById = new Map(order.lines.map((l) => [l.id, l]));
  const today = localDate(now, policy.timeZone);
  const deliveredOn = order.deliveredAt ? localDate(new Date(order.deliveredAt), policy.timeZone) : null;

  const lines = input.lines.map((requested): LineEvaluation => {
    const line = linesById.get(requested.orderLineId);
    const violations: LineEvaluation['violations'] = [];
    const fail = (rule: string, message: string, messageEn: string) => {
      violations.push({ rule, message, messageEn });
      rules.push({ rule, outcome: 'fail', message, messageEn, orderLineId: requested.orderLineId });
    };
    const pass = (rule: string, message: string, messageEn: string) =>
      rules.push({ rule, outcome: 'pass', message, messageEn, orderLineId: requested.orderLineId });
    if (!line) {
      fail('order_line', '订单中没有这一行商品', 'This line is not on the order');
      return { orderLineId: requested.orderLineId, eligible: false, deadline: null, estimatedValue: 0, estimatedFee: 0, violations };
    }
    const reason = findReason(policy, requested.reasonCode);

    if (line.returnable) pass('product_returnable', `商品「${line.name}」支持退货`, `Product "${line.name}" can be returned`);
    else fail('product_returnable', `商品「${line.name}」为不可退货商品`, `Product "${line.name}" is marked non-returnable`);

    if (policy.nonReturnableCategories.includes(line.category)) {
      fail('category_returnable', `「${line.category}」类商品依法不适用无理由退货`, `Category "${line.category}" cannot be returned under the policy`);
    } else {
      pass('category_returnable', `「${line.category}」类商品可以退货`, `Category "${line.category}" can be returned`);
    }

    let deadline: string | null = null;
    if (deliveredOn === null) {
      pass('return_window', '订单尚未签收（拦截或拒收），不受退货期限制', 'Not delivered yet (intercepted or refused): no time limit applies');
    } else {
      const days = windowDays(policy, reason, input.resolution);
      deadline = addDays(deliveredOn, days);
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

    const estimatedValue = unitsValue(line.paidAmount, line.quantity, line.valuedQuantity, Math.min(line.quantity, line.valuedQuantity + requested.quantity));
    const estimatedFee = reason.shopFault ? 0 : percentFee(estimatedValue, policy.restockingFeePercent);
    return { orderLineId: line.id, eligible: violations.length === 0, deadline, estimatedValue, estimatedFee, violations };
  });

  const eligible = lines.every((l) => l.eligible);
  const estimatedRefund = lines.reduce((sum, l) => sum + l.estimatedValue - l.estimatedFee, 0);

  if (input.type === 'refund_only' && !policy.offer.refundOnly) {
    rules.push({ rule: 'refund_only_offered', outcome: 'fail', message: '本店不支持仅退款', messageEn: 'Refund-only requests are not offered' });
  }

  const offered = { refund: policy.offer.refund, exchange: policy.offer.exchange, store_credit: policy.offer.storeCredit }[input.resolution];
  if (!offered) {
    const label = { refund: ['退款', 'refunds'], exchange: ['换货', 'exchanges'], store_credit: ['退为店铺余额', 'store credit'] }[input.resolution];
    rules.push({ rule: 'resolution_offered', outcome: 'fail', message: `本店不支持${label[0]}`, messageEn: `The shop does not offer ${label[1]}` });
  }

  const returnless =
    input.type === 'refund_only' || (input.resolution !== 'exchange' && policy.returnlessMaxAmount !== null && estimatedRefund <= policy.returnlessMaxAmount);
  if (input.type === 'return' && returnless) {
    rules.push({
      rule: 'returnless_refund',
      outcome: 'info',
      message: `退款金额${yuan(estimatedRefund)}不超过${yuan(policy.returnlessMaxAmount ?? 0)}，无需寄回商品`,
      messageEn: `Refund ${yuan(estimatedRefund)} is at most ${yuan(policy.returnlessMaxAmount ?? 0)}: no need to send the goods back`,
    });
  }
  if (policy.refundOnReceipt && !returnless) {
    rules.push({
      rule: 'refund_on_receipt',
      outcome: 'info',
      message: '仓库收货后即退款，无需等待检验',
      messageEn: 'Refund is paid on receipt, before inspection',
    });
  }

  const outcome = decideApproval(input, estimatedRefund, rules);
  const allEligible = eligible && !rules.some((r) => r.outcome === 'fail');
  return { eligible: allEligible, outcome, rules, lines, returnless, refundOnReceipt: policy.refundOnReceipt && !returnless, estimatedRefund };
}

function decideApproval(input: EvaluationInput, estimatedRefund: number, rules: DecisionRule[]): 'approved' | 'pending_review' {
  const { policy } = input;
  const review = (message: string, messageEn: string) => {
    rules.push({ rule: 'auto_approve', outcome: 'review', message, messageEn });
    return 'pending_review' as const;
  };
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
  rules.push({
    rule: 'auto_approve',
    outcome: 'approve',
    message: max === null ? '符合退货政策，自动审核通过' : `预计退款${yuan(estimatedRefund)}不超过${yuan(max)}，自动审核通过`,
    messageEn:
      max === null ? 'Meets the policy: approved automatically' : `Estimated refund ${yuan(estimatedRefund)} is at most ${yuan(max)}: approved automatically`,
  });
  return 'approved';
}
