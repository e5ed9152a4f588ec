/** Tells the admins that a webhook was disabled: in the console, by email and to robots that listen. */
import type { Db } from '../../db/connect.ts';
import { staffNotices } from '../notifications/fan-out-notices.ts';
import { formatDateTime } from '../notifications/notice-catalog.ts';
import { staffEmails } from '../notifications/notice-facts.repository.ts';
import { insertNotices } from '../notifications/notices.repository.ts';
import { loadSettings } from '../notifications/settings.repository.ts';

export type WebhookDisabledNotice = { webhookId: string; url: string; reason: string; failingSince: string; now: Date };

/** Writes the notices; call inside the transaction that disables the webhook. */
export async function queueWebhookDisabledNotices(trx: Db, o: WebhookDisabledNotice): Promise<void> {
  const settings = await loadSettings(trx);
  const notices = await staffNotices(
    trx,
    {
      key: `webhook.disabled:${o.webhookId}:${o.now.toISOString()}`,
      type: 'webhook.disabled',
      returnId: null,
      roles: ['admin'],
      emails: await staffEmails(trx, 'admin'),
      variables: () => ({ shopName: settings.general.shopName, url: o.url, reason: o.reason, date: formatDateTime(o.failingSince), link: '' }),
      digestLink: null,
    },
    { now: o.now, publicUrl: '', settings },
  );
  await insertNotices(trx, notices, o.now);
}
