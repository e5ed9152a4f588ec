/**
 * What a customer wants to hear: their WeChat openid, their language, and opting out of
 * non-essential notices — set by service staff, by the customer in the portal, or from
 * the unsubscribe link in an email (a form, so mail scanners that open links change nothing).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { everything } from '../lib/scope.ts';
import { findPreferences, type NoticePreferences, updatePreferences } from '../modules/notifications/notice-facts.repository.ts';
import { PreferencesBody, PreferencesView } from '../modules/notifications/notifications.schema.ts';
import { readProgressToken } from '../modules/portal/progress-links.ts';
import { findReturnRow } from '../modules/returns/returns.repository.ts';
import { errorResponses, IdParams } from './common.ts';

const present = (p: NoticePreferences): { wechatOpenid: string | null; optedOut: boolean; locale: 'zh-CN' | 'en' | null } => ({
  ...p,
  locale: p.locale === 'en' || p.locale === 'zh-CN' ? p.locale : null,
});

function page(title: string, text: string, form?: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;max-width:480px;margin:48px auto;padding:0 16px;line-height:1.6">
<h2>${title}</h2><p>${text}</p>${form ?? ''}</body></html>`;
}

const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function notificationPreferenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }

    app.get(
      '/customers/:id/notification-preferences',
      {
        schema: {
          tags: ['notifications'],
          summary: "A customer's notice preferences",
          params: IdParams,
          response: { 200: PreferencesView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'customers:read');
        const prefs = await findPreferences(ctx.db, request.params.id);
        if (!prefs) throw notFound('Customer');
        return present(prefs);
      },
    );

    app.put(
      '/customers/:id/notification-preferences',
      {
        schema: {
          tags: ['notifications'],
          summary: "Set a customer's WeChat openid, language, or opt-out of non-essential notices",
          params: IdParams,
          body: PreferencesBody,
          response: { 200: PreferencesView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'customers:write');
        if (!(await findPreferences(ctx.db, request.params.id))) throw notFound('Customer');
        await updatePreferences(ctx.db, request.params.id, request.body);
        const prefs = await findPreferences(ctx.db, request.params.id);
        if (!prefs) throw notFound('Customer');
        return present(prefs);
      },
    );

    app.get(
      '/portal/notification-preferences',
      { schema: { tags: ['notifications'], summary: "The signed-in customer's notice preferences", response: { 200: PreferencesView, ...errorResponses } } },
      async (request) => {
        const p = request.principal;
        if (p.kind !== 'customer')
          throw p.kind === 'anonymous'
            ? new AppError('unauthenticated', 'Sign in to the portal first')
            : new AppError('forbidden', 'Only the customer can do this');
        const prefs = await findPreferences(ctx.db, p.customerId);
        if (!prefs) throw notFound('Customer');
        return present(prefs);
      },
    );

    app.put(
      '/portal/notification-preferences',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The customer opts out of (or back into) non-essential notices, or picks a language',
          body: PreferencesBody.omit({ wechatOpenid: true }),
          response: { 200: PreferencesView, ...errorResponses },
        },
      },
      async (request) => {
        const p = request.principal;
        if (p.kind !== 'customer')
          throw p.kind === 'anonymous'
            ? new AppError('unauthenticated', 'Sign in to the portal first')
            : new AppError('forbidden', 'Only the customer can do this');
        await updatePreferences(ctx.db, p.customerId, request.body);
        const prefs = await findPreferences(ctx.db, p.customerId);
        if (!prefs) throw notFound('Customer');
        return present(prefs);
      },
    );

    app.get(
      '/notifications/unsubscribe',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The page an email’s unsubscribe link opens: a button that opts out of non-essential notices',
          security: [],
          querystring: z.object({ token: z.string().max(200) }),
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const form = `<form method="post" action="/api/v1/notifications/unsubscribe"><input type="hidden" name="token" value="${escapeAttribute(request.query.token)}"><button type="submit">退订 / Unsubscribe</button></form>`;
        return reply
          .type('text/html; charset=utf-8')
          .send(
            page(
              '退订通知 · Unsubscribe',
              '退订后，我们只会发送关键通知（受理、审核结果与退款）。<br>After unsubscribing you only get essential notices (receipt, decisions, refunds).',
              form,
            ),
          );
      },
    );

    app.post(
      '/notifications/unsubscribe',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Opt out of non-essential notices with the token of an email link (form or JSON)',
          security: [],
          body: z.object({ token: z.string().min(1).max(200) }),
          response: { 200: z.object({ optedOut: z.boolean() }).or(z.string()), ...errorResponses },
        },
      },
      async (request, reply) => {
        const link = await readProgressToken(ctx.db, request.body.token, ctx.clock.now());
        const ret = link ? await findReturnRow(ctx.db, link.returnId, everything) : undefined;
        if (!ret) throw notFound('Link');
        await updatePreferences(ctx.db, ret.customerId, { optedOut: true });
        if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
          return reply
            .type('text/html; charset=utf-8')
            .send(page('已退订 · Unsubscribed', '您将只收到关键通知。<br>You will only get essential notices from now on.'));
        }
        return { optedOut: true };
      },
    );
  };
}
