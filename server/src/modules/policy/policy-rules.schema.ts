/**
 * Rules as data: conditions picked from a fixed list of facts (no expressions typed by
 * anyone), and outcomes picked from a fixed list. Shared by the policy rules, the
 * process automations, the evaluator and the console's editor.
 */
import { z } from 'zod';

/** Facts compared with a list of values (any of / none of). */
export const ListFact = z.enum([
  'order.channel',
  'order.paymentMethod',
  'line.sku',
  'line.category',
  'reason.code',
  'reason.subCode',
  'reason.category',
  'customer.tier',
  'return.type',
  'return.resolution',
]);
export type ListFact = z.infer<typeof ListFact>;

/** Facts compared with a number (money in fen, days, units). */
export const NumberFact = z.enum([
  'order.amount',
  'order.daysSinceDelivery',
  'line.unitPrice',
  'line.quantity',
  'line.amount',
  'customer.openReturns',
  'return.amount',
]);
export type NumberFact = z.infer<typeof NumberFact>;

/** Customer history over the last N days: a count, or a rate in percent. */
export const WindowFact = z.enum(['customer.returnCount', 'customer.returnRate']);
export type WindowFact = z.infer<typeof WindowFact>;

/** Facts that are true or false. */
export const FlagFact = z.enum(['photos.present', 'note.present', 'reason.shopFault']);
export type FlagFact = z.infer<typeof FlagFact>;

export const NumberOperator = z.enum(['gt', 'gte', 'lt', 'lte', 'eq']);
export type NumberOperator = z.infer<typeof NumberOperator>;

const Value = z.string().trim().min(1).max(80);

export const ListCondition = z.object({ fact: ListFact, op: z.enum(['in', 'not_in']), values: z.array(Value).min(1).max(200) });
export const NumberCondition = z.object({ fact: NumberFact, op: NumberOperator, value: z.number().min(0).max(1e12) });
export const WindowCondition = z.object({ fact: WindowFact, op: NumberOperator, value: z.number().min(0).max(1e9), days: z.number().int().min(1).max(3650) });
export const FlagCondition = z.object({ fact: FlagFact, op: z.literal('is'), value: z.boolean() });

export const RuleCondition = z.discriminatedUnion('fact', [ListCondition, NumberCondition, WindowCondition, FlagCondition]);
export type RuleCondition = z.infer<typeof RuleCondition>;

export type FactCode = RuleCondition['fact'];

export const ShippingPayer = z.enum(['shop', 'customer']);
export type ShippingPayer = z.infer<typeof ShippingPayer>;

export const RuleOutcome = z.discriminatedUnion('type', [
  /** The line may not be returned; the customer reads the message. */
  z.object({ type: z.literal('not_eligible'), message: z.string().trim().min(1).max(200), messageEn: z.string().trim().min(1).max(300) }),
  /** A person reviews the request (no auto-approval). */
  z.object({ type: z.literal('needs_review') }),
  /** Two different reviewers must approve. */
  z.object({ type: z.literal('second_review') }),
  /** Approved without a person (unless another rule asks for review). */
  z.object({ type: z.literal('auto_approve') }),
  z.object({ type: z.literal('require_photos') }),
  z.object({ type: z.literal('require_comment') }),
  /** Keep the item: refunded without sending it back. */
  z.object({ type: z.literal('returnless_refund') }),
  /** Paid as soon as the goods arrive, before inspection. */
  z.object({ type: z.literal('refund_on_receipt') }),
  z.object({ type: z.literal('restocking_fee'), percent: z.number().min(0).max(100) }),
  z.object({ type: z.literal('return_shipping'), payer: ShippingPayer }),
]);
export type RuleOutcome = z.infer<typeof RuleOutcome>;
export type OutcomeType = RuleOutcome['type'];

export const RuleId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -');

export const PolicyRule = z.object({
  id: RuleId,
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(80).optional(),
  enabled: z.boolean(),
  /** all: every condition must hold; any: one is enough. No conditions: always applies. */
  match: z.enum(['all', 'any']),
  conditions: z.array(RuleCondition).max(20),
  outcomes: z.array(RuleOutcome).min(1).max(10),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

export type FactKind = 'list' | 'number' | 'window' | 'flag';
export type FactUnit = 'money' | 'days' | 'units' | 'count' | 'percent' | 'none';

/** What the editor needs to know of each fact: its kind, whether it is about a line, its unit. */
export const factInfo: Record<FactCode, { kind: FactKind; line: boolean; unit: FactUnit }> = {
  'order.channel': { kind: 'list', line: false, unit: 'none' },
  'order.paymentMethod': { kind: 'list', line: false, unit: 'none' },
  'order.amount': { kind: 'number', line: false, unit: 'money' },
  'order.daysSinceDelivery': { kind: 'number', line: false, unit: 'days' },
  'line.sku': { kind: 'list', line: true, unit: 'none' },
  'line.category': { kind: 'list', line: true, unit: 'none' },
  'line.unitPrice': { kind: 'number', line: true, unit: 'money' },
  'line.quantity': { kind: 'number', line: true, unit: 'units' },
  'line.amount': { kind: 'number', line: true, unit: 'money' },
  'reason.code': { kind: 'list', line: true, unit: 'none' },
  'reason.subCode': { kind: 'list', line: true, unit: 'none' },
  'reason.category': { kind: 'list', line: true, unit: 'none' },
  'reason.shopFault': { kind: 'flag', line: true, unit: 'none' },
  'customer.tier': { kind: 'list', line: false, unit: 'none' },
  'customer.returnCount': { kind: 'window', line: false, unit: 'count' },
  'customer.returnRate': { kind: 'window', line: false, unit: 'percent' },
  'customer.openReturns': { kind: 'number', line: false, unit: 'count' },
  'photos.present': { kind: 'flag', line: true, unit: 'none' },
  'note.present': { kind: 'flag', line: true, unit: 'none' },
  'return.amount': { kind: 'number', line: false, unit: 'money' },
  'return.type': { kind: 'list', line: false, unit: 'none' },
  'return.resolution': { kind: 'list', line: false, unit: 'none' },
};

export const factCodes = Object.keys(factInfo) as FactCode[];

/** Whether a rule speaks about lines (then it is evaluated once per line, else once per return). */
export function isLineRule(conditions: readonly RuleCondition[]): boolean {
  return conditions.some((c) => factInfo[c.fact].line);
}

/** The look-back windows (days) of the customer history a set of conditions needs. */
export function historyWindows(conditions: readonly RuleCondition[]): number[] {
  return [...new Set(conditions.flatMap((c) => (c.fact === 'customer.returnCount' || c.fact === 'customer.returnRate' ? [c.days] : [])))].sort((a, b) => a - b);
}

/** Whether any condition needs facts about the customer. */
export function needsCustomer(conditions: readonly RuleCondition[]): boolean {
  return conditions.some((c) => c.fact.startsWith('customer.'));
}
