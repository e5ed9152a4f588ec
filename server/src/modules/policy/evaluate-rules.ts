/**
 * The shop's own rules, applied in order: each rule is checked once per line when it
 * speaks about lines (product, reason, photos), else once for the whole request; every
 * check is written into the decision in words, whether the rule applied or not.
 */

import type { DecisionRule } from './policy.schema.ts';
import type { PolicyRule, RuleOutcome, ShippingPayer } from './policy-rules.schema.ts';
import { isLineRule } from './policy-rules.schema.ts';
import { type ConditionCheck, checkCondition, describeOutcome, type LineFacts, type RuleFacts } from './rule-facts.ts';

/** What the rules decided for one line. */
export type LineEffects = {
  notEligible: { rule: string; message: string; messageEn: string }[];
  /** Names of the rules that send the request to a person. */
  review: string[];
  secondReview: boolean;
  autoApprove: string[];
  requires: ('photo' | 'note')[];
  returnless: boolean;
  refundOnReceipt: boolean;
  /** The first applying rule's fee and shipping payer win; null: the policy's defaults. */
  feePercent: number | null;
  shippingPaidBy: ShippingPayer | null;
};

export type RulesInput = {
  rules: readonly PolicyRule[];
  facts: Omit<RuleFacts, 'line'>;
  lines: readonly { orderLineId: string; facts: LineFacts }[];
};

const emptyEffects = (): LineEffects => ({
  notEligible: [],
  review: [],
  secondReview: false,
  autoApprove: [],
  requires: [],
  returnless: false,
  refundOnReceipt: false,
  feePercent: null,
  shippingPaidBy: null,
});

function matches(rule: PolicyRule, facts: RuleFacts): { applies: boolean; checks: ConditionCheck[] } {
  const checks = rule.conditions.map((c) => checkCondition(c, facts));
  if (checks.length === 0) return { applies: true, checks };
  const applies = rule.match === 'all' ? checks.every((c) => c.holds) : checks.some((c) => c.holds);
  return { applies, checks };
}

/** Applies one outcome to a line; returns the requirement the line does not meet, if any. */
function applyOutcome(effects: LineEffects, outcome: RuleOutcome, rule: PolicyRule, line: LineFacts): 'photo' | 'note' | null {
  switch (outcome.type) {
    case 'not_eligible':
      effects.notEligible.push({ rule: `shop_rule:${rule.id}`, message: outcome.message, messageEn: outcome.messageEn });
      return null;
    case 'needs_review':
      effects.review.push(rule.name);
      return null;
    case 'second_review':
      effects.review.push(rule.name);
      effects.secondReview = true;
      return null;
    case 'auto_approve':
      effects.autoApprove.push(rule.name);
      return null;
    case 'require_photos':
      if (line.photos > 0) return null;
      if (!effects.requires.includes('photo')) effects.requires.push('photo');
      effects.review.push(rule.name);
      return 'photo';
    case 'require_comment':
      if (line.hasNote) return null;
      if (!effects.requires.includes('note')) effects.requires.push('note');
      effects.review.push(rule.name);
      return 'note';
    case 'returnless_refund':
      effects.returnless = true;
      return null;
    case 'refund_on_receipt':
      effects.refundOnReceipt = true;
      return null;
    case 'restocking_fee':
      effects.feePercent ??= outcome.percent;
      return null;
    case 'return_shipping':
      effects.shippingPaidBy ??= outcome.payer;
      return null;
  }
}

function explain(rule: PolicyRule, applies: boolean, checks: ConditionCheck[], missing: Set<'photo' | 'note'>): Omit<DecisionRule, 'orderLineId'> {
  const base = { rule: `shop_rule:${rule.id}`, ruleId: rule.id };
  const name = rule.name;
  const nameEn = rule.nameEn || rule.name;
  if (!applies) {
    const why = rule.match === 'all' ? checks.filter((c) => !c.holds) : checks;
    return {
      ...base,
      outcome: 'pass',
      message: `规则「${name}」不适用：${why.map((c) => c.message).join('；')}`,
      messageEn: `Rule "${nameEn}" does not apply: ${why.map((c) => c.messageEn).join('; ')}`,
    };
  }
  const refusal = rule.outcomes.find((o) => o.type === 'not_eligible');
  if (refusal) return { ...base, outcome: 'fail', message: refusal.message, messageEn: refusal.messageEn };
  const held = checks.filter((c) => c.holds);
  const because = held.length > 0 ? `（${held.map((c) => c.message).join('，')}）` : '';
  const becauseEn = held.length > 0 ? ` (${held.map((c) => c.messageEn).join(', ')})` : '';
  const words = rule.outcomes.map(describeOutcome);
  const lacking = [...missing].map((m) =>
    m === 'photo' ? ['未上传照片，转人工审核', 'no photo yet: a person reviews it'] : ['未填写描述，转人工审核', 'no description yet: a person reviews it'],
  );
  const review = rule.outcomes.some((o) => o.type === 'needs_review' || o.type === 'second_review') || missing.size > 0;
  const approve = rule.outcomes.some((o) => o.type === 'auto_approve');
  return {
    ...base,
    outcome: review ? 'review' : approve ? 'approve' : 'info',
    message: `规则「${name}」适用${because}：${[...words.map((w) => w[0]), ...lacking.map((l) => l[0])].join('，')}`,
    messageEn: `Rule "${nameEn}" applies${becauseEn}: ${[...words.map((w) => w[1]), ...lacking.map((l) => l[1])].join(', ')}`,
  };
}

/** Applies the enabled rules in order; the effects per line and the explanation of every rule checked. */
export function applyShopRules(input: RulesInput): { effects: Map<string, LineEffects>; rules: DecisionRule[] } {
  const effects = new Map(input.lines.map((l) => [l.orderLineId, emptyEffects()]));
  const explained: DecisionRule[] = [];
  for (const rule of input.rules) {
    if (!rule.enabled) continue;
    if (isLineRule(rule.conditions)) {
      for (const line of input.lines) {
        const { applies, checks } = matches(rule, { ...input.facts, line: line.facts });
        const missing = new Set<'photo' | 'note'>();
        const lineEffects = effects.get(line.orderLineId);
        if (applies && lineEffects) {
          for (const outcome of rule.outcomes) {
            const lacking = applyOutcome(lineEffects, outcome, rule, line.facts);
            if (lacking) missing.add(lacking);
          }
        }
        explained.push({ ...explain(rule, applies, checks, missing), orderLineId: line.orderLineId });
      }
    } else {
      const { applies, checks } = matches(rule, { ...input.facts, line: null });
      const missing = new Set<'photo' | 'note'>();
      if (applies) {
        for (const line of input.lines) {
          const lineEffects = effects.get(line.orderLineId);
          if (!lineEffects) continue;
          for (const outcome of rule.outcomes) {
            const lacking = applyOutcome(lineEffects, outcome, rule, line.facts);
            if (lacking) missing.add(lacking);
          }
        }
      }
      const entry = explain(rule, applies, checks, missing);
      // A refusal names each line it refuses, as the contract's not_eligible details do.
      if (entry.outcome === 'fail') explained.push(...input.lines.map((l) => ({ ...entry, orderLineId: l.orderLineId })));
      else explained.push(entry);
    }
  }
  return { effects, rules: explained };
}
