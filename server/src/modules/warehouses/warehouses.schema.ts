/** Warehouses, their locations, where dispositions send units, and adjustment reason codes: the API's shapes. */
import { z } from 'zod';

export const locationKinds = ['sellable', 'returns', 'quarantine', 'damaged'] as const;
export const LocationKindSchema = z.enum(locationKinds);

/** A location code: capitals, digits, hyphens and underscores (MAIN, WH2-RETURNS). */
export const LocationCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'use capitals, digits, - and _');

export const WarehouseCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'use capitals, digits, - and _');

export const WarehouseLocationView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: LocationKindSchema,
  warehouseId: z.string(),
  warehouseCode: z.string(),
  allowNegative: z.boolean(),
  /** One of the contract's locations (MAIN, RETURNS, DAMAGED): its code and kind never change. */
  contract: z.boolean(),
});
export type WarehouseLocationView = z.infer<typeof WarehouseLocationView>;

export const WarehouseView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** The warehouse of the contract's locations, where returns are received. */
  isDefault: z.boolean(),
  locations: z.array(WarehouseLocationView),
  createdAt: z.string(),
});
export type WarehouseView = z.infer<typeof WarehouseView>;

export const WarehouseCreateBody = z.object({
  code: WarehouseCode,
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).optional(),
  contactName: z.string().trim().max(100).optional(),
  contactPhone: z.string().trim().max(40).optional(),
  /** Create <CODE>-MAIN, <CODE>-RETURNS, <CODE>-QC and <CODE>-DAMAGED (default true). */
  defaultLocations: z.boolean().default(true),
});
export type WarehouseCreateBody = z.infer<typeof WarehouseCreateBody>;

export const WarehouseUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().max(300).nullable().optional(),
  contactName: z.string().trim().max(100).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
});
export type WarehouseUpdateBody = z.infer<typeof WarehouseUpdateBody>;

export const LocationCreateBody = z.object({
  /** The warehouse, by code (WH1) or id. */
  warehouse: z.string().trim().min(1).max(64),
  code: LocationCode,
  name: z.string().trim().min(1).max(100),
  kind: LocationKindSchema,
  allowNegative: z.boolean().default(false),
});
export type LocationCreateBody = z.infer<typeof LocationCreateBody>;

export const LocationUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  kind: LocationKindSchema.optional(),
  allowNegative: z.boolean().optional(),
});
export type LocationUpdateBody = z.infer<typeof LocationUpdateBody>;

/** Inspection dispositions whose units stay in stock, and so go to a location of the warehouse. */
export const mappableDispositions = ['restock', 'damaged', 'vendor'] as const;
export const MappableDisposition = z.enum(mappableDispositions);
export type MappableDisposition = z.infer<typeof MappableDisposition>;

export const DispositionMappingView = z.object({
  disposition: z.enum(['restock', 'damaged', 'scrap', 'vendor', 'reject']),
  /** Where the units go; null: out of stock. */
  location: z.string().nullable(),
  movementType: z.string(),
  /** configured here, or the default (MAIN / DAMAGED of the default warehouse, out of stock for the rest). */
  source: z.enum(['configured', 'default']),
});
export type DispositionMappingView = z.infer<typeof DispositionMappingView>;

export const DispositionMappingBody = z.object({
  mappings: z
    .array(
      z.object({
        disposition: MappableDisposition,
        /** A location code of this warehouse; null goes back to the default. */
        location: LocationCode.nullable(),
      }),
    )
    .min(1)
    .max(3),
});
export type DispositionMappingBody = z.infer<typeof DispositionMappingBody>;

export const reasonDirections = ['in', 'out', 'both'] as const;

export const ReasonCodeView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** Which way stock may move with this reason. */
  direction: z.enum(reasonDirections),
  active: z.boolean(),
});
export type ReasonCodeView = z.infer<typeof ReasonCodeView>;

export const ReasonCodeCreateBody = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _'),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).optional(),
  direction: z.enum(reasonDirections),
});
export type ReasonCodeCreateBody = z.infer<typeof ReasonCodeCreateBody>;

export const ReasonCodeUpdateBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
  direction: z.enum(reasonDirections).optional(),
  active: z.boolean().optional(),
});
export type ReasonCodeUpdateBody = z.infer<typeof ReasonCodeUpdateBody>;

export const trackingModes = ['none', 'lot', 'serial'] as const;

export const ProductStockSettingsBody = z.object({
  barcode: z.string().trim().min(1).max(64).nullable().optional(),
  tracking: z.enum(trackingModes).optional(),
  supplierId: z.string().min(1).max(64).nullable().optional(),
});
export type ProductStockSettingsBody = z.infer<typeof ProductStockSettingsBody>;

export const ProductStockSettingsView = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  price: z.number().int(),
  barcode: z.string().nullable(),
  tracking: z.enum(trackingModes),
  supplierId: z.string().nullable(),
});
export type ProductStockSettingsView = z.infer<typeof ProductStockSettingsView>;
