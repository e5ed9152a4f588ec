/** A manager publishes a new version of the return policy; returns keep the version they were decided under. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { invalidField } from '../lib/app-error.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { appendEvent } from '../modules/outbox/outbox.repository.ts';
import { mergePolicy } from '../modules/policy/default-policy.ts';
import { getCurrentPolicy, insertPolicyVersion } from '../modules/policy/policy.repository.ts';
import { Policy, type PolicyDocument, type PolicyUpdateBody } from '../modules/policy/policy.schema.ts';

/** Merges the update over the policy in force and stores it as the next version. */
export async function publishPolicy(ctx: AppContext, update: PolicyUpdateBody, actor: Actor): Promise<PolicyDocument> {
  const now = ctx.clock.now();
  const published = await ctx.db.transaction().execute(async (trx) => {
    const { version: previousVersion, createdAt: _c, ...current } = await getCurrentPolicy(trx);
    const merged = Policy.safeParse(mergePolicy(current, update));
    if (!merged.success) {
      throw invalidField(merged.error.issues[0]?.path.join('.') ?? 'body', merged.error.issues[0]?.message ?? 'invalid policy');
    }
    const codes = merged.data.reasons.map((r) => r.code);
    if (new Set(codes).size !== codes.length) throw invalidField('reasons', 'Reason codes must be unique');
    if (!Intl.supportedValuesOf('timeZone').includes(merged.data.timeZone) && merged.data.timeZone !== 'UTC') {
      throw invalidField('timeZone', `Unknown time zone ${merged.data.timeZone}`);
    }
    const document = await insertPolicyVersion(trx, merged.data, actor, now);
    await writeAudit(trx, {
      action: 'policy.publish',
      entityType: 'policy',
      entityId: String(document.version),
      data: { previousVersion, update },
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
