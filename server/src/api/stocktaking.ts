/**
 * Stocktaking (定期盘点): count plans, count sheets, blind counting from a phone or Excel,
 * the variance report and the manager's approval that posts the corrections. Counters'
 * endpoints (stocktaking:count) never return expected quantities; the variance report
 * (stocktaking:approve) does.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { listPlans } from '../modules/stocktaking/count-plans.repository.ts';
import { countSheetWorkbook, varianceWorkbook } from '../modules/stocktaking/count-sheet-excel.ts';
import { findCountView, findSheetLines, findVarianceLines, listCounts } from '../modules/stocktaking/stock-counts.repository.ts';
import {
  CountDecisionBody,
  CountEntriesBody,
  CountEntriesResult,
  CountPlanCreateBody,
  CountPlanUpdateBody,
  CountPlanView,
  CountSheetPage,
  CountSheetQuery,
  CountSubmitBody,
  RunDueResult,
  StockCountCreateBody,
  StockCountListQuery,
  type StockCountView,
  StockCountView as StockCountViewSchema,
  VarianceReport,
} from '../modules/stocktaking/stocktaking.schema.ts';
import { varianceTotals } from '../modules/stocktaking/variance.ts';
import { enterStockCounts, importStockCounts } from '../workflows/enter-stock-counts.ts';
import { createCountPlan, loadCountPlan, runCountPlan, runDueCountPlans, startStockCount, updateCountPlan } from '../workflows/plan-stock-counts.ts';
import { approveStockCount, cancelStockCount, reopenStockCount, submitStockCount } from '../workflows/post-stock-count.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';
import { acceptXlsxBodies, bodyBytes, sendXlsx, xlsxBodyLimit, xlsxResponse, xlsxUpload } from './xlsx-body.ts';

const tags = ['stocktaking'];

export function stocktakingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    acceptXlsxBodies(app);

    const loadCount = async (id: string): Promise<StockCountView> => {
      const count = await findCountView(ctx.db, id);
      if (!count) throw notFound('Stock count');
      return count;
    };

    app.post(
      '/stock-count-plans',
      {
        schema: {
          tags,
          summary: 'Plan counts of a warehouse (some locations or categories): once, monthly or quarterly; the next run is stored',
          body: CountPlanCreateBody,
          response: { 201: CountPlanView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'stocktaking:approve');
        return reply.code(201).send(await createCountPlan(ctx, { body: request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/stock-count-plans',
      { schema: { tags, summary: 'Count plans', querystring: PageQuery, response: { 200: listOf(CountPlanView) } } },
      async (request) => {
        requireStaff(request, 'stocktaking:count');
        const { limit, cursor } = request.query;
        const rows = await listPlans(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}) });
        const views = await Promise.all(rows.map((r) => loadCountPlan(ctx, r.id)));
        return page(views, limit, (v) => v.id);
      },
    );

    app.post(
      '/stock-count-plans/run-due',
      {
        schema: {
          tags,
          summary: 'Make the count sheets of every plan due today or earlier (for a scheduler; safe to call from several servers)',
          response: { 200: RunDueResult, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:approve');
        return runDueCountPlans(ctx, actorOf(p));
      },
    );

    app.get(
      '/stock-count-plans/:id',
      { schema: { tags, summary: 'A count plan', params: IdParams, response: { 200: CountPlanView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'stocktaking:count');
        return loadCountPlan(ctx, request.params.id);
      },
    );

    app.patch(
      '/stock-count-plans/:id',
      {
        schema: {
          tags,
          summary: 'Change a count plan; a new schedule or start recomputes the next run',
          params: IdParams,
          body: CountPlanUpdateBody,
          response: { 200: CountPlanView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'stocktaking:approve');
        return updateCountPlan(ctx, { planId: request.params.id, body: request.body });
      },
    );

    app.post(
      '/stock-count-plans/:id/run',
      {
        schema: {
          tags,
          summary: 'Make a count sheet from a plan now (a due run counts as done)',
          params: IdParams,
          response: { 201: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'stocktaking:count');
        return reply.code(201).send(await runCountPlan(ctx, { planId: request.params.id, actor: actorOf(p) }));
      },
    );

    app.post(
      '/stock-counts',
      {
        schema: {
          tags,
          summary: 'Start a count now: the sheet snapshots the quantities expected in its locations',
          body: StockCountCreateBody,
          response: { 201: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'stocktaking:count');
        return reply.code(201).send(await startStockCount(ctx, { ...request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/stock-counts',
      { schema: { tags, summary: 'Counts, newest first', querystring: StockCountListQuery, response: { 200: listOf(StockCountViewSchema) } } },
      async (request) => {
        requireStaff(request, 'stocktaking:count');
        const { limit, cursor, status } = request.query;
        const rows = await listCounts(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) });
        return page(rows, limit, (c) => c.id);
      },
    );

    app.get(
      '/stock-counts/:id',
      { schema: { tags, summary: 'A count (by id or number) and its progress', params: IdParams, response: { 200: StockCountViewSchema, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'stocktaking:count');
        return loadCount(request.params.id);
      },
    );

    app.get(
      '/stock-counts/:id/sheet',
      {
        schema: {
          tags,
          summary: 'The blind count sheet: what to count where, and the counts so far; never the expected quantities',
          params: IdParams,
          querystring: CountSheetQuery,
          response: { 200: CountSheetPage, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'stocktaking:count');
        const count = await loadCount(request.params.id);
        const { limit, cursor, location, uncounted } = request.query;
        const lines = await findSheetLines(ctx.db, count.id, { ...(location ? { location } : {}), ...(uncounted ? { uncounted } : {}) });
        const offset = cursor ? Number.parseInt(cursor, 10) || 0 : 0;
        return { count, data: lines.slice(offset, offset + limit), nextCursor: offset + limit < lines.length ? String(offset + limit) : null };
      },
    );

    app.get(
      '/stock-counts/:id/sheet.xlsx',
      {
        schema: {
          tags,
          summary: 'The blind count sheet as Excel, to fill in and import',
          params: IdParams,
          response: { 200: xlsxResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'stocktaking:count');
        const count = await loadCount(request.params.id);
        const bytes = await countSheetWorkbook(count, await findSheetLines(ctx.db, count.id));
        return sendXlsx(reply, bytes, `count-${count.number}.xlsx`, `盘点单-${count.number}.xlsx`);
      },
    );

    app.post(
      '/stock-counts/:id/counts',
      {
        schema: {
          tags,
          summary: 'Enter counts from a phone: by line, or by scanned SKU/barcode and location; set a count or add to it',
          params: IdParams,
          body: CountEntriesBody,
          response: { 200: CountEntriesResult, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:count');
        return enterStockCounts(ctx, { countId: request.params.id, body: request.body, actor: actorOf(p) });
      },
    );

    app.post(
      '/stock-counts/:id/import',
      {
        bodyLimit: xlsxBodyLimit,
        schema: {
          tags,
          summary: 'Import counts from the filled-in Excel sheet (columns Line or SKU + Location, and Counted); all rows or none',
          params: IdParams,
          ...xlsxUpload,
          response: {
            ...errorResponses,
            200: CountEntriesResult.extend({ rowsRead: z.number().int() }),
          },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:count');
        return importStockCounts(ctx, { countId: request.params.id, bytes: bodyBytes(request.body), actor: actorOf(p) });
      },
    );

    app.post(
      '/stock-counts/:id/submit',
      {
        schema: {
          tags,
          summary: 'Hand in the count for approval (409 while lines are uncounted, unless uncountedAsZero)',
          params: IdParams,
          body: CountSubmitBody,
          response: { 200: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:count');
        return submitStockCount(ctx, { countId: request.params.id, uncountedAsZero: request.body.uncountedAsZero, actor: actorOf(p) });
      },
    );

    app.get(
      '/stock-counts/:id/variance',
      {
        schema: {
          tags,
          summary: 'The variance report (managers): expected at the snapshot, counted, difference and its value; while open, what moved since and the result',
          params: IdParams,
          response: { 200: VarianceReport, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'stocktaking:approve');
        const count = await loadCount(request.params.id);
        const lines = await findVarianceLines(ctx.db, count.id, count.status === 'counting' || count.status === 'submitted');
        return { count, lines, totals: varianceTotals(lines) };
      },
    );

    app.get(
      '/stock-counts/:id/variance.xlsx',
      { schema: { tags, summary: 'The variance report as Excel (managers)', params: IdParams, response: { 200: xlsxResponse, ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'stocktaking:approve');
        const count = await loadCount(request.params.id);
        const lines = await findVarianceLines(ctx.db, count.id, count.status === 'counting' || count.status === 'submitted');
        return sendXlsx(reply, await varianceWorkbook(count, lines), `variance-${count.number}.xlsx`, `盘点差异-${count.number}.xlsx`);
      },
    );

    app.post(
      '/stock-counts/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve a submitted count and post its corrections (count − snapshot, on top of what moved since); the approver must not have counted it',
          params: IdParams,
          body: CountDecisionBody,
          response: { 200: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:approve');
        return approveStockCount(ctx, { countId: request.params.id, note: request.body.note, actor: actorOf(p) });
      },
    );

    app.post(
      '/stock-counts/:id/reopen',
      {
        schema: {
          tags,
          summary: 'Send a submitted count back for a recount',
          params: IdParams,
          body: CountDecisionBody,
          response: { 200: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:approve');
        return reopenStockCount(ctx, { countId: request.params.id, note: request.body.note, actor: actorOf(p) });
      },
    );

    app.post(
      '/stock-counts/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel an open count; nothing posts',
          params: IdParams,
          body: CountDecisionBody,
          response: { 200: StockCountViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'stocktaking:approve');
        return cancelStockCount(ctx, { countId: request.params.id, note: request.body.note, actor: actorOf(p) });
      },
    );
  };
}
