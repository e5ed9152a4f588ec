/**
 * Plans the demo's returns as data: for each scenario, an order it fits (delivered inside
 * the policy's window at the time the return is filed, with lines worth what the
 * scenario needs), the lines and words, and the time of every step, so that the last
 * step lands the stated number of hours before now.
 */

import { localDate } from '../lib/local-date.ts';
import { defaultPolicy } from '../modules/policy/default-policy.ts';
import { unitsValue } from '../modules/refunds/refund-arithmetic.ts';
import { canBeReturned, type DemoProduct, siblingVariant } from './catalog.ts';
import { type PlannedOrder, shopTimeZone } from './orders.ts';
import { day, hour, type Random } from './random.ts';
import { demoPolicy, type ReasonCode, type Scenario, type StepKind, scenarios, stepDelayHours } from './return-scenarios.ts';
import { customerNote, type Parcel, parcel, paymentReference } from './return-words.ts';

export type PlannedReturnLine = { lineIndex: number; quantity: number; note: string };

export type PlannedReturn = {
  /** Scenario target and turn, for logs: e.g. resolved#3. */
  key: string;
  scenario: Scenario;
  turn: number;
  order: PlannedOrder;
  reason: ReasonCode;
  createdAt: number;
  by: 'customer' | 'service';
  channel: string;
  lines: PlannedReturnLine[];
  steps: { kind: StepKind; at: number }[];
  shipment: Parcel;
  replacement: { sku: string; parcel: Parcel } | null;
  refundMethod: 'original' | 'store_credit' | 'manual';
  /** Finance's transaction number for the refund (none for store credit). */
  refundReference: string | null;
};

type Candidate = { order: PlannedOrder; lines: { lineIndex: number; quantity: number }[]; from: number; to: number };

/** Days a reason may be filed after delivery (the demo keeps a day in hand). */
function windowDays(reason: ReasonCode, scenario: Scenario): number {
  if (reason === 'no_reason') return defaultPolicy.returnWindowDays;
  return scenario.resolution === 'exchange' ? defaultPolicy.faultExchangeDays : defaultPolicy.faultRefundDays;
}

function gapRange(reason: ReasonCode, scenario: Scenario): [number, number] {
  if (scenario.refusedOrder) return [4 * day, 30 * day];
  if (scenario.lateDefect) return [8 * day, (windowDays(reason, scenario) - 1) * day];
  return [2 * hour, (windowDays(reason, scenario) - 1) * day];
}

function returnable(product: DemoProduct, scenario: Scenario, reason: ReasonCode): boolean {
  if (!canBeReturned(product, defaultPolicy.nonReturnableCategories)) return false;
  // A change-of-mind exchange is for another size or colour of the same article.
  return !(scenario.resolution === 'exchange' && reason === 'no_reason' && !siblingVariant(product));
}

function worth(order: PlannedOrder, lines: readonly { lineIndex: number; quantity: number }[]): number {
  return lines.reduce((s, l) => {
    const line = order.lines[l.lineIndex];
    return s + (line ? unitsValue(line.paidAmount, line.quantity, 0, l.quantity) : 0);
  }, 0);
}

function valueFits(scenario: Scenario, value: number): boolean {
  if (scenario.bigRefund && value <= demoPolicy.refundApprovalLimit) return false;
  // Refund-only requests always wait for review; others only above the auto-approval limit.
  return !(scenario.review === 'manual' && scenario.type !== 'refund_only' && value <= demoPolicy.autoApprove.maxAmount);
}

/** The lines of an order a scenario would return, or null when the order does not fit. */
function chooseLines(random: Random, order: PlannedOrder, scenario: Scenario, reason: ReasonCode): Candidate['lines'] | null {
  const eligible = random.shuffle(order.lines.flatMap((l, lineIndex) => (returnable(l.product, scenario, reason) ? [{ lineIndex, line: l }] : [])));
  if (scenario.twoLines) {
    if (eligible.length < 2) return null;
    const lines = eligible.slice(0, 2).map((e) => ({ lineIndex: e.lineIndex, quantity: e.line.quantity }));
    return valueFits(scenario, worth(order, lines)) ? lines : null;
  }
  for (const e of eligible) {
    const quantities = scenario.inspection === 'all_reject' || scenario.bigRefund ? [e.line.quantity] : [1, e.line.quantity];
    for (const quantity of quantities) {
      const lines = [{ lineIndex: e.lineIndex, quantity }];
      if (valueFits(scenario, worth(order, lines))) return lines;
    }
  }
  // Worth enough only all together: the whole order comes back.
  const whole = eligible.map((e) => ({ lineIndex: e.lineIndex, quantity: e.line.quantity })).sort((a, b) => a.lineIndex - b.lineIndex);
  return scenario.bigRefund && whole.length > 1 && valueFits(scenario, worth(order, whole)) ? whole : null;
}

function expandSteps(scenario: Scenario): StepKind[] {
  return scenario.steps.flatMap((s): StepKind[] => (s === 'refund' && !scenario.holdRefund ? ['refund', 'approve_refund'] : [s]));
}

