/** Customers and their return statistics. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff, scopeOf } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { seesMaskedPhones } from '../modules/auth/roles.ts';
import {
  type Customer,
  createCustomer,
  customerReturnStats,
  findCustomerById,
  listCustomers,
  storeCreditBalance,
} from '../modules/customers/customers.repository.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';

export const CustomerView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tier: z.string(),
  salesUserId: z.string().nullable(),
  createdAt: z.string(),
});

const CustomerDetail = CustomerView.extend({
  returnStats: z.object({ returns: z.number().int(), returnedUnits: z.number().int(), refundedAmount: z.number().int() }),
  storeCreditBalance: z.number().int(),
});

/** 138****5678: what the warehouse sees of a phone number (PIPL). */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

function present(customer: Customer, roles: readonly string[]): Customer {
  return seesMaskedPhones(roles) ? { ...customer, phone: maskPhone(customer.phone) } : customer;
}

export function customerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/customers',
      {
        schema: {
          tags: ['master data'],
          summary: 'Create a customer',
          body: z.object({
            name: z.string().trim().min(1).max(100),
            email: z.email().max(254).optional(),
            phone: z
              .string()
              .trim()
              .regex(/^\+?[\d\s-]{5,20}$/, 'a phone number')
              .optional(),
            tier: z.string().trim().max(40).optional(),
            salesUserId: z.string().max(64).optional(),
          }),
          response: { 201: CustomerView, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'customers:write');
        return reply.code(201).send(await createCustomer(ctx.db, { ...request.body, now: ctx.clock.now() }));
      },
    );

    app.get(
      '/customers',
      {
        schema: {
          tags: ['master data'],
          summary: 'Customers, newest first',
          querystring: PageQuery.extend({ q: z.string().max(100).optional() }),
          response: { 200: listOf(CustomerView) },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'customers:read');
        const scope = scopeOf(p);
        const { limit, cursor, q } = request.query;
        const rows = await listCustomers(ctx.db, {
          limit: limit + 1,
          ...(cursor ? { cursor } : {}),
          ...(q ? { q } : {}),
          ...(scope.kind === 'sales' ? { salesUserId: scope.userId } : {}),
        });
        return page(
          rows.map((c) => present(c, p.user.roles)),
          limit,
          (c) => c.id,
        );
      },
    );

    app.get(
      '/customers/:id',
      {
        schema: { tags: ['master data'], summary: 'A customer with return statistics', params: IdParams, response: { 200: CustomerDetail, ...errorResponses } },
      },
      async (request) => {
        const p = requireStaff(request, 'customers:read');
        const scope = scopeOf(p);
        const customer = await findCustomerById(ctx.db, request.params.id);
        if (!customer || (scope.kind === 'sales' && customer.salesUserId !== scope.userId)) throw notFound('Customer');
        const [returnStats, balance] = await Promise.all([customerReturnStats(ctx.db, customer.id), storeCreditBalance(ctx.db, customer.id)]);
        return { ...present(customer, p.user.roles), returnStats, storeCreditBalance: balance };
      },
    );
  };
}
