/** The audit log: who changed what, for changes that are not on a return's timeline. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';

export type AuditOptions = { action: string; entityType: string; entityId: string; data?: unknown; actor: Actor; now: Date };

/** Appends an audit entry; call inside the transaction of the change. */
export async function writeAudit(db: Db, options: AuditOptions): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId('aud'),
      action: options.action,
      entityType: options.entityType,
      entityId: options.entityId,
      data: options.data === undefined ? null : JSON.stringify(options.data),
      actorKind: options.actor.kind,
      actorId: options.actor.id,
      createdAt: options.now.toISOString(),
    })
    .execute();
}
