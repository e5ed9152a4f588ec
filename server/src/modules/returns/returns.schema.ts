/** Return request and response schemas (the v1 contract plus what the console needs). */
import { z } from 'zod';
import { Decision } from '../policy/policy.schema.ts';
import { returnStatuses } from './return-status.ts';

const Id = z.string().min(1).max(64);
const Qty = z.number().int().min(1).max(1_000_000);

export const ReturnTypeEnum = z.enum(['return', 'refund_only']);
export const ResolutionEnum = z.enum(['refund', 'exchange', 'store_credit']);

export const ReturnCreateBody = z.object({
  orderId: Id,
  type: ReturnTypeEnum.default('return'),
  lines: z
    .array(
      z.object({
        orderLineId: Id,
        quantity: Qty,
        reasonCode: z.string().min(1).max(40),
        note: z.string().max(500).optional(),
        /** Extension: for an exchange, the replacement (another size or colour, or another product); default the same item. */
        replacement: z.object({ sku: z.string().trim().min(1).max(64), quantity: Qty }).optional(),
      }),
    )
    .min(1)
    .max(200),
  resolution: ResolutionEnum,
  channel: z.string().trim().min(1).max(40).optional(),
});
export type ReturnCreateBody = z.infer<typeof ReturnCreateBody>;

export const ApproveBody = z.object({ note: z.string().max(500).optional() }).default({});
export const RejectBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const ShipBody = z.object({ carrier: z.string().trim().min(1).max(40), trackingNumber: z.string().trim().min(4).max(40) });
export const ReceiveBody = z.object({
  lines: z
    .array(
      z.object({
        lineId: Id,
        quantity: Qty,
        /** Extension: the lot (批次) or serial number read, for products that track them; a line may repeat, one entry per lot (a serial is one unit). */
        lot: z.string().trim().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(200),
});
export const Grade = z.enum(['A', 'B', 'C', 'D']);
export const Disposition = z.enum(['restock', 'damaged', 'scrap', 'vendor', 'reject']);
export const InspectBody = z.object({
  lines: z
    .array(z.object({ lineId: Id, quantity: Qty, grade: Grade, disposition: Disposition }))
    .min(1)
    .max(400),
});
export const RefundMethodEnum = z.enum(['original', 'store_credit', 'manual']);
export const RefundBody = z.object({
  method: RefundMethodEnum,
  amount: z.number().int().min(1).max(1e12).optional(),
  channel: z.string().trim().max(40).optional(),
  reference: z.string().trim().max(120).optional(),
});
export const CancelBody = z.object({ reason: z.string().trim().max(500).optional() }).default({});
export const CloseBody = z.object({}).default({});
export const ShipReplacementBody = z.object({ carrier: z.string().trim().min(1).max(40), trackingNumber: z.string().trim().min(4).max(40) });

export type ReceiveBody = z.infer<typeof ReceiveBody>;
export type InspectBody = z.infer<typeof InspectBody>;
export type RefundBody = z.infer<typeof RefundBody>;

export const RefundView = z.object({
  id: z.string(),
  number: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  method: RefundMethodEnum,
  status: z.enum(['pending_approval', 'paid', 'rejected']),
  channel: z.string().nullable(),
  reference: z.string().nullable(),
  requestedBy: z.object({ kind: z.string(), id: z.string().nullable() }),
  approvedById: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});

export const ReturnLineView = z.object({
  id: z.string(),
  orderLineId: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  reasonCode: z.string(),
  note: z.string().nullable(),
  receivedQuantity: z.number().int(),
  inspectedQuantity: z.number().int(),
  acceptedQuantity: z.number().int(),
  refusedQuantity: z.number().int(),
  valueAmount: z.number().int(),
  feeAmount: z.number().int(),
  refundableAmount: z.number().int(),
});

export const TimelineView = z.object({
  status: z.string(),
  action: z.string(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  note: z.string().nullable(),
});

export const ReturnView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(returnStatuses),
  type: ReturnTypeEnum,
  orderId: z.string(),
  customerId: z.string(),
  resolution: ResolutionEnum,
  channel: z.string(),
  currency: z.string(),
  stage: z.string(),
  policyVersion: z.number().int(),
  returnless: z.boolean(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  rejectReason: z.string().nullable(),
  lines: z.array(ReturnLineView),
  decision: Decision,
  refundableAmount: z.number().int(),
  refundedAmount: z.number().int(),
  pendingRefundAmount: z.number().int(),
  shippingRefundAmount: z.number().int(),
  refunds: z.array(RefundView),
  timeline: z.array(TimelineView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReturnView = z.infer<typeof ReturnView>;
