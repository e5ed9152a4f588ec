/**
 * Channel settings (SMS vendor, SMTP, WeChat, automation, logistics), group robots, and
 * test sends (admin). Secrets are write-only: shown as ******** and kept when sent back so.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { writeAudit } from '../modules/audit/audit.repository.ts';
import { defaultTemplate } from '../modules/notifications/default-templates.ts';
import { adapterFor, messageOf } from '../modules/notifications/deliver-notices.ts';
import { type NoticeLocale, noticeLocales } from '../modules/notifications/notice-catalog.ts';
import { sampleVariables } from '../modules/notifications/notice-variables.ts';
import type { NoticeBatch } from '../modules/notifications/notices.repository.ts';
import {
  keepMaskedSecrets,
  maskSecrets,
  type NotificationSettings,
  type SettingKey,
  secretMask,
  settingKeys,
  settingSchemas,
} from '../modules/notifications/notification-settings.schema.ts';
import { RobotBody, RobotView } from '../modules/notifications/notifications.schema.ts';
import { renderTemplate } from '../modules/notifications/render-template.ts';
import { deleteRobot, findRobot, insertRobot, listRobots, type Robot, updateRobot } from '../modules/notifications/robots.repository.ts';
import { loadSettings, saveSetting } from '../modules/notifications/settings.repository.ts';
import { errorResponses, IdParams } from './common.ts';

function partialBody(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => [key, (value instanceof z.ZodObject ? value.partial() : (value as z.ZodType)).optional()]),
  );
  return z.object(shape).strict();
}

function masked(settings: NotificationSettings): NotificationSettings {
  return Object.fromEntries(settingKeys.map((key) => [key, maskSecrets(key, settings[key])])) as NotificationSettings;
}

const SettingsView = z.object({
  ...settingSchemas,
  source: z.record(z.string(), z.enum(['database', 'environment'])).describe('Where each setting comes from'),
});

/** A robot's URL without its key or token. */
function maskRobotUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of ['key', 'access_token']) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, secretMask);
    return parsed.toString();
  } catch {
    return secretMask;
  }
}

const presentRobot = (robot: Robot) => {
  const { secret, ...rest } = robot;
  return { ...rest, webhookUrl: maskRobotUrl(robot.webhookUrl), hasSecret: Boolean(secret) };
};

function sampleBatch(channel: NoticeBatch['channel'], recipient: string, locale: NoticeLocale, settings: NotificationSettings, publicUrl: string): NoticeBatch {
  const audience = channel === 'wecom_robot' || channel === 'dingtalk_robot' ? 'staff' : 'customer';
  const template = defaultTemplate(audience, 'return.created', locale);
  if (!template) throw new Error('no sample template');
  const variables = sampleVariables(locale, settings.general.shopName, publicUrl);
  const rendered = renderTemplate(template, variables);
  return {
    batchId: 'test',
    channel,
    recipient,
    eventType: 'return.created',
    notices: [
      {
        id: 'test',
        attemptId: 'test',
        attemptNo: 1,
        eventType: 'return.created',
        returnId: null,
        customerId: null,
        channel,
        recipient,
        locale,
        ...rendered,
        link: variables.link ?? null,
        data: { variables, subjectTemplate: template.subject },
        essential: true,
      },
    ],
  };
}

