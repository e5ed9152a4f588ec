/** Portal sign-in without an order number: SMS codes, and the signed link of a return's progress page. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError } from '../lib/app-error.ts';
import { createSession } from '../modules/auth/sessions.repository.ts';
import { PortalSessionView, SmsCodeBody, SmsSessionBody } from '../modules/portal/portal.schema.ts';
import type { PortalServices } from '../modules/portal/portal-services.ts';
import { readProgressToken } from '../modules/portal/progress-links.ts';
import { openSmsSession, requestSmsCode } from '../modules/portal/sms-sign-in.service.ts';
import { findReturnRow } from '../modules/returns/returns.repository.ts';
import { ErrorBody } from './common.ts';

const linkSessionTtlMs = 2 * 60 * 60 * 1000;
const TokenParams = z.object({ token: z.string().min(10).max(200) });

export function portalSignInRoutes(ctx: AppContext, services: () => PortalServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/portal/sms-codes',
      {
        schema: {
          tags: ['portal'],
          summary: 'Text a sign-in code to a mobile number (answers the same whether or not a customer has it)',
          body: SmsCodeBody,
          response: {
            202: z.object({ expiresInSeconds: z.number().int(), resendAfterSeconds: z.number().int() }),
            400: ErrorBody,
            403: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const sent = await requestSmsCode(ctx.db, { phone: request.body.phone, clientKey: request.ip, now: ctx.clock.now(), sms: services().sms });
        return reply.code(202).send(sent);
      },
    );

    app.post(
      '/portal/sms-sessions',
      {
        schema: {
          tags: ['portal'],
          summary: "Open a customer session with a mobile number and the code texted to it; sees all that customer's orders",
          body: SmsSessionBody,
          response: { 201: PortalSessionView, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const session = await openSmsSession(ctx.db, { ...request.body, clientKey: request.ip, now: ctx.clock.now() });
        return reply.code(201).send(session);
      },
    );

    app.post(
      '/portal/progress/:token/session',
      {
        schema: {
          tags: ['portal'],
          summary: "Exchange a return's signed progress link for a short customer session (to ship, cancel or rate from the link)",
          params: TokenParams,
          response: { 201: PortalSessionView.extend({ returnId: z.string() }), 401: ErrorBody },
        },
      },
      async (request, reply) => {
        const now = ctx.clock.now();
        const link = await readProgressToken(ctx.db, request.params.token, now);
        const ret = link ? await findReturnRow(ctx.db, link.returnId, { kind: 'all' }) : undefined;
        if (!link || !ret) throw new AppError('unauthenticated', 'This link is invalid or has expired');
        const ttlMs = Math.min(linkSessionTtlMs, Date.parse(link.expiresAt) - now.getTime());
        const session = await createSession(ctx.db, { kind: 'customer', customerId: ret.customerId, now, ttlMs });
        return reply.code(201).send({ ...session, customerId: ret.customerId, returnId: ret.id });
      },
    );
  };
}
