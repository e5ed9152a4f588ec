/** Suppliers, and returns to vendor (退供应商) with the credit each supplier owes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import {
  createSupplier,
  deleteSupplier,
  findSupplier,
  findVendorReturn,
  listSuppliers,
  listVendorReturns,
  updateSupplier,
} from '../modules/suppliers/suppliers.repository.ts';
import {
  SupplierCreateBody,
  SupplierListQuery,
  SupplierUpdateBody,
  SupplierView,
  VendorCreditBody,
  VendorReturnCreateBody,
  VendorReturnListQuery,
  VendorReturnView,
} from '../modules/suppliers/suppliers.schema.ts';
import { recordSupplierCredit, returnToVendor } from '../workflows/return-to-vendor.ts';
import { errorResponses, IdParams, listOf, page } from './common.ts';

const tags = ['suppliers'];

export function supplierRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/suppliers',
      { schema: { tags, summary: 'Create a supplier', body: SupplierCreateBody, response: { 201: SupplierView, ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'products:write');
        return reply.code(201).send(await createSupplier(ctx.db, request.body, ctx.clock.now()));
      },
    );

    app.get(
      '/suppliers',
      { schema: { tags, summary: 'Suppliers by code', querystring: SupplierListQuery, response: { 200: listOf(SupplierView) } } },
      async (request) => {
        requireStaff(request, 'products:read');
        const { limit, cursor, q } = request.query;
        const rows = await listSuppliers(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) });
        return page(rows, limit, (s) => s.code);
      },
    );

    app.get(
      '/suppliers/:id',
      { schema: { tags, summary: 'A supplier by id or code', params: IdParams, response: { 200: SupplierView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'products:read');
        const supplier = await findSupplier(ctx.db, request.params.id);
        if (!supplier) throw notFound('Supplier');
        return supplier;
      },
    );

    app.patch(
      '/suppliers/:id',
      { schema: { tags, summary: 'Change a supplier', params: IdParams, body: SupplierUpdateBody, response: { 200: SupplierView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'products:write');
        return updateSupplier(ctx.db, request.params.id, request.body);
      },
    );

    app.delete(
      '/suppliers/:id',
      {
        schema: {
          tags,
          summary: 'Remove a supplier no product or vendor return names (409 otherwise)',
          params: IdParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'products:write');
        await ctx.db.transaction().execute((trx) => deleteSupplier(trx, request.params.id));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/vendor-returns',
      {
        schema: {
          tags,
          summary:
            "Send goods back to their supplier from DAMAGED (or another damaged / quarantine location): they leave stock, the supplier's credit is expected",
          body: VendorReturnCreateBody,
          response: { 201: VendorReturnView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'inventory:write');
        return reply.code(201).send(await returnToVendor(ctx, { body: request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/vendor-returns',
      { schema: { tags, summary: 'Returns to vendor, newest first', querystring: VendorReturnListQuery, response: { 200: listOf(VendorReturnView) } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor, supplierId, status } = request.query;
        const rows = await listVendorReturns(ctx.db, {
          limit: limit + 1,
          ...(cursor ? { cursor } : {}),
          ...(supplierId ? { supplierId } : {}),
          ...(status ? { status } : {}),
        });
        return page(rows, limit, (v) => v.id);
      },
    );

    app.get(
      '/vendor-returns/:id',
      { schema: { tags, summary: 'A return to vendor by id or number', params: IdParams, response: { 200: VendorReturnView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const view = await findVendorReturn(ctx.db, request.params.id);
        if (!view) throw notFound('Vendor return');
        return view;
      },
    );

    app.post(
      '/vendor-returns/:id/credit',
      {
        schema: {
          tags,
          summary: 'Record the credit the supplier gave (finance)',
          params: IdParams,
          body: VendorCreditBody,
          response: { 200: VendorReturnView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        return recordSupplierCredit(ctx, { vendorReturnId: request.params.id, body: request.body });
      },
    );
  };
}
