/** Email over SMTP (nodemailer; SMTP_URL): the rendered subject, a text part and an HTML part. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailSettings } from '../notification-settings.schema.ts';
import { textToHtml } from '../render-template.ts';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel.ts';

// One pooled transport per SMTP URL, shared by the worker's sends.
const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** The text of an email: the body, and for non-essential notices how to stop them. */
export function emailText(message: Pick<OutgoingMessage, 'body' | 'data' | 'locale'>): string {
  const unsubscribe = typeof message.data.unsubscribeUrl === 'string' ? message.data.unsubscribeUrl : null;
  if (!unsubscribe) return message.body;
  const footer = message.locale === 'en' ? `Do not want these updates? Unsubscribe: ${unsubscribe}` : `不想再收到此类通知？退订：${unsubscribe}`;
  return `${message.body}\n\n--\n${footer}`;
}

/** An adapter that sends through the configured SMTP server. */
export function smtpEmailAdapter(settings: EmailSettings): ChannelAdapter {
  return {
    provider: 'smtp',
    async send(message): Promise<SendResult> {
      const text = emailText(message);
      try {
        const info = await transportFor(settings.smtpUrl).sendMail({
          from: settings.from || 'ReturnFlow <no-reply@returnflow.local>',
          to: message.recipient,
          subject: message.subject,
          text,
          html: textToHtml(text),
          headers: { 'X-ReturnFlow-Notice': message.noticeIds.join(',') },
        });
        return { ok: true, providerMessageId: info.messageId ?? null, statusCode: null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode ?? null;
        const reason = error instanceof Error ? error.message.slice(0, 300) : String(error);
        // 5xx replies are final (no such mailbox, rejected); 4xx and network errors pass.
        return { ok: false, permanent: code !== null && code >= 500, error: reason, statusCode: code };
      }
    },
  };
}
