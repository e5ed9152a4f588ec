/** The portal's request and response schemas (shared with the web app through @server). */
import { z } from 'zod';
import { PortalReplacement } from '../exchanges/exchanges.schema.ts';
import { returnStatuses } from '../returns/return-status.ts';
import { ResolutionEnum, ReturnTypeEnum, ReturnView } from '../returns/returns.schema.ts';

const Id = z.string().min(1).max(64);

export const SmsCodeBody = z.object({ phone: z.string().trim().min(5).max(30) });
export const SmsSessionBody = z.object({ phone: z.string().trim().min(5).max(30), code: z.string().trim().min(4).max(10) });

export const PortalSessionView = z.object({ token: z.string(), expiresAt: z.string(), customerId: z.string() });

export const CarrierView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  pattern: z.string(),
  example: z.string(),
  hint: z.string(),
  hintEn: z.string(),
});

export const ReturnOptionsView = z.object({
  policyVersion: z.number().int(),
  /** The shop's time zone, in which return windows count calendar days. */
  timeZone: z.string(),
  returnWindowDays: z.number().int(),
  faultRefundDays: z.number().int(),
  faultExchangeDays: z.number().int(),
  offer: z.object({ refund: z.boolean(), exchange: z.boolean(), storeCredit: z.boolean(), refundOnly: z.boolean() }),
  storeCreditBonusPercent: z.number(),
  reasons: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      labelEn: z.string(),
      shopFault: z.boolean(),
      requiresPhoto: z.boolean(),
      requiresNote: z.boolean(),
    }),
  ),
  smsSignIn: z.boolean(),
  maxPhotoBytes: z.number().int(),
  maxPhotosPerLine: z.number().int(),
});
export type ReturnOptionsView = z.infer<typeof ReturnOptionsView>;

export const maxPhotosPerLine = 6;

export const PortalReturnBody = z.object({
  orderId: Id,
  type: ReturnTypeEnum.default('return'),
  resolution: ResolutionEnum,
  lines: z
    .array(
      z.object({
        orderLineId: Id,
        quantity: z.number().int().min(1).max(1_000_000),
        reasonCode: z.string().min(1).max(40),
        note: z.string().trim().max(500).optional(),
        photoIds: z.array(Id).max(maxPhotosPerLine).default([]),
        /** For an exchange: another size or colour of the same item (default: the same item). */
        replacement: PortalReplacement.optional(),
      }),
    )
    .min(1)
    .max(200),
});
export type PortalReturnBody = z.infer<typeof PortalReturnBody>;

export const PortalShipBody = z.object({
  carrier: z.string().trim().min(1).max(20),
  carrierName: z.string().trim().max(40).optional(),
  trackingNumber: z.string().trim().min(4).max(60),
});

export const FeedbackBody = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() });

export const FeedbackView = z.object({
  id: z.string(),
  returnId: z.string(),
  returnNumber: z.string(),
  customerId: z.string(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

export const PhotoView = z.object({
  id: z.string(),
  returnId: z.string().nullable(),
  returnLineId: z.string().nullable(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  url: z.string(),
});
export type PhotoView = z.infer<typeof PhotoView>;

export const AttachPhotosBody = z.object({
  photoIds: z
    .array(Id)
    .min(1)
    .max(maxPhotosPerLine * 4),
  returnLineId: Id.optional(),
});

export const progressStepKeys = [
  'submitted',
  'reviewed',
  'in_transit',
  'received',
  'inspected',
  'refunded',
  'credited',
  'exchanged',
  'rejected',
  'cancelled',
] as const;
export type ProgressStepKey = (typeof progressStepKeys)[number];

export const ProgressStep = z.object({
  key: z.enum(progressStepKeys),
  state: z.enum(['done', 'current', 'upcoming', 'stopped']),
  at: z.string().nullable(),
});
export type ProgressStep = z.infer<typeof ProgressStep>;

export const CustomerReturnView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(returnStatuses),
  type: ReturnTypeEnum,
  resolution: ResolutionEnum,
  orderId: z.string(),
  orderNumber: z.string(),
  currency: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Approved by the policy the moment it was filed. */
  autoApproved: z.boolean(),
  /** Whether the customer sends goods back (not refund-only, not keep-the-item). */
  goodsComeBack: z.boolean(),
  steps: z.array(ProgressStep),
  lines: z.array(
    z.object({
      id: z.string(),
      orderLineId: z.string(),
      name: z.string(),
      sku: z.string(),
      quantity: z.number().int(),
      reasonCode: z.string(),
      reasonLabel: z.string(),
      reasonLabelEn: z.string(),
      note: z.string().nullable(),
      photoCount: z.number().int(),
    }),
  ),
  /** What the customer should expect back before the warehouse has valued the goods. */
  estimatedRefund: z.number().int(),
  refundableAmount: z.number().int(),
  refundedAmount: z.number().int(),
  refunds: z.array(
    z.object({ amount: z.number().int(), method: z.enum(['original', 'store_credit', 'manual']), status: z.string(), paidAt: z.string().nullable() }),
  ),
  shipment: z.object({ carrier: z.string(), trackingNumber: z.string(), shippedAt: z.string().nullable() }).nullable(),
  returnAddress: z.object({ name: z.string(), address: z.string(), contactName: z.string(), contactPhone: z.string() }).nullable(),
  /** Who pays the return postage: the shop for its own faults, else the customer (unless insured by 运费险). */
  shippingPaidBy: z.enum(['shop', 'customer']).nullable(),
  /** The customer pays the postage first and the shipping insurance the shop gives (运费险 / 退货宝) pays it back. */
  shippingInsured: z.boolean(),
  rejectReason: z.string().nullable(),
  canShip: z.boolean(),
  canCancel: z.boolean(),
  canRate: z.boolean(),
  feedback: z.object({ rating: z.number().int(), comment: z.string().nullable(), createdAt: z.string() }).nullable(),
  link: z.object({ token: z.string(), url: z.string(), expiresAt: z.string() }),
  slip: z.object({ pdfUrl: z.string(), pngUrl: z.string() }).nullable(),
});
export type CustomerReturnView = z.infer<typeof CustomerReturnView>;

export const PortalReturnCreated = z.object({ return: ReturnView, progress: CustomerReturnView });
