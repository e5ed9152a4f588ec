/** The ceiling route of `npm run bench`; registered only when RETURNFLOW_BENCH=1. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { type CeilingInput, type CeilingRows, writeBareReturn } from '../modules/bench/ceiling.repository.ts';

export function benchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The decision and payload texts of a real creation, given once before the run: each
    // ceiling request then carries no more than a creation request does.
    let rows: CeilingRows = { decision: '{}', payload: '{}' };
    app.put('/bench/ceiling/rows', { schema: { hide: true } }, async (request, reply) => {
      const body = request.body as Partial<CeilingRows>;
      rows = { decision: String(body.decision ?? '{}'), payload: String(body.payload ?? '{}') };
      return reply.code(204).send();
    });
    app.post('/bench/ceiling', { schema: { hide: true } }, async (request, reply) => {
      const id = await writeBareReturn(ctx.db, request.body as CeilingInput, rows);
      return reply.code(201).send({ id });
    });
  };
}
