/**
 * The facts a rule's conditions are checked against, and the check itself, explained in
 * Chinese and English words. Pure: the workflow loads the facts (customer history
 * included) and passes them in.
 */
import type { FactCode, NumberOperator, RuleCondition, RuleOutcome } from './policy-rules.schema.ts';

/** A customer's returns over a look-back window: orders placed in it, their units and how many came back. */
export type CustomerHistory = { returns: number; returnedUnits: number; soldUnits: number };

export type CustomerFacts = {
  tier: string;
  openReturns: number;
  /** By window length in days. */
  history: Record<number, CustomerHistory>;
};

export type LineFacts = {
  sku: string;
  category: string;
  /** Price paid for one unit (fen). */
  unitPrice: number;
  quantity: number;
  /** Estimated value of the units asked back (fen). */
  amount: number;
  reasonCode: string;
  subCode: string | null;
  reasonCategory: string | null;
  shopFault: boolean;
  photos: number;
  hasNote: boolean;
};

export type RuleFacts = {
  order: { channel: string | null; amount: number; daysSinceDelivery: number | null; paymentMethods: readonly string[] };
  customer: CustomerFacts | null;
  request: { amount: number; type: string; resolution: string };
  line: LineFacts | null;
};

export type ConditionCheck = { holds: boolean; message: string; messageEn: string };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A customer's return rate in percent over a window (0 when they bought nothing in it). */
export function returnRatePercent(history: CustomerHistory | undefined): number {
  if (!history || history.soldUnits === 0) return 0;
  return (100 * history.returnedUnits) / history.soldUnits;
}

const labels: Record<FactCode, [string, string]> = {
  'order.channel': ['下单渠道', 'order channel'],
  'order.paymentMethod': ['支付方式', 'payment method'],
  'order.amount': ['订单金额', 'order amount'],
  'order.daysSinceDelivery': ['签收天数', 'days since delivery'],
  'line.sku': ['商品编码', 'SKU'],
  'line.category': ['商品类目', 'category'],
  'line.unitPrice': ['商品单价', 'unit price'],
  'line.quantity': ['退货数量', 'units returned'],
  'line.amount': ['退货商品金额', 'value of the units'],
  'reason.code': ['退货原因', 'reason'],
  'reason.subCode': ['具体原因', 'sub-reason'],
  'reason.category': ['原因分类', 'reason category'],
  'reason.shopFault': ['商家责任', "the shop's fault"],
  'customer.tier': ['客户等级', 'customer tier'],
  'customer.returnCount': ['近{d}天退货次数', 'returns in the last {d} days'],
  'customer.returnRate': ['近{d}天退货率', 'return rate over the last {d} days'],
  'customer.openReturns': ['进行中的退货单', 'open returns'],
  'photos.present': ['已上传照片', 'photos attached'],
  'note.present': ['已填写问题描述', 'description given'],
  'return.amount': ['预计退款金额', 'estimated refund'],
  'return.type': ['售后类型', 'after-sales kind'],
  'return.resolution': ['处理方式', 'resolution'],
};

/** The words for a fact, in zh and en. */
export function factLabel(condition: RuleCondition): [string, string] {
  const [zh, en] = labels[condition.fact];
  const days = 'days' in condition ? String(condition.days) : '';
  return [zh.replace('{d}', days), en.replace('{d}', days)];
}

const opWords: Record<NumberOperator, { yes: [string, string]; no: [string, string] }> = {
  gt: { yes: ['高于', 'above'], no: ['未高于', 'not above'] },
  gte: { yes: ['不低于', 'at least'], no: ['低于', 'below'] },
  lt: { yes: ['低于', 'below'], no: ['不低于', 'not below'] },
  lte: { yes: ['不高于', 'at most'], no: ['高于', 'above'] },
  eq: { yes: ['等于', 'equal to'], no: ['不等于', 'not equal to'] },
};

function compare(actual: number, op: NumberOperator, value: number): boolean {
  switch (op) {
    case 'gt':
      return actual > value;
    case 'gte':
      return actual >= value;
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
    case 'eq':
      return actual === value;
  }
}

function formatNumber(fact: FactCode, n: number): [string, string] {
  if (fact === 'order.amount' || fact === 'line.unitPrice' || fact === 'line.amount' || fact === 'return.amount') return [yuan(n), yuan(n)];
  if (fact === 'customer.returnRate') return [`${Number(n.toFixed(1))}%`, `${Number(n.toFixed(1))}%`];
  if (fact === 'order.daysSinceDelivery') return [`${n}天`, `${n} days`];
  return [String(n), String(n)];
}

function numberFact(facts: RuleFacts, condition: RuleCondition): number | null {
  const { order, customer, request, line } = facts;
  switch (condition.fact) {
    case 'order.amount':
      return order.amount;
    case 'order.daysSinceDelivery':
      return order.daysSinceDelivery;
    case 'line.unitPrice':
      return line?.unitPrice ?? null;
    case 'line.quantity':
      return line?.quantity ?? null;
    case 'line.amount':
      return line?.amount ?? null;
    case 'customer.openReturns':
      return customer?.openReturns ?? null;
    case 'customer.returnCount':
      return customer ? (customer.history[condition.days]?.returns ?? 0) : null;
    case 'customer.returnRate':
      return customer ? returnRatePercent(customer.history[condition.days]) : null;
    case 'return.amount':
      return request.amount;
    default:
      return null;
  }
}

