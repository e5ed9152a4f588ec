/** Products with stock per location (the returns zone apart) and the ledger behind each level. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireStaff } from '../../http/principal.ts';
import { returnRate } from '../../modules/customers/return-rate.ts';
import { findLedgerPage, findProductStockPage, locationTotals } from '../../modules/inventory/stock-overview.repository.ts';
import { LedgerPage, StockOverview } from '../../modules/inventory/stock-overview.schema.ts';
import { errorResponses } from '../common.ts';

const Paging = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function consoleStockRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/console/stock',
      {
        schema: {
          tags: ['console'],
          summary: 'Products with on-hand stock per location, units sold and returned, and return rate',
          querystring: Paging.extend({
            q: z.string().trim().max(100).optional(),
            category: z.string().max(60).optional(),
            /** Only products with stock in this location. */
            location: z.string().max(40).optional(),
          }),
          response: { 200: StockOverview, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { page, pageSize, q, category, location } = request.query;
        const [{ rows, total }, locations] = await Promise.all([
          findProductStockPage(ctx.db, {
            offset: (page - 1) * pageSize,
            limit: pageSize,
            ...(q ? { q } : {}),
            ...(category ? { category } : {}),
            ...(location ? { location } : {}),
          }),
          locationTotals(ctx.db),
        ]);
        return { data: rows.map((r) => ({ ...r, returnRate: returnRate(r.returnedUnits, r.soldUnits) })), total, page, pageSize, locations };
      },
    );

    app.get(
      '/console/stock/ledger',
      {
        schema: {
          tags: ['console'],
          summary: 'Ledger lines, newest first, with the source document number and who posted them',
          querystring: Paging.extend({ sku: z.string().max(64).optional(), location: z.string().max(40).optional() }),
          response: { 200: LedgerPage, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { page, pageSize, sku, location } = request.query;
        const { rows, total } = await findLedgerPage(ctx.db, {
          offset: (page - 1) * pageSize,
          limit: pageSize,
          ...(sku ? { sku } : {}),
          ...(location ? { location } : {}),
        });
        return { data: rows, total, page, pageSize };
      },
    );
  };
}
