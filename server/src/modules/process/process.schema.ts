/** The return process as data: stages with an owner role, a time limit and operating steps; automations. */
import { z } from 'zod';
import { RuleCondition } from '../policy/policy-rules.schema.ts';

export const StageCode = z.enum(['apply', 'review', 'second_review', 'return_shipping', 'receiving', 'inspection', 'finance_approval', 'refund', 'done']);
export type StageCode = z.infer<typeof StageCode>;

/** The stages every process has, in their order (the core invariants' path). */
export const coreStages: readonly StageCode[] = ['apply', 'review', 'return_shipping', 'receiving', 'inspection', 'refund', 'done'];

/** Stages a manager adds (and removes) in the console. */
export const addableStages: readonly StageCode[] = ['second_review', 'finance_approval'];

/** Stages that may be switched off or limited to returns above an amount. */
export const optionalStages: readonly StageCode[] = ['inspection', 'second_review', 'finance_approval'];

/** Where each stage sits in a process. */
export const stageOrder: readonly StageCode[] = StageCode.options;

export const ProcessStage = z.object({
  code: StageCode,
  name: z.string(),
  nameEn: z.string(),
  /** The role that works this stage ('customer' when the customer must act). */
  ownerRole: z.string(),
  /** Time limit in hours; null: none. */
  timeLimitHours: z.number().int().min(1).nullable(),
  /** Where the time limit counts from: entering the stage, or the goods' receipt (the law's 7 days for refunds). */
  timeLimitFrom: z.enum(['entered', 'received']).optional(),
  enabled: z.boolean(),
  /** Optional stages only: the stage applies to returns whose estimated refund (fen) is above this; null: to all. */
  minAmount: z.number().int().min(0).nullable().optional(),
  /** Standard operating steps (操作步骤) shown to whoever works the stage. */
  steps: z.array(z.string()),
  stepsEn: z.array(z.string()),
});
export type ProcessStage = z.infer<typeof ProcessStage>;

export const AutomationEvent = z.enum(['return.created', 'return.approved', 'return.received', 'return.inspected', 'stage.overdue']);
export type AutomationEvent = z.infer<typeof AutomationEvent>;

export const NotifyChannel = z.enum(['staff', 'customer', 'robot']);

export const AutomationAction = z.discriminatedUnion('type', [
  /** Approves a request that waits for review (never one that needs two reviewers). */
  z.object({ type: z.literal('auto_approve') }),
  /** Gives the return's current stage to a role (a team) or a person. */
  z.object({ type: z.literal('assign'), role: z.string().max(40).nullable(), userId: z.string().max(64).nullable() }),
  z.object({ type: z.literal('request_photos'), message: z.string().trim().max(200).optional() }),
  /** Received units are accepted for refund at once; inspection still follows. */
  z.object({ type: z.literal('refund_on_receipt') }),
  /** Emits an outbox event (automation.notify) the notifications module fans out. */
  z.object({ type: z.literal('notify'), channel: NotifyChannel, message: z.string().trim().min(1).max(300), messageEn: z.string().trim().max(300).optional() }),
  /** Overdue stage: hands it to a role (and a person), announces return.escalated. */
  z.object({ type: z.literal('escalate'), role: z.string().max(40), userId: z.string().max(64).nullable().optional() }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;

export const Automation = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -'),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(80).optional(),
  enabled: z.boolean(),
  event: AutomationEvent,
  /** stage.overdue only: which stages; empty: any. */
  stages: z.array(StageCode).max(10).optional(),
  match: z.enum(['all', 'any']),
  conditions: z.array(RuleCondition).max(20),
  actions: z.array(AutomationAction).min(1).max(10),
});
export type Automation = z.infer<typeof Automation>;

/** Which actions make sense on which event. */
export const actionsByEvent: Record<AutomationEvent, readonly AutomationAction['type'][]> = {
  'return.created': ['auto_approve', 'assign', 'request_photos', 'refund_on_receipt', 'notify'],
  'return.approved': ['assign', 'refund_on_receipt', 'notify'],
  'return.received': ['assign', 'notify'],
  'return.inspected': ['assign', 'notify'],
  'stage.overdue': ['escalate', 'assign', 'notify'],
};

export const ProcessDefinition = z.object({ stages: z.array(ProcessStage), automations: z.array(Automation).max(100).optional() });
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
