/**
 * Sends claimed notices through their channel and records each attempt: retried with
 * exponential backoff (30 s doubling to an hour, at most 10 attempts) unless the vendor's
 * answer is final.
 */
import type { Db } from '../../db/connect.ts';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channels/channel.ts';
import { robotAdapter } from './channels/group-robots.ts';
import { smsAdapter } from './channels/sms.ts';
import { smtpEmailAdapter } from './channels/smtp-email.ts';
import { type WechatToken, wechatMpAdapter } from './channels/wechat-mp.ts';
import { digestSubject } from './fan-out-notices.ts';
import { finishBatch, type NoticeBatch } from './notices.repository.ts';
import type { NotificationSettings } from './notification-settings.schema.ts';
import { findRobot } from './robots.repository.ts';
import { readValue, saveValue } from './settings.repository.ts';

export const noticeFirstRetryMs = 30_000;
export const noticeMaxRetryMs = 60 * 60 * 1000;
export const noticeMaxAttempts = 10;

/** Delay before the next attempt after `failed` failed attempts. */
export function noticeRetryDelayMs(failed: number): number {
  return Math.min(noticeMaxRetryMs, noticeFirstRetryMs * 2 ** Math.max(0, failed - 1));
}

export type DeliveryRuntime = { db: Db; now: () => Date; settings: NotificationSettings };

const wechatTokenKey = 'wechat_mp_token';

/** The adapter of a channel with the current settings, or a reason why there is none. */
export async function adapterFor(rt: DeliveryRuntime, batch: Pick<NoticeBatch, 'channel' | 'recipient'>): Promise<ChannelAdapter | string> {
  const s = rt.settings;
  switch (batch.channel) {
    case 'sms':
      return s.sms.provider === 'none' ? 'SMS is not configured' : smsAdapter(s.sms, rt.now);
    case 'email':
      return s.email.smtpUrl ? smtpEmailAdapter(s.email) : 'Email (SMTP_URL) is not configured';
    case 'wechat_mp':
      if (!s.wechat_mp.appId || !s.wechat_mp.appSecret) return 'WeChat is not configured';
      return wechatMpAdapter(
        s.wechat_mp,
        {
          read: () => readValue<WechatToken>(rt.db, wechatTokenKey),
          write: (token) => saveValue(rt.db, wechatTokenKey, token, null, rt.now()),
        },
        rt.now,
      );
    case 'wecom_robot':
    case 'dingtalk_robot': {
      const robot = await findRobot(rt.db, batch.recipient);
      return robot ? robotAdapter(robot, rt.now) : 'The robot was removed';
    }
    case 'in_app':
      return 'In-app notices are not sent';
  }
}

/** The message a batch makes: one notice, or a robot's digest of several. */
export function messageOf(batch: NoticeBatch): OutgoingMessage {
  const first = batch.notices[0];
  if (!first) throw new Error('empty notice batch');
  const robot = batch.channel === 'wecom_robot' || batch.channel === 'dingtalk_robot';
  return {
    noticeIds: batch.notices.map((n) => n.id),
    recipient: batch.recipient,
    eventType: batch.eventType,
    locale: first.locale,
    subject: robot ? digestSubject(first.data, first.subject, batch.notices.length) : first.subject,
    short: first.short,
    body: first.body,
    link: first.link,
    data: robot ? { ...first.data, lines: batch.notices.map((n) => n.short) } : first.data,
  };
}

/** Sends one batch and records the outcome. */
export async function deliverBatch(rt: DeliveryRuntime, batch: NoticeBatch): Promise<SendResult> {
  const adapter = await adapterFor(rt, batch);
  const result: SendResult =
    typeof adapter === 'string'
      ? { ok: false, permanent: batch.channel === 'in_app' || adapter === 'The robot was removed', error: adapter, statusCode: null }
      : await adapter.send(messageOf(batch)).catch((error: unknown) => ({
          ok: false as const,
          permanent: false,
          error: error instanceof Error ? error.message.slice(0, 300) : String(error),
          statusCode: null,
        }));
  const now = rt.now();
  const failedSoFar = Math.max(...batch.notices.map((n) => n.attemptNo));
  const retryAt = !result.ok && !result.permanent && failedSoFar < noticeMaxAttempts ? new Date(now.getTime() + noticeRetryDelayMs(failedSoFar)) : null;
  await finishBatch(
    rt.db,
    batch,
    {
      ok: result.ok,
      provider: typeof adapter === 'string' ? batch.channel : adapter.provider,
      statusCode: result.statusCode,
      error: result.ok ? null : result.error,
      providerMessageId: result.ok ? result.providerMessageId : null,
      retryAt,
    },
    now,
  );
  return result;
}
