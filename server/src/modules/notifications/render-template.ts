/**
 * Safe interpolation: `{{name}}` placeholders of a fixed list of variables, replaced in
 * one pass (a value is never read as a template), with control characters stripped.
 * Nothing else in a template is evaluated.
 */
import type { TemplateText } from './default-templates.ts';
import type { NoticeVariables } from './notice-catalog.ts';

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(placeholder)].map((m) => m[1] as string);
}

/** Placeholders of a text that are not allowed variables. */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  return [...new Set(placeholdersOf(text).filter((name) => !allowed.includes(name)))];
}

/** Whether a text has a control character to clean (Unicode category Cc: U+0000–U+001F, U+007F–U+009F; newlines and tabs kept in multiline texts). */
function hasControl(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (multiline && (c === 0x0a || c === 0x09)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

function clean(value: string, multiline: boolean): string {
  // Control characters other than newlines and tabs could break SMS gateways and mail headers.
  // Most texts have none (a scan is far cheaper than the Unicode-aware replace).
  if (!hasControl(value, multiline)) return value;
  return multiline ? value.replace(/(?![\n\t])\p{Cc}/gu, '') : value.replace(/\p{Cc}/gu, ' ');
}

/** Replaces each placeholder by its variable ('' when missing). */
export function interpolate(text: string, variables: NoticeVariables, multiline = true): string {
  const values = variables as Record<string, string | undefined>;
  return clean(
    text.replace(placeholder, (_match, name: string) => clean(values[name] ?? '', multiline)),
    multiline,
  ).trim();
}

export type RenderedNotice = { subject: string; short: string; body: string };

/**
 * Renders a template. Every customer notice carries the progress link: when the admin's
 * text left `{{link}}` out, the link is added at the end.
 */
export function renderTemplate(template: Pick<TemplateText, 'subject' | 'short' | 'body'>, variables: NoticeVariables): RenderedNotice {
  const subject = interpolate(template.subject, variables, false);
  let short = interpolate(template.short, variables, false);
  let body = interpolate(template.body, variables, true);
  const link = variables.link;
  if (link) {
    if (!short.includes(link)) short = `${short} ${link}`;
    if (!body.includes(link)) body = `${body}\n\n${link}`;
  }
  return { subject, short, body };
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML of a plain-text body: escaped, links made clickable, line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
  const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `<div style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6">${linked.replace(/\n/g, '<br>')}</div>`;
}
