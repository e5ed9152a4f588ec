/** Webhook subscriptions and their delivery log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { deleteWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../modules/webhooks/webhooks.repository.ts';
import { WebhookDeliveryView, WebhookView } from '../modules/webhooks/webhooks.schema.ts';
import { errorResponses, IdParams, PageQuery } from './common.ts';

const WebhookUrl = z.url({ protocol: /^https?$/ }).max(2000);
const EventList = z
  .array(z.string().regex(/^([a-z_]+\.[a-z_]+|\*)$/, 'an event type such as return.created'))
  .min(1)
  .max(50);

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
            url: WebhookUrl,
            events: EventList,
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
      '/webhooks/:id',
      { schema: { tags: ['webhooks'], summary: 'One subscription and its health', params: IdParams, response: { 200: WebhookView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'webhooks:manage');
        const hook = await findWebhook(ctx.db, request.params.id);
        if (!hook) throw notFound('Webhook');
        return hook;
      },
    );

    app.patch(
      '/webhooks/:id',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Change a subscription; `active: true` enables a disabled one again (its pending deliveries resume)',
          params: IdParams,
          body: z.object({
            url: WebhookUrl.optional(),
            events: EventList.optional(),
            secret: z.string().min(8).max(200).optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: WebhookView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'webhooks:manage');
        if (request.body.url && !ctx.config.webhookAllowPrivate && isPrivateHost(new URL(request.body.url).hostname)) {
          throw invalidField('url', 'Webhooks to private or loopback addresses are disabled on this server');
        }
        const hook = await updateWebhook(ctx.db, request.params.id, request.body);
        if (!hook) throw notFound('Webhook');
        if (request.body.active) ctx.notifyOutbox();
        return hook;
      },
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'The delivery log of a subscription, newest first',
          params: IdParams,
          querystring: PageQuery.extend({ limit: PageQuery.shape.limit.default(100) }),
          response: { 200: z.object({ data: z.array(WebhookDeliveryView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        requireStaff(request, 'webhooks:manage');
        const { limit, cursor } = request.query;
        const rows = await listDeliveries(ctx.db, request.params.id, limit + 1, cursor);
        const data = rows.slice(0, limit);
        return { data, nextCursor: rows.length > limit ? (data.at(-1)?.id ?? null) : null };
      },
    );

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Send a delivery again now (same event id and body, signed afresh)',
          params: IdParams.extend({ deliveryId: z.string().min(1).max(64) }),
          response: { 202: WebhookDeliveryView, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'webhooks:manage');
        const hook = await findWebhook(ctx.db, request.params.id);
        if (!hook) throw notFound('Webhook');
        if (!hook.active) throw new AppError('conflict', 'The webhook is disabled; enable it first (PATCH active: true)', { disabledAt: hook.disabledAt });
        const delivery = await redeliver(ctx.db, hook.id, request.params.deliveryId, ctx.clock.now());
        if (!delivery) throw notFound('Delivery');
        ctx.notifyOutbox();
        return reply.code(202).send(delivery);
      },
    );
  };
}
