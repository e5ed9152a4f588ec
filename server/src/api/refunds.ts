/** Refund documents: the finance queue and the second approval. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { listRefunds } from '../modules/refunds/refunds.repository.ts';
import { RefundView, ReturnView } from '../modules/returns/returns.schema.ts';
import { approveRefund } from '../workflows/refund-return.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';

const RefundListItem = z.object({
  id: z.string(),
  number: z.string(),
  returnId: z.string(),
  customerId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  method: z.string(),
  status: z.string(),
  reference: z.string().nullable(),
  requestedById: z.string().nullable(),
  approvedById: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});

export function refundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/refunds',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Refunds, oldest first (the finance queue)',
          querystring: PageQuery.extend({ status: z.enum(['pending_approval', 'paid', 'rejected']).optional() }),
          response: { 200: listOf(RefundListItem) },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        const { limit, cursor, status } = request.query;
        const rows = await listRefunds(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) });
        return page(
          rows.map((r) => ({ ...r, requestedById: r.requestedById })),
          limit,
          (r) => r.id,
        );
      },
    );

    app.post(
      '/refunds/:id/approve',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Approve and pay a refund held for approval (not by its requester); answers the refund with its return',
          params: IdParams,
          response: { 200: RefundView.extend({ returnId: z.string(), return: ReturnView }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'refunds:approve');
        const ret = await approveRefund(ctx, { refundId: request.params.id, actor: { kind: 'user', id: p.user.id } });
        const refund = ret.refunds.find((r) => r.id === request.params.id);
        if (!refund) throw new Error('approved refund missing from its return');
        return { ...refund, returnId: ret.id, return: ret };
      },
    );
  };
}
