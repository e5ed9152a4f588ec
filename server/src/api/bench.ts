/** The ceiling route of `npm run bench`; registered only when RETURNFLOW_BENCH=1. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { type CeilingInput, writeBareReturn } from '../modules/bench/ceiling.repository.ts';

export function benchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/bench/ceiling', { schema: { hide: true } }, async (request, reply) => {
      const id = await writeBareReturn(ctx.db, request.body as CeilingInput);
      return reply.code(201).send({ id });
    });
  };
}
