/** Refund previews, refund documents and notes, and the store-credit ledger: request and response schemas (shared with the web app). */
import { z } from 'zod';

const Money = z.number().int();
const GradeOrNone = z.enum(['A', 'B', 'C', 'D']).nullable();
export const DeadlineStateEnum = z.enum(['ok', 'due_soon', 'overdue']);
export const RefundStatusEnum = z.enum(['pending_approval', 'paid', 'rejected']);
export const RefundMethodEnum = z.enum(['original', 'store_credit', 'manual']);
export const RefundKindEnum = z.enum(['refund', 'exchange_difference']);

export const Deadline = z.object({ dueAt: z.string(), state: DeadlineStateEnum, daysLeft: z.number().int() });

export const RefundPreviewView = z.object({
  returnId: z.string(),
  currency: z.string(),
  resolution: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      orderLineId: z.string(),
      sku: z.string(),
      reasonCode: z.string(),
      shopFault: z.boolean(),
      quantity: z.number().int(),
      acceptedQuantity: z.number().int(),
      refusedQuantity: z.number().int(),
      pendingQuantity: z.number().int(),
      orderLinePaid: Money,
      orderLineQuantity: z.number().int(),
      value: Money,
      restockingFee: Money,
      gradeFee: Money,
      fee: Money,
      returnShipping: Money,
      refundable: Money,
      claimed: Money,
      grades: z.array(z.object({ grade: GradeOrNone, units: z.number().int(), value: Money, feePercent: z.number() })),
      projectedRefundable: Money,
    }),
  ),
  goods: Money,
  restockingFee: Money,
  gradeFee: Money,
  returnShipping: Money,
  returnShippingPayer: z.enum(['shop', 'customer', 'none']),
  shipping: Money,
  refundable: Money,
  claimed: Money,
  refunded: Money,
  pending: Money,
  remaining: Money,
  projectedRefundable: Money,
  approvalLimit: Money.nullable(),
  needsApproval: z.boolean(),
  storeCreditBonusPercent: z.number(),
  storeCreditBonus: Money,
  deadline: Deadline.nullable(),
});
export type RefundPreviewView = z.infer<typeof RefundPreviewView>;

export const RefundListItem = z.object({
  id: z.string(),
  number: z.string(),
  kind: RefundKindEnum,
  returnId: z.string(),
  returnNumber: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  amount: Money,
  currency: z.string(),
  method: z.string(),
  status: RefundStatusEnum,
  channel: z.string().nullable(),
  reference: z.string().nullable(),
  requestedById: z.string().nullable(),
  approvedById: z.string().nullable(),
  rejectedById: z.string().nullable(),
  rejectReason: z.string().nullable(),
  noteNumber: z.string().nullable(),
  /** The law's deadline for this refund, and how close it is (for unpaid refunds). */
  dueAt: z.string().nullable(),
  deadlineState: DeadlineStateEnum.nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export type RefundListItem = z.infer<typeof RefundListItem>;

export const RefundListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: RefundStatusEnum.optional(),
  method: RefundMethodEnum.optional(),
  returnId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** deadline: soonest deadline first (the finance queue); oldest / newest by creation. */
  sort: z.enum(['deadline', 'oldest', 'newest']).default('deadline'),
});

export const RefundRejectBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const AuditEntryView = z.object({
  action: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  data: z.unknown(),
  at: z.string(),
});

const InvoiceField = z.string().trim().max(64).nullable();

export const RefundNoteView = z.object({
  id: z.string(),
  number: z.string(),
  refundId: z.string(),
  refundNumber: z.string(),
  returnId: z.string(),
  returnNumber: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  amount: Money,
  currency: z.string(),
  method: z.string(),
  channel: z.string().nullable(),
  status: z.string(),
  kind: z.string(),
  reference: z.string().nullable(),
  providerReference: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  /** 数电票: the blue invoice being reversed, the 红字确认单 number, and the new red invoice number. */
  originalInvoiceNumber: z.string().nullable(),
  redConfirmationNumber: z.string().nullable(),
  redInvoiceNumber: z.string().nullable(),
  invoiceNote: z.string().nullable(),
  updatedById: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RefundNoteView = z.infer<typeof RefundNoteView>;

export const RefundNoteUpdateBody = z.object({
  originalInvoiceNumber: InvoiceField.optional(),
  redConfirmationNumber: InvoiceField.optional(),
  redInvoiceNumber: InvoiceField.optional(),
  invoiceNote: z.string().trim().max(500).nullable().optional(),
});
export type RefundNoteUpdateBody = z.infer<typeof RefundNoteUpdateBody>;

export const RefundDetailView = RefundListItem.extend({ note: RefundNoteView.nullable(), audit: z.array(AuditEntryView) });
export type RefundDetailView = z.infer<typeof RefundDetailView>;

export const StoreCreditView = z.object({
  customerId: z.string(),
  balance: Money,
  currency: z.string(),
  entries: z.array(
    z.object({
      id: z.string(),
      amount: Money,
      currency: z.string(),
      type: z.string(),
      sourceType: z.string(),
      sourceId: z.string(),
      sourceNumber: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type StoreCreditView = z.infer<typeof StoreCreditView>;
