/** Products with their stock per location (the returns zone apart) and the stock ledger, as the console shows them. */
import { z } from 'zod';

export const StockLocationView = z.object({ code: z.string(), name: z.string(), kind: z.string(), onHand: z.number().int() });

export const StockProductRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  price: z.number().int(),
  returnable: z.boolean(),
  /** On hand per location code. */
  levels: z.record(z.string(), z.number().int()),
  soldUnits: z.number().int(),
  returnedUnits: z.number().int(),
  returnRate: z.number().nullable(),
});
export type StockProductRow = z.infer<typeof StockProductRow>;

export const StockOverview = z.object({
  data: z.array(StockProductRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Every location with the units on hand there across all products. */
  locations: z.array(StockLocationView),
});
export type StockOverview = z.infer<typeof StockOverview>;

export const LedgerRow = z.object({
  id: z.string(),
  sku: z.string(),
  productName: z.string(),
  fromLocation: z.string().nullable(),
  toLocation: z.string().nullable(),
  quantity: z.number().int(),
  type: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  /** The human number of the source document (return, order, refund), when there is one. */
  sourceNumber: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerPage = z.object({ data: z.array(LedgerRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
