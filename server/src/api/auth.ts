/** Staff sign-in and the current user. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { sessionCookie } from '../http/authenticate.ts';
import { requireAnyStaff } from '../http/principal.ts';
import { login, staffSessionTtlMs } from '../modules/auth/auth.service.ts';
import { revokeSession } from '../modules/auth/sessions.repository.ts';
import { updateUserLocale } from '../modules/auth/users.repository.ts';
import { ErrorBody } from './common.ts';

export const UserView = z.object({ id: z.string(), email: z.string(), name: z.string(), roles: z.array(z.string()), locale: z.string() });

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in as staff',
          body: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200), cookie: z.boolean().optional() }),
          response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: UserView }), 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const result = await login(ctx.db, { email: request.body.email, password: request.body.password, clientKey: request.ip, now: ctx.clock.now() });
        if (request.body.cookie) {
          reply.setCookie(sessionCookie, result.token, {
            path: '/',
            httpOnly: true,
            sameSite: 'strict',
            secure: request.protocol === 'https',
            maxAge: staffSessionTtlMs / 1000,
          });
        }
        return result;
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out (revokes the session)', response: { 204: z.null() } } }, async (request, reply) => {
      if (request.sessionToken) await revokeSession(ctx.db, request.sessionToken, ctx.clock.now());
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    });

    app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserView, 401: ErrorBody } } }, async (request) => {
      const p = request.principal;
      if (p.kind !== 'user') return requireAnyStaff(request).user;
      return p.user;
    });

    app.patch(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Remember the interface language',
          body: z.object({ locale: z.enum(['zh-CN', 'en']) }),
          response: { 200: UserView },
        },
      },
      async (request) => {
        const p = requireAnyStaff(request);
        await updateUserLocale(ctx.db, p.user.id, request.body.locale);
        return { ...p.user, locale: request.body.locale };
      },
    );
  };
}
