/**
 * The rule engine as pure functions: every condition and outcome, the reason tree, the
 * law's exceptions scope, the process route, validation (consumer presets), presets and
 * the version diff — each decision explained in words.
 */
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../src/db/version-cache.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { type EvaluationInput, evaluateReturn } from '../src/modules/policy/evaluate.ts';
import { Policy } from '../src/modules/policy/policy.schema.ts';
import { diffDocuments } from '../src/modules/policy/policy-diff.ts';
import type { PolicyRule, RuleCondition, RuleOutcome } from '../src/modules/policy/policy-rules.schema.ts';
import { policyPresets } from '../src/modules/policy/presets.ts';
import { allReasonCodes, findReason } from '../src/modules/policy/reasons.ts';
import type { CustomerFacts } from '../src/modules/policy/rule-facts.ts';
import { validatePolicy } from '../src/modules/policy/validate-policy.ts';
import { addableStageTemplates, defaultProcess } from '../src/modules/process/default-process.ts';
import { decideRoute } from '../src/modules/process/process-route.ts';
import { decideReturn } from '../src/workflows/steps/decide-return.ts';

const now = new Date('2026-11-20T04:00:00Z'); // 12:00 in Shanghai
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

const customer = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  tier: 'standard',
  openReturns: 0,
  history: { 90: { returns: 1, returnedUnits: 1, soldUnits: 10 } },
  ...over,
});

function rule(conditions: RuleCondition[], outcomes: RuleOutcome[], over: Partial<PolicyRule> = {}): PolicyRule {
  return { id: 'r1', name: '测试规则', nameEn: 'Test rule', enabled: true, match: 'all', conditions, outcomes, ...over };
}

type Over = Partial<Omit<EvaluationInput, 'policy'>> & { rules?: PolicyRule[]; policy?: Partial<Policy>; line?: Partial<EvaluationInput['lines'][number]> };

function evaluate(o: Over = {}) {
  const policy = Policy.parse({ ...defaultPolicy, ...o.policy, rules: o.rules ?? [] });
  return evaluateReturn({
    policy,
    policyVersion: 3,
    order: o.order ?? {
      deliveredAt: daysAgo(2),
      channel: 'tmall',
      paymentMethods: ['alipay'],
      lines: [
        { id: 'ol1', sku: 'TEE-1', name: 'T恤', category: '服装', returnable: true, quantity: 2, paidAmount: 20_000, valuedQuantity: 0 },
        { id: 'ol2', sku: 'MUG-1', name: '杯子', category: '家居', returnable: true, quantity: 1, paidAmount: 3_000, valuedQuantity: 0 },
      ],
    },
    customer: o.customer === undefined ? customer() : o.customer,
    type: o.type ?? 'return',
    resolution: o.resolution ?? 'refund',
    lines: o.lines ?? [{ orderLineId: 'ol1', quantity: 1, reasonCode: 'no_reason', ...o.line }],
    now,
  });
}

const ruleEntries = (e: ReturnType<typeof evaluate>) => e.rules.filter((r) => r.ruleId === 'r1');
const applies = (conditions: RuleCondition[], o: Over = {}) =>
  ruleEntries(evaluate({ ...o, rules: [rule(conditions, [{ type: 'needs_review' }])] })).some((r) => r.outcome === 'review');

