/** Locations, stock levels, the ledger, and adjustments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { pageLocations } from '../modules/inventory/locations.repository.ts';
import { listLevels, listMovements } from '../modules/inventory/stock.repository.ts';
import { adjustStock } from '../workflows/adjust-stock.ts';
import { errorResponses, listOf, PageQuery, page } from './common.ts';

const LocationView = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), warehouseCode: z.string(), allowNegative: z.boolean() });
const LevelView = z.object({
  sku: z.string(),
  productName: z.string(),
  location: z.string(),
  locationKind: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
});
const MovementView = z.object({
  id: z.string(),
  sku: z.string(),
  fromLocation: z.string().nullable(),
  toLocation: z.string().nullable(),
  quantity: z.number().int(),
  type: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  reason: z.string().nullable(),
  lot: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
});

export function inventoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/locations',
      { schema: { tags: ['inventory'], summary: 'Stock locations, by code', querystring: PageQuery, response: { 200: listOf(LocationView) } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor } = request.query;
        const rows = await pageLocations(ctx.db, { limit, ...(cursor ? { cursor } : {}) });
        return page(
          rows.map(({ warehouseId: _w, ...l }) => l),
          limit,
          (l) => l.code,
        );
      },
    );

    app.get(
      '/inventory/levels',
      {
        schema: {
          tags: ['inventory'],
          summary: 'On-hand stock per SKU and location',
          querystring: z.object({ sku: z.string().max(64).optional(), location: z.string().max(40).optional() }),
          response: { 200: z.object({ data: z.array(LevelView) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { sku, location } = request.query;
        return { data: await listLevels(ctx.db, { ...(sku ? { sku } : {}), ...(location ? { location } : {}) }) };
      },
    );

    app.get(
      '/inventory/movements',
      {
        schema: {
          tags: ['inventory'],
          summary: 'The stock ledger, oldest first',
          querystring: PageQuery.extend({
            sku: z.string().max(64).optional(),
            location: z.string().max(40).optional(),
            sourceId: z.string().max(64).optional(),
          }),
          response: { 200: listOf(MovementView) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor, sku, location, sourceId } = request.query;
        const rows = await listMovements(ctx.db, {
          limit: limit + 1,
          ...(cursor ? { cursor } : {}),
          ...(sku ? { sku } : {}),
          ...(location ? { location } : {}),
          ...(sourceId ? { sourceId } : {}),
        });
        return page(rows, limit, (m) => m.id);
      },
    );

    app.post(
      '/inventory/adjustments',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Adjust stock up or down with a reason',
          body: z.object({
            sku: z.string().min(1).max(64),
            location: z.string().min(1).max(40),
            quantity: z
              .number()
              .int()
              .min(-1_000_000)
              .max(1_000_000)
              .refine((q) => q !== 0, 'must not be zero'),
            reason: z.string().trim().min(1).max(200),
          }),
          response: { 201: MovementView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'inventory:write');
        const movement = await adjustStock(ctx, { ...request.body, actor: actorOf(p) });
        return reply.code(201).send(movement);
      },
    );
  };
}
