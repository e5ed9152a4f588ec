/** The sizes and colours a customer may exchange each line of an order for, with price and stock. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { ExchangeOptionsView } from '../modules/exchanges/exchanges.schema.ts';
import { loadExchangeOptions } from '../workflows/load-exchange-options.ts';
import { errorResponses, IdParams } from './common.ts';

export function portalExchangeOptionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/portal/orders/:id/exchange-options',
      {
        schema: {
          tags: ['portal'],
          summary: 'Per order line, the other sizes and colours of the same item: price, and whether it can be promised now',
          params: IdParams,
          response: { 200: ExchangeOptionsView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'orders:read');
        return loadExchangeOptions(ctx.db, { orderId: request.params.id, scope: scopeOf(p) });
      },
    );
  };
}
