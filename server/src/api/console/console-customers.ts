/** Customers for the console (CRM): return rates against the shop's average, refunds. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireStaff, scopeOf } from '../../http/principal.ts';
import { notFound } from '../../lib/app-error.ts';
import { seesMaskedPhones } from '../../modules/auth/roles.ts';
import { findCustomerPage, findCustomerRefunds, shopUnits, unitsOfCustomers } from '../../modules/customers/customer-insight.repository.ts';
import { ConsoleCustomerPage, CustomerInsight } from '../../modules/customers/customer-insight.schema.ts';
import { findCustomerById } from '../../modules/customers/customers.repository.ts';
import { isFlagged, returnRate } from '../../modules/customers/return-rate.ts';
import { errorResponses, IdParams } from '../common.ts';
import { maskPhone } from '../customers.ts';

const CustomerPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(100).optional(),
});

export function consoleCustomerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    async function averageRate(): Promise<number | null> {
      const shop = await shopUnits(ctx.db);
      return returnRate(shop.returnedUnits, shop.soldUnits);
    }

    app.get(
      '/console/customers',
      {
        schema: {
          tags: ['console'],
          summary: 'Customers with orders, units bought and returned, return rate and a flag when it is far above average',
          querystring: CustomerPageQuery,
          response: { 200: ConsoleCustomerPage, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'customers:read');
        const scope = scopeOf(p);
        const { page, pageSize, q } = request.query;
        const { rows, total } = await findCustomerPage(ctx.db, {
          offset: (page - 1) * pageSize,
          limit: pageSize,
          ...(q ? { q } : {}),
          ...(scope.kind === 'sales' ? { salesUserId: scope.userId } : {}),
        });
        const [units, average] = await Promise.all([
          unitsOfCustomers(
            ctx.db,
            rows.map((r) => r.id),
          ),
          averageRate(),
        ]);
        const masked = seesMaskedPhones(p.user.roles);
        const data = rows.map(({ salesUserId: _s, ...c }) => {
          const u = units.get(c.id) ?? { orders: 0, soldUnits: 0, returns: 0, returnedUnits: 0, refundedAmount: 0 };
          return {
            ...c,
            phone: masked ? maskPhone(c.phone) : c.phone,
            ...u,
            returnRate: returnRate(u.returnedUnits, u.soldUnits),
            flagged: isFlagged(u.returnedUnits, u.soldUnits, average),
          };
        });
        return { data, total, page, pageSize, averageReturnRate: average };
      },
    );

    app.get(
      '/console/customers/:id/insight',
      {
        schema: {
          tags: ['console'],
          summary: "A customer's buying and returning numbers against the shop's average, and their refunds",
          params: IdParams,
          response: { 200: CustomerInsight, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'customers:read');
        const scope = scopeOf(p);
        const customer = await findCustomerById(ctx.db, request.params.id);
        if (!customer || (scope.kind === 'sales' && customer.salesUserId !== scope.userId)) throw notFound('Customer');
        const [units, average, refunds] = await Promise.all([unitsOfCustomers(ctx.db, [customer.id]), averageRate(), findCustomerRefunds(ctx.db, customer.id)]);
        const u = units.get(customer.id) ?? { orders: 0, soldUnits: 0, returns: 0, returnedUnits: 0, refundedAmount: 0 };
        return {
          customerId: customer.id,
          stats: { ...u, returnRate: returnRate(u.returnedUnits, u.soldUnits), flagged: isFlagged(u.returnedUnits, u.soldUnits, average) },
          averageReturnRate: average,
          refunds,
        };
      },
    );
  };
}
