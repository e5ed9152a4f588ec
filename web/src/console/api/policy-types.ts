/** Types of the policy engine's endpoints (rules, presets, simulator, versions, process design), from the server's zod schemas. */
import type { PolicyReason as PolicyReasonSchema, Policy as PolicySchema } from '@server/modules/policy/policy.schema.ts';
import type {
  FactCode as FactCodeType,
  PolicyRule as PolicyRuleSchema,
  RuleCondition as RuleConditionSchema,
  RuleOutcome as RuleOutcomeSchema,
} from '@server/modules/policy/policy-rules.schema.ts';
import type {
  PolicyChangesView as PolicyChangesViewSchema,
  PolicyVersionView as PolicyVersionViewSchema,
  PresetView as PresetViewSchema,
  SimulateBody as SimulateBodySchema,
  SimulationView as SimulationViewSchema,
} from '@server/modules/policy/simulation.schema.ts';
import type {
  AutomationAction as AutomationActionSchema,
  Automation as AutomationSchema,
  ProcessDefinition as ProcessDefinitionSchema,
  ProcessStage as ProcessStageSchema,
} from '@server/modules/process/process.schema.ts';
import type { z } from 'zod';

export type PolicyDraft = z.infer<typeof PolicySchema>;
export type PolicyReasonDraft = z.infer<typeof PolicyReasonSchema>;
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;
export type RuleCondition = z.infer<typeof RuleConditionSchema>;
export type RuleOutcome = z.infer<typeof RuleOutcomeSchema>;
export type FactCode = FactCodeType;
export type SimulateBody = z.input<typeof SimulateBodySchema>;
export type Simulation = z.infer<typeof SimulationViewSchema>;
export type PolicyPreset = z.infer<typeof PresetViewSchema>;
export type PolicyVersion = z.infer<typeof PolicyVersionViewSchema>;
export type PolicyChanges = z.infer<typeof PolicyChangesViewSchema>;
export type ProcessDraft = z.infer<typeof ProcessDefinitionSchema>;
export type StageDraft = z.infer<typeof ProcessStageSchema>;
export type Automation = z.infer<typeof AutomationSchema>;
export type AutomationAction = z.infer<typeof AutomationActionSchema>;
export type RuleOptions = { channels: string[]; paymentMethods: string[]; categories: string[]; tiers: string[]; skus: string[] };
