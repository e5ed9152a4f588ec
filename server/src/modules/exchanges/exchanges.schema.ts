/** Exchange request and response schemas (shared with the web app). */
import { z } from 'zod';

const Sku = z.string().trim().min(1).max(64);
const Qty = z.number().int().min(1).max(1_000_000);

/** The replacement of a returned line: the same item in another size or colour (same groupCode), or another product. */
export const ReplacementChoice = z.object({ sku: Sku, quantity: Qty });
export type ReplacementChoice = z.infer<typeof ReplacementChoice>;

export const DifferenceRefundMethod = z.enum(['original', 'store_credit', 'manual']);
/** How the customer pays a replacement that costs more: from store credit, or collected outside (payment link, cash). */
export const ChargeMethod = z.enum(['store_credit', 'collected']);

export const ExchangeUpdateBody = z.object({
  /** The replacement lines; each may name the returned line it replaces. */
  lines: z
    .array(z.object({ returnLineId: z.string().max(64).optional(), sku: Sku, quantity: Qty }))
    .min(1)
    .max(200)
    .optional(),
  /** How a cheaper replacement's difference is refunded (default: to the original payment). */
  differenceMethod: DifferenceRefundMethod.optional(),
  /** How a dearer replacement's difference is paid (default: collected outside). */
  chargeMethod: ChargeMethod.optional(),
  chargeReference: z.string().trim().max(120).optional(),
});
export type ExchangeUpdateBody = z.infer<typeof ExchangeUpdateBody>;

export const ExchangeFallbackBody = z.object({ resolution: z.enum(['refund', 'store_credit']) });
export type ExchangeFallbackBody = z.infer<typeof ExchangeFallbackBody>;

export const ExchangeView = z.object({
  returnId: z.string(),
  status: z.enum(['open', 'shipped', 'fallen_back']),
  location: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      returnLineId: z.string().nullable(),
      sku: z.string(),
      name: z.string(),
      variantLabel: z.string().nullable(),
      quantity: z.number().int(),
      unitPrice: z.number().int(),
      reservedQuantity: z.number().int(),
      /** chosen, reserved, untracked (no stock kept there), short, shipped, released. */
      status: z.string(),
      /** Units free to sell or promise in the location (null: no stock kept there). */
      available: z.number().int().nullable(),
    }),
  ),
  /** What the returned units cost the customer (fixed when the replacement ships; an estimate before). */
  returnedValue: z.number().int(),
  replacementValue: z.number().int(),
  /** Replacement less returned value: above 0 the customer pays it, below 0 it is refunded. */
  difference: z.number().int(),
  differenceMethod: z.string().nullable(),
  chargeMethod: z.string().nullable(),
  chargeReference: z.string().nullable(),
  differenceRefundId: z.string().nullable(),
  replacementOrder: z.object({ id: z.string(), number: z.string() }).nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  shippedAt: z.string().nullable(),
  fallbackResolution: z.string().nullable(),
  /** Whether the replacement may ship before the goods are back (policy: trusted customers). */
  shipsBeforeReturn: z.boolean(),
  /** Whether some replacement cannot be held: the customer may fall back to a refund or store credit. */
  outOfStock: z.boolean(),
  /** Products of the same group (other sizes and colours) with their free stock, to choose from. */
  alternatives: z.array(
    z.object({ sku: z.string(), name: z.string(), variantLabel: z.string().nullable(), price: z.number().int(), available: z.number().int().nullable() }),
  ),
});
export type ExchangeView = z.infer<typeof ExchangeView>;

/** A customer's pick for an exchange line in the portal: another size or colour of the same item; the quantity is the line's. */
export const PortalReplacement = z.object({ sku: Sku });
export type PortalReplacement = z.infer<typeof PortalReplacement>;

/** GET /portal/orders/:id/exchange-options: per order line, the sizes and colours it may be exchanged for. */
export const ExchangeOptionsView = z.object({
  orderId: z.string(),
  lines: z.array(
    z.object({
      orderLineId: z.string(),
      sku: z.string(),
      variantLabel: z.string().nullable(),
      /** What one unit of the line cost the customer (after discounts), to estimate the price difference. */
      paidUnitPrice: z.number().int(),
      variants: z.array(
        z.object({
          sku: z.string(),
          name: z.string(),
          variantLabel: z.string().nullable(),
          price: z.number().int(),
          /** Free to promise now in the warehouse that would ship it (always true where no stock is kept). */
          inStock: z.boolean(),
          /** The line's own item (an exchange for the same size and colour). */
          current: z.boolean(),
        }),
      ),
    }),
  ),
});
export type ExchangeOptionsView = z.infer<typeof ExchangeOptionsView>;
