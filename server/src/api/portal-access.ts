/**
 * Who may see a return from the portal's pages: a portal customer (their own), staff
 * (by role), or anyone holding the return's signed progress link (that return only).
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { readProgressToken } from '../modules/portal/progress-links.ts';

/** A portal customer's id: 401 without a session, 403 for staff. */
export function requireCustomer(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'customer') return p.customerId;
  if (p.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in to the portal first');
  throw new AppError('forbidden', 'Only the customer can do this');
}

/**
 * The scope in which a return may be read: the caller's own, or — with a valid
 * `access` link token for exactly this return — that return whoever asks.
 */
export async function returnReadScope(ctx: AppContext, request: FastifyRequest, returnId: string, access: string | undefined): Promise<Scope> {
  if (access) {
    const link = await readProgressToken(ctx.db, access, ctx.clock.now());
    if (link && link.returnId === returnId) return { kind: 'all' };
    if (request.principal.kind === 'anonymous') throw new AppError('unauthenticated', 'This link is invalid or has expired');
  }
  return scopeOf(requireStaffOrCustomer(request, 'returns:read'));
}
