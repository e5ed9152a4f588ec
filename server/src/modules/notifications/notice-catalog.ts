/**
 * What notices exist: the events customers and staff hear of, the channels, the
 * languages, and the variables each template may use.
 */

import { perPeriod } from '../../lib/local-date.ts';

export const noticeLocales = ['zh-CN', 'en'] as const;
export type NoticeLocale = (typeof noticeLocales)[number];

export const noticeAudiences = ['customer', 'staff'] as const;
export type NoticeAudience = (typeof noticeAudiences)[number];

export const noticeChannels = ['sms', 'email', 'wechat_mp', 'in_app', 'wecom_robot', 'dingtalk_robot'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** Events a customer is told of, each a step of their return. */
export const customerNoticeEvents = [
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
  'return.ship_reminder',
  // From the process automations (workflows/steps/run-automations.ts).
  'return.photos_requested',
  'automation.notify',
] as const;

/** Events staff hear of, in the console (per role) and in group chats (robots). */
export const staffNoticeEvents = [
  'return.created',
  'return.approved',
  'return.rejected',
  'return.shipped',
  'return.arriving',
  'return.received',
  'return.inspected',
  'return.refunded',
  'return.resolved',
  'return.closed',
  'return.cancelled',
  'return.replacement_shipped',
  'refund.pending_approval',
  'webhook.disabled',
  // From the process automations (workflows/steps/run-automations.ts).
  'return.escalated',
  'automation.notify',
] as const;

/** Variables a customer template may use. */
export const customerVariables = [
  'shopName',
  'customerName',
  'returnNumber',
  'orderNumber',
  'statusText',
  'itemSummary',
  'nextStep',
  'refundAmount',
  'refundableAmount',
  'carrier',
  'trackingNumber',
  'rejectReason',
  'cancelReason',
  'deadline',
  'daysWaiting',
  'message',
  'date',
  'link',
] as const;

/** Variables a staff template may use; `count` is the number of returns in a digest. */
export const staffVariables = [
  'shopName',
  'count',
  'customerName',
  'returnNumber',
  'orderNumber',
  'statusText',
  'itemSummary',
  'refundAmount',
  'carrier',
  'trackingNumber',
  'reason',
  'message',
  'roleName',
  'url',
  'date',
  'link',
] as const;

export type NoticeVariables = Partial<Record<(typeof customerVariables)[number] | (typeof staffVariables)[number], string>>;

/** The variables an audience's templates may use. */
export function variablesOf(audience: NoticeAudience): readonly string[] {
  return audience === 'customer' ? customerVariables : staffVariables;
}

/** The events an audience hears of. */
export function eventsOf(audience: NoticeAudience): readonly string[] {
  return audience === 'customer' ? customerNoticeEvents : staffNoticeEvents;
}

const statusTexts: Record<string, Record<NoticeLocale, string>> = {
  requested: { 'zh-CN': '待审核', en: 'awaiting review' },
  approved: { 'zh-CN': '已通过', en: 'approved' },
  in_transit: { 'zh-CN': '退回途中', en: 'on its way back' },
  received: { 'zh-CN': '仓库已收货', en: 'received' },
  inspected: { 'zh-CN': '已检验', en: 'inspected' },
  resolved: { 'zh-CN': '已完成', en: 'completed' },
  closed: { 'zh-CN': '已关闭', en: 'closed' },
  rejected: { 'zh-CN': '未通过', en: 'not approved' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
};

/** A return status in words a customer reads. */
export function statusText(status: string, locale: NoticeLocale): string {
  return statusTexts[status]?.[locale] ?? status;
}

/** A notice language from whatever a customer or user has stored. */
export function toNoticeLocale(value: string | null | undefined): NoticeLocale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Money in fen as a customer reads it: ¥12.30. */
export function formatMoney(fen: number, currency: string, locale: NoticeLocale): string {
  const amount = (fen / 100).toFixed(2);
  if (currency === 'CNY') return `¥${amount}`;
  return locale === 'en' ? `${currency} ${amount}` : `${amount} ${currency}`;
}

// Building an Intl.DateTimeFormat is costly (it showed in the benchmark's profile): one per zone.
const minuteFormatters = new Map<string, Intl.DateTimeFormat>();
function minuteFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = minuteFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    minuteFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A date-time in the shop's time zone (Asia/Shanghai by default), to the minute. */
export function formatDateTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  return minuteText(new Date(iso), timeZone);
}

function formatMinute(instant: Date, timeZone: string): string {
  const parts = minuteFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const minuteText = perPeriod(60_000, formatMinute);
