/** Refund documents: the finance queue by deadline, the second approval or rejection, refund notes, and a return's refund preview. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { refundCursor } from '../modules/refunds/refund-queue.repository.ts';
import {
  RefundDetailView,
  RefundListItem,
  RefundListQuery,
  RefundNoteUpdateBody,
  RefundNoteView,
  RefundPreviewView,
  RefundRejectBody,
} from '../modules/refunds/refunds.schema.ts';
import { findReturnLines, findReturnRow } from '../modules/returns/returns.repository.ts';
import { RefundView, ReturnView } from '../modules/returns/returns.schema.ts';
import { previewRefund } from '../workflows/preview-refund.ts';
import { listRefundDocuments, loadRefundDetail, loadRefundNote, renderRefundNote, updateRefundNoteFields } from '../workflows/refund-documents.ts';
import { approveRefund, rejectRefund } from '../workflows/refund-return.ts';
import { errorResponses, IdParams, listOf, page } from './common.ts';
import { returnReadScope } from './portal-access.ts';

const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
const DecidedRefund = RefundView.extend({ returnId: z.string(), return: ReturnView });

export function refundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/refunds',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Refund documents: by default the finance queue, soonest legal deadline (7 days from receipt) first',
          querystring: RefundListQuery,
          response: { 200: listOf(RefundListItem) },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        const q = request.query;
        const rows = await listRefundDocuments(ctx, {
          limit: q.limit + 1,
          sort: q.sort,
          cursor: q.cursor,
          status: q.status,
          method: q.method,
          returnId: q.returnId,
          customerId: q.customerId,
          from: q.from ? toInstant(q.from) : undefined,
          to: q.to ? toInstant(q.to) : undefined,
        });
        return page(rows, q.limit, (r) => refundCursor(r, q.sort));
      },
    );

    app.get(
      '/refunds/:id',
      {
        schema: {
          tags: ['refunds'],
          summary: 'A refund with its note and audit trail',
          params: IdParams,
          response: { 200: RefundDetailView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        return loadRefundDetail(ctx, request.params.id);
      },
    );

    app.post(
      '/refunds/:id/approve',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Approve and pay a refund held for approval (not by its requester); answers the refund with its return',
          params: IdParams,
          response: { 200: DecidedRefund, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'refunds:approve');
        const ret = await approveRefund(ctx, { refundId: request.params.id, actor: { kind: 'user', id: p.user.id } });
        const refund = ret.refunds.find((r) => r.id === request.params.id);
        if (!refund) throw new Error('approved refund missing from its return');
        return { ...refund, returnId: ret.id, return: ret };
      },
    );

    app.post(
      '/refunds/:id/reject',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Reject a refund held for approval (not by its requester), with a reason; its amount may be refunded again',
          params: IdParams,
          body: RefundRejectBody,
          response: { 200: DecidedRefund, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'refunds:approve');
        const ret = await rejectRefund(ctx, { refundId: request.params.id, actor: { kind: 'user', id: p.user.id }, reason: request.body.reason });
        const refund = ret.refunds.find((r) => r.id === request.params.id);
        if (!refund) throw new Error('rejected refund missing from its return');
        return { ...refund, returnId: ret.id, return: ret };
      },
    );

    app.get(
      '/refunds/:id/note',
      {
        schema: {
          tags: ['refunds'],
          summary: 'The refund note (退款单) of a refund, with its red-letter invoice fields',
          params: IdParams,
          response: { 200: RefundNoteView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:refund');
        return loadRefundNote(ctx, request.params.id);
      },
    );

    app.patch(
      '/refunds/:id/note',
      {
        schema: {
          tags: ['refunds'],
          summary: 'Fill in the red-letter invoice fields of a refund note (数电票: 红字确认单 number, new invoice number)',
          params: IdParams,
          body: RefundNoteUpdateBody,
          response: { 200: RefundNoteView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:refund');
        return updateRefundNoteFields(ctx, { refundId: request.params.id, body: request.body, actor: { kind: 'user', id: p.user.id } });
      },
    );

    app.get(
      '/refunds/:id/note.pdf',
      {
        schema: {
          tags: ['refunds'],
          summary: 'The refund note as a printable PDF (Chinese, embedded font)',
          params: IdParams,
          response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'returns:refund');
        const note = await renderRefundNote(ctx, request.params.id);
        const name = `退款单-${note.number}.pdf`;
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="refund-note-${note.number}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(note.bytes);
      },
    );

    app.get(
      '/returns/:id/refund-preview',
      {
        schema: {
          tags: ['refunds'],
          summary: 'What the return refunds, line by line, before anything is paid: price paid, fees by reason and grade, postage, shipping, deadline',
          params: IdParams,
          querystring: z.object({ access: z.string().max(200).optional() }),
          response: { 200: RefundPreviewView, ...errorResponses },
        },
      },
      async (request) => {
        const scope = await returnReadScope(ctx, request, request.params.id, request.query.access);
        const ret = await findReturnRow(ctx.db, request.params.id, scope);
        if (!ret) throw notFound('Return');
        const preview = await previewRefund(ctx, ret, await findReturnLines(ctx.db, ret.id));
        // The approval limit is the shop's internal rule: customers do not see it.
        return request.principal.kind === 'user' ? preview : { ...preview, approvalLimit: null, needsApproval: false };
      },
    );
  };
}
