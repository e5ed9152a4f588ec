/** What carriers report about return parcels (pushed by a tracking aggregator), one row per return. */
import type { Db } from '../../db/connect.ts';

export type TrackingRow = {
  returnId: string;
  provider: string;
  carrierCode: string | null;
  trackingNumber: string;
  state: string;
  lastContext: string | null;
  lastEventAt: string | null;
  pickedUpAt: string | null;
  arrivedAt: string | null;
  updatedAt: string;
};

/** A return's tracking record. */
export async function findTracking(db: Db, returnId: string): Promise<TrackingRow | undefined> {
  return db.selectFrom('returnTracking').selectAll().where('returnId', '=', returnId).executeTakeFirst();
}

/** Writes a return's tracking record. */
export async function saveTracking(db: Db, row: TrackingRow): Promise<void> {
  const { returnId, ...rest } = row;
  await db
    .insertInto('returnTracking')
    .values(row)
    .onConflict((oc) => oc.column('returnId').doUpdateSet(rest))
    .execute();
}

/** The newest return shipped with a tracking number. */
export async function findReturnIdByTracking(db: Db, trackingNumber: string): Promise<string | undefined> {
  const row = await db.selectFrom('returns').select('id').where('trackingNumber', '=', trackingNumber).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}

export type ArrivingRow = TrackingRow & { number: string; status: string };

/** Parcels the carrier delivered whose goods the warehouse has not received yet. */
export async function listArriving(db: Db, limit: number): Promise<ArrivingRow[]> {
  return db
    .selectFrom('returnTracking as t')
    .innerJoin('returns as r', 'r.id', 't.returnId')
    .selectAll('t')
    .select(['r.number', 'r.status'])
    .where('t.arrivedAt', 'is not', null)
    .where('r.status', 'in', ['approved', 'in_transit'])
    .orderBy('t.arrivedAt')
    .limit(limit)
    .execute();
}