describe('conditions', () => {
  it('order channel, payment method, amount and days since delivery', () => {
    expect(applies([{ fact: 'order.channel', op: 'in', values: ['tmall', 'jd'] }])).toBe(true);
    expect(applies([{ fact: 'order.channel', op: 'not_in', values: ['tmall'] }])).toBe(false);
    expect(applies([{ fact: 'order.paymentMethod', op: 'in', values: ['wechat'] }])).toBe(false);
    expect(applies([{ fact: 'order.paymentMethod', op: 'in', values: ['alipay'] }])).toBe(true);
    expect(applies([{ fact: 'order.amount', op: 'gt', value: 22_999 }])).toBe(true);
    expect(applies([{ fact: 'order.amount', op: 'gt', value: 23_000 }])).toBe(false);
    expect(applies([{ fact: 'order.daysSinceDelivery', op: 'gte', value: 2 }])).toBe(true);
    expect(applies([{ fact: 'order.daysSinceDelivery', op: 'lt', value: 2 }])).toBe(false);
    const undelivered = {
      order: {
        deliveredAt: null,
        lines: [{ id: 'ol1', sku: 'A', name: 'A', category: 'c', returnable: true, quantity: 1, paidAmount: 100, valuedQuantity: 0 }],
      },
    };
    expect(applies([{ fact: 'order.daysSinceDelivery', op: 'gte', value: 0 }], undelivered)).toBe(false);
  });

  it('line SKU, category, unit price, quantity and amount', () => {
    expect(applies([{ fact: 'line.sku', op: 'in', values: ['TEE-1'] }])).toBe(true);
    expect(applies([{ fact: 'line.category', op: 'in', values: ['家居'] }])).toBe(false);
    expect(applies([{ fact: 'line.category', op: 'in', values: ['家居'] }], { line: { orderLineId: 'ol2' } })).toBe(true);
    expect(applies([{ fact: 'line.unitPrice', op: 'eq', value: 10_000 }])).toBe(true);
    expect(applies([{ fact: 'line.quantity', op: 'gte', value: 2 }])).toBe(false);
    expect(applies([{ fact: 'line.quantity', op: 'gte', value: 2 }], { line: { quantity: 2 } })).toBe(true);
    expect(applies([{ fact: 'line.amount', op: 'lte', value: 10_000 }])).toBe(true);
    expect(applies([{ fact: 'return.amount', op: 'gt', value: 10_000 }])).toBe(false);
  });

  it('reason, sub-reason, reason category and shop fault', () => {
    const reasons = [
      ...defaultPolicy.reasons.filter((r) => r.code !== 'quality'),
      { code: 'quality', label: '质量问题', shopFault: true, category: 'quality', children: [{ code: 'quality_broken', label: '破损' }] },
    ];
    const sub = { policy: { reasons }, line: { reasonCode: 'quality_broken' } };
    expect(applies([{ fact: 'reason.code', op: 'in', values: ['quality'] }], sub)).toBe(true);
    expect(applies([{ fact: 'reason.subCode', op: 'in', values: ['quality_broken'] }], sub)).toBe(true);
    expect(applies([{ fact: 'reason.subCode', op: 'in', values: ['quality_broken'] }], { policy: { reasons }, line: { reasonCode: 'quality' } })).toBe(false);
    expect(applies([{ fact: 'reason.category', op: 'in', values: ['quality'] }], sub)).toBe(true);
    expect(applies([{ fact: 'reason.shopFault', op: 'is', value: true }], sub)).toBe(true);
    expect(applies([{ fact: 'reason.shopFault', op: 'is', value: true }])).toBe(false);
  });

  it('customer tier, return count and rate over N days, open returns', () => {
    const risky = customer({
      tier: 'vip',
      openReturns: 3,
      history: { 90: { returns: 4, returnedUnits: 4, soldUnits: 10 }, 30: { returns: 1, returnedUnits: 1, soldUnits: 2 } },
    });
    expect(applies([{ fact: 'customer.tier', op: 'in', values: ['vip'] }], { customer: risky })).toBe(true);
    expect(applies([{ fact: 'customer.returnRate', op: 'gt', value: 30, days: 90 }], { customer: risky })).toBe(true);
    expect(applies([{ fact: 'customer.returnRate', op: 'gt', value: 30, days: 90 }])).toBe(false);
    expect(applies([{ fact: 'customer.returnRate', op: 'gte', value: 50, days: 30 }], { customer: risky })).toBe(true);
    expect(applies([{ fact: 'customer.returnCount', op: 'gte', value: 4, days: 90 }], { customer: risky })).toBe(true);
    expect(applies([{ fact: 'customer.openReturns', op: 'gt', value: 2 }], { customer: risky })).toBe(true);
    // Unknown customer: a customer condition cannot hold.
    expect(applies([{ fact: 'customer.openReturns', op: 'gte', value: 0 }], { customer: null })).toBe(false);
  });

  it('photos and a description present; after-sales kind and resolution', () => {
    expect(applies([{ fact: 'photos.present', op: 'is', value: true }])).toBe(false);
    expect(applies([{ fact: 'photos.present', op: 'is', value: true }], { line: { photos: 2 } })).toBe(true);
    expect(applies([{ fact: 'note.present', op: 'is', value: true }], { line: { note: '坏了' } })).toBe(true);
    expect(applies([{ fact: 'return.type', op: 'in', values: ['refund_only'] }], { type: 'refund_only' })).toBe(true);
    expect(applies([{ fact: 'return.resolution', op: 'in', values: ['exchange'] }])).toBe(false);
  });

  it('all or any of the conditions; no conditions applies to every return', () => {
    const both: RuleCondition[] = [
      { fact: 'order.channel', op: 'in', values: ['jd'] },
      { fact: 'line.sku', op: 'in', values: ['TEE-1'] },
    ];
    expect(applies(both)).toBe(false);
    expect(ruleEntries(evaluate({ rules: [rule(both, [{ type: 'needs_review' }], { match: 'any' })] }))[0]?.outcome).toBe('review');
    expect(ruleEntries(evaluate({ rules: [rule([], [{ type: 'needs_review' }])] }))[0]?.outcome).toBe('review');
  });
});

