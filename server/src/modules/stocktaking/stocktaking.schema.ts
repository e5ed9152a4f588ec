/**
 * Stocktaking (定期盘点): count plans, count sheets with a snapshot of the expected
 * quantities, counts entered blind, the variance report, approval and posting. Counters'
 * shapes (CountSheetLine) have no expected quantity at all; only the variance report,
 * for managers, carries it.
 */
import { z } from 'zod';
import { LocationCode } from '../warehouses/warehouses.schema.ts';
import { countSchedules } from './count-schedule.ts';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Categories = z.array(z.string().trim().min(1).max(60)).max(100);
const Locations = z.array(LocationCode).max(200);

export const CountPlanCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** A warehouse code or id. */
  warehouse: z.string().trim().min(1).max(64),
  /** Location codes of the warehouse; empty or absent: all of them. */
  locations: Locations.optional(),
  /** Product categories; empty or absent: all of them. */
  categories: Categories.optional(),
  schedule: z.enum(countSchedules),
  /** The first run (the shop's local date); default today. Repeating plans run on this day of the month. */
  startsOn: LocalDate.optional(),
});
export type CountPlanCreateBody = z.infer<typeof CountPlanCreateBody>;

export const CountPlanUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  locations: Locations.optional(),
  categories: Categories.optional(),
  schedule: z.enum(countSchedules).optional(),
  startsOn: LocalDate.optional(),
  active: z.boolean().optional(),
});
export type CountPlanUpdateBody = z.infer<typeof CountPlanUpdateBody>;

export const CountPlanView = z.object({
  id: z.string(),
  name: z.string(),
  warehouseId: z.string(),
  warehouseCode: z.string(),
  locations: z.array(z.string()),
  categories: z.array(z.string()),
  schedule: z.enum(countSchedules),
  startsOn: z.string(),
  /** The next run date, stored; null once a one-off plan has run. */
  nextRunOn: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastCountId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CountPlanView = z.infer<typeof CountPlanView>;

export const countStatuses = ['counting', 'submitted', 'posted', 'cancelled'] as const;
export type CountStatus = (typeof countStatuses)[number];

export const StockCountCreateBody = z.object({
  warehouse: z.string().trim().min(1).max(64),
  locations: Locations.optional(),
  categories: Categories.optional(),
  note: z.string().trim().max(500).optional(),
});
export type StockCountCreateBody = z.infer<typeof StockCountCreateBody>;

const Person = z.object({ id: z.string(), name: z.string() }).nullable();

export const StockCountView = z.object({
  id: z.string(),
  number: z.string(),
  planId: z.string().nullable(),
  warehouseCode: z.string(),
  locations: z.array(z.string()),
  categories: z.array(z.string()),
  /** counting → submitted → posted; or cancelled. */
  status: z.enum(countStatuses),
  note: z.string().nullable(),
  /** When the expected quantities were taken; movements after it are applied on top of the count. */
  snapshotAt: z.string(),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable() }),
  submittedAt: z.string().nullable(),
  submittedBy: Person,
  approvedAt: z.string().nullable(),
  approvedBy: Person,
  cancelledAt: z.string().nullable(),
  progress: z.object({ lines: z.number().int(), counted: z.number().int() }),
  createdAt: z.string(),
});
export type StockCountView = z.infer<typeof StockCountView>;

/** A line as a counter sees it: what to count and where, never how many are expected. */
export const CountSheetLine = z.object({
  lineId: z.string(),
  location: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  productName: z.string(),
  countedQuantity: z.number().int().nullable(),
  countedAt: z.string().nullable(),
  /** Found during the count, not on the sheet when it was made. */
  added: z.boolean(),
});
export type CountSheetLine = z.infer<typeof CountSheetLine>;

export const CountSheetQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(20).optional(),
  location: z.string().max(40).optional(),
  uncounted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const CountSheetPage = z.object({ count: StockCountView, data: z.array(CountSheetLine), nextCursor: z.string().nullable() });

export const CountEntriesBody = z.object({
  entries: z
    .array(
      z
        .object({
          /** The sheet line; or name it by sku (or scanned barcode) and location. */
          lineId: z.string().min(1).max(64).optional(),
          sku: z.string().trim().min(1).max(64).optional(),
          location: LocationCode.optional(),
          /** set: the units counted; add: units to add to the count so far (a scan adds 1; negative undoes). */
          mode: z.enum(['set', 'add']).default('set'),
          quantity: z.number().int().min(-100_000).max(1_000_000),
        })
        .refine((e) => e.lineId || (e.sku && e.location), { message: 'give lineId, or sku and location', path: ['lineId'] })
        .refine((e) => e.mode === 'add' || e.quantity >= 0, { message: 'a count is not negative', path: ['quantity'] }),
    )
    .min(1)
    .max(500),
});
export type CountEntriesBody = z.infer<typeof CountEntriesBody>;

export const CountEntriesResult = z.object({ count: StockCountView, lines: z.array(CountSheetLine) });

export const CountSubmitBody = z.object({
  /** Lines nobody counted count as zero (otherwise submitting with uncounted lines answers 409). */
  uncountedAsZero: z.boolean().default(false),
});

export const CountDecisionBody = z.object({ note: z.string().trim().max(500).optional() });

export const VarianceLine = z.object({
  lineId: z.string(),
  location: z.string(),
  sku: z.string(),
  productName: z.string(),
  /** On hand at the snapshot. */
  expectedQuantity: z.number().int(),
  countedQuantity: z.number().int().nullable(),
  /** counted − expected: the correction posted on approval. */
  variance: z.number().int().nullable(),
  unitPrice: z.number().int(),
  varianceValue: z.number().int().nullable(),
  /** While the count is open: on hand now, what moved since the snapshot, and what on hand will be after posting. */
  currentOnHand: z.number().int().nullable(),
  movedSinceSnapshot: z.number().int().nullable(),
  resultingOnHand: z.number().int().nullable(),
  added: z.boolean(),
});
export type VarianceLine = z.infer<typeof VarianceLine>;

export const VarianceReport = z.object({
  count: StockCountView,
  lines: z.array(VarianceLine),
  totals: z.object({
    lines: z.number().int(),
    countedLines: z.number().int(),
    linesWithVariance: z.number().int(),
    unitsOver: z.number().int(),
    unitsShort: z.number().int(),
    netUnits: z.number().int(),
    valueOver: z.number().int(),
    valueShort: z.number().int(),
    netValue: z.number().int(),
  }),
});
export type VarianceReport = z.infer<typeof VarianceReport>;

export const StockCountListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(countStatuses).optional(),
});

export const RunDueResult = z.object({
  created: z.array(z.object({ planId: z.string(), countId: z.string(), number: z.string() })),
  skipped: z.array(z.object({ planId: z.string(), reason: z.string() })),
});
export type RunDueResult = z.infer<typeof RunDueResult>;
