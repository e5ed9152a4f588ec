/** The customer portal's sign-in: order number plus the order's email or phone. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { openPortalSession } from '../modules/auth/portal.service.ts';
import { locationCodesById } from '../modules/inventory/locations.repository.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { OrderView } from '../modules/orders/orders.schema.ts';
import { presentOrder } from '../modules/orders/present-order.ts';
import { ErrorBody } from './common.ts';

export function portalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/portal/sessions',
      {
        schema: {
          tags: ['portal'],
          summary: "Open a customer session with an order number and the order's email or phone",
          body: z.object({ orderNumber: z.string().trim().min(1).max(64), contact: z.string().trim().min(3).max(254) }),
          response: {
            201: z.object({ token: z.string(), expiresAt: z.string(), customerId: z.string(), order: OrderView }),
            400: ErrorBody,
            404: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const session = await openPortalSession(ctx.db, { ...request.body, clientKey: request.ip, now: ctx.clock.now() });
        const order = await findOrder(ctx.db, session.orderId, { kind: 'customer', customerId: session.customerId });
        if (!order) throw new Error('order vanished');
        const code = order.stockLocationId ? ((await locationCodesById(ctx.db)).get(order.stockLocationId) ?? null) : null;
        return reply.code(201).send({ token: session.token, expiresAt: session.expiresAt, customerId: session.customerId, order: presentOrder(order, code) });
      },
    );
  };
}
