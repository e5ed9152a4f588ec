/** Finance: the refund queue by deadline, reconciliation (JSON and Excel), and the daily close. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { FinanceCloseBody, FinanceCloseView, FinanceQueueView, ReconciliationQuery, ReconciliationView } from '../modules/finance/finance.schema.ts';
import { reconciliationWorkbook } from '../modules/finance/reconciliation-excel.ts';
import { closeFinanceDay, listFinanceCloses } from '../workflows/close-finance-day.ts';
import { loadFinanceQueue } from '../workflows/load-finance-queue.ts';
import { reconcileRefunds } from '../workflows/reconcile-refunds.ts';
import { errorResponses } from './common.ts';
import { sendXlsx, xlsxResponse } from './xlsx-body.ts';

export function financeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/finance/queue',
      {
        schema: {
          tags: ['finance'],
          summary: 'Refunds finance still owes (unpaid returns and refunds awaiting approval), soonest legal deadline first',
          response: { 200: FinanceQueueView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        return loadFinanceQueue(ctx);
      },
    );

    app.get(
      '/finance/reconciliation',
      {
        schema: {
          tags: ['finance'],
          summary: 'Refunds by day, method and status over days from … to (both included, shop time zone), with totals tied to the ledger',
          querystring: ReconciliationQuery,
          response: { 200: ReconciliationView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'reports:read');
        return reconcileRefunds(ctx, request.query);
      },
    );

    app.get(
      '/finance/reconciliation.xlsx',
      {
        schema: {
          tags: ['finance'],
          summary: 'The reconciliation as an Excel workbook (by day, totals, checks)',
          querystring: ReconciliationQuery,
          response: { 200: xlsxResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'reports:read');
        const view = await reconcileRefunds(ctx, request.query);
        const bytes = await reconciliationWorkbook(view);
        const name = `refunds-${view.from}-${view.to}.xlsx`;
        return sendXlsx(reply, bytes, name, `退款对账-${view.from}-${view.to}.xlsx`);
      },
    );

    app.post(
      '/finance/close',
      {
        schema: {
          tags: ['finance'],
          summary: 'Close a day: store its totals and flag refunds approved but not paid (409 when the day is closed already)',
          body: FinanceCloseBody,
          response: { 200: FinanceCloseView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:refund');
        return closeFinanceDay(ctx, { date: request.body.date, actor: actorOf(p) });
      },
    );

    app.get(
      '/finance/closes',
      {
        schema: {
          tags: ['finance'],
          summary: 'Closed days, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(31) }),
          response: { 200: z.object({ data: z.array(FinanceCloseView) }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'reports:read');
        return { data: await listFinanceCloses(ctx, { limit: request.query.limit }) };
      },
    );
  };
}
