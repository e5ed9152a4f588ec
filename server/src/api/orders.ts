/** Orders. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { normalizePhone } from '../modules/customers/customers.repository.ts';
import { locationCodesById } from '../modules/inventory/locations.repository.ts';
import { findOrder, listOrders, type Order } from '../modules/orders/orders.repository.ts';
import { OrderCreateBody, OrderView } from '../modules/orders/orders.schema.ts';
import { presentOrder } from '../modules/orders/present-order.ts';
import { createOrder } from '../workflows/create-order.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';

export function orderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    async function present(orders: Order[]) {
      const codes = orders.some((o) => o.stockLocationId) ? await locationCodesById(ctx.db) : new Map<string, string>();
      return orders.map((o) => presentOrder(o, o.stockLocationId ? (codes.get(o.stockLocationId) ?? null) : null));
    }

    app.post(
      '/orders',
      { schema: { tags: ['orders'], summary: 'Record an order', body: OrderCreateBody, response: { 201: OrderView, ...errorResponses } } },
      async (request, reply) => {
        const p = requireStaff(request, 'orders:write');
        const order = await createOrder(ctx, request.body, actorOf(p));
        const [view] = await present([order]);
        if (!view) throw new Error('order not presented');
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/orders',
      {
        schema: {
          tags: ['orders'],
          summary: 'Orders, newest first; by number, customer or phone',
          querystring: PageQuery.extend({
            number: z.string().max(64).optional(),
            customerId: z.string().max(64).optional(),
            phone: z.string().max(30).optional(),
          }),
          response: { 200: listOf(OrderView) },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'orders:read');
        const { limit, cursor, number, customerId, phone } = request.query;
        const rows = await listOrders(ctx.db, scopeOf(p), {
          limit: limit + 1,
          ...(cursor ? { cursor } : {}),
          ...(number ? { number } : {}),
          ...(customerId ? { customerId } : {}),
          ...(phone ? { phone: normalizePhone(phone) } : {}),
        });
        return page(await present(rows), limit, (o) => o.id);
      },
    );

    app.get(
      '/orders/:id',
      { schema: { tags: ['orders'], summary: 'An order with returnable quantities', params: IdParams, response: { 200: OrderView, ...errorResponses } } },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'orders:read');
        const order = await findOrder(ctx.db, request.params.id, scopeOf(p));
        if (!order) throw notFound('Order');
        const [view] = await present([order]);
        if (!view) throw notFound('Order');
        return view;
      },
    );
  };
}
