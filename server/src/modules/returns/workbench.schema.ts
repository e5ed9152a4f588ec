/** What the console's return page needs beyond the return itself: stage and SOP, history, refund breakdown, allowed actions. */
import { z } from 'zod';
import { consoleActions } from './available-actions.ts';
import { Disposition, Grade } from './returns.schema.ts';

export const StageEntryView = z.object({
  stage: z.string(),
  ownerRole: z.string(),
  enteredAt: z.string(),
  exitedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
});

export const ReturnWorkbench = z.object({
  returnId: z.string(),
  /** The stage the return is in, with its standard operating steps (操作步骤). */
  stage: z
    .object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      ownerRole: z.string(),
      timeLimitHours: z.number().int().nullable(),
      steps: z.array(z.string()),
      stepsEn: z.array(z.string()),
      enteredAt: z.string().nullable(),
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
  stages: z.array(StageEntryView),
  inspections: z.array(
    z.object({
      returnLineId: z.string(),
      quantity: z.number().int(),
      grade: Grade.or(z.string()),
      disposition: Disposition.or(z.string()),
      createdAt: z.string(),
    }),
  ),
  refund: z.object({
    lines: z.array(z.object({ lineId: z.string(), value: z.number().int(), fee: z.number().int(), refundable: z.number().int(), claimed: z.number().int() })),
    shipping: z.number().int(),
    refundable: z.number().int(),
    claimed: z.number().int(),
    remaining: z.number().int(),
    approvalLimit: z.number().int().nullable(),
    storeCreditBonusPercent: z.number(),
  }),
  actions: z.array(z.enum(consoleActions)),
  /** Where each inspection disposition sends the units: a location code, or null for out of stock. */
  dispositions: z.array(z.object({ disposition: Disposition, location: z.string().nullable() })),
  pendingRefunds: z.array(
    z.object({ id: z.string(), number: z.string(), amount: z.number().int(), requestedById: z.string().nullable(), canApprove: z.boolean() }),
  ),
  now: z.string(),
});
export type ReturnWorkbench = z.infer<typeof ReturnWorkbench>;
