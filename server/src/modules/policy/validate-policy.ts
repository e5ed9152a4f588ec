/**
 * Checks a policy beyond its schema: unique codes and ids, rules that name reasons the
 * policy has, and the law of a consumer preset (no restocking fee on no-reason returns).
 */
import type { Policy } from './policy.schema.ts';
import { allReasonCodes } from './reasons.ts';

export type PolicyIssue = { path: string; message: string };

/** Presets under consumer law: a restocking fee on no-reason returns is refused. */
export const consumerPresets: readonly string[] = ['consumer_7day', 'quality_sanbao'];

/**
 * Whether a name is an IANA time zone. Asked of Intl.DateTimeFormat, which takes every name
 * and alias: Node's list of canonical names (Intl.supportedValuesOf) has `Asia/Calcutta`
 * and `Asia/Katmandu`, not the `Asia/Kolkata` and `Asia/Kathmandu` people type.
 */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The problems of a policy; empty when it may be published. */
export function validatePolicy(policy: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const codes = allReasonCodes(policy);
  if (new Set(codes).size !== codes.length) issues.push({ path: 'reasons', message: 'Reason codes must be unique (sub-reasons included)' });
  if (!isTimeZone(policy.timeZone)) {
    issues.push({ path: 'timeZone', message: `Unknown time zone ${policy.timeZone}` });
  }
  const ids = policy.rules.map((r) => r.id);
  if (new Set(ids).size !== ids.length) issues.push({ path: 'rules', message: 'Rule ids must be unique' });
  const known = new Set(codes);
  policy.rules.forEach((rule, i) => {
    rule.conditions.forEach((c, j) => {
      if ((c.fact === 'reason.code' || c.fact === 'reason.subCode') && 'values' in c) {
        const unknown = c.values.filter((v) => !known.has(v));
        if (unknown.length > 0) issues.push({ path: `rules.${i}.conditions.${j}.values`, message: `Unknown reason code ${unknown.join(', ')}` });
      }
    });
  });
  if (policy.shopShippingInsurance && policy.returnShippingDeduction > 0) {
    issues.push({
      path: 'returnShippingDeduction',
      message: '店铺已赠送运费险，不得再从退款中扣除寄回运费 (the shop insures return postage: nothing may be deducted)',
    });
  }
  if (policy.preset && consumerPresets.includes(policy.preset)) {
    const law = '七天无理由退货不得收取手续费 (consumer law: no restocking fee on no-reason returns)';
    if (policy.restockingFeePercent > 0) issues.push({ path: 'restockingFeePercent', message: law });
    policy.rules.forEach((rule, i) => {
      rule.outcomes.forEach((o, j) => {
        if (o.type === 'restocking_fee' && o.percent > 0) issues.push({ path: `rules.${i}.outcomes.${j}.percent`, message: law });
      });
    });
  }
  return issues;
}
