/**
 * A manager changes the process without code: stage names, owner roles, time limits,
 * operating steps (操作步骤), optional stages switched on or off or limited to returns
 * above an amount, added stages (second review, finance approval), and automations.
 * Stored as a new version, audited field by field; returns decided from now on take the
 * new route, those decided before keep theirs.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { roles } from '../modules/auth/roles.ts';
import { appendEvent } from '../modules/outbox/outbox.repository.ts';
import { diffDocuments } from '../modules/policy/policy-diff.ts';
import { getCurrentProcess, insertProcessVersion } from '../modules/process/process.repository.ts';
import { actionsByEvent, coreStages, optionalStages, type ProcessDefinition, stageOrder } from '../modules/process/process.schema.ts';
import type { ProcessUpdateBody } from '../modules/process/process-view.schema.ts';

type Issue = { path: string; message: string };

/** The problems of a process definition; empty when it may be published. */
export function validateProcess(body: ProcessDefinition): Issue[] {
  const issues: Issue[] = [];
  const codes = body.stages.map((s) => s.code);
  const missing = coreStages.filter((code) => !codes.includes(code));
  if (missing.length > 0) issues.push({ path: 'stages', message: `Every stage must be listed; missing: ${missing.join(', ')}` });
  if (new Set(codes).size !== codes.length) issues.push({ path: 'stages', message: 'Each stage may appear once' });
  body.stages.forEach((stage, i) => {
    const optional = optionalStages.includes(stage.code);
    if (!optional && !stage.enabled) {
      issues.push({ path: `stages.${i}.enabled`, message: `Stage ${stage.code} is part of every return's path and cannot be switched off` });
    }
    if (!optional && stage.minAmount !== undefined && stage.minAmount !== null) {
      issues.push({ path: `stages.${i}.minAmount`, message: `Only optional stages apply above an amount (${optionalStages.join(', ')})` });
    }
  });
  const automations = body.automations ?? [];
  const ids = automations.map((a) => a.id);
  if (new Set(ids).size !== ids.length) issues.push({ path: 'automations', message: 'Automation ids must be unique' });
  const knownRoles = new Set<string>([...roles, 'customer']);
  automations.forEach((automation, i) => {
    if (automation.stages?.length && automation.event !== 'stage.overdue') {
      issues.push({ path: `automations.${i}.stages`, message: 'Stages are chosen for stage.overdue automations only' });
    }
    automation.actions.forEach((action, j) => {
      const path = `automations.${i}.actions.${j}`;
      if (!actionsByEvent[automation.event].includes(action.type)) {
        issues.push({ path, message: `${action.type} cannot run on ${automation.event} (allowed: ${actionsByEvent[automation.event].join(', ')})` });
      }
      if ((action.type === 'assign' || action.type === 'escalate') && action.role && !knownRoles.has(action.role)) {
        issues.push({ path: `${path}.role`, message: `Unknown role ${action.role}` });
      }
      if (action.type === 'assign' && !action.role && !action.userId) issues.push({ path, message: 'Assign to a role, a person, or both' });
    });
  });
  return issues;
}

/** Checks the definition, puts the stages in process order, and publishes it as the next version. */
export async function publishProcess(ctx: AppContext, body: ProcessUpdateBody, actor: Actor): Promise<number> {
  const issues = validateProcess(body);
  if (issues.length > 0) throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  const now = ctx.clock.now();
  const version = await ctx.db.transaction().execute(async (trx) => {
    const { version: previousVersion, ...previous } = await getCurrentProcess(trx);
    // An editor that does not know a setting (an amount, where a limit counts from, the
    // automations) leaves it as it was rather than clearing it.
    const stages = [...body.stages]
      .sort((a, b) => stageOrder.indexOf(a.code) - stageOrder.indexOf(b.code))
      .map((stage) => {
        const before = previous.stages.find((s) => s.code === stage.code);
        return {
          ...stage,
          ...(stage.minAmount === undefined && before?.minAmount !== undefined ? { minAmount: before.minAmount } : {}),
          ...(stage.timeLimitFrom === undefined && before?.timeLimitFrom !== undefined ? { timeLimitFrom: before.timeLimitFrom } : {}),
        };
      });
    const definition: ProcessDefinition = { stages, automations: body.automations ?? previous.automations ?? [] };
    const published = await insertProcessVersion(trx, definition, actor, now);
    await writeAudit(trx, {
      action: 'process.publish',
      entityType: 'process',
      entityId: String(published),
      data: { previousVersion, changes: diffDocuments(previous, definition) },
      actor,
      now,
    });
    await appendEvent(trx, { type: 'process.published', aggregateType: 'process', aggregateId: String(published), payload: { version: published }, now });
    return published;
  });
  ctx.notifyOutbox();
  return version;
}
