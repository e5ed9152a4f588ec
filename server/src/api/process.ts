/** The process as data: the definition in force (stages and automations) and publishing a new version. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { notFound } from '../lib/app-error.ts';
import { listAssignees } from '../modules/process/assignees.repository.ts';
import { getCurrentProcess, getProcessVersion } from '../modules/process/process.repository.ts';
import { ProcessDefinition } from '../modules/process/process.schema.ts';
import { ProcessUpdateBody } from '../modules/process/process-view.schema.ts';
import { publishProcess } from '../workflows/publish-process.ts';
import { errorResponses } from './common.ts';

const ProcessDocument = ProcessDefinition.extend({ version: z.number().int() });

export function processRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/process',
      {
        schema: {
          tags: ['process'],
          summary: 'The process in force: stages (owner, time limit, operating steps, on/off, amount) and automations',
          response: { 200: ProcessDocument, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:read');
        return getCurrentProcess(ctx.db);
      },
    );

    app.get(
      '/process/assignees',
      {
        schema: {
          tags: ['process'],
          summary: 'Staff a stage can be assigned to (for automations that assign or escalate to a person)',
          response: { 200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })) }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'policy:write');
        return { data: await listAssignees(ctx.db) };
      },
    );

    app.get(
      '/process/versions/:version',
      {
        schema: {
          tags: ['process'],
          summary: 'One published version of the process',
          params: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
          response: { 200: ProcessDocument, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:read');
        const document = await getProcessVersion(ctx.db, request.params.version);
        if (!document) throw notFound('Process version');
        return document;
      },
    );

    app.put(
      '/process',
      {
        schema: {
          tags: ['process'],
          summary: 'Publish a new version of the process (every core stage once; optional and added stages; automations)',
          body: ProcessUpdateBody,
          response: { 200: ProcessDocument, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'policy:write');
        const version = await publishProcess(ctx, request.body, actorOf(p));
        const document = await getProcessVersion(ctx.db, version);
        if (!document) throw notFound('Process version');
        return document;
      },
    );
  };
}
