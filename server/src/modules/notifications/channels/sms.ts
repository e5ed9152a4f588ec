/** SMS through the configured vendor, with the event's approved template code and its variables. */
import type { SmsSettings } from '../notification-settings.schema.ts';
import { sendAliyunSms } from './aliyun-sms.ts';
import type { ChannelAdapter, SendResult } from './channel.ts';
import { sendTencentSms } from './tencent-sms.ts';

/** The vendor template code of an event, or '' when there is none. */
export function smsTemplateCode(s: SmsSettings, eventType: string): string {
  return s.templateCodes[eventType] ?? s.defaultTemplateCode;
}

/** Whether SMS can carry an event: a vendor with credentials, a sign name and a template code. */
export function smsReady(s: SmsSettings, eventType: string): boolean {
  if (!s.signName || !smsTemplateCode(s, eventType)) return false;
  if (s.provider === 'aliyun') return Boolean(s.aliyun.accessKeyId && s.aliyun.accessKeySecret);
  if (s.provider === 'tencent') return Boolean(s.tencent.secretId && s.tencent.secretKey && s.tencent.sdkAppId);
  return false;
}

/** An adapter over the configured SMS vendor. */
export function smsAdapter(s: SmsSettings, now: () => Date): ChannelAdapter {
  return {
    provider: `${s.provider}_sms`,
    async send(message): Promise<SendResult> {
      const templateCode = smsTemplateCode(s, message.eventType);
      if (!templateCode) return { ok: false, permanent: true, error: `No SMS template code for ${message.eventType}`, statusCode: null };
      const variables = (message.data.variables ?? {}) as Record<string, string>;
      const params = Object.fromEntries(s.templateParams.map((name) => [name, variables[name] ?? '']));
      const request = { phone: message.recipient, signName: s.signName, templateCode, params, outId: message.noticeIds[0] ?? '' };
      if (s.provider === 'aliyun') return sendAliyunSms(s.aliyun, request, now());
      if (s.provider === 'tencent') return sendTencentSms(s.tencent, { ...request, paramOrder: s.templateParams }, now());
      return { ok: false, permanent: true, error: 'SMS is not configured', statusCode: null };
    },
  };
}
