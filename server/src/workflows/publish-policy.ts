/**
 * A manager publishes a new version of the return policy (an edit, or a preset applied);
 * returns keep the version they were decided under. The audit entry says who changed
 * what, field by field.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { appendEvent } from '../modules/outbox/outbox.repository.ts';
import { mergePolicy } from '../modules/policy/default-policy.ts';
import { getCurrentPolicy, insertPolicyVersion } from '../modules/policy/policy.repository.ts';
import { Policy, type PolicyDocument, type PolicyUpdateBody } from '../modules/policy/policy.schema.ts';
import { diffDocuments } from '../modules/policy/policy-diff.ts';
import { validatePolicy } from '../modules/policy/validate-policy.ts';

export type PublishPolicyOptions = {
  /** Where the change came from, for the audit: an edit, or a preset by its code. */
  source?: { preset: string };
};

/** Merges an update over a policy and checks it; throws 400 naming each problem. */
export function mergeAndValidate(current: Policy, update: PolicyUpdateBody): Policy {
  const merged = Policy.safeParse(mergePolicy(current, update));
  if (!merged.success) {
    const details = merged.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('validation_failed', details[0]?.message ?? 'invalid policy', details);
  }
  const issues = validatePolicy(merged.data);
  if (issues.length > 0) throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return merged.data;
}

/**
 * PostgreSQL cuts the analytics facts' days with its own time zone database, which lacks
 * names Node still takes (`US/Pacific-New`, `SystemV/AST4`, dropped in tzdata 2020b): a
 * policy naming one would stop every report. Refused here with the other checks.
 */
async function assertDatabaseKnowsTimeZone(db: Db, timeZone: string): Promise<void> {
  if (!isPostgres(db)) return;
  const known = await sql<{ name: string }>`select name from pg_timezone_names where name = ${timeZone}`.execute(db);
  if (known.rows.length === 0) {
    const message = `Unknown time zone ${timeZone}`;
    throw new AppError('validation_failed', message, [{ path: 'timeZone', message }]);
  }
}

/** Merges the update over the policy in force and stores it as the next version. */
export async function publishPolicy(ctx: AppContext, update: PolicyUpdateBody, actor: Actor, options: PublishPolicyOptions = {}): Promise<PolicyDocument> {
  const now = ctx.clock.now();
  if (typeof update.timeZone === 'string') await assertDatabaseKnowsTimeZone(ctx.db, update.timeZone);
  const published = await ctx.db.transaction().execute(async (trx) => {
    const { version: previousVersion, createdAt: _c, ...current } = await getCurrentPolicy(trx);
    const next = mergeAndValidate(current, update);
    const document = await insertPolicyVersion(trx, next, actor, now);
    await writeAudit(trx, {
      action: options.source ? 'policy.preset_applied' : 'policy.publish',
      entityType: 'policy',
      entityId: String(document.version),
      data: { previousVersion, ...(options.source ? { preset: options.source.preset } : {}), changes: diffDocuments(current, next), update },
      actor,
      now,
    });
    await appendEvent(trx, {
      type: 'policy.published',
      aggregateType: 'policy',
      aggregateId: String(document.version),
      payload: { version: document.version },
      now,
    });
    return document;
  });
  ctx.notifyOutbox();
  return published;
}
