/** What the import and export routes share: the reader's language and file responses. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type NoticeLocale, toNoticeLocale } from '../modules/notifications/notice-catalog.ts';

/** The language of a report: ?lang=, else the signed-in user's, else the browser's, else zh-CN. */
export function readerLocale(request: FastifyRequest, lang?: string): NoticeLocale {
  if (lang) return toNoticeLocale(lang);
  const p = request.principal;
  if (p.kind === 'user' && !p.apiKeyId) return toNoticeLocale(p.user.locale);
  return toNoticeLocale(String(request.headers['accept-language'] ?? '').split(',')[0]);
}

/** Sends a file as a download (RFC 6266 filename* so Chinese names survive). */
export function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; bytes: Buffer }) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.bytes);
}

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
