/** Excel workbooks over HTTP: .xlsx request bodies for imports, .xlsx responses for exports. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { maxImportBytes, xlsxContentType } from '../modules/inventory/excel.ts';

/** Lets the routes of a plugin take a raw .xlsx body (also sent as application/octet-stream). */
export function acceptXlsxBodies(app: FastifyInstance): void {
  for (const type of [xlsxContentType, 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) => done(null, body));
  }
}

/** The largest .xlsx body a route takes (set as the route's bodyLimit). */
export const xlsxBodyLimit = maxImportBytes;

/** The schema parts of an import route: the body is the workbook itself. */
export const xlsxUpload = {
  body: z.unknown().describe(`The .xlsx workbook as the raw request body (Content-Type: ${xlsxContentType}), at most 10 MB`),
  consumes: [xlsxContentType],
};

/** The request body as bytes; an import sent as JSON or form data reads as empty and is refused by the reader. */
export function bodyBytes(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** The response schema of an export. */
export const xlsxResponse = z.unknown().describe(xlsxContentType);

/** Sends a workbook as a download named in ASCII and in full (RFC 6266). */
export function sendXlsx(reply: FastifyReply, bytes: Buffer, asciiName: string, fullName = asciiName): FastifyReply {
  return reply
    .header('content-type', xlsxContentType)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fullName)}`)
    .send(bytes);
}
