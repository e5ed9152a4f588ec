/** The console's view of customers (CRM): return rates against the shop's average, refunds. */
import { z } from 'zod';

export const CustomerStatsView = z.object({
  orders: z.number().int(),
  soldUnits: z.number().int(),
  returns: z.number().int(),
  returnedUnits: z.number().int(),
  refundedAmount: z.number().int(),
  /** Returned units ÷ units bought; null when nothing was bought. */
  returnRate: z.number().nullable(),
  /** The return rate is far above the shop's average. */
  flagged: z.boolean(),
});
export type CustomerStatsView = z.infer<typeof CustomerStatsView>;

export const ConsoleCustomerRow = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    tier: z.string(),
    createdAt: z.string(),
  })
  .extend(CustomerStatsView.shape);
export type ConsoleCustomerRow = z.infer<typeof ConsoleCustomerRow>;

export const ConsoleCustomerPage = z.object({
  data: z.array(ConsoleCustomerRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  averageReturnRate: z.number().nullable(),
});

export const CustomerRefundView = z.object({
  id: z.string(),
  number: z.string(),
  returnId: z.string(),
  returnNumber: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  method: z.string(),
  status: z.string(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});

export const CustomerInsight = z.object({
  customerId: z.string(),
  stats: CustomerStatsView,
  averageReturnRate: z.number().nullable(),
  refunds: z.array(CustomerRefundView),
});
export type CustomerInsight = z.infer<typeof CustomerInsight>;
