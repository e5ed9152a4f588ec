/** Which events notices and webhooks speak of (the server's catalogue; labels in integrations.json `events`). */
import { customerNoticeEvents, staffNoticeEvents } from '@server/modules/notifications/notice-catalog.ts';

export { customerNoticeEvents, staffNoticeEvents };

/** Every event a notice may be about. */
export const noticeEvents: string[] = [...new Set<string>([...customerNoticeEvents, ...staffNoticeEvents])];

/** Events a webhook may subscribe to (the outbox's types, as `../shared/api-v1.md` lists them, and the rest). */
export const webhookEvents = [
  'return.created',
  'return.approved',
  'return.rejected',
  'return.shipped',
  'return.received',
  'return.inspected',
  'return.refunded',
  'return.resolved',
  'return.closed',
  'return.cancelled',
  'return.replacement_shipped',
  'refund.pending_approval',
  'refund.paid',
  'order.created',
  'policy.published',
  'process.published',
  'return.escalated',
  'return.photos_requested',
  'automation.notify',
] as const;
