/** Notice templates per event and language: read, edit, reset, and preview with a sample return (admin). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { defaultTemplate } from '../modules/notifications/default-templates.ts';
import { variablesOf } from '../modules/notifications/notice-catalog.ts';
import { sampleVariables } from '../modules/notifications/notice-variables.ts';
import {
  NoticeAudience,
  NoticeLocale,
  TemplatePreviewBody,
  TemplatePreviewView,
  TemplatePutBody,
  TemplateView,
} from '../modules/notifications/notifications.schema.ts';
import { renderTemplate, textToHtml, unknownPlaceholders } from '../modules/notifications/render-template.ts';
import { loadSettings } from '../modules/notifications/settings.repository.ts';
import { findTemplate, listTemplates, resetTemplate, saveTemplate } from '../modules/notifications/templates.repository.ts';
import { errorResponses } from './common.ts';

const KeyParams = z.object({ audience: NoticeAudience, event: z.string().min(1).max(60), locale: NoticeLocale });

export function notificationTemplateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notification-templates',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Every notice template (customer and staff, zh-CN and en) with the variables each may use',
          response: { 200: z.object({ data: z.array(TemplateView), variables: z.object({ customer: z.array(z.string()), staff: z.array(z.string()) }) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        return { data: await listTemplates(ctx.db), variables: { customer: [...variablesOf('customer')], staff: [...variablesOf('staff')] } };
      },
    );

    app.put(
      '/notification-templates',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Edit a template; placeholders are {{variable}} from the allowed list',
          body: TemplatePutBody,
          response: { 200: TemplateView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'notifications:manage');
        const { audience, event, locale, ...text } = request.body;
        if (!defaultTemplate(audience, event, locale)) throw notFound(`Template ${audience} ${event}`);
        const allowed = variablesOf(audience);
        const problems = (['subject', 'short', 'body'] as const).flatMap((field) =>
          unknownPlaceholders(text[field], allowed).map((name) => ({
            path: `body.${field}`,
            message: `Unknown variable {{${name}}}; allowed: ${allowed.join(', ')}`,
          })),
        );
        if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), problems);
        await saveTemplate(ctx.db, { audience, event, locale }, text, p.user.id, ctx.clock.now());
        const saved = await findTemplate(ctx.db, { audience, event, locale });
        if (!saved) throw notFound('Template');
        return saved;
      },
    );

    app.delete(
      '/notification-templates/:audience/:event/:locale',
      { schema: { tags: ['notifications'], summary: 'Go back to the built-in text', params: KeyParams, response: { 200: TemplateView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        await resetTemplate(ctx.db, request.params);
        const template = await findTemplate(ctx.db, request.params);
        if (!template) throw notFound('Template');
        return template;
      },
    );

    app.post(
      '/notification-templates/preview',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Render a template (or an unsaved draft) with a sample return',
          body: TemplatePreviewBody,
          response: { 200: TemplatePreviewView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        const { audience, event, locale, draft } = request.body;
        const stored = await findTemplate(ctx.db, { audience, event, locale });
        if (!stored) throw notFound(`Template ${audience} ${event}`);
        const template = { ...stored, ...draft };
        const allowed = variablesOf(audience);
        const problems = (['subject', 'short', 'body'] as const).flatMap((field) =>
          unknownPlaceholders(template[field], allowed).map((name) => ({ path: `body.draft.${field}`, message: `Unknown variable {{${name}}}` })),
        );
        if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), problems);
        const settings = await loadSettings(ctx.db);
        const variables = sampleVariables(locale, settings.general.shopName, ctx.config.publicUrl);
        const shown = audience === 'customer' ? variables : { ...variables, link: `${ctx.config.publicUrl.replace(/\/$/, '')}/console` };
        const rendered = renderTemplate(template, shown);
        const used = Object.fromEntries(allowed.map((name) => [name, (shown as Record<string, string | undefined>)[name] ?? '']));
        return { ...rendered, html: textToHtml(rendered.body), variables: used };
      },
    );
  };
}
