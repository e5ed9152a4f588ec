/** What the rule editor offers: facts in groups, operators by kind, outcomes, new rules and conditions, rule templates. */

import type { OutcomeType } from '@server/modules/policy/policy-rules.schema.ts';
import { type FactCode, factCodes, factInfo } from '@server/modules/policy/policy-rules.schema.ts';
import type { PolicyRule, RuleCondition, RuleOutcome } from '../../api/policy-types.ts';

export { factCodes, factInfo };

export const factGroups: { group: string; facts: FactCode[] }[] = [
  { group: 'order', facts: ['order.channel', 'order.paymentMethod', 'order.amount', 'order.daysSinceDelivery'] },
  { group: 'line', facts: ['line.sku', 'line.category', 'line.unitPrice', 'line.quantity', 'line.amount'] },
  { group: 'reason', facts: ['reason.code', 'reason.subCode', 'reason.category', 'reason.shopFault'] },
  { group: 'customer', facts: ['customer.tier', 'customer.returnCount', 'customer.returnRate', 'customer.openReturns'] },
  { group: 'evidence', facts: ['photos.present', 'note.present'] },
  { group: 'request', facts: ['return.amount', 'return.type', 'return.resolution'] },
];

export const numberOps = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export const listOps = ['in', 'not_in'] as const;

export const outcomeTypes: OutcomeType[] = [
  'not_eligible',
  'needs_review',
  'second_review',
  'auto_approve',
  'require_photos',
  'require_comment',
  'returnless_refund',
  'refund_on_receipt',
  'restocking_fee',
  'return_shipping',
];

export const reasonCategories = ['quality', 'wrong_item', 'size_fit', 'changed_mind', 'transit_damage', 'description', 'other'];

/** A fresh condition of a fact, with a sensible first value. */
export function newCondition(fact: FactCode): RuleCondition {
  const info = factInfo[fact];
  if (info.kind === 'list') return { fact, op: 'in', values: [] } as unknown as RuleCondition;
  if (info.kind === 'flag') return { fact, op: 'is', value: true } as RuleCondition;
  if (info.kind === 'window') return { fact, op: 'gt', value: fact === 'customer.returnRate' ? 30 : 3, days: 90 } as RuleCondition;
  return { fact, op: 'gt', value: info.unit === 'money' ? 50_000 : 1 } as RuleCondition;
}

/** A fresh outcome of a type. */
export function newOutcome(type: OutcomeType): RuleOutcome {
  switch (type) {
    case 'not_eligible':
      return { type, message: '', messageEn: '' };
    case 'restocking_fee':
      return { type, percent: 10 };
    case 'return_shipping':
      return { type, payer: 'shop' };
    default:
      return { type } as RuleOutcome;
  }
}

/** An id no rule of the list has. */
export function newRuleId(taken: readonly { id: string }[], prefix = 'rule'): string {
  let n = taken.length + 1;
  while (taken.some((r) => r.id === `${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

export function newRule(taken: readonly PolicyRule[], name: string): PolicyRule {
  return { id: newRuleId(taken), name, enabled: true, match: 'all', conditions: [], outcomes: [{ type: 'needs_review' }] };
}

/** Rules a shop commonly starts from (names come from i18n keys of the same code). */
export const ruleTemplates: { code: string; rule: Omit<PolicyRule, 'id' | 'name' | 'nameEn'> }[] = [
  {
    code: 'highRate',
    rule: { enabled: true, match: 'all', conditions: [{ fact: 'customer.returnRate', op: 'gt', value: 30, days: 90 }], outcomes: [{ type: 'second_review' }] },
  },
  {
    code: 'vipFast',
    rule: {
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'customer.tier', op: 'in', values: ['vip'] }],
      outcomes: [{ type: 'auto_approve' }, { type: 'refund_on_receipt' }],
    },
  },
  {
    code: 'cheapKeep',
    rule: { enabled: true, match: 'all', conditions: [{ fact: 'line.unitPrice', op: 'lte', value: 2_000 }], outcomes: [{ type: 'returnless_refund' }] },
  },
  {
    code: 'qualityPhotos',
    rule: {
      enabled: true,
      match: 'all',
      conditions: [{ fact: 'reason.shopFault', op: 'is', value: true }],
      outcomes: [{ type: 'require_photos' }, { type: 'return_shipping', payer: 'shop' }],
    },
  },
];
