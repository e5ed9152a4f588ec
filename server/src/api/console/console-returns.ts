/** The console's work queues, its list of returns, and the workbench beside a return. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requireStaff, scopeOf } from '../../http/principal.ts';
import { seesMaskedPhones } from '../../modules/auth/roles.ts';
import { queueOwner, queuesForRoles } from '../../modules/queues/queue-definitions.ts';
import { type ConsoleReturnFilter, countQueue, listConsoleReturns } from '../../modules/queues/queues.repository.ts';
import { ConsoleReturnPage, ConsoleReturnQuery, QueueOverview } from '../../modules/queues/queues.schema.ts';
import { ReturnWorkbench } from '../../modules/returns/workbench.schema.ts';
import { loadReturnWorkbench } from '../../workflows/load-return-workbench.ts';
import { errorResponses, IdParams } from '../common.ts';
import { maskPhone } from '../customers.ts';

/** The analytics drill-down filters of a list query, when any is given. */
function drillOf(q: ConsoleReturnQuery): { drill?: NonNullable<ConsoleReturnFilter['drill']> } {
  const drill = {
    ...(q.productId ? { productId: q.productId } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.supplierId ? { supplierId: q.supplierId } : {}),
    ...(q.reasonCodes ? { reasonCodes: q.reasonCodes.split(',').filter(Boolean) } : {}),
    ...(q.orderChannel ? { orderChannel: q.orderChannel } : {}),
    ...(q.warehouseId ? { warehouseId: q.warehouseId } : {}),
  };
  return Object.keys(drill).length > 0 ? { drill } : {};
}

const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();

export function consoleReturnRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/console/queues',
      {
        schema: {
          tags: ['console'],
          summary: "The signed-in user's work queues with counts, overdue counts and the oldest waiting",
          response: { 200: QueueOverview },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        const now = ctx.clock.now().toISOString();
        const codes = queuesForRoles(p.user.roles);
        const queues = await Promise.all(
          codes.map(async (code) => ({ code, ownerRole: queueOwner[code], ...(await countQueue(ctx.db, scopeOf(p), code, now)) })),
        );
        return { queues, primary: codes[0] ?? 'all_open', now };
      },
    );

    app.get(
      '/console/returns',
      {
        schema: {
          tags: ['console'],
          summary: 'Returns with order, customer and stage due time; filters, search, queues and page numbers',
          querystring: ConsoleReturnQuery,
          response: { 200: ConsoleReturnPage, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        const q = request.query;
        const { rows, total, moreThanTotal, nextCursor } = await listConsoleReturns(
          ctx.db,
          scopeOf(p),
          {
            now: ctx.clock.now().toISOString(),
            ...(q.queue ? { queue: q.queue } : {}),
            ...(q.status ? { status: q.status } : {}),
            ...(q.stage ? { stage: q.stage } : {}),
            ...(q.ownerRole ? { ownerRole: q.ownerRole } : {}),
            ...(q.channel ? { channel: q.channel } : {}),
            ...(q.reasonCode ? { reasonCode: q.reasonCode } : {}),
            ...(q.customerId ? { customerId: q.customerId } : {}),
            ...(q.orderId ? { orderId: q.orderId } : {}),
            ...(q.q ? { q: q.q } : {}),
            ...(q.from ? { createdFrom: toInstant(q.from) } : {}),
            ...(q.to ? { createdTo: toInstant(q.to) } : {}),
            ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
            ...drillOf(q),
          },
          { sort: q.sort, offset: (q.page - 1) * q.pageSize, limit: q.pageSize, ...(q.after ? { after: q.after } : {}) },
        );
        const masked = seesMaskedPhones(p.user.roles);
        return {
          data: masked ? rows.map((r) => ({ ...r, customerPhone: maskPhone(r.customerPhone) })) : rows,
          total,
          moreThanTotal,
          nextCursor,
          page: q.page,
          pageSize: q.pageSize,
        };
      },
    );

    app.get(
      '/console/returns/:id/workbench',
      {
        schema: {
          tags: ['console'],
          summary: "A return's stage with its operating steps, stage history, inspections, refund breakdown and the actions the user may take now",
          params: IdParams,
          response: { 200: ReturnWorkbench, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        return loadReturnWorkbench(ctx, { returnId: request.params.id, scope: scopeOf(p), user: { id: p.user.id, roles: p.user.roles } });
      },
    );
  };
}
