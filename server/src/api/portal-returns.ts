/** The portal's returns: filing with photos, the customer's view and progress link, shipping with a checked tracking number. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { PublicReason, publicReasons } from '../modules/policy/public-reasons.ts';
import { carriers } from '../modules/portal/carriers.ts';
import {
  CarrierView,
  CustomerReturnView,
  maxPhotosPerLine,
  PortalReturnBody,
  PortalReturnCreated,
  PortalShipBody,
  ReturnOptionsView,
} from '../modules/portal/portal.schema.ts';
import type { PortalServices } from '../modules/portal/portal-services.ts';
import { readProgressToken } from '../modules/portal/progress-links.ts';
import { ReturnView } from '../modules/returns/returns.schema.ts';
import { loadCustomerReturn } from '../workflows/load-customer-return.ts';
import { shipReturnByCarrier } from '../workflows/ship-return-by-carrier.ts';
import { submitPortalReturn } from '../workflows/submit-portal-return.ts';
import { ErrorBody, errorResponses, IdParams } from './common.ts';
import { maxPhotoBytes } from './return-photos.ts';

/** What the portal offers, with the reason tree: a reason may carry the sub-reasons a customer picks from. */
const PortalReturnOptionsView = ReturnOptionsView.extend({
  reasons: z.array(PublicReason),
  /** The shop insures return postage (运费险): the customer pays the courier first and is paid back. */
  shopShippingInsurance: z.boolean(),
});

export function portalReturnRoutes(ctx: AppContext, services: () => PortalServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/public/carriers',
      {
        schema: {
          tags: ['portal'],
          summary: 'Carriers a return can be sent with, and the format of their tracking numbers (no sign-in)',
          security: [],
          response: { 200: z.object({ data: z.array(CarrierView) }) },
        },
      },
      async () => ({ data: [...carriers] }),
    );

    app.get(
      '/public/return-options',
      {
        schema: {
          tags: ['portal'],
          summary: 'What the portal offers under the policy in force: after-sales kinds, reasons and what each needs (no sign-in)',
          security: [],
          response: { 200: PortalReturnOptionsView },
        },
      },
      async () => {
        const policy = await getCurrentPolicy(ctx.db);
        return {
          policyVersion: policy.version,
          timeZone: policy.timeZone,
          returnWindowDays: policy.returnWindowDays,
          faultRefundDays: Math.max(policy.returnWindowDays, policy.faultRefundDays),
          faultExchangeDays: Math.max(policy.returnWindowDays, policy.faultExchangeDays),
          offer: policy.offer,
          storeCreditBonusPercent: policy.storeCreditBonusPercent,
          reasons: publicReasons(policy),
          shopShippingInsurance: policy.shopShippingInsurance,
          smsSignIn: services().sms.enabled,
          maxPhotoBytes,
          maxPhotosPerLine,
        };
      },
    );

    app.post(
      '/portal/returns',
      {
        schema: {
          tags: ['portal'],
          summary: 'File a return from the portal, with photos; the policy decides at once',
          body: PortalReturnBody,
          response: { 201: PortalReturnCreated, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaffOrCustomer(request, 'returns:create');
        const scope = scopeOf(p);
        const created: ReturnView = await submitPortalReturn(ctx, {
          body: request.body,
          scope,
          actor: actorOf(p),
          channel: p.kind === 'customer' ? 'portal' : 'service',
        });
        const progress = await loadCustomerReturn(ctx, { returnId: created.id, scope });
        if (!progress) throw notFound('Return');
        return reply.code(201).send({ return: created, progress });
      },
    );

    app.get(
      '/portal/returns/:id',
      {
        schema: {
          tags: ['portal'],
          summary: 'A return in customer words: steps with dates, return address, postage, what can be done now',
          params: IdParams,
          response: { 200: CustomerReturnView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        const view = await loadCustomerReturn(ctx, { returnId: request.params.id, scope: scopeOf(p) });
        if (!view) throw notFound('Return');
        return view;
      },
    );

    app.get(
      '/portal/progress/:token',
      {
        schema: {
          tags: ['portal'],
          summary: 'A return in customer words from its signed progress link, without signing in',
          security: [],
          params: z.object({ token: z.string().min(10).max(200) }),
          response: { 200: CustomerReturnView, 401: ErrorBody },
        },
      },
      async (request) => {
        const link = await readProgressToken(ctx.db, request.params.token, ctx.clock.now());
        const view = link
          ? await loadCustomerReturn(ctx, { returnId: link.returnId, scope: { kind: 'all' }, link: { token: request.params.token, expiresAt: link.expiresAt } })
          : undefined;
        if (!view) throw new AppError('unauthenticated', 'This link is invalid or has expired');
        return view;
      },
    );

    app.post(
      '/portal/returns/:id/ship',
      {
        schema: {
          tags: ['portal'],
          summary: "Record the parcel: a carrier from GET /public/carriers and a tracking number in that carrier's format",
          params: IdParams,
          body: PortalShipBody,
          response: { 200: ReturnView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:ship');
        return shipReturnByCarrier(ctx, { returnId: request.params.id, scope: scopeOf(p), actor: actorOf(p), ...request.body });
      },
    );
  };
}
