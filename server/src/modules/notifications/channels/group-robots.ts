/**
 * Group-chat robots: WeChat Work (企业微信) `{msgtype:"markdown"}` to the robot's webhook
 * URL, and DingTalk (钉钉) the same shape, signed when the robot has a secret (加签):
 * timestamp in ms and sign = Base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")).
 */
import { createHmac } from 'node:crypto';
import type { Robot } from '../robots.repository.ts';
import { type ChannelAdapter, httpRequest, type SendResult, unreachable } from './channel.ts';

/** The URL of a signed DingTalk robot call. */
export function signDingtalkUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', sign);
  return url.toString();
}

function markdown(subject: string, lines: readonly string[], link: string | null): string {
  const items = lines.map((line) => `> ${line}`).join('\n');
  return `**${subject}**\n${items}${link ? `\n[${link}](${link})` : ''}`;
}

async function post(url: string, body: unknown): Promise<SendResult> {
  try {
    const answer = await httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (answer.json ?? {}) as { errcode?: number; errmsg?: string };
    if (answer.status === 200 && json.errcode === 0) return { ok: true, providerMessageId: null, statusCode: answer.status };
    // 310000: DingTalk's signature/keyword/IP check failed; 93000/300001: bad robot key.
    const permanent = json.errcode === 310000 || json.errcode === 93000 || json.errcode === 300001;
    return { ok: false, permanent, error: `robot ${json.errcode ?? answer.status}: ${json.errmsg ?? answer.text.slice(0, 200)}`, statusCode: answer.status };
  } catch (error) {
    return unreachable(error);
  }
}

/** An adapter for one robot; the message's `data.lines` are the digest's lines. */
export function robotAdapter(robot: Robot, now: () => Date): ChannelAdapter {
  return {
    provider: robot.kind === 'wecom' ? 'wecom_robot' : 'dingtalk_robot',
    async send(message) {
      const lines = Array.isArray(message.data.lines) ? (message.data.lines as string[]) : [message.short];
      const link = typeof message.data.digestLink === 'string' ? message.data.digestLink : null;
      if (robot.kind === 'wecom') {
        // WeChat Work caps markdown at 4096 bytes.
        const content = markdown(message.subject, lines, link);
        return post(robot.webhookUrl, { msgtype: 'markdown', markdown: { content: Buffer.from(content).subarray(0, 4000).toString() } });
      }
      const url = robot.secret ? signDingtalkUrl(robot.webhookUrl, robot.secret, now().getTime()) : robot.webhookUrl;
      const text = `### ${message.subject}\n\n${lines.map((l) => `- ${l}`).join('\n')}${link ? `\n\n[${link}](${link})` : ''}`;
      return post(url, { msgtype: 'markdown', markdown: { title: message.subject, text } });
    },
  };
}
