/** The return process as the console draws it, and a manager's edit of it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf, requireStaff, scopeOf } from '../../http/principal.ts';
import { ProcessUpdateBody, ProcessView } from '../../modules/process/process-view.schema.ts';
import { loadProcessView } from '../../workflows/load-process-view.ts';
import { publishProcess } from '../../workflows/publish-process.ts';
import { errorResponses } from '../common.ts';

export function consoleProcessRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/console/process',
      {
        schema: {
          tags: ['console'],
          summary: 'The process in force: stages with owner role, time limit and operating steps, how many returns sit in each now and their median time there',
          response: { 200: ProcessView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:read');
        return loadProcessView(ctx, scopeOf(p));
      },
    );

    app.put(
      '/console/process',
      {
        schema: {
          tags: ['console'],
          summary: 'Publish a new version of the process (names, owners, time limits, operating steps); every stage once',
          body: ProcessUpdateBody,
          response: { 200: ProcessView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'policy:write');
        await publishProcess(ctx, request.body, actorOf(p));
        return loadProcessView(ctx, scopeOf(p));
      },
    );
  };
}
