/**
 * What the demo's returns go through: a table of scenarios, each a path through the
 * lifecycle ending in one status, so that every status, resolution and reason is on
 * show — with the words customers and staff would write. The policy the demo shop runs
 * (auto-approval up to ¥200, a second finance approval above ¥1,000, a 5% bonus on store
 * credit) is published before the first order.
 */
import type { PolicyUpdateBody } from '../modules/policy/policy.schema.ts';
import type { ReturnStatus } from '../modules/returns/return-status.ts';

export const demoPolicy = {
  autoApprove: { enabled: true, maxAmount: 20_000 },
  refundApprovalLimit: 100_000,
  storeCreditBonusPercent: 5,
} satisfies PolicyUpdateBody;

export type ReasonCode = 'no_reason' | 'quality' | 'wrong_item' | 'damaged_in_transit' | 'not_as_described';
export type Resolution = 'refund' | 'exchange' | 'store_credit';
export type StepKind =
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'ship'
  | 'receive'
  | 'receive_first'
  | 'receive_rest'
  | 'inspect'
  | 'refund'
  | 'approve_refund'
  | 'ship_replacement'
  | 'close';

export type Scenario = {
  target: ReturnStatus;
  count: number;
  type?: 'refund_only';
  resolution: Resolution;
  /** Taken in turn by the returns of the scenario. */
  reasons: readonly ReasonCode[];
  /** manual: worth more than the auto-approval limit, so it waits for customer service (default: either). */
  review?: 'manual';
  steps: readonly StepKind[];
  /** Hours between the last step and now. */
  ago: readonly [number, number];
  /** Two order lines (two parcels, or one unit refused among others). */
  twoLines?: boolean;
  inspection?: 'one_reject' | 'all_reject';
  /** Worth more than the refund approval limit. */
  bigRefund?: boolean;
  /** Leave the refund waiting for the second finance user. */
  holdRefund?: boolean;
  /** An order refused at the door (拒收): never delivered, no window. */
  refusedOrder?: boolean;
  /** A store order, refunded by hand at the counter. */
  storeOrder?: boolean;
  /** A defect exchange filed more than a week after delivery (the 15-day 三包 window). */
  lateDefect?: boolean;
};

const shipped = ['approve', 'ship'] as const;
const received = [...shipped, 'receive'] as const;
const inspected = [...received, 'inspect'] as const;
const toRefund = [...inspected, 'refund'] as const;
const toReplacement = [...inspected, 'ship_replacement'] as const;

