/** Products. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { createProduct, findProductById, listProducts } from '../modules/catalog/products.repository.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';

export const ProductView = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  price: z.number().int(),
  returnable: z.boolean(),
  barcode: z.string().nullable(),
  supplierId: z.string().nullable(),
  groupCode: z.string().nullable(),
  variantLabel: z.string().nullable(),
  createdAt: z.string(),
});

export const ProductCreateBody = z.object({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  category: z.string().trim().min(1).max(60),
  price: z.number().int().min(0).max(1e12),
  returnable: z.boolean().default(true),
  barcode: z.string().trim().max(64).optional(),
  groupCode: z.string().trim().max(64).optional(),
  variantLabel: z.string().trim().max(100).optional(),
});

export function productRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/products',
      { schema: { tags: ['master data'], summary: 'Create a product', body: ProductCreateBody, response: { 201: ProductView, ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'products:write');
        const product = await createProduct(ctx.db, { ...request.body, now: ctx.clock.now() });
        return reply.code(201).send(product);
      },
    );

    app.get(
      '/products',
      {
        schema: {
          tags: ['master data'],
          summary: 'Products by SKU',
          querystring: PageQuery.extend({ q: z.string().max(100).optional(), category: z.string().max(60).optional() }),
          response: { 200: listOf(ProductView) },
        },
      },
      async (request) => {
        requireStaff(request, 'products:read');
        const { limit, cursor, q, category } = request.query;
        const rows = await listProducts(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}), ...(category ? { category } : {}) });
        return page(rows, limit, (p) => p.sku);
      },
    );

    app.get(
      '/products/:id',
      { schema: { tags: ['master data'], summary: 'A product', params: IdParams, response: { 200: ProductView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'products:read');
        const product = await findProductById(ctx.db, request.params.id);
        if (!product) throw notFound('Product');
        return product;
      },
    );
  };
}
