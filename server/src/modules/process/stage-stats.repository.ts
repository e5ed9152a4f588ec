/** Stage rows read for the process picture: which returns sit where, and how long recent ones took. */
import type { Db } from '../../db/connect.ts';
import type { Scope } from '../../lib/scope.ts';
import type { ClosedStageRow, OpenStageRow } from './stage-statistics.ts';

function stagesInScope(db: Db, scope: Scope) {
  let query = db.selectFrom('returnStages as s').innerJoin('returns as r', 'r.id', 's.returnId');
  if (scope.kind === 'customer') query = query.where('r.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('r.customerId', 'in', db.selectFrom('customers as c').select('c.id').where('c.salesUserId', '=', scope.userId));
  }
  return query;
}

/** The open stage row of every return still in the process. */
export async function findOpenStageRows(db: Db, scope: Scope): Promise<OpenStageRow[]> {
  return stagesInScope(db, scope).select(['s.stage', 's.enteredAt', 's.dueAt']).where('s.exitedAt', 'is', null).execute();
}

/** The most recent finished stage rows (the last stage excluded), newest first. */
export async function findRecentClosedStageRows(db: Db, scope: Scope, limit: number): Promise<ClosedStageRow[]> {
  const rows = await stagesInScope(db, scope)
    .select(['s.stage', 's.enteredAt', 's.exitedAt'])
    .where('s.exitedAt', 'is not', null)
    .where('s.stage', '!=', 'done')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.exitedAt === null ? [] : [{ stage: r.stage, enteredAt: r.enteredAt, exitedAt: r.exitedAt }]));
}

/** How many returns have finished the process (in the last stage). */
export async function countFinishedReturns(db: Db, scope: Scope): Promise<number> {
  let query = db
    .selectFrom('returns as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.stage', '=', 'done');
  if (scope.kind === 'customer') query = query.where('r.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('r.customerId', 'in', db.selectFrom('customers as c').select('c.id').where('c.salesUserId', '=', scope.userId));
  }
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}
