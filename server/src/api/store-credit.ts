/** A customer's store-credit ledger (店铺余额): balance and entries, for staff and for the customer themself. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { findCustomerById } from '../modules/customers/customers.repository.ts';
import { StoreCreditView } from '../modules/refunds/refunds.schema.ts';
import { creditBalance, listCreditEntries } from '../modules/refunds/store-credit.repository.ts';
import { errorResponses, IdParams, PageQuery, page } from './common.ts';

export function storeCreditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/customers/:id/store-credit',
      {
        schema: {
          tags: ['store credit'],
          summary: "A customer's store-credit balance and ledger (refunds in credit, bonuses, spends), newest first",
          params: IdParams,
          querystring: PageQuery,
          response: { 200: StoreCreditView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'customers:read');
        const scope = scopeOf(p);
        const customer = await findCustomerById(ctx.db, request.params.id);
        const visible =
          customer &&
          (scope.kind === 'all' ||
            (scope.kind === 'customer' && scope.customerId === customer.id) ||
            (scope.kind === 'sales' && customer.salesUserId === scope.userId));
        if (!customer || !visible) throw notFound('Customer');
        const { limit, cursor } = request.query;
        const [balance, rows] = await Promise.all([
          creditBalance(ctx.db, customer.id),
          listCreditEntries(ctx.db, customer.id, { limit: limit + 1, ...(cursor ? { cursor } : {}) }),
        ]);
        const { data, nextCursor } = page(rows, limit, (e) => e.id);
        return { customerId: customer.id, balance, currency: data[0]?.currency ?? 'CNY', entries: data, nextCursor };
      },
    );
  };
}