function listFact(facts: RuleFacts, fact: FactCode): readonly string[] | null {
  const { order, customer, request, line } = facts;
  switch (fact) {
    case 'order.channel':
      return order.channel === null ? null : [order.channel];
    case 'order.paymentMethod':
      return order.paymentMethods;
    case 'line.sku':
      return line ? [line.sku] : null;
    case 'line.category':
      return line ? [line.category] : null;
    case 'reason.code':
      return line ? [line.reasonCode] : null;
    case 'reason.subCode':
      return line ? (line.subCode ? [line.subCode] : []) : null;
    case 'reason.category':
      return line ? (line.reasonCategory ? [line.reasonCategory] : []) : null;
    case 'customer.tier':
      return customer ? [customer.tier] : null;
    case 'return.type':
      return [request.type];
    case 'return.resolution':
      return [request.resolution];
    default:
      return null;
  }
}

function flagFact(facts: RuleFacts, fact: FactCode): boolean | null {
  if (!facts.line) return null;
  if (fact === 'photos.present') return facts.line.photos > 0;
  if (fact === 'note.present') return facts.line.hasNote;
  if (fact === 'reason.shopFault') return facts.line.shopFault;
  return null;
}

/** Checks one condition against the facts and says why it holds or not. */
export function checkCondition(condition: RuleCondition, facts: RuleFacts): ConditionCheck {
  const [zh, en] = factLabel(condition);
  switch (condition.op) {
    case 'in':
    case 'not_in': {
      const actual = listFact(facts, condition.fact);
      if (actual === null) return { holds: false, message: `${zh}未知`, messageEn: `${en} unknown` };
      const anyIn = actual.some((v) => condition.values.includes(v));
      const holds = condition.op === 'in' ? anyIn : !anyIn;
      const shown = actual.length === 0 ? '无' : actual.join('、');
      const shownEn = actual.length === 0 ? 'none' : actual.join(', ');
      const list = condition.values.join('、');
      const listEn = condition.values.join(', ');
      return {
        holds,
        message: `${zh}「${shown}」${anyIn ? '属于' : '不属于'}${list}`,
        messageEn: `${en} "${shownEn}" is ${anyIn ? '' : 'not '}one of ${listEn}`,
      };
    }
    case 'is': {
      const actual = flagFact(facts, condition.fact);
      if (actual === null) return { holds: false, message: `${zh}未知`, messageEn: `${en} unknown` };
      return {
        holds: actual === condition.value,
        message: `${zh}：${actual ? '是' : '否'}`,
        messageEn: `${en}: ${actual ? 'yes' : 'no'}`,
      };
    }
    default: {
      const actual = numberFact(facts, condition);
      const [value, valueEn] = formatNumber(condition.fact, condition.value);
      if (actual === null) {
        const why = condition.fact === 'order.daysSinceDelivery' ? ['订单尚未签收', 'not delivered yet'] : [`${zh}未知`, `${en} unknown`];
        return { holds: false, message: why[0] ?? '', messageEn: why[1] ?? '' };
      }
      const holds = compare(actual, condition.op, condition.value);
      const [shown, shownEn] = formatNumber(condition.fact, actual);
      const words = opWords[condition.op][holds ? 'yes' : 'no'];
      return { holds, message: `${zh}${shown}，${words[0]}${value}`, messageEn: `${en} is ${shownEn}, ${words[1]} ${valueEn}` };
    }
  }
}

/** What an outcome does, in words. */
export function describeOutcome(outcome: RuleOutcome): [string, string] {
  switch (outcome.type) {
    case 'not_eligible':
      return [`不可退货：${outcome.message}`, `not eligible: ${outcome.messageEn}`];
    case 'needs_review':
      return ['需客服人工审核', 'needs review by customer service'];
    case 'second_review':
      return ['需两位审核人先后通过（二级审核）', 'needs a second review: two different reviewers must approve'];
    case 'auto_approve':
      return ['自动审核通过', 'approved automatically'];
    case 'require_photos':
      return ['需上传照片', 'photos required'];
    case 'require_comment':
      return ['需填写问题描述', 'a description is required'];
    case 'returnless_refund':
      return ['仅退款，无需寄回商品', 'refund without sending the goods back'];
    case 'refund_on_receipt':
      return ['仓库收货即退款，无需等待检验', 'refund on receipt, before inspection'];
    case 'restocking_fee':
      return [`收取${outcome.percent}%手续费`, `${outcome.percent}% restocking fee`];
    case 'return_shipping':
      return outcome.payer === 'shop' ? ['寄回运费由商家承担', 'the shop pays return shipping'] : ['寄回运费由买家承担', 'the customer pays return shipping'];
  }
}
