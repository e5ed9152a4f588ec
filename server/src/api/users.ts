/** Staff accounts (admin). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { roles } from '../modules/auth/roles.ts';
import { listUsers } from '../modules/auth/users.repository.ts';
import { UserView } from './auth.ts';
import { errorResponses } from './common.ts';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a staff user (admin)',
          body: z.object({
            email: z.email().max(254),
            name: z.string().trim().min(1).max(100),
            password: z.string().min(8).max(200),
            roles: z.array(z.enum(roles)).min(1),
            locale: z.enum(['zh-CN', 'en']).optional(),
          }),
          response: { 201: UserView, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'users:manage');
        const user = await createUser(ctx.db, { ...request.body, now: ctx.clock.now() });
        return reply.code(201).send(user);
      },
    );

    app.get(
      '/users',
      { schema: { tags: ['users'], summary: 'Staff users (admin)', response: { 200: z.object({ data: z.array(UserView) }) } } },
      async (request) => {
        requireStaff(request, 'users:manage');
        return { data: await listUsers(ctx.db) };
      },
    );
  };
}