describe('outcomes', () => {
  it('not eligible: the customer reads the rule message, per line', () => {
    const e = evaluate({
      rules: [
        rule(
          [{ fact: 'line.category', op: 'in', values: ['服装'] }],
          [{ type: 'not_eligible', message: '内衣类商品不退', messageEn: 'Underwear cannot be returned' }],
        ),
      ],
    });
    expect(e.eligible).toBe(false);
    expect(e.lines[0]?.violations).toEqual([{ rule: 'shop_rule:r1', message: '内衣类商品不退', messageEn: 'Underwear cannot be returned' }]);
    expect(e.rules.find((r) => r.outcome === 'fail')).toMatchObject({ orderLineId: 'ol1', ruleId: 'r1', message: '内衣类商品不退' });
  });

  it('needs review overrides auto-approval; auto-approve approves when auto-approval is off', () => {
    const on = { policy: { autoApprove: { enabled: true, maxAmount: null } } };
    expect(evaluate(on).outcome).toBe('approved');
    const reviewed = evaluate({ ...on, rules: [rule([], [{ type: 'needs_review' }])] });
    expect(reviewed.outcome).toBe('pending_review');
    expect(reviewed.rules.find((r) => r.rule === 'auto_approve')?.message).toContain('测试规则');
    const approved = evaluate({
      rules: [rule([{ fact: 'customer.tier', op: 'in', values: ['vip'] }], [{ type: 'auto_approve' }])],
      customer: customer({ tier: 'vip' }),
    });
    expect(approved.outcome).toBe('approved');
    expect(approved.rules.find((r) => r.rule === 'auto_approve')).toMatchObject({ outcome: 'approve' });
  });

  it('second review: pending, and the route asks for two reviewers', () => {
    const e = evaluate({
      rules: [rule([{ fact: 'customer.returnRate', op: 'gt', value: 30, days: 90 }], [{ type: 'second_review' }])],
      customer: customer({ history: { 90: { returns: 2, returnedUnits: 2, soldUnits: 4 } } }),
    });
    expect(e.secondReview).toBe(true);
    expect(e.outcome).toBe('pending_review');
    expect(ruleEntries(e)[0]?.message).toBe('规则「测试规则」适用（近90天退货率50%，高于30%）：需两位审核人先后通过（二级审核）');
    expect(ruleEntries(e)[0]?.messageEn).toContain('return rate over the last 90 days is 50%, above 30%');
  });

  it('require photos / comment: reviewed until given, satisfied when present', () => {
    const photos = [rule([], [{ type: 'require_photos' }, { type: 'require_comment' }])];
    const missing = evaluate({ rules: photos, policy: { autoApprove: { enabled: true, maxAmount: null } } });
    expect(missing.outcome).toBe('pending_review');
    expect(missing.lines[0]?.terms.requires).toEqual(['photo', 'note']);
    expect(ruleEntries(missing)[0]?.message).toContain('未上传照片');
    const given = evaluate({ rules: photos, policy: { autoApprove: { enabled: true, maxAmount: null } }, line: { photos: 1, note: '拉链坏了' } });
    expect(given.outcome).toBe('approved');
    expect(given.lines[0]?.terms.requires).toEqual([]);
  });

  it('returnless refund and refund on receipt when every line gets them', () => {
    const keep = evaluate({
      rules: [rule([{ fact: 'line.unitPrice', op: 'lte', value: 5_000 }], [{ type: 'returnless_refund' }])],
      line: { orderLineId: 'ol2' },
    });
    expect(keep.returnless).toBe(true);
    const mixed = evaluate({
      rules: [rule([{ fact: 'line.unitPrice', op: 'lte', value: 5_000 }], [{ type: 'returnless_refund' }])],
      lines: [
        { orderLineId: 'ol1', quantity: 1, reasonCode: 'no_reason' },
        { orderLineId: 'ol2', quantity: 1, reasonCode: 'no_reason' },
      ],
    });
    expect(mixed.returnless).toBe(false);
    const trusted = evaluate({
      rules: [rule([{ fact: 'customer.tier', op: 'in', values: ['vip'] }], [{ type: 'refund_on_receipt' }])],
      customer: customer({ tier: 'vip' }),
    });
    expect(trusted.refundOnReceipt).toBe(true);
    expect(evaluate().refundOnReceipt).toBe(false);
  });

  it('restocking fee by reason (never on the shop’s fault nor on a 7-day no-reason return); the first rule that sets it wins', () => {
    const policy = { reasons: [...defaultPolicy.reasons, { code: 'changed_mind', label: '不想要了', shopFault: false }], restockingFeePercent: 5 };
    const rules = [
      rule([{ fact: 'reason.code', op: 'in', values: ['changed_mind'] }], [{ type: 'restocking_fee', percent: 10 }]),
      rule([], [{ type: 'restocking_fee', percent: 50 }], { id: 'r2', name: '其他' }),
    ];
    const e = evaluate({ policy, rules, line: { reasonCode: 'changed_mind' } });
    expect(e.lines[0]).toMatchObject({ estimatedValue: 10_000, estimatedFee: 1_000, terms: { feePercent: 10 } });
    expect(e.estimatedRefund).toBe(9_000);
    const plain = evaluate({ policy, line: { reasonCode: 'changed_mind' } });
    expect(plain.lines[0]).toMatchObject({ estimatedFee: 500, terms: { feePercent: 5 } });
    for (const reasonCode of ['quality', 'no_reason']) {
      const waived = evaluate({ policy, rules, line: { reasonCode } });
      expect(waived.lines[0], reasonCode).toMatchObject({ estimatedFee: 0, terms: { feePercent: 0 } });
    }
  });

  it('return shipping: the shop for its faults, the policy for no-reason returns, a rule above both', () => {
    expect(evaluate().lines[0]?.terms.shippingPaidBy).toBe('customer');
    expect(evaluate().rules.find((r) => r.rule === 'return_shipping')?.message).toContain('买家承担');
    expect(evaluate({ line: { reasonCode: 'wrong_item' } }).lines[0]?.terms.shippingPaidBy).toBe('shop');
    const free = evaluate({
      rules: [rule([{ fact: 'customer.tier', op: 'in', values: ['vip'] }], [{ type: 'return_shipping', payer: 'shop' }])],
      customer: customer({ tier: 'vip' }),
    });
    expect(free.lines[0]?.terms.shippingPaidBy).toBe('shop');
  });

  it('a disabled rule is not evaluated; a rule that does not apply says why', () => {
    expect(ruleEntries(evaluate({ rules: [rule([], [{ type: 'needs_review' }], { enabled: false })] }))).toEqual([]);
    const entry = ruleEntries(evaluate({ rules: [rule([{ fact: 'order.amount', op: 'gt', value: 50_000 }], [{ type: 'needs_review' }])] }))[0];
    expect(entry).toMatchObject({ outcome: 'pass', message: '规则「测试规则」不适用：订单金额¥230.00，未高于¥500.00' });
  });
});

