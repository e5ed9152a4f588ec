/** The analytics reports: query and response schemas, shared with the console. */
import { z } from 'zod';

const Day = z.iso.date();

export const rateDimensions = ['product', 'category', 'supplier', 'reason', 'reasonCategory', 'channel', 'customer', 'warehouse'] as const;
export const RateDimension = z.enum(rateDimensions);
export type RateDimension = z.infer<typeof RateDimension>;

/** A period of local days in the shop's time zone, [from, to), and filters every report takes. */
export const ReportFilterQuery = z.object({
  /** First local day (YYYY-MM-DD, shop time zone), inclusive; default 30 days before `to`. */
  from: Day.optional(),
  /** Local day after the last one (exclusive); default tomorrow in the shop's time zone. */
  to: Day.optional(),
  /** Sales channel of the order (tmall, jd, …). */
  channel: z.string().max(40).optional(),
  category: z.string().max(100).optional(),
  productId: z.string().max(64).optional(),
  supplierId: z.string().max(64).optional(),
  warehouseId: z.string().max(64).optional(),
  reasonCode: z.string().max(40).optional(),
  /** Analytics category of the reason in the policy (quality, size_fit, …). */
  reasonCategory: z.string().max(40).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
export type ReportFilterQuery = z.infer<typeof ReportFilterQuery>;

export const PageParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
});

export const FactsMeta = z.object({
  /** ready, or rebuilding (numbers may be incomplete) / empty. */
  status: z.string(),
  /** When the facts last took in changes. */
  refreshedAt: z.string().nullable(),
});

export const PeriodView = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** The period as UTC instants, for the returns list (`from`/`to` query). */
  fromInstant: z.string(),
  toInstant: z.string(),
});
export type PeriodView = z.infer<typeof PeriodView>;

const Meta = { period: PeriodView, facts: FactsMeta };

export const RateQuery = ReportFilterQuery.extend(PageParams.shape).extend({
  groupBy: RateDimension.default('product'),
  sort: z.enum(['returnedUnits', 'unitRate', 'returnedValue', 'valueRate']).default('returnedUnits'),
});
export type RateQuery = z.infer<typeof RateQuery>;

export const RateRow = z.object({
  key: z.string(),
  label: z.string(),
  /** The product's category (product rows). */
  category: z.string().nullable(),
  returns: z.number().int(),
  returnedUnits: z.number().int(),
  soldUnits: z.number().int(),
  /** Units returned / units sold; null without sales. */
  unitRate: z.number().nullable(),
  returnedValue: z.number().int(),
  soldValue: z.number().int(),
  /** Value of the units returned (price paid) / value sold. */
  valueRate: z.number().nullable(),
  refundedAmount: z.number().int(),
});
export type RateRow = z.infer<typeof RateRow>;

const RateTotals = RateRow.omit({ key: true, label: true, category: true });

export const RateReport = z.object({ ...Meta, groupBy: RateDimension, totals: RateTotals, data: z.array(RateRow), nextCursor: z.string().nullable() });
export type RateReport = z.infer<typeof RateReport>;

export const TrendQuery = ReportFilterQuery.extend({ interval: z.enum(['day', 'week', 'month']).default('day') });
export type TrendQuery = z.infer<typeof TrendQuery>;

const TrendPoint = z.object({
  /** First local day of the bucket. */
  start: z.string(),
  returnedUnits: z.number().int(),
  soldUnits: z.number().int(),
  unitRate: z.number().nullable(),
  returnedValue: z.number().int(),
  soldValue: z.number().int(),
  valueRate: z.number().nullable(),
});
export const TrendReport = z.object({
  ...Meta,
  interval: z.enum(['day', 'week', 'month']),
  /** The period of the same length just before. */
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  data: z.array(TrendPoint.extend({ previous: TrendPoint.nullable() })),
  totals: z.object({ current: TrendPoint.omit({ start: true }), previous: TrendPoint.omit({ start: true }) }),
});
export type TrendReport = z.infer<typeof TrendReport>;

const ReasonRow = z.object({
  code: z.string(),
  label: z.string(),
  category: z.string(),
  returnedUnits: z.number().int(),
  share: z.number(),
  previousUnits: z.number().int(),
  previousShare: z.number(),
  /** Relative change of units against the previous period; null when there were none. */
  change: z.number().nullable(),
});
export const ReasonsReport = z.object({
  ...Meta,
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  reasons: z.array(ReasonRow),
  categories: z.array(ReasonRow.omit({ category: true })),
  /** Weekly units per reason over the period, for the movement chart. */
  weekly: z.array(z.object({ start: z.string(), units: z.record(z.string(), z.number().int()) })),
});
export type ReasonsReport = z.infer<typeof ReasonsReport>;

