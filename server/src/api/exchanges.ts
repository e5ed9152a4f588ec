/** Exchanges: the replacement of a return, changing it, and falling back to a refund or store credit when it is out of stock. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { ExchangeFallbackBody, ExchangeUpdateBody, ExchangeView } from '../modules/exchanges/exchanges.schema.ts';
import { ReturnView } from '../modules/returns/returns.schema.ts';
import { fallBackFromExchange, loadExchange, updateExchangeChoice } from '../workflows/manage-exchange.ts';
import { errorResponses, IdParams } from './common.ts';

export function exchangeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/returns/:id/exchange',
      {
        schema: {
          tags: ['exchanges'],
          summary: "An exchange's replacement: what is held, the price difference, other sizes and colours in stock, the replacement order",
          params: IdParams,
          response: { 200: ExchangeView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        return loadExchange(ctx, { returnId: request.params.id, scope: scopeOf(p) });
      },
    );

    app.put(
      '/returns/:id/exchange',
      {
        schema: {
          tags: ['exchanges'],
          summary: 'Choose the replacement (another size or colour, or another product) and how the difference is settled; held at once once approved',
          params: IdParams,
          body: ExchangeUpdateBody,
          response: { 200: ExchangeView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:review');
        await updateExchangeChoice(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), body: request.body });
        return loadExchange(ctx, { returnId: request.params.id, scope: scopeOf(p) });
      },
    );

    app.post(
      '/returns/:id/exchange/fallback',
      {
        schema: {
          tags: ['exchanges'],
          summary: 'Turn an exchange into a refund or store credit (customers: when the replacement is out of stock)',
          params: IdParams,
          body: ExchangeFallbackBody,
          response: { 200: ReturnView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:review');
        return fallBackFromExchange(ctx, {
          returnId: request.params.id,
          scope: scopeOf(p),
          actor: actorOf(p),
          body: request.body,
          byCustomer: p.kind === 'customer',
        });
      },
    );
  };
}
