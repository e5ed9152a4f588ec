/** Request and response schemas of the notices API (templates, settings, robots, the delivery log, the inbox). */
import { z } from 'zod';
import { noticeAudiences, noticeChannels, noticeLocales } from './notice-catalog.ts';

export const NoticeLocale = z.enum(noticeLocales);
export const NoticeAudience = z.enum(noticeAudiences);
export const NoticeChannel = z.enum(noticeChannels);

export const TemplateView = z.object({
  audience: NoticeAudience,
  event: z.string(),
  locale: NoticeLocale,
  subject: z.string(),
  short: z.string().describe('SMS, WeChat and group-chat text'),
  body: z.string().describe('Email body'),
  essential: z.boolean().describe('Sent even to customers who opted out of non-essential messages'),
  customized: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateKey = z.object({ audience: NoticeAudience.default('customer'), event: z.string().min(1).max(60), locale: NoticeLocale });

export const TemplateText = z.object({
  subject: z.string().trim().min(1).max(200),
  short: z.string().trim().min(1).max(500),
  body: z.string().trim().min(1).max(5000),
  essential: z.boolean(),
});

export const TemplatePutBody = TemplateKey.extend(TemplateText.shape);
export type TemplatePutBody = z.infer<typeof TemplatePutBody>;

export const TemplatePreviewBody = TemplateKey.extend({
  /** An unsaved draft to render; the stored template when left out. */
  draft: TemplateText.partial().optional(),
});
export type TemplatePreviewBody = z.infer<typeof TemplatePreviewBody>;

export const TemplatePreviewView = z.object({
  subject: z.string(),
  short: z.string(),
  body: z.string(),
  html: z.string(),
  variables: z.record(z.string(), z.string()),
});
export type TemplatePreviewView = z.infer<typeof TemplatePreviewView>;

export const RobotBody = z.object({
  name: z.string().trim().min(1).max(60),
  kind: z.enum(['wecom', 'dingtalk']),
  webhookUrl: z.url({ protocol: /^https?$/ }).max(1000),
  secret: z.string().max(200).nullish(),
  events: z
    .array(z.string().regex(/^([a-z_]+\.[a-z_]+|\*)$/))
    .min(1)
    .max(50),
  locale: NoticeLocale.default('zh-CN'),
  digestSeconds: z.number().int().min(0).max(3600).default(60),
  active: z.boolean().default(true),
});
export type RobotBody = z.infer<typeof RobotBody>;

export const RobotView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['wecom', 'dingtalk']),
  webhookUrl: z.string().describe('Shown without its key or token'),
  hasSecret: z.boolean(),
  events: z.array(z.string()),
  locale: NoticeLocale,
  digestSeconds: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type RobotView = z.infer<typeof RobotView>;

export const NoticeView = z.object({
  id: z.string(),
  eventType: z.string(),
  returnId: z.string().nullable(),
  returnNumber: z.string().nullable(),
  customerId: z.string().nullable(),
  audience: z.string(),
  channel: z.string(),
  recipient: z.string(),
  locale: z.string(),
  subject: z.string(),
  short: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  essential: z.boolean(),
  status: z.enum(['pending', 'sent', 'failed']).or(z.string()),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  resendCount: z.number().int(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NoticeView = z.infer<typeof NoticeView>;

export const AttemptView = z.object({
  id: z.string(),
  attemptNo: z.number().int(),
  batchId: z.string(),
  provider: z.string(),
  outcome: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AttemptView = z.infer<typeof AttemptView>;

export const NoticeDetailView = NoticeView.extend({ attemptLog: z.array(AttemptView) });
export type NoticeDetailView = z.infer<typeof NoticeDetailView>;

export const InboxItemView = z.object({
  id: z.string(),
  eventType: z.string(),
  returnId: z.string().nullable(),
  returnNumber: z.string().nullable(),
  role: z.string(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type InboxItemView = z.infer<typeof InboxItemView>;

export const PreferencesView = z.object({
  wechatOpenid: z.string().nullable(),
  optedOut: z.boolean().describe('Only essential notices (receipt, decisions, money) are sent'),
  locale: NoticeLocale.nullable(),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export const PreferencesBody = z.object({
  wechatOpenid: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{6,64}$/, 'a WeChat openid')
    .nullish(),
  optedOut: z.boolean().optional(),
  locale: NoticeLocale.nullish(),
});
export type PreferencesBody = z.infer<typeof PreferencesBody>;
