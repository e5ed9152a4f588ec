/** Stock documents: the header a transfer, an adjustment or an opening-stock import writes before its movements. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { listMovements } from './stock.repository.ts';
import type { StockDocumentSummary, StockDocumentView } from './stock-documents.schema.ts';

export type StockDocumentKind = StockDocumentSummary['kind'];

export type InsertStockDocumentOptions = {
  id?: string;
  number: string;
  kind: StockDocumentKind;
  reasonCode?: string | null;
  note?: string | null;
  actor: Actor;
  now: Date;
};

/** A new document id, for movements posted before the header is written. */
export function newStockDocumentId(): string {
  return newId('sdoc');
}

/** Writes a document header; run inside the transaction that posts its movements. */
export async function insertStockDocument(db: Db, o: InsertStockDocumentOptions): Promise<string> {
  const id = o.id ?? newId('sdoc');
  await db
    .insertInto('stockDocuments')
    .values({
      id,
      number: o.number,
      kind: o.kind,
      reasonCode: o.reasonCode ?? null,
      note: o.note ?? null,
      actorKind: o.actor.kind,
      actorId: o.actor.id,
      createdAt: o.now.toISOString(),
    })
    .execute();
  return id;
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('stockDocuments as d')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'd.actorId').on('d.actorKind', '=', 'user'))
    .select(['d.id', 'd.number', 'd.kind', 'd.reasonCode', 'd.note', 'd.actorKind', 'd.actorId', 'u.name as actorName', 'd.createdAt']);
}

type SummaryRow = {
  id: string;
  number: string;
  kind: string;
  reasonCode: string | null;
  note: string | null;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
};

function toSummary({ actorKind, actorId, actorName, ...r }: SummaryRow): StockDocumentSummary {
  return { ...r, kind: r.kind as StockDocumentKind, actor: { kind: actorKind, id: actorId, name: actorName } };
}

/** A document with its movements, by id or number. */
export async function findStockDocument(db: Db, idOrNumber: string): Promise<StockDocumentView | undefined> {
  const row = await summaryQuery(db)
    .where((eb) => eb.or([eb('d.id', '=', idOrNumber), eb('d.number', '=', idOrNumber)]))
    .executeTakeFirst();
  if (!row) return undefined;
  const movements = await listMovements(db, { sourceId: row.id, limit: 10_000 });
  return { ...toSummary(row), movements };
}

/** Documents, newest first, with cursor paging (cursor = last id). */
export async function listStockDocuments(db: Db, o: { kind?: StockDocumentKind; cursor?: string; limit: number }): Promise<StockDocumentSummary[]> {
  let query = summaryQuery(db).orderBy('d.id', 'desc').limit(o.limit);
  if (o.kind) query = query.where('d.kind', '=', o.kind);
  if (o.cursor) query = query.where('d.id', '<', o.cursor);
  return (await query.execute()).map(toSummary);
}
