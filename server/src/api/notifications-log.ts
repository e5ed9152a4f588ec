/**
 * The delivery log (what was sent to whom, when, the result, every attempt; resend) and
 * the staff's in-app inbox.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff, type StaffPrincipal } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { seesMaskedPhones } from '../modules/auth/roles.ts';
import { noticeChannels, toNoticeLocale } from '../modules/notifications/notice-catalog.ts';
import { countUnread, findNotice, listInbox, listNotices, markRead, type NoticeRow, resendNotice } from '../modules/notifications/notices.repository.ts';
import { InboxItemView, NoticeDetailView, NoticeView } from '../modules/notifications/notifications.schema.ts';
import { errorResponses, IdParams, listOf, PageQuery, page } from './common.ts';
import { maskPhone } from './customers.ts';

const LogQuery = PageQuery.extend({
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  channel: z.enum(noticeChannels).optional(),
  audience: z.enum(['customer', 'staff']).optional(),
  eventType: z.string().max(60).optional(),
  returnId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  recipient: z.string().max(254).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});

const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();

function present<T extends NoticeRow>(row: T, p: StaffPrincipal): T {
  return row.channel === 'sms' && seesMaskedPhones(p.user.roles) ? { ...row, recipient: maskPhone(row.recipient) ?? '' } : row;
}

function inboxScope(p: StaffPrincipal) {
  return { roles: p.user.roles, everyRole: p.user.roles.includes('admin'), userId: p.user.id };
}

export function notificationLogRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications/deliveries',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The delivery log: notices newest first, filtered',
          querystring: LogQuery,
          response: { 200: listOf(NoticeView) },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'notifications:read');
        const { limit, from, to, ...filter } = request.query;
        const rows = await listNotices(ctx.db, {
          ...filter,
          limit: limit + 1,
          ...(from ? { from: toInstant(from) } : {}),
          ...(to ? { to: toInstant(to) } : {}),
        });
        const listed = page(rows, limit, (r) => r.id);
        return { ...listed, data: listed.data.map((r) => present(r, p)) };
      },
    );

    app.get(
      '/notifications/deliveries/:id',
      {
        schema: {
          tags: ['notifications'],
          summary: 'One notice and every attempt to deliver it',
          params: IdParams,
          response: { 200: NoticeDetailView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'notifications:read');
        const notice = await findNotice(ctx.db, request.params.id);
        if (!notice) throw notFound('Notice');
        return present(notice, p);
      },
    );

    app.post(
      '/notifications/deliveries/:id/resend',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Send a notice again now (the same text; a new attempt in its log)',
          params: IdParams,
          response: { 202: NoticeDetailView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'notifications:read');
        const existing = await findNotice(ctx.db, request.params.id);
        if (!existing) throw notFound('Notice');
        if (!(await resendNotice(ctx.db, existing.id, ctx.clock.now()))) throw new AppError('conflict', 'In-app notices are not sent and cannot be resent');
        ctx.notifyOutbox();
        const notice = await findNotice(ctx.db, existing.id);
        if (!notice) throw notFound('Notice');
        return reply.code(202).send(present(notice, p));
      },
    );

    app.get(
      '/notifications/inbox',
      {
        schema: {
          tags: ['notifications'],
          summary: "The signed-in staff user's in-app notices (to their roles; admins see all), in their language",
          querystring: PageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
          response: { 200: listOf(InboxItemView) },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        const { limit, cursor, unread } = request.query;
        const rows = await listInbox(ctx.db, { ...inboxScope(p), unreadOnly: unread === 'true', limit: limit + 1, ...(cursor ? { cursor } : {}) });
        const english = toNoticeLocale(p.user.locale) === 'en';
        const listed = page(rows, limit, (r) => r.id);
        return {
          ...listed,
          data: listed.data.map((r) => {
            const alt = english && r.data ? (JSON.parse(r.data) as { alt?: { en?: { subject: string; short: string } } }).alt?.en : undefined;
            return {
              id: r.id,
              eventType: r.eventType,
              returnId: r.returnId,
              returnNumber: r.returnNumber,
              role: r.role.replace(/^role:/, ''),
              title: alt?.subject ?? r.subject,
              text: alt?.short ?? r.short,
              createdAt: r.createdAt,
              read: r.readAt !== null,
            };
          }),
        };
      },
    );

    app.get(
      '/notifications/inbox/unread-count',
      {
        schema: {
          tags: ['notifications'],
          summary: 'How many in-app notices the user has not read',
          response: { 200: z.object({ unread: z.number().int() }) },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        return { unread: await countUnread(ctx.db, inboxScope(p)) };
      },
    );

    app.post(
      '/notifications/inbox/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark in-app notices read (all of them when `ids` is left out)',
          body: z.object({ ids: z.array(z.string().max(64)).max(500).optional() }),
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        return { marked: await markRead(ctx.db, inboxScope(p), request.body.ids ?? null, ctx.clock.now()) };
      },
    );
  };
}
