/** Transfers, adjustment documents and opening stock: the documents stock movements name as their source. */
import { z } from 'zod';
import { LocationCode } from '../warehouses/warehouses.schema.ts';

const Sku = z.string().trim().min(1).max(64);
const Lot = z.string().trim().min(1).max(64);
const Quantity = z.number().int().min(1).max(1_000_000);

/** A ledger line as every stock endpoint shows it (the shape of GET /inventory/movements). */
export const MovementLineView = z.object({
  id: z.string(),
  sku: z.string(),
  fromLocation: z.string().nullable(),
  toLocation: z.string().nullable(),
  quantity: z.number().int(),
  type: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  reason: z.string().nullable(),
  lot: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
});
export type MovementLineView = z.infer<typeof MovementLineView>;

export const stockDocumentKinds = ['transfer', 'adjustment', 'opening_stock'] as const;

export const StockDocumentView = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(stockDocumentKinds),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  createdAt: z.string(),
  movements: z.array(MovementLineView),
});
export type StockDocumentView = z.infer<typeof StockDocumentView>;

export const StockDocumentSummary = StockDocumentView.omit({ movements: true });
export type StockDocumentSummary = z.infer<typeof StockDocumentSummary>;

export const TransferCreateBody = z.object({
  lines: z
    .array(
      z.object({
        sku: Sku,
        fromLocation: LocationCode,
        toLocation: LocationCode,
        quantity: Quantity,
        lot: Lot.optional(),
      }),
    )
    .min(1)
    .max(500),
  note: z.string().trim().max(500).optional(),
});
export type TransferCreateBody = z.infer<typeof TransferCreateBody>;

export const AdjustmentDocumentBody = z.object({
  /** One of GET /inventory/reason-codes, fit for the direction of every line. */
  reasonCode: z.string().trim().min(1).max(40),
  note: z.string().trim().max(500).optional(),
  lines: z
    .array(
      z.object({
        sku: Sku,
        location: LocationCode,
        /** Positive adds units, negative takes them away. */
        quantity: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((q) => q !== 0, 'must not be zero'),
        lot: Lot.optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type AdjustmentDocumentBody = z.infer<typeof AdjustmentDocumentBody>;

export const StockDocumentListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  kind: z.enum(stockDocumentKinds).optional(),
});

/** One row of an Excel import that could not be taken, by its row number in the sheet. */
export const ImportRowError = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
  /** What went wrong, for an interface to say it in its own language (with `params`); `message` is the English. */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;
