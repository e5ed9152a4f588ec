/** Reports. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { invalidField } from '../lib/app-error.ts';
import { returnsReport } from '../modules/reports/returns-report.ts';
import { errorResponses } from './common.ts';

const DateOrDateTime = z.iso.datetime({ offset: true }).or(z.iso.date());

/** A bare date is midnight UTC; a date-time is taken as given. */
function toInstant(value: string): string {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
}

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/returns',
      {
        schema: {
          tags: ['reports'],
          summary: 'Units returned against units sold, and money refunded, per group',
          querystring: z.object({
            from: DateOrDateTime,
            to: DateOrDateTime,
            groupBy: z.enum(['reason', 'product', 'category', 'channel', 'customer']).default('reason'),
          }),
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  key: z.string(),
                  returnedUnits: z.number().int(),
                  soldUnits: z.number().int(),
                  returnRate: z.number().nullable(),
                  refundedAmount: z.number().int(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireStaff(request, 'reports:read');
        const from = toInstant(request.query.from);
        const to = toInstant(request.query.to);
        if (from >= to) throw invalidField('to', 'to must be after from');
        return { data: await returnsReport(ctx.db, request.query.groupBy, { from, to }) };
      },
    );
  };
}
