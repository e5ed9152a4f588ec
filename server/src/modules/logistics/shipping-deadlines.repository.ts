/** Approved returns whose goods have not been sent back, with the deadline of their return-shipping stage. */
import type { Db } from '../../db/connect.ts';

export type UnshippedReturn = { id: string; approvedAt: string; dueAt: string | null; reminded: boolean };

/** Approved returns with goods to come back and no parcel yet, approved before `approvedBefore`. */
export async function findUnshippedReturns(db: Db, approvedBefore: string, limit: number): Promise<UnshippedReturn[]> {
  const rows = await db
    .selectFrom('returns as r')
    .leftJoin('returnStages as s', (join) => join.onRef('s.returnId', '=', 'r.id').on('s.exitedAt', 'is', null))
    .select([
      'r.id',
      'r.approvedAt',
      's.dueAt',
      (eb) =>
        eb.exists(eb.selectFrom('returnEvents as e').select('e.id').whereRef('e.returnId', '=', 'r.id').where('e.action', '=', 'ship_reminder')).as('reminded'),
    ])
    .where('r.status', '=', 'approved')
    .where('r.type', '!=', 'refund_only')
    .where('r.returnless', '=', 0)
    .where('r.shippedAt', 'is', null)
    .where('r.approvedAt', '<=', approvedBefore)
    .orderBy('r.approvedAt')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, approvedAt: r.approvedAt ?? approvedBefore, dueAt: r.dueAt, reminded: Boolean(r.reminded) }));
}