export function notificationSettingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notification-settings',
      { schema: { tags: ['notifications'], summary: 'Channel, automation and logistics settings (secrets masked)', response: { 200: SettingsView } } },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        const { source, ...settings } = await loadSettings(ctx.db);
        return { ...masked(settings), source };
      },
    );

    for (const key of settingKeys) {
      app.put(
        `/notification-settings/${key}`,
        {
          schema: {
            tags: ['notifications'],
            summary: `Change the ${key} settings (fields left out keep their value; send ******** to keep a secret)`,
            body: partialBody(settingSchemas[key]),
            response: { 200: settingSchemas[key], ...errorResponses },
          },
        },
        async (request) => {
          const p = requireStaff(request, 'notifications:manage');
          const current = await loadSettings(ctx.db);
          const body = request.body as Record<string, unknown>;
          const merged: Record<string, unknown> = { ...(current[key] as Record<string, unknown>) };
          for (const [field, value] of Object.entries(body)) {
            const before = merged[field];
            merged[field] =
              value &&
              typeof value === 'object' &&
              !Array.isArray(value) &&
              before &&
              typeof before === 'object' &&
              field !== 'templateCodes' &&
              field !== 'templateIds' &&
              field !== 'fields'
                ? { ...(before as object), ...(value as object) }
                : value;
          }
          const parsed = settingSchemas[key].safeParse(keepMaskedSecrets(key as SettingKey, merged as never, current[key] as never));
          if (!parsed.success) {
            const details = parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
            throw new AppError('validation_failed', details.map((d) => `${d.path} ${d.message}`).join('; '), details);
          }
          const now = ctx.clock.now();
          await ctx.db.transaction().execute(async (trx) => {
            await saveSetting(trx, key, parsed.data, p.user.id, now);
            // The audit log names what changed, never a secret's value.
            await writeAudit(trx, {
              action: 'settings.update',
              entityType: 'notification_settings',
              entityId: key,
              data: { fields: Object.keys(body) },
              actor: actorOf(p),
              now,
            });
          });
          return maskSecrets(key, parsed.data as never);
        },
      );
    }

    app.post(
      '/notification-settings/test',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Send a sample notice now through a channel, to check its settings',
          body: z.object({
            channel: z.enum(['sms', 'email', 'wechat_mp']),
            to: z.string().trim().min(3).max(254),
            locale: z.enum(noticeLocales).default('zh-CN'),
          }),
          response: { 200: z.object({ ok: z.boolean(), provider: z.string().nullable(), error: z.string().nullable() }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        const settings = await loadSettings(ctx.db);
        const batch = sampleBatch(request.body.channel, request.body.to, request.body.locale, settings, ctx.config.publicUrl);
        const adapter = await adapterFor({ db: ctx.db, now: () => ctx.clock.now(), settings }, batch);
        if (typeof adapter === 'string') return { ok: false, provider: null, error: adapter };
        const result = await adapter.send(messageOf(batch));
        return { ok: result.ok, provider: adapter.provider, error: result.ok ? null : result.error };
      },
    );

    app.get(
      '/notification-robots',
      { schema: { tags: ['notifications'], summary: 'Group-chat robots (WeChat Work, DingTalk)', response: { 200: z.object({ data: z.array(RobotView) }) } } },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        return { data: (await listRobots(ctx.db)).map(presentRobot) };
      },
    );

    app.post(
      '/notification-robots',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Add a group robot that hears events (a warehouse group hears "3 returns arrived")',
          body: RobotBody,
          response: { 201: RobotView, ...errorResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'notifications:manage');
        const robot = await insertRobot(ctx.db, { ...request.body, secret: request.body.secret ?? null }, ctx.clock.now());
        return reply.code(201).send(presentRobot(robot));
      },
    );

    app.patch(
      '/notification-robots/:id',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Change a robot',
          params: IdParams,
          body: RobotBody.partial(),
          response: { 200: RobotView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        const { secret, webhookUrl, ...rest } = request.body;
        // The URL is shown with its key masked: sent back unchanged, it keeps the stored one.
        const patch = {
          ...rest,
          ...(webhookUrl === undefined || webhookUrl.includes(secretMask) ? {} : { webhookUrl }),
          ...(secret === undefined || secret === secretMask ? {} : { secret }),
        };
        const robot = await updateRobot(ctx.db, request.params.id, patch);
        if (!robot) throw notFound('Robot');
        return presentRobot(robot);
      },
    );

    app.delete(
      '/notification-robots/:id',
      { schema: { tags: ['notifications'], summary: 'Remove a robot', params: IdParams, response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        requireStaff(request, 'notifications:manage');
        if (!(await deleteRobot(ctx.db, request.params.id))) throw notFound('Robot');
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/notification-robots/:id/test',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Send a sample message to the robot now',
          params: IdParams,
          response: { 200: z.object({ ok: z.boolean(), error: z.string().nullable() }), ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'notifications:manage');
        const robot = await findRobot(ctx.db, request.params.id);
        if (!robot) throw notFound('Robot');
        const settings = await loadSettings(ctx.db);
        const batch = sampleBatch(robot.kind === 'wecom' ? 'wecom_robot' : 'dingtalk_robot', robot.id, robot.locale, settings, ctx.config.publicUrl);
        const adapter = await adapterFor({ db: ctx.db, now: () => ctx.clock.now(), settings }, batch);
        if (typeof adapter === 'string') return { ok: false, error: adapter };
        const result = await adapter.send(messageOf(batch));
        return { ok: result.ok, error: result.ok ? null : result.error };
      },
    );
  };
}
