/**
 * Analytics reports under /reports/…: return rate, trend, reasons, jumped products,
 * process health, money and goods, customers; each also as .xlsx. Periods are local days
 * in the shop's time zone; the facts are caught up before each answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import {
  CustomersQuery,
  CustomersReport,
  JumpsQuery,
  JumpsReport,
  MoneyQuery,
  MoneyReport,
  ProcessHealthReport,
  ProductReasonsQuery,
  ProductReasonsReport,
  RateQuery,
  RateReport,
  ReasonsReport,
  ReportFilterQuery,
  TrendQuery,
  TrendReport,
} from '../modules/analytics/analytics.schema.ts';
import { buildJumpsReport } from '../modules/analytics/jumps-report.ts';
import { buildCustomersReport, buildMoneyReport, buildProcessHealthReport } from '../modules/analytics/process-money-customers.ts';
import { buildRateReport } from '../modules/analytics/rate-report.ts';
import { buildProductReasonsReport, buildReasonsReport } from '../modules/analytics/reason-reports.ts';
import { openReport, type ReportScope } from '../modules/analytics/report-scope.ts';
import { reportWorkbook, type SheetReport } from '../modules/analytics/report-sheets.ts';
import { buildTrendReport } from '../modules/analytics/trend-report.ts';
import { errorResponses } from './common.ts';
import { readerLocale } from './imports-common.ts';
import { sendXlsx, xlsxResponse } from './xlsx-body.ts';

type Report<K extends SheetReport['kind']> = Extract<SheetReport, { kind: K }>['report'];

type Definition<K extends SheetReport['kind'], Q extends z.ZodType> = {
  kind: K;
  summary: string;
  query: Q;
  response: z.ZodType;
  /** Days in the default period. */
  defaultDays?: number;
  build: (scope: ReportScope, query: z.infer<Q>) => Promise<Report<K> | undefined>;
};

const exportLimit = 10_000;

export function analyticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    async function scopeOf(request: FastifyRequest, query: z.infer<typeof ReportFilterQuery>, defaultDays?: number): Promise<ReportScope> {
      requireStaff(request, 'reports:read');
      if (query.from && query.to && query.from >= query.to) throw invalidField('to', 'to must be after from');
      return openReport({
        db: ctx.db,
        now: ctx.clock.now(),
        query,
        locale: readerLocale(request, query.lang),
        ...(defaultDays ? { defaultDays } : {}),
      });
    }

    function register<K extends SheetReport['kind'], Q extends z.ZodType>(d: Definition<K, Q>) {
      const run = async (request: FastifyRequest, query: z.infer<Q>) => {
        const scope = await scopeOf(request, query as z.infer<typeof ReportFilterQuery>, d.defaultDays);
        const report = await d.build(scope, query);
        if (!report) throw notFound('Product');
        return report;
      };
      app.get(
        `/reports/${d.kind}`,
        { schema: { tags: ['reports'], summary: d.summary, querystring: d.query, response: { 200: d.response, ...errorResponses } } },
        async (request) => run(request, request.query as z.infer<Q>),
      );
      app.get(
        `/reports/${d.kind}.xlsx`,
        {
          schema: {
            tags: ['reports'],
            summary: `${d.summary} (Excel)`,
            querystring: d.query,
            produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
            response: { 200: xlsxResponse, ...errorResponses },
          },
        },
        async (request, reply: FastifyReply) => {
          const query = { ...(request.query as object), limit: exportLimit } as z.infer<Q>;
          const report = await run(request, query);
          const locale = readerLocale(request, (query as { lang?: string }).lang);
          const bytes = await reportWorkbook({ kind: d.kind, report } as SheetReport, locale);
          const period = `${report.period.from}_${report.period.to}`;
          return sendXlsx(reply, bytes, `${d.kind}-${period}.xlsx`);
        },
      );
    }

    register({
      kind: 'return-rate',
      summary: 'Return rate (units and value) per product, category, supplier, reason, reason category, channel, customer or warehouse',
      query: RateQuery,
      response: RateReport,
      build: (scope, q) => buildRateReport(scope, q),
    });
    register({
      kind: 'return-trend',
      summary: 'Return rate by day, week or month in the shop time zone, with the previous period',
      query: TrendQuery,
      response: TrendReport,
      defaultDays: 90,
      build: (scope, q) => buildTrendReport(scope, q.interval),
    });
    register({
      kind: 'reasons',
      summary: 'Top return reasons and reason categories against the previous period',
      query: ReportFilterQuery,
      response: ReasonsReport,
      build: buildReasonsReport,
    });
    register({
      kind: 'product-reasons',
      summary: "A product's reason mix against its category's, and its weekly return rate by reason",
      query: ProductReasonsQuery,
      response: ProductReasonsReport,
      defaultDays: 90,
      build: (scope, q) => buildProductReasonsReport(scope, q.productId),
    });
    register({
      kind: 'jumps',
      summary: 'Products whose return rate jumped (two-proportion z-test with a minimum sample), since when and why',
      query: JumpsQuery,
      response: JumpsReport,
      build: (scope, q) => buildJumpsReport(scope, q),
    });
    register({
      kind: 'process-health',
      summary: 'Time in each stage (median, 90th percentile), overdue work by stage and owner, application to money back',
      query: ReportFilterQuery,
      response: ProcessHealthReport,
      build: buildProcessHealthReport,
    });
    register({
      kind: 'money',
      summary: 'Refunded, fees kept, store credit, value restocked against lost, and the cost of returns per product',
      query: MoneyQuery,
      response: MoneyReport,
      build: (scope, q) => buildMoneyReport(scope, q),
    });
    register({
      kind: 'customers',
      summary: 'Repeat returners and customers whose return rate is far above the average',
      query: CustomersQuery,
      response: CustomersReport,
      build: (scope, q) => buildCustomersReport(scope, q),
    });
  };
}
