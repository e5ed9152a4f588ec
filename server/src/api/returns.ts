/** Returns (退货单) and their actions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { loadReturnView } from '../modules/returns/present-return.ts';
import { returnStatuses } from '../modules/returns/return-status.ts';
import { listReturnRows } from '../modules/returns/returns.repository.ts';
import {
  ApproveBody,
  CancelBody,
  CloseBody,
  InspectBody,
  ReceiveBody,
  RefundBody,
  RejectBody,
  ReturnCreateBody,
  ReturnView,
  ShipBody,
  ShipReplacementBody,
} from '../modules/returns/returns.schema.ts';
import { cancelReturn } from '../workflows/cancel-return.ts';
import { closeReturn } from '../workflows/close-return.ts';
import { createReturn } from '../workflows/create-return.ts';
import { inspectReturn } from '../workflows/inspect-return.ts';
import { receiveReturn } from '../workflows/receive-return.ts';
import { refundReturn } from '../workflows/refund-return.ts';
import { approveReturn, rejectReturn } from '../workflows/review-return.ts';
import { shipReplacement } from '../workflows/ship-replacement.ts';
import { shipReturn } from '../workflows/ship-return.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';

const StatusList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(returnStatuses)));

export const ReturnListQuery = PageQuery.extend({
  status: StatusList.optional(),
  customerId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  stage: z.string().max(40).optional(),
  channel: z.string().max(40).optional(),
  reasonCode: z.string().max(40).optional(),
  q: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});

const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();

export function returnRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const respond = { 200: ReturnView, ...errorResponses };

    app.post(
      '/returns',
      { schema: { tags: ['returns'], summary: 'Ask to return lines of an order', body: ReturnCreateBody, response: { 201: ReturnView, ...errorResponses } } },
      async (request, reply) => {
        const p = requireStaffOrCustomer(request, 'returns:create');
        const view = await createReturn(ctx, {
          body: request.body,
          scope: scopeOf(p),
          actor: actorOf(p),
          ...(p.kind === 'user' && !p.apiKeyId ? { actorName: p.user.name } : {}),
          defaultChannel: p.kind === 'customer' ? 'portal' : 'service',
        });
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/returns',
      { schema: { tags: ['returns'], summary: 'Returns, with filters and search', querystring: ReturnListQuery, response: { 200: listOf(ReturnView) } } },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        const q = request.query;
        const rows = await listReturnRows(ctx.db, scopeOf(p), {
          limit: q.limit + 1,
          order: q.order,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.customerId ? { customerId: q.customerId } : {}),
          ...(q.orderId ? { orderId: q.orderId } : {}),
          ...(q.stage ? { stage: q.stage } : {}),
          ...(q.channel ? { channel: q.channel } : {}),
          ...(q.reasonCode ? { reasonCode: q.reasonCode } : {}),
          ...(q.q ? { q: q.q } : {}),
          ...(q.from ? { createdFrom: toInstant(q.from) } : {}),
          ...(q.to ? { createdTo: toInstant(q.to) } : {}),
          ...(q.overdue === 'true' ? { overdueAt: ctx.clock.now().toISOString() } : {}),
        });
        const { data, nextCursor } = page(rows, q.limit, (r) => r.id);
        const views = await Promise.all(data.map((r) => loadReturnView(ctx.db, r.id, { kind: 'all' })));
        return { data: views.filter((v) => v !== undefined), nextCursor };
      },
    );

    app.get('/returns/:id', { schema: { tags: ['returns'], summary: 'A return with its timeline', params: IdParams, response: respond } }, async (request) => {
      const p = requireStaffOrCustomer(request, 'returns:read');
      const view = await loadReturnView(ctx.db, request.params.id, scopeOf(p));
      if (!view) throw notFound('Return');
      return view;
    });

    app.post(
      '/returns/:id/approve',
      { schema: { tags: ['returns'], summary: 'Approve a requested return', params: IdParams, body: ApproveBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:review');
        return approveReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), note: request.body.note });
      },
    );

    app.post(
      '/returns/:id/reject',
      { schema: { tags: ['returns'], summary: 'Reject a requested return', params: IdParams, body: RejectBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:review');
        return rejectReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), reason: request.body.reason });
      },
    );

    app.post(
      '/returns/:id/ship',
      { schema: { tags: ['returns'], summary: 'Record the return parcel', params: IdParams, body: ShipBody, response: respond } },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:ship');
        return shipReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), ...request.body });
      },
    );

    app.post(
      '/returns/:id/receive',
      { schema: { tags: ['returns'], summary: 'Receive units into RETURNS', params: IdParams, body: ReceiveBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:receive');
        return receiveReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), body: request.body });
      },
    );

    app.post(
      '/returns/:id/inspect',
      { schema: { tags: ['returns'], summary: 'Grade and dispose of received units', params: IdParams, body: InspectBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:inspect');
        return inspectReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), body: request.body });
      },
    );

    app.post(
      '/returns/:id/refund',
      { schema: { tags: ['returns'], summary: 'Refund a return', params: IdParams, body: RefundBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:refund');
        return refundReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), body: request.body });
      },
    );

    app.post(
      '/returns/:id/cancel',
      { schema: { tags: ['returns'], summary: 'Cancel a return', params: IdParams, body: CancelBody, response: respond } },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:cancel');
        return cancelReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), reason: request.body.reason });
      },
    );

    app.post(
      '/returns/:id/close',
      { schema: { tags: ['returns'], summary: 'Close a resolved return', params: IdParams, body: CloseBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:close');
        return closeReturn(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p) });
      },
    );

    app.post(
      '/returns/:id/ship-replacement',
      { schema: { tags: ['returns'], summary: "Ship an exchange's replacement", params: IdParams, body: ShipReplacementBody, response: respond } },
      async (request) => {
        const p = requireStaff(request, 'returns:receive');
        return shipReplacement(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), ...request.body });
      },
    );
  };
}
