/** The simulator's request and answer, and the other views of the policy API (presets, versions, changes). */
import { z } from 'zod';
import { ProcessDefinition } from '../process/process.schema.ts';
import { DecisionLineTerms, DecisionRoute, DecisionRule, Policy, PolicyUpdateBody, PresetCode } from './policy.schema.ts';

const Id = z.string().min(1).max(64);

export const DescribedOrder = z.object({
  channel: z.string().trim().min(1).max(40),
  paymentMethod: z.string().trim().min(1).max(40),
  /** null: not delivered yet. */
  deliveredDaysAgo: z.number().int().min(0).max(3650).nullable(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(64),
        name: z.string().trim().max(120).optional(),
        category: z.string().trim().min(1).max(60),
        unitPrice: z.number().int().min(0).max(1e10),
        quantity: z.number().int().min(1).max(10_000),
        returnable: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export const DescribedCustomer = z.object({
  tier: z.string().trim().min(1).max(40),
  returnCount: z.number().int().min(0).max(1_000_000),
  returnRatePercent: z.number().min(0).max(100),
  openReturns: z.number().int().min(0).max(1_000_000),
});

export const SimulateBody = z.object({
  /** The draft: changes over the policy in force (or a whole policy); left out: the policy in force. */
  policy: PolicyUpdateBody.optional(),
  /** A draft process; left out: the process in force. */
  process: ProcessDefinition.optional(),
  orderId: Id.optional(),
  orderNumber: z.string().trim().min(1).max(64).optional(),
  order: DescribedOrder.optional(),
  customer: DescribedCustomer.optional(),
  type: z.enum(['return', 'refund_only']).default('return'),
  resolution: z.enum(['refund', 'exchange', 'store_credit']).default('refund'),
  /** The inspection grade assumed for every unit, to see the grade fees; left out: accepted without a grade. */
  grade: z.enum(['A', 'B', 'C', 'D']).optional(),
  lines: z
    .array(
      z.object({
        orderLineId: Id,
        quantity: z.number().int().min(1).max(1_000_000),
        reasonCode: z.string().min(1).max(40),
        photos: z.number().int().min(0).max(20).optional(),
        note: z.string().max(500).optional(),
      }),
    )
    .max(200)
    .optional(),
});
export type SimulateBody = z.infer<typeof SimulateBody>;

export const LineView = z.object({
  orderLineId: z.string(),
  eligible: z.boolean(),
  deadline: z.string().nullable(),
  estimatedValue: z.number().int(),
  estimatedFee: z.number().int(),
  violations: z.array(z.object({ rule: z.string(), message: z.string(), messageEn: z.string() })),
  terms: DecisionLineTerms,
});

/** The refund the draft would pay, as if every unit came back in the assumed grade (see refund-projection.ts). */
export const RefundProjectionView = z.object({
  grade: z.enum(['A', 'B', 'C', 'D']).nullable(),
  lines: z.array(
    z.object({
      orderLineId: z.string(),
      value: z.number().int(),
      restockingFee: z.number().int(),
      gradeFee: z.number().int(),
      returnShipping: z.number().int(),
      refund: z.number().int(),
    }),
  ),
  returnShippingPayer: z.enum(['shop', 'customer', 'none']),
  returnShipping: z.number().int(),
  refund: z.number().int(),
  storeCreditBonus: z.number().int(),
  approvalLimit: z.number().int().nullable(),
  approvalRequired: z.boolean(),
});

export const SimulationView = z.object({
  eligible: z.boolean(),
  outcome: z.enum(['approved', 'pending_review']),
  rules: z.array(DecisionRule),
  lines: z.array(LineView),
  returnless: z.boolean(),
  refundOnReceipt: z.boolean(),
  estimatedRefund: z.number().int(),
  route: DecisionRoute,
  money: RefundProjectionView,
  order: z.object({
    id: z.string().nullable(),
    number: z.string().nullable(),
    customerId: z.string().nullable(),
    lines: z.array(
      z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string(), quantity: z.number().int(), paidAmount: z.number().int() }),
    ),
  }),
  customer: z
    .object({
      tier: z.string(),
      openReturns: z.number().int(),
      history: z.record(z.string(), z.object({ returns: z.number().int(), returnedUnits: z.number().int(), soldUnits: z.number().int() })),
    })
    .nullable(),
});
export type SimulationView = z.infer<typeof SimulationView>;

export const PresetView = z.object({ code: PresetCode, name: z.string(), nameEn: z.string(), summary: z.string(), summaryEn: z.string(), policy: Policy });

export const PolicyVersionView = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  createdBy: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
});

export const ChangeView = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });

export const PolicyChangesView = z.object({ version: z.number().int(), against: z.number().int().nullable(), changes: z.array(ChangeView) });
