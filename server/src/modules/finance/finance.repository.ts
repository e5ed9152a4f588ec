/** The money trail finance reconciles: refunds of a period with their lines, store-credit entries, and the daily closes. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';

export type Period = { from: string; to: string };

export type PeriodRefund = {
  id: string;
  amount: number;
  method: string;
  status: string;
  createdAt: string;
  paidAt: string | null;
  rejectedAt: string | null;
  /** Σ of the refund's lines. */
  linesAmount: number;
  /** Σ of the store-credit ledger's refund entries made for it. */
  credited: number;
  hasNote: boolean;
};

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/** Refunds asked for, paid or rejected in [from, to), with their lines and ledger entries summed. */
export async function refundsInPeriod(db: Db, p: Period): Promise<PeriodRefund[]> {
  const within = (column: 'r.createdAt' | 'r.paidAt' | 'r.rejectedAt') => sql<boolean>`(${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to})`;
  const rows = await db
    .selectFrom('refunds as r')
    .select([
      'r.id',
      'r.amount',
      'r.method',
      'r.status',
      'r.createdAt',
      'r.paidAt',
      'r.rejectedAt',
      (eb) =>
        eb
          .selectFrom('refundLines as l')
          .select((s) => s.fn.coalesce(s.fn.sum<number>('l.amount'), sql<number>`0`).as('a'))
          .whereRef('l.refundId', '=', 'r.id')
          .as('linesAmount'),
      (eb) =>
        eb
          .selectFrom('storeCreditEntries as e')
          .select((s) => s.fn.coalesce(s.fn.sum<number>('e.amount'), sql<number>`0`).as('c'))
          .whereRef('e.sourceId', '=', 'r.id')
          .where('e.sourceType', '=', 'refund')
          .where('e.type', '=', 'refund')
          .as('credited'),
      (eb) => eb.exists(eb.selectFrom('refundNotes as n').select('n.id').whereRef('n.refundId', '=', 'r.id')).as('hasNote'),
    ])
    .where((eb) => eb.or([within('r.createdAt'), within('r.paidAt'), within('r.rejectedAt')]))
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amount: Number(r.amount),
    method: r.method,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    paidAt: iso(r.paidAt),
    rejectedAt: iso(r.rejectedAt),
    linesAmount: Number(r.linesAmount ?? 0),
    credited: Number(r.credited ?? 0),
    hasNote: Boolean(Number(r.hasNote)),
  }));
}

export type CloseRow = {
  date: string;
  timeZone: string;
  totals: unknown;
  flagged: unknown;
  closedByKind: string;
  closedById: string | null;
  closedByName: string | null;
  closedAt: string;
};

function closes(db: Db) {
  return db
    .selectFrom('financeCloses as f')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'f.closedById').on('f.closedByKind', '=', 'user'))
    .select(['f.date', 'f.timeZone', 'f.totals', 'f.flagged', 'f.closedByKind', 'f.closedById', 'u.name as closedByName', 'f.closedAt']);
}

const toClose = (r: Omit<CloseRow, 'totals' | 'flagged'> & { totals: string; flagged: string }): CloseRow => ({
  ...r,
  totals: JSON.parse(r.totals),
  flagged: JSON.parse(r.flagged),
  closedAt: new Date(r.closedAt).toISOString(),
});

/** The close of a day, if it was closed. */
export async function findClose(db: Db, date: string): Promise<CloseRow | undefined> {
  const row = await closes(db).where('f.date', '=', date).executeTakeFirst();
  return row ? toClose(row) : undefined;
}

/** Closes of days, newest first, optionally within [from, to]. */
export async function listCloses(db: Db, o: { from?: string; to?: string; limit: number }): Promise<CloseRow[]> {
  let query = closes(db).orderBy('f.date', 'desc').limit(o.limit);
  if (o.from) query = query.where('f.date', '>=', o.from);
  if (o.to) query = query.where('f.date', '<=', o.to);
  return (await query.execute()).map(toClose);
}

/** Stores a day's close; false when the day was closed already (by someone else in the meantime). */
export async function insertClose(db: Db, o: { date: string; timeZone: string; totals: unknown; flagged: unknown; actor: Actor; now: Date }): Promise<boolean> {
  const result = await db
    .insertInto('financeCloses')
    .values({
      date: o.date,
      timeZone: o.timeZone,
      totals: JSON.stringify(o.totals),
      flagged: JSON.stringify(o.flagged),
      closedByKind: o.actor.kind,
      closedById: o.actor.id,
      closedAt: o.now.toISOString(),
    })
    .onConflict((oc) => oc.column('date').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