describe('reasons and the law', () => {
  it('a sub-reason takes its parent’s shop fault and window', () => {
    const reasons = [...defaultPolicy.reasons.slice(0, 1), { ...defaultPolicy.reasons[1], children: [{ code: 'quality_broken', label: '破损' }] }];
    const policy = Policy.parse({ ...defaultPolicy, reasons });
    expect(findReason(policy, 'quality_broken')).toMatchObject({ shopFault: true, requiresPhoto: true, parentCode: 'quality' });
    const e = evaluate({
      policy: { reasons: reasons as Policy['reasons'] },
      order: {
        deliveredAt: daysAgo(12),
        lines: [{ id: 'ol1', sku: 'A', name: 'A', category: '服装', returnable: true, quantity: 1, paidAmount: 100, valuedQuantity: 0 }],
      },
      resolution: 'exchange',
      line: { reasonCode: 'quality_broken' },
    });
    expect(e.eligible).toBe(true);
  });

  it('resolves reasons alike in a policy in force (frozen, resolved once) and in a draft that may still change', () => {
    const reasons = [
      { ...defaultPolicy.reasons[0], children: [{ code: 'dup', label: '先出现' }] },
      { ...defaultPolicy.reasons[1], children: [{ code: 'quality_broken', label: '破损', shopFault: false }] },
      { code: 'dup', label: '后出现', shopFault: true },
    ];
    const draft = Policy.parse({ ...defaultPolicy, reasons });
    const inForce = deepFreeze(Policy.parse({ ...defaultPolicy, reasons }));
    const codes = [...allReasonCodes(draft), 'unknown_code'];
    expect(allReasonCodes(inForce)).toEqual(allReasonCodes(draft));
    for (const code of codes) expect(findReason(inForce, code)).toEqual(findReason(draft, code));
    // A code listed twice resolves to its first place; a sub-reason's own setting wins over its parent's.
    expect(findReason(inForce, 'dup')).toMatchObject({ label: '先出现', parentCode: defaultPolicy.reasons[0]?.code });
    expect(findReason(inForce, 'quality_broken')).toMatchObject({ shopFault: false, parentCode: 'quality' });
    expect(findReason(inForce, 'unknown_code')).toEqual({ code: 'unknown_code', label: 'unknown_code', shopFault: false, parentCode: null });
    // A draft edited after a lookup answers from its new tree.
    draft.reasons.push({ code: 'late', label: '新增', shopFault: false } as never);
    expect(findReason(draft, 'late').label).toBe('新增');
  });

  it('non-returnable categories refuse every reason by default, or only no-reason returns when set', () => {
    const fresh = {
      deliveredAt: daysAgo(1),
      lines: [{ id: 'ol1', sku: 'F', name: '草莓', category: '生鲜食品', returnable: true, quantity: 1, paidAmount: 5_000, valuedQuantity: 0 }],
    };
    expect(evaluate({ order: fresh, line: { reasonCode: 'quality' } }).eligible).toBe(false);
    const lawful = evaluate({ order: fresh, policy: { nonReturnableScope: 'no_reason_only' }, line: { reasonCode: 'quality' } });
    expect(lawful.eligible).toBe(true);
    expect(lawful.rules.find((r) => r.rule === 'category_returnable')?.message).toContain('商家责任');
    expect(evaluate({ order: fresh, policy: { nonReturnableScope: 'no_reason_only' } }).eligible).toBe(false);
  });

  it('the default policy decides as before: no shop rules, the statutory checks and auto-approval', () => {
    const e = evaluate();
    expect(e.rules.map((r) => r.rule)).toEqual(['product_returnable', 'category_returnable', 'return_window', 'return_shipping', 'auto_approve']);
    expect(e).toMatchObject({ eligible: true, outcome: 'pending_review', returnless: false, refundOnReceipt: false, secondReview: false });
  });
});

