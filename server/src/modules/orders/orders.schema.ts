/** Order request and response schemas. */
import { z } from 'zod';

const Money = z.number().int().min(0).max(1e12);
const IsoDateTime = z.iso.datetime({ offset: true });

export const OrderCreateBody = z.object({
  number: z.string().trim().min(1).max(64),
  customerId: z.string().min(1).max(64),
  channel: z.string().trim().min(1).max(40),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO 4217 code')
    .default('CNY'),
  placedAt: IsoDateTime,
  deliveredAt: IsoDateTime.nullish(),
  stockLocation: z.string().min(1).max(40).nullish(),
  discountAmount: Money.default(0),
  shippingFee: Money.default(0),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(1_000_000),
        unitPrice: Money,
        discountAmount: Money.default(0),
        /**
         * Extension: the lots (批次) or serial numbers sold, recorded on the sale movement (needs
         * stockLocation) so returned units can be checked against them; they add up to the quantity.
         */
        lots: z
          .array(z.object({ lot: z.string().trim().min(1).max(64), quantity: z.number().int().min(1).max(1_000_000) }))
          .min(1)
          .max(1000)
          .optional(),
      }),
    )
    .min(1)
    .max(500),
  payments: z.array(z.object({ method: z.string().trim().min(1).max(40), amount: Money })).max(20),
});
export type OrderCreateBody = z.infer<typeof OrderCreateBody>;

export const OrderLineView = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  discountAmount: z.number().int(),
  paidAmount: z.number().int(),
  returnableQuantity: z.number().int(),
});

export const OrderView = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  channel: z.string(),
  currency: z.string(),
  placedAt: z.string(),
  deliveredAt: z.string().nullable(),
  stockLocation: z.string().nullable(),
  discountAmount: z.number().int(),
  shippingFee: z.number().int(),
  goodsAmount: z.number().int(),
  totalAmount: z.number().int(),
  lines: z.array(OrderLineView),
  payments: z.array(z.object({ method: z.string(), amount: z.number().int() })),
  createdAt: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;
