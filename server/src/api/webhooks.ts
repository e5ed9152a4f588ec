/** Webhook subscriptions and their delivery log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import { deleteWebhook, insertWebhook, listDeliveries, listWebhooks } from '../modules/webhooks/webhooks.repository.ts';
import { errorResponses, IdParams } from './common.ts';

const WebhookView = z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: z.string() });

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^f[cd]/i.test(host)
  );
}

export function webhookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Subscribe a URL to events (signed with the secret)',
          body: z.object({
            url: z.url({ protocol: /^https?$/ }).max(2000),
            events: z
              .array(z.string().regex(/^([a-z_]+\.[a-z_]+|\*)$/, 'an event type such as return.created'))
              .min(1)
              .max(50),
            secret: z.string().min(8).max(200),
          }),
          response: { 201: WebhookView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'webhooks:manage');
        if (!ctx.config.webhookAllowPrivate && isPrivateHost(new URL(request.body.url).hostname)) {
          throw invalidField('url', 'Webhooks to private or loopback addresses are disabled on this server');
        }
        const hook = await insertWebhook(ctx.db, { ...request.body, createdById: p.user.id, now: ctx.clock.now() });
        return reply.code(201).send(hook);
      },
    );

    app.get(
      '/webhooks',
      { schema: { tags: ['webhooks'], summary: 'Webhook subscriptions', response: { 200: z.object({ data: z.array(WebhookView) }) } } },
      async (request) => {
        requireStaff(request, 'webhooks:manage');
        return { data: await listWebhooks(ctx.db) };
      },
    );

    app.delete(
      '/webhooks/:id',
      { schema: { tags: ['webhooks'], summary: 'Remove a subscription', params: IdParams, response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'webhooks:manage');
        if (!(await ctx.db.transaction().execute((trx) => deleteWebhook(trx, request.params.id)))) throw notFound('Webhook');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'The delivery log of a subscription, newest first',
          params: IdParams,
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  eventId: z.string(),
                  eventType: z.string(),
                  status: z.string(),
                  attempts: z.number().int(),
                  lastStatusCode: z.number().int().nullable(),
                  lastError: z.string().nullable(),
                  deliveredAt: z.string().nullable(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        requireStaff(request, 'webhooks:manage');
        return { data: await listDeliveries(ctx.db, request.params.id, 100) };
      },
    );
  };
}