export const ProductReasonsQuery = ReportFilterQuery.extend({ productId: z.string().min(1).max(64) });
export const ProductReasonsReport = z.object({
  ...Meta,
  product: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() }),
  mix: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      productUnits: z.number().int(),
      productShare: z.number(),
      categoryUnits: z.number().int(),
      categoryShare: z.number(),
    }),
  ),
  weekly: z.array(
    z.object({
      start: z.string(),
      returnedUnits: z.number().int(),
      soldUnits: z.number().int(),
      unitRate: z.number().nullable(),
      units: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type ProductReasonsReport = z.infer<typeof ProductReasonsReport>;

export const JumpsQuery = ReportFilterQuery.extend(PageParams.shape).extend({
  /** Days before `from` that form the baseline (default 90). */
  baselineDays: z.coerce.number().int().min(7).max(730).default(90),
});
export type JumpsQuery = z.infer<typeof JumpsQuery>;

export const JumpRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  soldUnits: z.number().int(),
  returnedUnits: z.number().int(),
  unitRate: z.number(),
  baselineSoldUnits: z.number().int(),
  baselineReturnedUnits: z.number().int(),
  baselineRate: z.number(),
  /** Where the baseline came from: the product's own past, or its category in the period. */
  baselineSource: z.enum(['product', 'category']),
  lift: z.number().nullable(),
  z: z.number(),
  /** Wilson 95% interval of the period's rate. */
  low: z.number(),
  high: z.number(),
  /** First local day of the week the rise most likely began. */
  since: z.string(),
  /** The reason that grew most. */
  topReason: z.string().nullable(),
  topReasonLabel: z.string().nullable(),
});
export const JumpsReport = z.object({
  ...Meta,
  baseline: z.object({ from: z.string(), to: z.string() }),
  rule: z.object({ minSoldUnits: z.number(), minReturnedUnits: z.number(), minLift: z.number(), minZ: z.number() }),
  data: z.array(JumpRow),
  nextCursor: z.string().nullable(),
});
export type JumpsReport = z.infer<typeof JumpsReport>;

const Duration = z.object({ count: z.number().int(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() });
export const ProcessHealthReport = z.object({
  ...Meta,
  now: z.string(),
  stages: z.array(
    Duration.extend({
      stage: z.string(),
      name: z.string(),
      ownerRole: z.string(),
      timeLimitHours: z.number().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      /** good: p90 within the limit and nothing overdue; warn; bad: median over the limit or a tenth overdue. */
      health: z.enum(['good', 'warn', 'bad', 'idle']),
    }),
  ),
  overdue: z.array(
    z.object({
      stage: z.string(),
      ownerRole: z.string(),
      assignedUserId: z.string().nullable(),
      assignedUserName: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  moneyBack: Duration,
});
export type ProcessHealthReport = z.infer<typeof ProcessHealthReport>;

const MoneyMeasures = z.object({
  returnedUnits: z.number().int(),
  returnedValue: z.number().int(),
  refundedAmount: z.number().int(),
  storeCreditAmount: z.number().int(),
  feeAmount: z.number().int(),
  restockedUnits: z.number().int(),
  restockedValue: z.number().int(),
  damagedUnits: z.number().int(),
  damagedValue: z.number().int(),
  scrappedUnits: z.number().int(),
  scrappedValue: z.number().int(),
  vendorUnits: z.number().int(),
  vendorValue: z.number().int(),
  /** Damaged and scrapped goods at the price paid. */
  lostValue: z.number().int(),
  /** Money refunded less the value put back on sale. */
  cost: z.number().int(),
});
export const MoneyQuery = ReportFilterQuery.extend(PageParams.shape);
export const MoneyReport = z.object({
  ...Meta,
  totals: MoneyMeasures,
  data: z.array(MoneyMeasures.extend({ productId: z.string(), sku: z.string(), name: z.string(), category: z.string() })),
  nextCursor: z.string().nullable(),
});
export type MoneyReport = z.infer<typeof MoneyReport>;

export const CustomersQuery = ReportFilterQuery.extend(PageParams.shape).extend({ show: z.enum(['all', 'repeat', 'outliers']).default('all') });
export const CustomerRow = z.object({
  customerId: z.string(),
  name: z.string(),
  returns: z.number().int(),
  returnedUnits: z.number().int(),
  soldUnits: z.number().int(),
  unitRate: z.number().nullable(),
  returnedValue: z.number().int(),
  refundedAmount: z.number().int(),
  repeat: z.boolean(),
  outlier: z.boolean(),
  /** Wilson 95% lower bound of the customer's rate. */
  low: z.number().nullable(),
});
export const CustomersReport = z.object({
  ...Meta,
  averageRate: z.number().nullable(),
  repeatCount: z.number().int(),
  outlierCount: z.number().int(),
  rule: z.object({ minSoldUnits: z.number(), minReturnedUnits: z.number(), factor: z.number() }),
  data: z.array(CustomerRow),
  nextCursor: z.string().nullable(),
});
export type CustomersReport = z.infer<typeof CustomersReport>;
