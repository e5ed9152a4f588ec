/** The process as the console draws it: each stage with how many returns sit there now and for how long. */
import { z } from 'zod';
import { Automation, ProcessDefinition, ProcessStage } from './process.schema.ts';

export const StageWithStats = ProcessStage.extend({
  /** Returns in the stage now (for the last stage: every finished return). */
  current: z.number().int(),
  /** Of those, how many are past the stage's time limit. */
  overdue: z.number().int(),
  /** Median hours the returns there now have spent in it so far; null when none. */
  medianHours: z.number().nullable(),
  /** Median hours recent returns took to leave the stage; null when none did. */
  typicalHours: z.number().nullable(),
});
export type StageWithStats = z.infer<typeof StageWithStats>;

export const ProcessView = z.object({
  version: z.number().int(),
  stages: z.array(StageWithStats),
  /** The automations in force, so an edit of the stages can send them back unchanged. */
  automations: z.array(Automation),
  now: z.string(),
});
export type ProcessView = z.infer<typeof ProcessView>;

/** A manager's edit of the process: every stage, each code once. */
export const ProcessUpdateBody = ProcessDefinition.extend({
  stages: z.array(
    ProcessStage.extend({
      name: z.string().trim().min(1).max(40),
      nameEn: z.string().trim().min(1).max(60),
      steps: z.array(z.string().trim().min(1).max(200)).max(20),
      stepsEn: z.array(z.string().trim().min(1).max(200)).max(20),
      timeLimitHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 365)
        .nullable(),
    }),
  ),
});
export type ProcessUpdateBody = z.infer<typeof ProcessUpdateBody>;
