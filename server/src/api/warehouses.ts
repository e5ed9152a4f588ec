/** Warehouses, their locations, where inspection dispositions send units, adjustment reason codes, and products' stock settings. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { findProductByCode, findProductLevels, updateStockSettings } from '../modules/inventory/stock-products.repository.ts';
import { listDispositionTargets, setDispositionTargets } from '../modules/warehouses/dispositions.repository.ts';
import { createReasonCode, listReasonCodes, updateReasonCode } from '../modules/warehouses/reason-codes.repository.ts';
import {
  createLocation,
  createWarehouse,
  deleteLocation,
  deleteWarehouse,
  listWarehouses,
  requireWarehouse,
  updateLocation,
  updateWarehouse,
} from '../modules/warehouses/warehouses.repository.ts';
import {
  DispositionMappingBody,
  DispositionMappingView,
  LocationCreateBody,
  LocationUpdateBody,
  ProductStockSettingsBody,
  ProductStockSettingsView,
  ReasonCodeCreateBody,
  ReasonCodeUpdateBody,
  ReasonCodeView,
  WarehouseCreateBody,
  WarehouseLocationView,
  WarehouseUpdateBody,
  WarehouseView,
} from '../modules/warehouses/warehouses.schema.ts';
import { errorResponses, IdParams } from './common.ts';

const tags = ['warehouses'];
const CodeParams = z.object({ code: z.string().min(1).max(40) });

export function warehouseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/warehouses',
      { schema: { tags, summary: 'Warehouses with their locations', response: { 200: z.object({ data: z.array(WarehouseView) }) } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        return { data: await listWarehouses(ctx.db) };
      },
    );

    app.post(
      '/warehouses',
      {
        schema: {
          tags,
          summary: 'Create a warehouse (with <CODE>-MAIN, -RETURNS, -QC and -DAMAGED locations unless defaultLocations is false)',
          body: WarehouseCreateBody,
          response: { 201: WarehouseView, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'warehouses:manage');
        const warehouse = await ctx.db.transaction().execute((trx) => createWarehouse(trx, request.body, ctx.clock.now()));
        return reply.code(201).send(warehouse);
      },
    );

    app.get(
      '/warehouses/:id',
      { schema: { tags, summary: 'A warehouse (by id or code) with its locations', params: IdParams, response: { 200: WarehouseView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        return requireWarehouse(ctx.db, request.params.id);
      },
    );

    app.patch(
      '/warehouses/:id',
      {
        schema: {
          tags,
          summary: "Change a warehouse's name, address or contact",
          params: IdParams,
          body: WarehouseUpdateBody,
          response: { 200: WarehouseView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'warehouses:manage');
        return updateWarehouse(ctx.db, request.params.id, request.body);
      },
    );

    app.delete(
      '/warehouses/:id',
      {
        schema: { tags, summary: 'Remove a warehouse that never held stock (409 otherwise)', params: IdParams, response: { 204: z.null(), ...errorResponses } },
      },
      async (request, reply) => {
        requireStaff(request, 'warehouses:manage');
        await ctx.db.transaction().execute((trx) => deleteWarehouse(trx, request.params.id));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/warehouses/:id/dispositions',
      {
        schema: {
          tags,
          summary: 'Where each inspection disposition sends units from this warehouse',
          params: IdParams,
          response: { 200: z.object({ data: z.array(DispositionMappingView) }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const warehouse = await requireWarehouse(ctx.db, request.params.id);
        return { data: await listDispositionTargets(ctx.db, warehouse.id) };
      },
    );

    app.put(
      '/warehouses/:id/dispositions',
      {
        schema: {
          tags,
          summary: 'Map restock, damaged or vendor to a location of this warehouse (null: back to the default)',
          params: IdParams,
          body: DispositionMappingBody,
          response: { 200: z.object({ data: z.array(DispositionMappingView) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'warehouses:manage');
        const warehouse = await requireWarehouse(ctx.db, request.params.id);
        await ctx.db.transaction().execute((trx) => setDispositionTargets(trx, warehouse.id, request.body, actorOf(p), ctx.clock.now()));
        return { data: await listDispositionTargets(ctx.db, warehouse.id) };
      },
    );

    app.post(
      '/locations',
      { schema: { tags, summary: 'Add a location to a warehouse', body: LocationCreateBody, response: { 201: WarehouseLocationView, ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'warehouses:manage');
        const location = await ctx.db.transaction().execute((trx) => createLocation(trx, request.body, ctx.clock.now()));
        return reply.code(201).send(location);
      },
    );

    app.patch(
      '/locations/:id',
      {
        schema: {
          tags,
          summary: 'Rename a location (by id or code), let it go negative, or change the kind of an empty one',
          params: IdParams,
          body: LocationUpdateBody,
          response: { 200: WarehouseLocationView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'warehouses:manage');
        return ctx.db.transaction().execute((trx) => updateLocation(trx, request.params.id, request.body));
      },
    );

    app.delete(
      '/locations/:id',
      {
        schema: {
          tags,
          summary: "Remove a location stock never touched (the contract's MAIN, RETURNS, DAMAGED stay)",
          params: IdParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'warehouses:manage');
        await ctx.db.transaction().execute((trx) => deleteLocation(trx, request.params.id));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/inventory/reason-codes',
      {
        schema: {
          tags,
          summary: 'Adjustment reason codes (active ones unless includeRetired=true)',
          querystring: z.object({ includeRetired: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ data: z.array(ReasonCodeView) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        return { data: await listReasonCodes(ctx.db, { includeRetired: request.query.includeRetired === 'true' }) };
      },
    );

    app.post(
      '/inventory/reason-codes',
      { schema: { tags, summary: 'Add an adjustment reason code', body: ReasonCodeCreateBody, response: { 201: ReasonCodeView, ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'warehouses:manage');
        return reply.code(201).send(await createReasonCode(ctx.db, request.body, ctx.clock.now()));
      },
    );

    app.patch(
      '/inventory/reason-codes/:code',
      {
        schema: {
          tags,
          summary: 'Rename, redirect, retire (active: false) or revive a reason code',
          params: CodeParams,
          body: ReasonCodeUpdateBody,
          response: { 200: ReasonCodeView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'warehouses:manage');
        return updateReasonCode(ctx.db, request.params.code, request.body);
      },
    );

    app.patch(
      '/products/:id/stock-settings',
      {
        schema: {
          tags,
          summary: "Set a product's barcode, lot/serial tracking and supplier",
          params: IdParams,
          body: ProductStockSettingsBody,
          response: { 200: ProductStockSettingsView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'products:write');
        return updateStockSettings(ctx.db, request.params.id, request.body);
      },
    );

    app.get(
      '/inventory/lookup',
      {
        schema: {
          tags,
          summary: 'The product a scanned barcode or SKU names, with its stock per location',
          querystring: z.object({ code: z.string().trim().min(1).max(64) }),
          response: {
            200: z.object({
              product: ProductStockSettingsView,
              levels: z.array(z.object({ location: z.string(), warehouseCode: z.string(), onHand: z.number().int() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const product = await findProductByCode(ctx.db, request.query.code);
        if (!product) throw notFound('Product');
        return { product, levels: await findProductLevels(ctx.db, product.id) };
      },
    );
  };
}
