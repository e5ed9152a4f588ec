/** A manager closes a resolved return: the file is complete. */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import type { Scope } from '../lib/scope.ts';
import { updateReturn } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';

/** Closes a resolved return. */
export function closeReturn(ctx: AppContext, o: { returnId: string; scope: Scope; actor: Actor }): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'close' }, async ({ trx, ret, now }) => {
    await updateReturn(trx, ret.id, { closedAt: now.toISOString() });
    return { events: ['return.closed'] };
  });
}