type TimeWindow = { earliest: number; latest: number; gapMin: number; gapMax: number };

/** Orders a scenario fits, with the range of times its return may be filed at. */
function findCandidates(random: Random, scenario: Scenario, reason: ReasonCode, orders: readonly PlannedOrder[], w: TimeWindow): Candidate[] {
  const candidates: Candidate[] = [];
  for (const order of orders) {
    if (order.refused !== Boolean(scenario.refusedOrder) || (order.channel === 'offline') !== Boolean(scenario.storeOrder)) continue;
    const reference = scenario.refusedOrder ? order.placedAt : order.deliveredAt;
    if (reference === null) continue;
    const from = Math.max(w.earliest, reference + w.gapMin);
    const to = Math.min(w.latest, reference + w.gapMax);
    if (from > to) continue;
    const lines = chooseLines(random, order, scenario, reason);
    if (lines) candidates.push({ order, lines, from, to });
  }
  return candidates;
}

type PlanOptions = { key: string; scenario: Scenario; turn: number; orders: readonly PlannedOrder[]; used: Set<number>; end: number };

function planOne(random: Random, { key, scenario, turn, orders, used, end }: PlanOptions): PlannedReturn | null {
  const reason = scenario.reasons[turn % scenario.reasons.length] ?? 'no_reason';
  const kinds = expandSteps(scenario);
  const delays = kinds.map((k) => {
    const [min, max] = stepDelayHours[k];
    return Math.round(random.between(min, max) * hour);
  });
  const span = delays.reduce((s, d) => s + d, 0);
  const [gapMin, gapMax] = gapRange(reason, scenario);
  // When no order fits, the last step may lie further back (three days more at a time).
  let candidates: Candidate[] = [];
  for (let widen = 0; candidates.length === 0 && widen < 4; widen++) {
    const window = { latest: end - scenario.ago[0] * hour - span, earliest: end - (scenario.ago[1] + widen * 72) * hour - span, gapMin, gapMax };
    candidates = findCandidates(
      random,
      scenario,
      reason,
      orders.filter((o) => !used.has(o.index)),
      window,
    );
  }
  if (candidates.length === 0) return null;
  const chosen = random.pick(candidates);
  used.add(chosen.order.index);

  const createdAt = Math.round(random.between(chosen.from, chosen.to));
  let at = createdAt;
  const steps = kinds.map((kind, i) => {
    at += delays[i] ?? 0;
    return { kind, at };
  });
  const refundMethod = scenario.storeOrder ? 'manual' : scenario.resolution === 'store_credit' ? 'store_credit' : 'original';
  const refundDate = localDate(new Date(steps.find((s) => s.kind === 'refund')?.at ?? createdAt), shopTimeZone).replaceAll('-', '');
  const paidWith = [...chosen.order.payments].sort((a, b) => b.amount - a.amount)[0]?.method ?? 'alipay';
  const by = scenario.refusedOrder || scenario.storeOrder || random.chance(0.4) ? 'service' : 'customer';
  const firstLine = chosen.order.lines[chosen.lines[0]?.lineIndex ?? 0];
  const exchangeTo = scenario.resolution === 'exchange' && firstLine ? (reason === 'no_reason' ? siblingVariant(firstLine.product) : firstLine.product) : null;
  return {
    key,
    scenario,
    turn,
    order: chosen.order,
    reason,
    createdAt,
    by,
    channel: by === 'customer' ? 'portal' : scenario.storeOrder ? 'store' : random.pick(['phone', 'service']),
    lines: chosen.lines.map((l) => {
      const product = chosen.order.lines[l.lineIndex]?.product;
      const note = scenario.refusedOrder
        ? '快递拒收，包裹原路退回仓库'
        : product
          ? customerNote(random, { reason, product, refundOnly: scenario.type === 'refund_only', exchangeTo })
          : '';
      return { ...l, note };
    }),
    steps,
    shipment: parcel(random),
    replacement: exchangeTo ? { sku: exchangeTo.sku, parcel: parcel(random) } : null,
    refundMethod,
    refundReference:
      refundMethod === 'manual'
        ? `门店现金退款，收据号 ${chosen.order.number}-T`
        : refundMethod === 'original'
          ? paymentReference(random, paidWith, refundDate)
          : null,
  };
}

/** Plans every scenario's returns against the planned orders (one return per order). */
export function planReturns(random: Random, orders: readonly PlannedOrder[], end: number): { plans: PlannedReturn[]; unplaced: string[] } {
  const used = new Set<number>();
  const plans: PlannedReturn[] = [];
  const unplaced: string[] = [];
  const perStatus = new Map<string, number>();
  for (const scenario of scenarios) {
    for (let turn = 0; turn < scenario.count; turn++) {
      const n = (perStatus.get(scenario.target) ?? 0) + 1;
      perStatus.set(scenario.target, n);
      const key = `${scenario.target}#${n}`;
      const plan = planOne(random, { key, scenario, turn, orders, used, end });
      if (plan) plans.push(plan);
      else unplaced.push(key);
    }
  }
  return { plans, unplaced };
}
