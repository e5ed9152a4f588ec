/** The returns zone (退货专区) view: what waits there, since when, for which return or parcel. */
import { z } from 'zod';

export const ReturnsZoneEntry = z.object({
  location: z.string(),
  warehouseCode: z.string(),
  sku: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  /** When the oldest of these units arrived; null for units the ledger does not tie to a return or parcel. */
  since: z.string().nullable(),
  ageHours: z.number().nullable(),
  /** Waiting longer than the inspection stage's time limit. */
  overdue: z.boolean(),
  source: z.object({
    /** return: received for a return, not yet inspected; parcel: arrived without a return (拒收, 无主件); other: adjustments, transfers, counts. */
    type: z.enum(['return', 'parcel', 'other']),
    id: z.string().nullable(),
    number: z.string().nullable(),
    /** The return's status, or the parcel's (unmatched, matched). */
    status: z.string().nullable(),
  }),
});
export type ReturnsZoneEntry = z.infer<typeof ReturnsZoneEntry>;

export const ReturnsZoneView = z.object({
  data: z.array(ReturnsZoneEntry),
  nextCursor: z.string().nullable(),
  summary: z.object({
    units: z.number().int(),
    overdueUnits: z.number().int(),
    /** The inspection stage's time limit in the process in force (null: none). */
    inspectionLimitHours: z.number().nullable(),
    locations: z.array(z.object({ code: z.string(), warehouseCode: z.string(), onHand: z.number().int() })),
  }),
});
export type ReturnsZoneView = z.infer<typeof ReturnsZoneView>;

export const ReturnsZoneQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(20).optional(),
  /** A warehouse code or id. */
  warehouse: z.string().max(64).optional(),
  /** A returns-kind location code. */
  location: z.string().max(40).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
