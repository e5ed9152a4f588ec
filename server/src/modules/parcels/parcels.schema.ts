/** Parcels that reach the dock without a return (拒收 refused deliveries, 无主件 parcels with no note): the API's shapes. */
import { z } from 'zod';
import { LocationCode } from '../warehouses/warehouses.schema.ts';

export const parcelKinds = ['refused', 'unidentified'] as const;
export const parcelStatuses = ['unmatched', 'matched', 'closed'] as const;

export const ParcelRegisterBody = z.object({
  /** refused: a delivery the customer refused (拒收); unidentified: no note says whose it is (无主件). */
  kind: z.enum(parcelKinds),
  carrier: z.string().trim().min(1).max(60),
  trackingNumber: z.string().trim().min(1).max(60),
  /** A returns-kind location; default RETURNS. */
  location: LocationCode.optional(),
  contents: z
    .array(
      z.object({
        /** SKU or barcode as scanned. */
        sku: z.string().trim().min(1).max(64),
        quantity: z.number().int().min(1).max(100_000),
        lot: z.string().trim().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(200),
  /** Ids of photos taken at the dock. */
  photoIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ParcelRegisterBody = z.infer<typeof ParcelRegisterBody>;

export const ParcelLineView = z.object({
  id: z.string(),
  sku: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  lot: z.string().nullable(),
  /** Units counted as received by the matched return. */
  matchedQuantity: z.number().int(),
  /** Units put away or sent back without a return. */
  releasedQuantity: z.number().int(),
  /** Units still held in the returns zone for this parcel. */
  waitingQuantity: z.number().int(),
});

export const ParcelView = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(parcelKinds),
  status: z.enum(parcelStatuses),
  location: z.string(),
  warehouseCode: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  lines: z.array(ParcelLineView),
  matchedOrder: z.object({ id: z.string(), number: z.string() }).nullable(),
  matchedReturn: z.object({ id: z.string(), number: z.string() }).nullable(),
  matchedAt: z.string().nullable(),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
});
export type ParcelView = z.infer<typeof ParcelView>;

export const ParcelListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(parcelStatuses).optional(),
  /** Tracking number, parcel number or SKU. */
  q: z.string().trim().max(64).optional(),
});

export const ParcelMatchBody = z
  .object({
    /** Link the parcel to an order (a refused delivery): nothing moves. */
    orderId: z.string().min(1).max(64).optional(),
    /** Count the parcel's units as received by a return. */
    returnId: z.string().min(1).max(64).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => (b.orderId ? 1 : 0) + (b.returnId ? 1 : 0) === 1, { message: 'give orderId or returnId', path: ['orderId'] });
export type ParcelMatchBody = z.infer<typeof ParcelMatchBody>;

export const ParcelReleaseBody = z.object({
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(64),
        quantity: z.number().int().min(1).max(100_000),
        /** Where the units go (e.g. MAIN for a refused delivery in perfect state); null: out of stock (sent back to the sender, scrapped). */
        toLocation: LocationCode.nullable(),
      }),
    )
    .min(1)
    .max(200),
  reason: z.string().trim().min(1).max(200),
});
export type ParcelReleaseBody = z.infer<typeof ParcelReleaseBody>;
