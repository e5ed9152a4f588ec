/** The console's work queues and its list of returns: schemas shared with the web app. */
import { z } from 'zod';
import { returnStatuses } from '../returns/return-status.ts';

/**
 * The queues people work from. Each is a slice of the open returns:
 * review (and second review) → service; awaiting_parcel → service follows up; customer_waiting → overdue at the shop;
 * in_transit / returns_zone / replacement → warehouse; refund / refund_approval (and the finance approval stage) → finance;
 * my_customers → sales; all_open → manager, admin and viewer.
 */
export const queueCodes = [
  'all_open',
  'review',
  'awaiting_parcel',
  'customer_waiting',
  'in_transit',
  'returns_zone',
  'replacement',
  'refund',
  'refund_approval',
  'my_customers',
] as const;
export const QueueCode = z.enum(queueCodes);
export type QueueCode = z.infer<typeof QueueCode>;

export const QueueSummary = z.object({
  code: QueueCode,
  /** The role that works the queue. */
  ownerRole: z.string(),
  count: z.number().int(),
  overdue: z.number().int(),
  /** When the longest-waiting return entered its stage. */
  oldestEnteredAt: z.string().nullable(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

const StatusList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(returnStatuses)));

export const ConsoleReturnQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  queue: QueueCode.optional(),
  status: StatusList.optional(),
  stage: z.string().max(40).optional(),
  /** The role owning the stage the return sits in. */
  ownerRole: z.string().max(40).optional(),
  channel: z.string().max(40).optional(),
  reasonCode: z.string().max(40).optional(),
  customerId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  /** Return number (or part of it), order number, tracking number, phone or customer name. */
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Drill-down from the analytics charts: a product, category, supplier, reasons (comma-separated), sales channel of the order, warehouse. */
  productId: z.string().max(64).optional(),
  category: z.string().max(100).optional(),
  supplierId: z.string().max(64).optional(),
  reasonCodes: z.string().max(400).optional(),
  orderChannel: z.string().max(40).optional(),
  warehouseId: z.string().max(64).optional(),
  /** newest / oldest by creation; due: overdue first, then longest in its stage. */
  sort: z.enum(['newest', 'oldest', 'due']).default('newest'),
  /** Keyset paging (newest / oldest): the `nextCursor` of the previous page; `page` is then only echoed. */
  after: z.string().max(64).optional(),
});
export type ConsoleReturnQuery = z.infer<typeof ConsoleReturnQuery>;

export const ConsoleReturnRow = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(returnStatuses),
  type: z.string(),
  resolution: z.string(),
  channel: z.string(),
  stage: z.string(),
  ownerRole: z.string().nullable(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  units: z.number().int(),
  lineCount: z.number().int(),
  firstItemName: z.string().nullable(),
  reasonCode: z.string().nullable(),
  currency: z.string(),
  /** What the returned units cost the customer (an estimate until they are priced for a refund). */
  valueAmount: z.number().int(),
  refundableAmount: z.number().int(),
  refundedAmount: z.number().int(),
  pendingRefundAmount: z.number().int(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  stageEnteredAt: z.string().nullable(),
  stageDueAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsoleReturnRow = z.infer<typeof ConsoleReturnRow>;

export const ConsoleReturnPage = z.object({
  data: z.array(ConsoleReturnRow),
  /** How many returns match, counted up to a cap: with `moreThanTotal`, more than this many. */
  total: z.number().int(),
  moreThanTotal: z.boolean(),
  /** Pass as `after` for the next page without an offset (newest / oldest; null on the last page or with sort=due). */
  nextCursor: z.string().nullable(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ConsoleReturnPage = z.infer<typeof ConsoleReturnPage>;

export const QueueOverview = z.object({
  queues: z.array(QueueSummary),
  /** The queue the user's home page opens on. */
  primary: QueueCode,
  now: z.string(),
});
export type QueueOverview = z.infer<typeof QueueOverview>;
