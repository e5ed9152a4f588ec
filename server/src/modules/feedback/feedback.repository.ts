/** Customers' ratings of finished returns, for the console's CRM: the only SQL of the feedback module. */
import type { Db } from '../../db/connect.ts';
import { newId } from '../../lib/ids.ts';
import type { Scope } from '../../lib/scope.ts';

export type Feedback = { id: string; returnId: string; returnNumber: string; customerId: string; rating: number; comment: string | null; createdAt: string };

function visible(db: Db, scope: Scope) {
  let query = db
    .selectFrom('returnFeedback')
    .innerJoin('returns', 'returns.id', 'returnFeedback.returnId')
    .select([
      'returnFeedback.id',
      'returnFeedback.returnId',
      'returns.number as returnNumber',
      'returnFeedback.customerId',
      'returnFeedback.rating',
      'returnFeedback.comment',
      'returnFeedback.createdAt',
    ]);
  if (scope.kind === 'customer') query = query.where('returnFeedback.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('returnFeedback.customerId', 'in', db.selectFrom('customers').select('customers.id').where('customers.salesUserId', '=', scope.userId));
  }
  return query;
}

/** The feedback left on a return, if any. */
export async function findFeedbackForReturn(db: Db, returnId: string): Promise<Feedback | undefined> {
  return visible(db, { kind: 'all' }).where('returnFeedback.returnId', '=', returnId).executeTakeFirst();
}

/** Records feedback; the unique return_id makes a second one a conflict. */
export async function insertFeedback(db: Db, o: { returnId: string; customerId: string; rating: number; comment: string | null; now: Date }): Promise<string> {
  const id = newId('fb');
  await db
    .insertInto('returnFeedback')
    .values({ id, returnId: o.returnId, customerId: o.customerId, rating: o.rating, comment: o.comment, createdAt: o.now.toISOString() })
    .execute();
  return id;
}

export type FeedbackFilter = { customerId?: string; maxRating?: number; cursor?: string; limit: number };

/** Feedback in the scope, newest first. */
export async function listFeedback(db: Db, scope: Scope, filter: FeedbackFilter): Promise<Feedback[]> {
  let query = visible(db, scope).orderBy('returnFeedback.id', 'desc').limit(filter.limit);
  if (filter.customerId) query = query.where('returnFeedback.customerId', '=', filter.customerId);
  if (filter.maxRating !== undefined) query = query.where('returnFeedback.rating', '<=', filter.maxRating);
  if (filter.cursor) query = query.where('returnFeedback.id', '<', filter.cursor);
  return query.execute();
}

/** A customer's feedback summary: how many ratings and their average. */
export async function feedbackSummary(db: Db, customerId: string): Promise<{ count: number; averageRating: number | null }> {
  const row = await db
    .selectFrom('returnFeedback')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('rating').as('average')])
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  return { count, averageRating: count === 0 ? null : Math.round(Number(row.average) * 10) / 10 };
}
