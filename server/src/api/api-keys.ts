/** API keys for integrations (admin): created with roles, shown once, listed with their last use, revoked. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../modules/api-keys/api-keys.repository.ts';
import { ApiKeyCreatedView, ApiKeyView } from '../modules/api-keys/api-keys.schema.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { roles } from '../modules/auth/roles.ts';
import { errorResponses, IdParams } from './common.ts';

export function apiKeyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    /** Keys are managed by people: a key cannot make or revoke keys. */
    const requireAdminPerson = (request: Parameters<typeof requireStaff>[0]) => {
      const p = requireStaff(request, 'users:manage');
      if (p.apiKeyId) throw new AppError('forbidden', 'API keys are managed by a signed-in admin, not by another key');
      return p;
    };

    app.post(
      '/api-keys',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Create an API key with roles; the key is in this response only (send it as Authorization: Bearer or X-Api-Key)',
          body: z.object({ name: z.string().trim().min(1).max(100), roles: z.array(z.enum(roles)).min(1).max(roles.length) }),
          response: { 201: ApiKeyCreatedView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireAdminPerson(request);
        const now = ctx.clock.now();
        const created = await ctx.db.transaction().execute(async (trx) => {
          const key = await createApiKey(trx, { name: request.body.name, roles: [...new Set(request.body.roles)], createdById: p.user.id, now });
          await writeAudit(trx, {
            action: 'api_key.create',
            entityType: 'api_key',
            entityId: key.id,
            data: { name: key.name, roles: key.roles },
            actor: actorOf(p),
            now,
          });
          return key;
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api-keys',
      {
        schema: {
          tags: ['api keys'],
          summary: 'API keys, newest first, with their last use (never the key)',
          response: { 200: z.object({ data: z.array(ApiKeyView) }) },
        },
      },
      async (request) => {
        requireAdminPerson(request);
        return { data: await listApiKeys(ctx.db) };
      },
    );

    app.delete(
      '/api-keys/:id',
      { schema: { tags: ['api keys'], summary: 'Revoke a key: it stops working at once', params: IdParams, response: { 200: ApiKeyView, ...errorResponses } } },
      async (request) => {
        const p = requireAdminPerson(request);
        const now = ctx.clock.now();
        await ctx.db.transaction().execute(async (trx) => {
          if (await revokeApiKey(trx, request.params.id, now)) {
            await writeAudit(trx, { action: 'api_key.revoke', entityType: 'api_key', entityId: request.params.id, actor: actorOf(p), now });
          }
        });
        const key = await findApiKey(ctx.db, request.params.id);
        if (!key) throw notFound('API key');
        return key;
      },
    );
  };
}