describe('the process route', () => {
  const process = (stages = defaultProcess.stages) => ({ ...defaultProcess, stages, version: 4 });

  it('is plain under the default process', () => {
    expect(decideRoute({ process: process(), estimatedRefund: 90_000, secondReviewByRule: false, goodsComeBack: true })).toEqual({
      route: { processVersion: 4, approvalsRequired: 1, inspection: true, financeApprovalAbove: null },
      rules: [],
    });
  });

  it('skips inspection when it is off, or for returns at most its amount', () => {
    const off = process(defaultProcess.stages.map((s) => (s.code === 'inspection' ? { ...s, enabled: false } : s)));
    expect(decideRoute({ process: off, estimatedRefund: 100, secondReviewByRule: false, goodsComeBack: true }).route.inspection).toBe(false);
    const above = process(defaultProcess.stages.map((s) => (s.code === 'inspection' ? { ...s, minAmount: 10_000 } : s)));
    const small = decideRoute({ process: above, estimatedRefund: 8_000, secondReviewByRule: false, goodsComeBack: true });
    expect(small.route.inspection).toBe(false);
    expect(small.rules[0]?.message).toContain('免检验');
    expect(decideRoute({ process: above, estimatedRefund: 12_000, secondReviewByRule: false, goodsComeBack: true }).route.inspection).toBe(true);
  });

  it('adds a second review above an amount and a finance approval above its amount', () => {
    const added = process([...defaultProcess.stages, { ...addableStageTemplates.second_review, minAmount: 50_000 }, addableStageTemplates.finance_approval]);
    const big = decideRoute({ process: added, estimatedRefund: 60_000, secondReviewByRule: false, goodsComeBack: true });
    expect(big.route).toMatchObject({ approvalsRequired: 2, financeApprovalAbove: 50_000 });
    expect(big.rules.map((r) => r.rule)).toEqual(['process_second_review', 'process_finance_approval']);
    expect(decideRoute({ process: added, estimatedRefund: 40_000, secondReviewByRule: false, goodsComeBack: true }).route.approvalsRequired).toBe(1);
  });

  it('never auto-approves a return that needs two reviewers', () => {
    const policy = Policy.parse({ ...defaultPolicy, autoApprove: { enabled: true, maxAmount: null } });
    const withSecond = process([...defaultProcess.stages, { ...addableStageTemplates.second_review, minAmount: null }]);
    const decided = decideReturn({
      policy,
      policyVersion: 1,
      process: withSecond,
      order: {
        deliveredAt: daysAgo(1),
        lines: [{ id: 'ol1', sku: 'A', name: 'A', category: '服装', returnable: true, quantity: 1, paidAmount: 100, valuedQuantity: 0 }],
      },
      customer: null,
      type: 'return',
      resolution: 'refund',
      lines: [{ orderLineId: 'ol1', quantity: 1, reasonCode: 'no_reason' }],
      now,
    });
    expect(decided.outcome).toBe('pending_review');
    expect(decided.route.approvalsRequired).toBe(2);
    expect(decided.rules.at(-1)).toMatchObject({ rule: 'auto_approve', outcome: 'review' });
  });
});

