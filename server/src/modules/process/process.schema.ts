/** The return process as data: stages with an owner role, a time limit and operating steps. */
import { z } from 'zod';

export const StageCode = z.enum(['apply', 'review', 'return_shipping', 'receiving', 'inspection', 'refund', 'done']);
export type StageCode = z.infer<typeof StageCode>;

export const ProcessStage = z.object({
  code: StageCode,
  name: z.string(),
  nameEn: z.string(),
  /** The role that works this stage ('customer' when the customer must act). */
  ownerRole: z.string(),
  /** Time limit in hours from entering the stage; null: none. */
  timeLimitHours: z.number().int().min(1).nullable(),
  enabled: z.boolean(),
  /** Standard operating steps (操作步骤) shown to whoever works the stage. */
  steps: z.array(z.string()),
  stepsEn: z.array(z.string()),
});
export type ProcessStage = z.infer<typeof ProcessStage>;

export const ProcessDefinition = z.object({ stages: z.array(ProcessStage) });
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
