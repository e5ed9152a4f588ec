/** The customer rates a finished return once (the feedback the console's CRM shows). */
import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { type Feedback, findFeedbackForReturn, insertFeedback } from '../modules/feedback/feedback.repository.ts';
import { lockReturnRow } from '../modules/returns/returns.repository.ts';

export type LeaveFeedbackOptions = { returnId: string; scope: Scope; rating: number; comment?: string | undefined };

const finished = new Set(['resolved', 'closed']);

/** 409 invalid_transition before the return is resolved, 409 conflict when already rated. */
export async function leaveFeedback(ctx: AppContext, o: LeaveFeedbackOptions): Promise<Feedback> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const ret = await lockReturnRow(trx, o.returnId, o.scope, isPostgres(trx));
    if (!ret) throw notFound('Return');
    if (!finished.has(ret.status)) {
      throw new AppError('invalid_transition', `Return ${ret.number} can be rated once it is resolved (it is ${ret.status})`, { status: ret.status });
    }
    if (await findFeedbackForReturn(trx, ret.id)) throw new AppError('conflict', `Return ${ret.number} has already been rated`);
    await insertFeedback(trx, { returnId: ret.id, customerId: ret.customerId, rating: o.rating, comment: o.comment || null, now });
    const feedback = await findFeedbackForReturn(trx, ret.id);
    if (!feedback) throw new Error('feedback vanished');
    return feedback;
  });
}
