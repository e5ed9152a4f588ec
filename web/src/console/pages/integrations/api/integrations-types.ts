/** Types of the notices, imports and integration endpoints, taken from the server's zod schemas. */
import type { ApiKeyCreatedView as ApiKeyCreatedViewSchema, ApiKeyView as ApiKeyViewSchema } from '@server/modules/api-keys/api-keys.schema.ts';
import type {
  ImportBatchRowView as ImportBatchRowViewSchema,
  ImportBatchView as ImportBatchViewSchema,
  ImportColumnView as ImportColumnViewSchema,
  ImportProblemView as ImportProblemViewSchema,
} from '@server/modules/imports/imports.schema.ts';
import type {
  ArrivingView as ArrivingViewSchema,
  ScheduledJobView as ScheduledJobViewSchema,
  TrackingView as TrackingViewSchema,
} from '@server/modules/logistics/logistics.schema.ts';
import type { NotificationSettings, SettingKey } from '@server/modules/notifications/notification-settings.schema.ts';
import type {
  AttemptView as AttemptViewSchema,
  InboxItemView as InboxItemViewSchema,
  NoticeDetailView as NoticeDetailViewSchema,
  NoticeView as NoticeViewSchema,
  PreferencesBody as PreferencesBodySchema,
  PreferencesView as PreferencesViewSchema,
  RobotBody as RobotBodySchema,
  RobotView as RobotViewSchema,
  TemplatePreviewView as TemplatePreviewViewSchema,
  TemplateView as TemplateViewSchema,
} from '@server/modules/notifications/notifications.schema.ts';
import type { WebhookDeliveryView as WebhookDeliveryViewSchema, WebhookView as WebhookViewSchema } from '@server/modules/webhooks/webhooks.schema.ts';
import type { z } from 'zod';

export type { NotificationSettings, SettingKey };
export type SettingsView = NotificationSettings & { source: Record<string, 'database' | 'environment'> };
export type TemplateView = z.infer<typeof TemplateViewSchema>;
export type TemplatePreviewView = z.infer<typeof TemplatePreviewViewSchema>;
export type TemplateKey = Pick<TemplateView, 'audience' | 'event' | 'locale'>;
export type TemplateText = Pick<TemplateView, 'subject' | 'short' | 'body' | 'essential'>;
export type TemplateList = { data: TemplateView[]; variables: { customer: string[]; staff: string[] } };
export type RobotView = z.infer<typeof RobotViewSchema>;
export type RobotBody = z.input<typeof RobotBodySchema>;
export type NoticeView = z.infer<typeof NoticeViewSchema>;
export type NoticeDetailView = z.infer<typeof NoticeDetailViewSchema>;
export type AttemptView = z.infer<typeof AttemptViewSchema>;
export type InboxItemView = z.infer<typeof InboxItemViewSchema>;
export type PreferencesView = z.infer<typeof PreferencesViewSchema>;
export type PreferencesBody = z.infer<typeof PreferencesBodySchema>;
export type WebhookView = z.infer<typeof WebhookViewSchema>;
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryViewSchema>;
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;
export type ApiKeyCreatedView = z.infer<typeof ApiKeyCreatedViewSchema>;
export type TrackingView = z.infer<typeof TrackingViewSchema>;
export type ArrivingView = z.infer<typeof ArrivingViewSchema>;
export type ScheduledJobView = z.infer<typeof ScheduledJobViewSchema>;
export type ImportBatchView = z.infer<typeof ImportBatchViewSchema>;
export type ImportBatchRowView = z.infer<typeof ImportBatchRowViewSchema>;
export type ImportProblemView = z.infer<typeof ImportProblemViewSchema>;
export type ImportColumnView = z.infer<typeof ImportColumnViewSchema>;
export type ImportKind = ImportBatchRowView['kind'];

/** What the server shows instead of a stored secret; sent back, it keeps the secret. */
export const secretMask = '********';
