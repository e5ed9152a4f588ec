/**
 * The working state of a return's stages that the process engine changes: who the open
 * stage is assigned to, overdue stages waiting for escalation, and facts the route
 * needs (first receipt, reviews done so far).
 */
import type { Db } from '../../db/connect.ts';

/** Hands the return's open stage to a role and/or a person; false when no stage is open. */
export async function assignOpenStage(db: Db, returnId: string, o: { role?: string | null; userId?: string | null }): Promise<boolean> {
  const patch = { ...(o.role ? { ownerRole: o.role } : {}), ...(o.userId !== undefined && o.userId !== null ? { assignedUserId: o.userId } : {}) };
  if (Object.keys(patch).length === 0) return false;
  const result = await db.updateTable('returnStages').set(patch).where('returnId', '=', returnId).where('exitedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type OverdueStage = { id: string; returnId: string; stage: string; ownerRole: string; dueAt: string };

/** Open stage rows past their time limit that were not escalated yet, oldest due first. */
export async function findOverdueStages(db: Db, now: string, limit: number): Promise<OverdueStage[]> {
  const rows = await db
    .selectFrom('returnStages')
    .select(['id', 'returnId', 'stage', 'ownerRole', 'dueAt'])
    .where('exitedAt', 'is', null)
    .where('dueAt', 'is not', null)
    .where('dueAt', '<=', now)
    .where('escalatedAt', 'is', null)
    .orderBy('dueAt')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.dueAt ? [{ ...r, dueAt: r.dueAt }] : []));
}

/** Marks a stage row escalated, once; false when it was already escalated or has been left. */
export async function markStageEscalated(db: Db, stageRowId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('returnStages')
    .set({ escalatedAt: now.toISOString() })
    .where('id', '=', stageRowId)
    .where('escalatedAt', 'is', null)
    .where('exitedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When the first parcel of a return was received (null: nothing yet). */
export async function firstReceiptAt(db: Db, returnId: string): Promise<string | null> {
  const row = await db
    .selectFrom('returnEvents')
    .select('createdAt')
    .where('returnId', '=', returnId)
    .where('action', '=', 'receive')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.createdAt ?? null;
}

/** The people who gave a first-level approval of a return that needs two reviewers. */
export async function firstReviewers(db: Db, returnId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('returnEvents')
    .select('actorId')
    .where('returnId', '=', returnId)
    .where('action', '=', 'review_approve')
    .orderBy('id')
    .execute();
  return [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
}

/** Whether a refund of the return waits for approval. */
export async function hasPendingRefund(db: Db, returnId: string): Promise<boolean> {
  const row = await db.selectFrom('refunds').select('id').where('returnId', '=', returnId).where('status', '=', 'pending_approval').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Accepts received units on receipt from now on (before any unit arrived); false when goods already came. */
export async function setRefundOnReceipt(db: Db, returnId: string): Promise<boolean> {
  const received = await db
    .selectFrom('returnLines')
    .select((eb) => eb.fn.sum<number>('receivedQuantity').as('n'))
    .where('returnId', '=', returnId)
    .executeTakeFirst();
  if (Number(received?.n ?? 0) > 0) return false;
  const result = await db.updateTable('returns').set({ refundOnReceipt: 1 }).where('id', '=', returnId).where('refundOnReceipt', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
