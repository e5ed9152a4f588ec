/** Suppliers and returns to vendor (退供应商): the API's shapes. */
import { z } from 'zod';
import { LocationCode } from '../warehouses/warehouses.schema.ts';

export const SupplierView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  /** Products whose supplier this is. */
  productCount: z.number().int(),
  createdAt: z.string(),
});
export type SupplierView = z.infer<typeof SupplierView>;

export const SupplierCreateBody = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, - and _'),
  name: z.string().trim().min(1).max(200),
  contactName: z.string().trim().max(100).optional(),
  contactPhone: z.string().trim().max(40).optional(),
  email: z.string().trim().email().max(200).optional(),
  address: z.string().trim().max(300).optional(),
  note: z.string().trim().max(500).optional(),
});
export type SupplierCreateBody = z.infer<typeof SupplierCreateBody>;

export const SupplierUpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  contactName: z.string().trim().max(100).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type SupplierUpdateBody = z.infer<typeof SupplierUpdateBody>;

export const SupplierListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(100).optional(),
});

export const VendorReturnCreateBody = z.object({
  supplierId: z.string().min(1).max(64),
  /** A damaged or quarantine location; default DAMAGED. */
  fromLocation: LocationCode.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(64),
        quantity: z.number().int().min(1).max(1_000_000),
        /** The credit the supplier owes per unit, in minor units (fen). */
        unitCredit: z.number().int().min(0).max(1e10),
        lot: z.string().trim().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(500),
  carrier: z.string().trim().max(60).optional(),
  trackingNumber: z.string().trim().max(60).optional(),
  note: z.string().trim().max(500).optional(),
});
export type VendorReturnCreateBody = z.infer<typeof VendorReturnCreateBody>;

export const VendorReturnView = z.object({
  id: z.string(),
  number: z.string(),
  supplier: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  fromLocation: z.string(),
  /** shipped: the goods left stock, the credit is expected; credited: the supplier's credit was recorded. */
  status: z.enum(['shipped', 'credited']),
  currency: z.string(),
  expectedCredit: z.number().int(),
  receivedCredit: z.number().int().nullable(),
  creditReference: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      productName: z.string(),
      quantity: z.number().int(),
      unitCredit: z.number().int(),
      amount: z.number().int(),
      lot: z.string().nullable(),
    }),
  ),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
  creditedAt: z.string().nullable(),
});
export type VendorReturnView = z.infer<typeof VendorReturnView>;

export const VendorCreditBody = z.object({
  /** The credit the supplier gave, in minor units. */
  amount: z.number().int().min(0).max(1e12),
  reference: z.string().trim().max(100).optional(),
});
export type VendorCreditBody = z.infer<typeof VendorCreditBody>;

export const VendorReturnListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  supplierId: z.string().max(64).optional(),
  status: z.enum(['shipped', 'credited']).optional(),
});
