/** Whether an automation's conditions hold for a return (pure): return-level facts once, line facts on any line. */
import { isLineRule, type PolicyRule } from '../policy/policy-rules.schema.ts';
import { type ConditionCheck, checkCondition, type LineFacts, type RuleFacts } from '../policy/rule-facts.ts';
import type { Automation } from './process.schema.ts';

export type AutomationFacts = { facts: Omit<RuleFacts, 'line'>; lines: readonly LineFacts[] };

function check(conditions: PolicyRule['conditions'], match: 'all' | 'any', facts: RuleFacts): { applies: boolean; checks: ConditionCheck[] } {
  const checks = conditions.map((c) => checkCondition(c, facts));
  if (checks.length === 0) return { applies: true, checks };
  return { applies: match === 'all' ? checks.every((c) => c.holds) : checks.some((c) => c.holds), checks };
}

/** Whether the automation applies; with the checks that decided it (of the first line that matched, for line conditions). */
export function matchAutomation(automation: Automation, input: AutomationFacts): { applies: boolean; checks: ConditionCheck[] } {
  if (!isLineRule(automation.conditions)) return check(automation.conditions, automation.match, { ...input.facts, line: null });
  let last: { applies: boolean; checks: ConditionCheck[] } = { applies: false, checks: [] };
  for (const line of input.lines) {
    last = check(automation.conditions, automation.match, { ...input.facts, line });
    if (last.applies) return last;
  }
  return last;
}
