/**
 * WeChat Official Account template messages (模板消息): an access token from
 * /cgi-bin/token, kept in the database so every server shares it, and
 * /cgi-bin/message/template/send with the template's data fields and the progress link.
 */
import type { WechatMpSettings } from '../notification-settings.schema.ts';
import { type ChannelAdapter, httpRequest, type SendResult, unreachable } from './channel.ts';

export type WechatToken = { appId: string; token: string; expiresAt: string };

export type WechatTokenStore = { read(): Promise<WechatToken | undefined>; write(token: WechatToken): Promise<void> };

const tokenErrors = [40001, 40014, 42001];

function apiUrl(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}${path}`;
}

async function fetchToken(s: WechatMpSettings, store: WechatTokenStore, now: Date): Promise<string> {
  const url = new URL(apiUrl(s.apiBase, '/cgi-bin/token'));
  url.search = new URLSearchParams({ grant_type: 'client_credential', appid: s.appId, secret: s.appSecret }).toString();
  const answer = await httpRequest(url.toString(), { method: 'GET' });
  const json = (answer.json ?? {}) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
  if (!json.access_token) throw new Error(`WeChat token: ${json.errcode ?? answer.status} ${json.errmsg ?? ''}`.trim());
  // Renew five minutes early.
  const expiresAt = new Date(now.getTime() + Math.max(60, (json.expires_in ?? 7200) - 300) * 1000).toISOString();
  await store.write({ appId: s.appId, token: json.access_token, expiresAt });
  return json.access_token;
}

async function tokenFor(s: WechatMpSettings, store: WechatTokenStore, now: Date, refresh: boolean): Promise<string> {
  const stored = refresh ? undefined : await store.read();
  if (stored && stored.appId === s.appId && Date.parse(stored.expiresAt) > now.getTime()) return stored.token;
  return fetchToken(s, store, now);
}

/** WeChat limits each field's value; long text is cut. */
function fieldValue(value: string): string {
  return value.length > 200 ? `${value.slice(0, 199)}…` : value;
}

/** An adapter for template messages to a customer's openid. */
export function wechatMpAdapter(s: WechatMpSettings, store: WechatTokenStore, now: () => Date): ChannelAdapter {
  return {
    provider: 'wechat_mp',
    async send(message): Promise<SendResult> {
      const templateId = s.templateIds[message.eventType];
      if (!templateId) return { ok: false, permanent: true, error: `No WeChat template id for ${message.eventType}`, statusCode: null };
      const variables = (message.data.variables ?? {}) as Record<string, string>;
      const values: Record<string, string> = { ...variables, subject: message.subject, short: message.short };
      const data = Object.fromEntries(Object.entries(s.fields).map(([key, variable]) => [key, { value: fieldValue(values[variable] ?? '') }]));
      const body = JSON.stringify({ touser: message.recipient, template_id: templateId, url: message.link ?? undefined, data });
      try {
        for (let attempt = 0; attempt < 2; attempt++) {
          const token = await tokenFor(s, store, now(), attempt > 0);
          const url = `${apiUrl(s.apiBase, '/cgi-bin/message/template/send')}?access_token=${encodeURIComponent(token)}`;
          const answer = await httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const json = (answer.json ?? {}) as { errcode?: number; errmsg?: string; msgid?: number | string };
          if (json.errcode === 0) return { ok: true, providerMessageId: json.msgid === undefined ? null : String(json.msgid), statusCode: answer.status };
          if (attempt === 0 && json.errcode !== undefined && tokenErrors.includes(json.errcode)) continue;
          // 43004: the customer unfollowed; 40003: not an openid of this account.
          const permanent = json.errcode === 43004 || json.errcode === 40003 || json.errcode === 40037;
          return {
            ok: false,
            permanent,
            error: `WeChat ${json.errcode ?? answer.status}: ${json.errmsg ?? answer.text.slice(0, 200)}`,
            statusCode: answer.status,
          };
        }
        return { ok: false, permanent: false, error: 'WeChat access token rejected twice', statusCode: null };
      } catch (error) {
        return unreachable(error);
      }
    },
  };
}
