/** Customers' one-tap ratings of finished returns, and the list the console's CRM reads. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { findFeedbackForReturn, listFeedback } from '../modules/feedback/feedback.repository.ts';
import { FeedbackBody, FeedbackView } from '../modules/portal/portal.schema.ts';
import { findReturnRow } from '../modules/returns/returns.repository.ts';
import { leaveFeedback } from '../workflows/leave-feedback.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';
import { requireCustomer } from './portal-access.ts';

export function returnFeedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/returns/:id/feedback',
      {
        schema: {
          tags: ['returns'],
          summary: 'Rate a resolved or closed return once (the owning customer)',
          params: IdParams,
          body: FeedbackBody,
          response: { 201: FeedbackView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const customerId = requireCustomer(request);
        const feedback = await leaveFeedback(ctx, { returnId: request.params.id, scope: { kind: 'customer', customerId }, ...request.body });
        return reply.code(201).send(feedback);
      },
    );

    app.get(
      '/returns/:id/feedback',
      {
        schema: {
          tags: ['returns'],
          summary: "A return's feedback (null until the customer rates it)",
          params: IdParams,
          response: { 200: z.object({ feedback: FeedbackView.nullable() }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        const ret = await findReturnRow(ctx.db, request.params.id, scopeOf(p));
        if (!ret) throw notFound('Return');
        return { feedback: (await findFeedbackForReturn(ctx.db, ret.id)) ?? null };
      },
    );

    app.get(
      '/feedback',
      {
        schema: {
          tags: ['customers'],
          summary: "Customers' ratings of their returns, newest first (CRM)",
          querystring: PageQuery.extend({ customerId: z.string().max(64).optional(), maxRating: z.coerce.number().int().min(1).max(5).optional() }),
          response: { 200: listOf(FeedbackView), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'customers:read');
        const q = request.query;
        const rows = await listFeedback(ctx.db, scopeOf(p), {
          limit: q.limit + 1,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          ...(q.customerId ? { customerId: q.customerId } : {}),
          ...(q.maxRating ? { maxRating: q.maxRating } : {}),
        });
        return page(rows, q.limit, (r) => r.id);
      },
    );
  };
}
