/**
 * The customer self-service portal's API (issue 4), registered as one plugin: SMS and
 * link sign-in, filing with photos, the customer's view of a return and its progress
 * link, return slips, carriers, and feedback. Multipart parsing is enabled only here.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { defaultPortalServices, portalServicesOf } from '../modules/portal/portal-services.ts';
import { portalExchangeOptionRoutes } from './portal-exchange-options.ts';
import { portalReturnRoutes } from './portal-returns.ts';
import { portalSignInRoutes } from './portal-sign-in.ts';
import { returnFeedbackRoutes } from './return-feedback.ts';
import { maxPhotoBytes, returnPhotoRoutes } from './return-photos.ts';
import { returnSlipRoutes } from './return-slips.ts';

export function portalSelfServiceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const services = () => portalServicesOf(ctx, () => defaultPortalServices({ demo: ctx.config.demo, log: app.log }));
    await app.register(fastifyMultipart, { limits: { fileSize: maxPhotoBytes, files: 1, fields: 10, parts: 11 } });
    await app.register(portalSignInRoutes(ctx, services));
    await app.register(portalReturnRoutes(ctx, services));
    await app.register(portalExchangeOptionRoutes(ctx));
    await app.register(returnPhotoRoutes(ctx, services));
    await app.register(returnSlipRoutes(ctx));
    await app.register(returnFeedbackRoutes(ctx));
  };
}