export const scenarios: readonly Scenario[] = [
  // 待审核: waiting for customer service; those older than a day are past the review limit.
  {
    target: 'requested',
    count: 4,
    resolution: 'refund',
    reasons: ['no_reason', 'quality', 'not_as_described', 'wrong_item'],
    review: 'manual',
    steps: [],
    ago: [1, 20],
  },
  { target: 'requested', count: 1, type: 'refund_only', resolution: 'refund', reasons: ['quality'], review: 'manual', steps: [], ago: [2, 12] },
  { target: 'requested', count: 1, resolution: 'exchange', reasons: ['no_reason'], review: 'manual', steps: [], ago: [1, 8] },
  { target: 'requested', count: 1, resolution: 'store_credit', reasons: ['no_reason'], review: 'manual', steps: [], ago: [3, 20] },
  { target: 'requested', count: 1, resolution: 'refund', reasons: ['damaged_in_transit'], review: 'manual', steps: [], ago: [28, 44] },
  // 待寄回: approved, the customer has not sent the goods yet (one for over a week).
  { target: 'approved', count: 2, resolution: 'refund', reasons: ['no_reason', 'not_as_described'], steps: ['approve'], ago: [6, 100] },
  { target: 'approved', count: 1, resolution: 'refund', reasons: ['quality'], review: 'manual', steps: ['approve'], ago: [176, 200] },
  { target: 'approved', count: 1, type: 'refund_only', resolution: 'refund', reasons: ['wrong_item'], review: 'manual', steps: ['approve'], ago: [5, 30] },
  { target: 'approved', count: 1, resolution: 'exchange', reasons: ['no_reason'], steps: ['approve'], ago: [4, 48] },
  { target: 'approved', count: 1, resolution: 'store_credit', reasons: ['no_reason'], steps: ['approve'], ago: [10, 60] },
  // 退货运输中
  {
    target: 'in_transit',
    count: 5,
    resolution: 'refund',
    reasons: ['no_reason', 'quality', 'wrong_item', 'not_as_described', 'damaged_in_transit'],
    steps: shipped,
    ago: [3, 90],
  },
  { target: 'in_transit', count: 1, resolution: 'exchange', reasons: ['no_reason'], steps: shipped, ago: [5, 40] },
  { target: 'in_transit', count: 1, resolution: 'store_credit', reasons: ['no_reason'], steps: shipped, ago: [8, 60] },
  // 已收货待检验 (one past the 48-hour inspection limit; one with a second parcel still due)
  { target: 'received', count: 3, resolution: 'refund', reasons: ['no_reason', 'quality', 'not_as_described'], steps: received, ago: [2, 70] },
  { target: 'received', count: 1, resolution: 'refund', reasons: ['no_reason'], twoLines: true, steps: [...shipped, 'receive_first'], ago: [3, 30] },
  { target: 'received', count: 1, resolution: 'exchange', reasons: ['quality'], steps: received, ago: [2, 20] },
  // 已检验待退款 (one past the refund limit; one held for the second finance user)
  { target: 'inspected', count: 2, resolution: 'refund', reasons: ['no_reason', 'wrong_item'], steps: inspected, ago: [2, 60] },
  { target: 'inspected', count: 1, resolution: 'refund', reasons: ['quality'], steps: inspected, ago: [176, 200] },
  {
    target: 'inspected',
    count: 1,
    resolution: 'refund',
    reasons: ['quality'],
    review: 'manual',
    bigRefund: true,
    holdRefund: true,
    steps: toRefund,
    ago: [2, 20],
  },
  { target: 'inspected', count: 1, resolution: 'exchange', reasons: ['no_reason'], steps: inspected, ago: [2, 30] },
  {
    target: 'inspected',
    count: 1,
    resolution: 'refund',
    reasons: ['not_as_described'],
    twoLines: true,
    steps: [...shipped, 'receive_first', 'inspect'],
    ago: [4, 40],
  },
  // 已完成
  {
    target: 'resolved',
    count: 8,
    resolution: 'refund',
    reasons: ['no_reason', 'quality', 'wrong_item', 'damaged_in_transit', 'not_as_described', 'no_reason', 'quality', 'no_reason'],
    steps: toRefund,
    ago: [2, 400],
  },
  {
    target: 'resolved',
    count: 2,
    resolution: 'refund',
    reasons: ['quality', 'not_as_described'],
    review: 'manual',
    bigRefund: true,
    steps: toRefund,
    ago: [24, 500],
  },
  { target: 'resolved', count: 2, resolution: 'store_credit', reasons: ['no_reason'], steps: toRefund, ago: [12, 450] },
  { target: 'resolved', count: 1, resolution: 'exchange', reasons: ['no_reason'], steps: toReplacement, ago: [24, 400] },
  { target: 'resolved', count: 1, resolution: 'exchange', reasons: ['quality'], lateDefect: true, steps: toReplacement, ago: [12, 200] },
  {
    target: 'resolved',
    count: 2,
    type: 'refund_only',
    resolution: 'refund',
    reasons: ['quality', 'damaged_in_transit'],
    review: 'manual',
    steps: ['approve', 'refund'],
    ago: [10, 500],
  },
  {
    target: 'resolved',
    count: 1,
    resolution: 'refund',
    reasons: ['no_reason'],
    twoLines: true,
    steps: [...shipped, 'receive_first', 'inspect', 'receive_rest', 'inspect', 'refund'],
    ago: [24, 300],
  },
  { target: 'resolved', count: 1, resolution: 'refund', reasons: ['no_reason'], twoLines: true, inspection: 'one_reject', steps: toRefund, ago: [24, 300] },
  { target: 'resolved', count: 1, resolution: 'refund', reasons: ['no_reason'], inspection: 'all_reject', steps: inspected, ago: [24, 300] },
  {
    target: 'resolved',
    count: 1,
    resolution: 'refund',
    reasons: ['no_reason'],
    refusedOrder: true,
    steps: ['approve', 'receive', 'inspect', 'refund'],
    ago: [24, 200],
  },
  // Brought back to the shop counter: no parcel.
  {
    target: 'resolved',
    count: 1,
    resolution: 'refund',
    reasons: ['quality'],
    storeOrder: true,
    steps: ['approve', 'receive', 'inspect', 'refund'],
    ago: [24, 600],
  },
  // 已结案
  {
    target: 'closed',
    count: 7,
    resolution: 'refund',
    reasons: ['no_reason', 'quality', 'not_as_described', 'wrong_item', 'no_reason', 'damaged_in_transit', 'no_reason'],
    steps: [...toRefund, 'close'],
    ago: [24, 700],
  },
  { target: 'closed', count: 2, resolution: 'store_credit', reasons: ['no_reason'], steps: [...toRefund, 'close'], ago: [24, 600] },
  { target: 'closed', count: 1, resolution: 'exchange', reasons: ['no_reason'], steps: [...toReplacement, 'close'], ago: [24, 600] },
  {
    target: 'closed',
    count: 1,
    type: 'refund_only',
    resolution: 'refund',
    reasons: ['quality'],
    review: 'manual',
    steps: ['approve', 'refund', 'close'],
    ago: [48, 700],
  },
  { target: 'closed', count: 1, resolution: 'refund', reasons: ['quality'], review: 'manual', bigRefund: true, steps: [...toRefund, 'close'], ago: [48, 700] },
  // 已驳回 / 已取消
  {
    target: 'rejected',
    count: 4,
    resolution: 'refund',
    reasons: ['no_reason', 'quality', 'not_as_described', 'no_reason'],
    review: 'manual',
    steps: ['reject'],
    ago: [12, 900],
  },
  {
    target: 'rejected',
    count: 1,
    type: 'refund_only',
    resolution: 'refund',
    reasons: ['damaged_in_transit'],
    review: 'manual',
    steps: ['reject'],
    ago: [24, 600],
  },
  { target: 'cancelled', count: 3, resolution: 'refund', reasons: ['no_reason'], review: 'manual', steps: ['cancel'], ago: [5, 600] },
  { target: 'cancelled', count: 2, resolution: 'refund', reasons: ['no_reason', 'not_as_described'], steps: ['approve', 'cancel'], ago: [10, 500] },
];

/** How many demo returns end in each status. */
export function expectedStatusCounts(): Record<ReturnStatus, number> {
  const counts: Record<string, number> = {};
  for (const s of scenarios) counts[s.target] = (counts[s.target] ?? 0) + s.count;
  return counts as Record<ReturnStatus, number>;
}

/** Hours a step takes after the one before it: [min, max]. */
export const stepDelayHours: Record<StepKind, readonly [number, number]> = {
  approve: [0.3, 10],
  reject: [1, 12],
  cancel: [2, 30],
  ship: [4, 40],
  receive: [24, 72],
  receive_first: [24, 72],
  receive_rest: [24, 60],
  inspect: [2, 30],
  refund: [2, 36],
  approve_refund: [1, 6],
  ship_replacement: [3, 24],
  close: [24, 120],
};