describe('validation, presets and versions', () => {
  it('a consumer preset refuses a restocking fee on no-reason returns; a custom policy allows it', () => {
    const consumer = { ...defaultPolicy, preset: 'consumer_7day' as const };
    expect(validatePolicy({ ...consumer, restockingFeePercent: 5 })).toEqual([expect.objectContaining({ path: 'restockingFeePercent' })]);
    expect(validatePolicy({ ...consumer, rules: [rule([], [{ type: 'restocking_fee', percent: 10 }])] })[0]?.path).toBe('rules.0.outcomes.0.percent');
    expect(validatePolicy({ ...defaultPolicy, restockingFeePercent: 5 })).toEqual([]);
    expect(
      validatePolicy({ ...defaultPolicy, rules: [rule([{ fact: 'reason.code', op: 'in', values: ['bored'] }], [{ type: 'needs_review' }])] })[0]?.message,
    ).toContain('bored');
  });

  it('takes every IANA time zone name people type, the current names and the old ones, and refuses others', () => {
    for (const timeZone of ['Asia/Shanghai', 'UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Asia/Kathmandu', 'Asia/Katmandu', 'America/Argentina/Buenos_Aires']) {
      expect(validatePolicy({ ...defaultPolicy, timeZone }), timeZone).toEqual([]);
    }
    for (const timeZone of ['Mars/Olympus_Mons', 'Beijing', 'Asia/Shanghai2']) {
      expect(validatePolicy({ ...defaultPolicy, timeZone }), timeZone).toEqual([expect.objectContaining({ path: 'timeZone' })]);
    }
  });

  it('every preset is a valid policy; B2B refuses no-reason returns, the 7-day preset excepts the law’s goods for no-reason returns only', () => {
    for (const preset of policyPresets) {
      expect(Policy.safeParse(preset.policy).success, preset.code).toBe(true);
      expect(validatePolicy(preset.policy), preset.code).toEqual([]);
    }
    const b2b = policyPresets.find((p) => p.code === 'b2b_wholesale')?.policy ?? defaultPolicy;
    const refused = evaluate({ policy: b2b, rules: b2b.rules });
    expect(refused.eligible).toBe(false);
    expect(refused.lines[0]?.violations[0]?.message).toContain('批发');
    const consumer = policyPresets.find((p) => p.code === 'consumer_7day')?.policy ?? defaultPolicy;
    expect(consumer.nonReturnableCategories).toEqual(expect.arrayContaining(['定制商品', '生鲜食品', '数字内容', '音像制品', '报纸期刊']));
    expect(consumer.nonReturnableScope).toBe('no_reason_only');
  });

  it('diffs two versions field by field, rules by id', () => {
    const before = { ...defaultPolicy, rules: [rule([], [{ type: 'needs_review' }])] };
    const after = {
      ...defaultPolicy,
      returnWindowDays: 10,
      rules: [rule([], [{ type: 'second_review' }]), rule([], [{ type: 'auto_approve' }], { id: 'r2' })],
    };
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => c.path)).toEqual(['returnWindowDays', 'rules[r1].outcomes', 'rules[r2]']);
    expect(changes[0]).toEqual({ path: 'returnWindowDays', before: 7, after: 10 });
  });
});
