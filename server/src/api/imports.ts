/**
 * Imports from Excel (.xlsx) and CSV: upload → preview (every row checked, problems in
 * the reader's language) → commit (all or nothing for master data; once per
 * after-sales number for marketplace 售后单). Templates and the error report download.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import type { Permission } from '../modules/auth/roles.ts';
import { buildWorkbook } from '../modules/exports/workbook.ts';
import { findBatch, listBatches } from '../modules/imports/import-batches.repository.ts';
import { definitionOf } from '../modules/imports/import-definitions.ts';
import { type ImportKind, importKinds } from '../modules/imports/import-kind.ts';
import { ImportProblemsError } from '../modules/imports/import-messages.ts';
import { buildImportTemplate } from '../modules/imports/import-templates.ts';
import { ImportBatchRowView, ImportBatchView, ImportColumnView } from '../modules/imports/imports.schema.ts';
import { type Platform, platforms } from '../modules/imports/kinds/after-sales-platforms.ts';
import { presentBatch, presentBatchRow, presentProblems } from '../modules/imports/present-batch.ts';
import { previewImport } from '../modules/imports/preview-import.ts';
import { commitImport } from '../workflows/commit-import.ts';
import { ErrorBody, errorResponses, IdParams } from './common.ts';
import { readerLocale, sendFile, xlsxType } from './imports-common.ts';

const maxFileBytes = 20 * 1024 * 1024;

const permissionOf: Record<ImportKind, Permission> = {
  products: 'products:write',
  customers: 'customers:write',
  orders: 'orders:write',
  stock: 'inventory:write',
  after_sales: 'returns:create',
};

const Lang = z.enum(['zh-CN', 'en']).optional();

const rawTypes = ['application/octet-stream', 'text/csv', xlsxType, 'application/vnd.ms-excel'];

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 5, parts: 6 } });
    for (const type of rawTypes) {
      if (!app.hasContentTypeParser(type)) {
        app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: maxFileBytes }, (_request, body, done) => done(null, body));
      }
    }

    app.post(
      '/imports',
      {
        bodyLimit: maxFileBytes,
        schema: {
          tags: ['imports'],
          summary:
            'Upload a file to preview an import: multipart field "file", or the raw .xlsx/.csv body with ?fileName=. Nothing changes until POST /imports/{id}/commit',
          consumes: ['multipart/form-data', ...rawTypes],
          querystring: z.object({
            kind: z.enum(importKinds),
            platform: z.enum(platforms).optional().describe('For after_sales: taobao, jd, pdd, douyin or generic'),
            fileName: z.string().max(200).optional(),
            lang: Lang,
          }),
          response: { 201: ImportBatchView, 413: ErrorBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { kind, lang } = request.query;
        const p = requireStaff(request, permissionOf[kind]);
        const platform: Platform | null = kind === 'after_sales' ? (request.query.platform ?? 'generic') : null;
        let bytes: Buffer;
        let fileName = request.query.fileName ?? 'upload';
        if (request.isMultipart()) {
          const file = await request.file({ limits: { fileSize: maxFileBytes, files: 1 } });
          if (!file) throw invalidField('file', 'No file was sent');
          bytes = await file.toBuffer();
          if (file.file.truncated) throw new AppError('payload_too_large', 'The file is larger than 20 MB');
          fileName = file.filename || fileName;
        } else if (Buffer.isBuffer(request.body)) {
          bytes = request.body;
        } else {
          throw invalidField('file', 'Send the file as multipart/form-data (field "file") or as the raw body');
        }
        if (bytes.length === 0) throw invalidField('file', 'The file is empty');
        const locale = readerLocale(request, lang);
        const batch = await previewImport(ctx.db, { kind, platform, fileName, bytes, locale, actor: actorOf(p), now: ctx.clock.now() });
        return reply.code(201).send(presentBatch(batch, locale));
      },
    );

    app.get(
      '/imports',
      { schema: { tags: ['imports'], summary: 'Recent imports, newest first', response: { 200: z.object({ data: z.array(ImportBatchRowView) }) } } },
      async (request) => {
        requireStaff(request, 'products:read');
        return { data: (await listBatches(ctx.db, 100)).map(presentBatchRow) };
      },
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'An import: its preview, problems and result',
          params: IdParams,
          querystring: z.object({ lang: Lang }),
          response: { 200: ImportBatchView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'products:read');
        const batch = await findBatch(ctx.db, request.params.id);
        if (!batch) throw notFound('Import');
        requireStaff(request, permissionOf[batch.kind]);
        return presentBatch(batch, readerLocale(request, request.query.lang));
      },
    );

    app.get(
      '/imports/:id/errors.xlsx',
      {
        schema: {
          tags: ['imports'],
          summary: 'The row-by-row error report as an Excel file, in the reader’s language',
          params: IdParams,
          querystring: z.object({ lang: Lang }),
          produces: [xlsxType],
          response: { 200: z.unknown().describe('an .xlsx file'), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'products:read');
        const batch = await findBatch(ctx.db, request.params.id);
        if (!batch) throw notFound('Import');
        requireStaff(request, permissionOf[batch.kind]);
        const locale = readerLocale(request, request.query.lang);
        const rows = presentProblems(batch, batch.problems, locale);
        const bytes = await buildWorkbook(
          {
            name: { zh: '错误报告', en: 'Problems' },
            columns: [
              { zh: '行号', en: 'Row', width: 8, kind: 'integer', value: (r) => r.row },
              { zh: '列', en: 'Column', width: 20, value: (r) => r.column },
              { zh: '问题', en: 'Problem', width: 80, value: (r) => r.message },
              { zh: '代码', en: 'Code', width: 22, value: (r) => r.code },
            ],
            rows,
          },
          locale,
        );
        return sendFile(reply, { fileName: `${batch.fileName.replace(/\.\w+$/, '')}-errors.xlsx`, contentType: xlsxType, bytes });
      },
    );

    app.post(
      '/imports/:id/commit',
      {
        schema: {
          tags: ['imports'],
          summary: 'Commit a previewed import: all rows or none (after-sales: each request once); committing again changes nothing',
          params: IdParams,
          querystring: z.object({ lang: Lang }),
          response: { 200: ImportBatchView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'products:read');
        const batch = await findBatch(ctx.db, request.params.id);
        if (!batch) throw notFound('Import');
        const p = requireStaff(request, permissionOf[batch.kind]);
        const locale = readerLocale(request, request.query.lang);
        try {
          return presentBatch(await commitImport(ctx, { batchId: batch.id, actor: actorOf(p) }), locale);
        } catch (error) {
          if (!(error instanceof ImportProblemsError)) throw error;
          const details = presentProblems(batch, error.problems.slice(0, 500), locale);
          const headline = details[0]?.message ?? error.message;
          throw new AppError(error.reason === 'invalid' ? 'validation_failed' : 'conflict', `${error.message}: ${headline}`, details);
        }
      },
    );

    app.get(
      '/imports/columns/:kind',
      {
        schema: {
          tags: ['imports'],
          summary: 'The columns an import reads (after_sales: those of a platform’s export), headers in the reader’s language',
          params: z.object({ kind: z.enum(importKinds) }),
          querystring: z.object({ platform: z.enum(platforms).optional(), lang: Lang }),
          response: { 200: z.object({ data: z.array(ImportColumnView) }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'products:read');
        const { kind } = request.params;
        const english = readerLocale(request, request.query.lang) === 'en';
        const columns = definitionOf(kind, kind === 'after_sales' ? (request.query.platform ?? 'generic') : null).columns;
        return {
          data: columns.map((c) => ({
            key: c.key,
            header: english ? c.en : c.zh,
            required: c.required ?? false,
            example: c.example ?? null,
            aliases: [english ? c.zh : c.en, ...(c.aliases ?? [])],
          })),
        };
      },
    );

    app.get(
      '/imports/templates/:kind',
      {
        schema: {
          tags: ['imports'],
          summary: 'Download the template of an import (after_sales: the columns of a platform’s export)',
          params: z.object({ kind: z.enum(importKinds) }),
          querystring: z.object({ platform: z.enum(platforms).optional(), format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: Lang }),
          produces: [xlsxType, 'text/csv'],
          response: { 200: z.unknown().describe('an .xlsx or .csv file'), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'products:read');
        const { kind } = request.params;
        const file = await buildImportTemplate(
          kind,
          kind === 'after_sales' ? (request.query.platform ?? 'generic') : null,
          readerLocale(request, request.query.lang),
          request.query.format,
        );
        return sendFile(reply, file);
      },
    );
  };
}
