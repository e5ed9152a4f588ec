/**
 * The notices API (issue 8), registered as one plugin: templates, channel settings and
 * robots, the delivery log and the staff inbox, customers' preferences.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { notificationLogRoutes } from './notifications-log.ts';
import { notificationPreferenceRoutes } from './notifications-preferences.ts';
import { notificationSettingRoutes } from './notifications-settings.ts';
import { notificationTemplateRoutes } from './notifications-templates.ts';

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(notificationTemplateRoutes(ctx));
    await app.register(notificationSettingRoutes(ctx));
    await app.register(notificationLogRoutes(ctx));
    await app.register(notificationPreferenceRoutes(ctx));
  };
}
