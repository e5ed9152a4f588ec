/**
 * Stock documents: transfers between locations and warehouses, adjustment documents with
 * a reason code, opening stock from Excel; and the levels and ledger as Excel.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import { buildWorkbook } from '../modules/inventory/excel.ts';
import { findStockDocument, listStockDocuments } from '../modules/inventory/stock-documents.repository.ts';
import {
  AdjustmentDocumentBody,
  StockDocumentListQuery,
  StockDocumentSummary,
  StockDocumentView,
  TransferCreateBody,
} from '../modules/inventory/stock-documents.schema.ts';
import { exportLedger, exportLevels } from '../modules/inventory/stock-exports.ts';
import { findWarehouse } from '../modules/warehouses/warehouses.repository.ts';
import { adjustStockDocument } from '../workflows/adjust-stock-document.ts';
import { importOpeningStock } from '../workflows/import-opening-stock.ts';
import { transferStock } from '../workflows/transfer-stock.ts';
import { errorResponses, IdParams, listOf, page } from './common.ts';
import { acceptXlsxBodies, bodyBytes, sendXlsx, xlsxBodyLimit, xlsxResponse, xlsxUpload } from './xlsx-body.ts';

const tags = ['inventory'];

const OpeningStockResult = z.object({
  rowsRead: z.number().int(),
  /** Movements posted (0 when every level already had its quantity). */
  linesChanged: z.number().int(),
  document: StockDocumentView.nullable(),
});

const IsoTime = z.string().datetime({ offset: true });

export function transferRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    acceptXlsxBodies(app);

    app.post(
      '/inventory/transfers',
      {
        schema: {
          tags,
          summary: 'Transfer units between locations, in one warehouse or between warehouses (all lines or none; 409 when short)',
          body: TransferCreateBody,
          response: { 201: StockDocumentView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'inventory:write');
        return reply.code(201).send(await transferStock(ctx, { body: request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/inventory/transfers',
      {
        schema: {
          tags,
          summary: 'Transfers, newest first',
          querystring: StockDocumentListQuery.omit({ kind: true }),
          response: { 200: listOf(StockDocumentSummary) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor } = request.query;
        const rows = await listStockDocuments(ctx.db, { kind: 'transfer', limit: limit + 1, ...(cursor ? { cursor } : {}) });
        return page(rows, limit, (d) => d.id);
      },
    );

    app.post(
      '/inventory/adjustment-documents',
      {
        schema: {
          tags,
          summary: 'Adjust several lines under one reason code from the managed list (all lines or none)',
          body: AdjustmentDocumentBody,
          response: { 201: StockDocumentView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'inventory:write');
        return reply.code(201).send(await adjustStockDocument(ctx, { body: request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/inventory/documents',
      {
        schema: {
          tags,
          summary: 'Stock documents (transfers, adjustments, opening stock), newest first',
          querystring: StockDocumentListQuery,
          response: { 200: listOf(StockDocumentSummary) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor, kind } = request.query;
        const rows = await listStockDocuments(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(kind ? { kind } : {}) });
        return page(rows, limit, (d) => d.id);
      },
    );

    app.get(
      '/inventory/documents/:id',
      {
        schema: {
          tags,
          summary: 'A stock document (by id or number) with its movements',
          params: IdParams,
          response: { 200: StockDocumentView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const document = await findStockDocument(ctx.db, request.params.id);
        if (!document) throw notFound('Stock document');
        return document;
      },
    );

    app.post(
      '/inventory/opening-stock',
      {
        bodyLimit: xlsxBodyLimit,
        schema: {
          tags,
          summary:
            'Import opening stock from Excel (columns SKU, Location, Quantity, optional Lot): sets each on-hand; all rows or none, 400 lists every bad row',
          ...xlsxUpload,
          response: { 201: OpeningStockResult, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'inventory:write');
        return reply.code(201).send(await importOpeningStock(ctx, { bytes: bodyBytes(request.body), actor: actorOf(p) }));
      },
    );

    app.get(
      '/inventory/opening-stock/template.xlsx',
      { schema: { tags, summary: 'An empty opening-stock sheet to fill in', response: { 200: xlsxResponse } } },
      async (request, reply) => {
        requireStaff(request, 'inventory:read');
        const bytes = await buildWorkbook<Record<string, never>>({
          name: 'Opening stock 期初',
          columns: [
            { header: 'SKU', width: 22, value: () => null },
            { header: 'Location / 库位', width: 16, value: () => null },
            { header: 'Quantity / 数量', width: 12, value: () => null },
            { header: 'Lot / 批次', width: 16, value: () => null },
          ],
          rows: [],
        });
        return sendXlsx(reply, bytes, 'opening-stock.xlsx', '期初库存.xlsx');
      },
    );

    app.get(
      '/inventory/levels.xlsx',
      {
        schema: {
          tags,
          summary: 'Stock levels as Excel (reads back as an opening-stock import)',
          querystring: z.object({ warehouse: z.string().max(64).optional(), location: z.string().max(40).optional(), sku: z.string().max(64).optional() }),
          response: { 200: xlsxResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'inventory:read');
        const { warehouse, location, sku } = request.query;
        let warehouseId: string | undefined;
        if (warehouse) {
          warehouseId = (await findWarehouse(ctx.db, warehouse))?.id;
          if (!warehouseId) throw invalidField('warehouse', `Unknown warehouse ${warehouse}`);
        }
        const bytes = await exportLevels(ctx.db, { ...(warehouseId ? { warehouseId } : {}), ...(location ? { location } : {}), ...(sku ? { sku } : {}) });
        return sendXlsx(reply, bytes, 'stock-levels.xlsx', '库存.xlsx');
      },
    );

    app.get(
      '/inventory/movements.xlsx',
      {
        schema: {
          tags,
          summary: 'The stock ledger as Excel, oldest first',
          querystring: z.object({
            sku: z.string().max(64).optional(),
            location: z.string().max(40).optional(),
            since: IsoTime.optional(),
            until: IsoTime.optional(),
          }),
          response: { 200: xlsxResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'inventory:read');
        const { sku, location, since, until } = request.query;
        const bytes = await exportLedger(ctx.db, {
          ...(sku ? { sku } : {}),
          ...(location ? { location } : {}),
          ...(since ? { since: new Date(since).toISOString() } : {}),
          ...(until ? { until: new Date(until).toISOString() } : {}),
        });
        return sendXlsx(reply, bytes, 'stock-ledger.xlsx', '库存台账.xlsx');
      },
    );
  };
}
