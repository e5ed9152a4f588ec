/** The demo shop's sign-ins, shown on the console's login page while demo mode is on. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { demoPassword } from '../../demo/people.ts';
import { findAccountsAtDomain } from '../../modules/auth/demo-accounts.repository.ts';

const demoDomain = 'demo.returnflow.cn';

export function consoleDemoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/console/demo-logins',
      {
        schema: {
          tags: ['console'],
          summary: 'Demo sign-ins for the login page (empty unless RETURNFLOW_DEMO is on); no sign-in needed',
          security: [],
          response: {
            200: z.object({
              password: z.string().nullable(),
              logins: z.array(z.object({ email: z.string(), name: z.string(), roles: z.array(z.string()) })),
            }),
          },
        },
      },
      async () => {
        if (!ctx.config.demo) return { password: null, logins: [] };
        const logins = await findAccountsAtDomain(ctx.db, demoDomain);
        return { password: logins.length > 0 ? demoPassword : null, logins };
      },
    );
  };
}
