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

export type AuditEntry = { action: string; entityId: string; data: unknown; at: string; actor: { kind: string; id: string | null; name: string | null } };

/** The audit entries of some records of a type, oldest first, with the names of the staff who acted. */
export async function findAuditEntries(db: Db, entityType: string, entityIds: readonly string[]): Promise<AuditEntry[]> {
  if (entityIds.length === 0) return [];
  const rows = await db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'a.actorId').on('a.actorKind', '=', 'user'))
    .select(['a.action', 'a.entityId', 'a.data', 'a.createdAt', 'a.actorKind', 'a.actorId', 'u.name as userName'])
    .where('a.entityType', '=', entityType)
    .where('a.entityId', 'in', [...new Set(entityIds)])
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    entityId: r.entityId,
    data: r.data ? JSON.parse(r.data) : null,
    at: r.createdAt,
    actor: { kind: r.actorKind, id: r.actorId, name: r.userName ?? null },
  }));
}
