/**
 * Logistics: the 快递100 subscription-push receiver (signed with the salt from the
 * settings or KUAIDI100_SALT), what carriers reported about a return, parcels delivered
 * but not yet received, and the scheduled jobs (shipping reminders and deadlines).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/principal.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { beijingTimeToIso, Kuaidi100Param, verifyKuaidi100Sign } from '../modules/logistics/kuaidi100.ts';
import { ArrivingView, ScheduledJobView, TrackingView } from '../modules/logistics/logistics.schema.ts';
import { listJobs, makeJobDue } from '../modules/logistics/scheduled-jobs.repository.ts';
import { findTracking, listArriving } from '../modules/logistics/tracking.repository.ts';
import { loadSettings } from '../modules/notifications/settings.repository.ts';
import { applyCarrierTracking } from '../workflows/apply-carrier-tracking.ts';
import { ErrorBody, errorResponses, IdParams } from './common.ts';

const PushAnswer = z.object({ result: z.boolean(), returnCode: z.string(), message: z.string() });

export function logisticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }

    app.post(
      '/logistics/kuaidi100/push',
      {
        schema: {
          tags: ['logistics'],
          summary: '快递100 subscription push: form fields `param` (JSON) and `sign` = MD5(param + salt), uppercase',
          security: [],
          querystring: z.object({ returnId: z.string().max(64).optional() }),
          body: z.object({ param: z.string().min(2).max(200_000), sign: z.string().max(64) }),
          response: { 200: PushAnswer, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const settings = await loadSettings(ctx.db);
        const salt = settings.logistics.kuaidi100Salt;
        if (!salt) {
          // Not configured: the receiver does not exist yet for the outside world (a 4xx, never a 5xx).
          throw new AppError('not_found', 'Tracking pushes are not configured (set KUAIDI100_SALT or the logistics settings)');
        }
        if (!verifyKuaidi100Sign(request.body.param, request.body.sign, salt)) throw new AppError('unauthenticated', 'The push is not signed with our salt');
        let json: unknown;
        try {
          json = JSON.parse(request.body.param);
        } catch {
          throw invalidField('param', 'param is not JSON');
        }
        const parsed = Kuaidi100Param.safeParse(json);
        if (!parsed.success) throw invalidField('param', `param is not a 快递100 push: ${parsed.error.issues[0]?.message ?? ''}`);
        const last = parsed.data.lastResult;
        const latest = last.data[0];
        const result = await applyCarrierTracking(
          ctx,
          {
            provider: 'kuaidi100',
            returnId: request.query.returnId,
            carrierCode: last.com,
            trackingNumber: last.nu,
            state: last.state,
            lastContext: latest?.context ?? null,
            lastEventAt: beijingTimeToIso(latest?.ftime ?? latest?.time),
          },
          { publicUrl: ctx.config.publicUrl, settings },
        );
        // 快递100 stops re-sending once it gets result true; an unknown parcel is no reason to retry.
        return { result: true, returnCode: '200', message: result.outcome === 'unknown_parcel' ? '成功（未找到对应退货）' : '成功' };
      },
    );

    app.get(
      '/logistics/returns/:id/tracking',
      {
        schema: {
          tags: ['logistics'],
          summary: 'What the carrier last reported for a return',
          params: IdParams,
          response: { 200: TrackingView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:read');
        const tracking = await findTracking(ctx.db, request.params.id);
        if (!tracking) throw notFound('Tracking');
        return tracking;
      },
    );

    app.get(
      '/logistics/arriving',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Returns whose parcel the carrier delivered but the warehouse has not received yet',
          response: { 200: z.object({ data: z.array(ArrivingView) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'returns:read');
        return { data: await listArriving(ctx.db, 200) };
      },
    );

    app.get(
      '/scheduled-jobs',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Jobs scheduled in the database and how they last ran',
          response: { 200: z.object({ data: z.array(ScheduledJobView) }) },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        return { data: await listJobs(ctx.db) };
      },
    );

    app.post(
      '/scheduled-jobs/:name/run',
      {
        schema: {
          tags: ['logistics'],
          summary: 'Make a job due now (a worker runs it within seconds)',
          params: z.object({ name: z.string().min(1).max(60) }),
          response: { 202: z.object({ name: z.string(), due: z.boolean() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'notifications:manage');
        if (!(await makeJobDue(ctx.db, request.params.name, ctx.clock.now()))) throw notFound('Job');
        ctx.notifyOutbox();
        return reply.code(202).send({ name: request.params.name, due: true });
      },
    );
  };
}
