/** What the portal's API tests share: a customer's portal client, a captured SMS box, photo files, multipart bodies. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { memoryStorage } from '../../src/modules/photos/storage.ts';
import { providePortalServices } from '../../src/modules/portal/portal-services.ts';
import type { SmsMessage, SmsProvider } from '../../src/modules/portal/sms-provider.ts';
import { encodePng } from '../../src/modules/slips/png.ts';
import { type Client, client, type TestApp } from './test-app.ts';

/** An SMS provider that keeps what it was asked to send (the tests' phone). */
export function capturingSms(): SmsProvider & { sent: SmsMessage[]; lastCodeFor(phone: string): string | undefined } {
  const sent: SmsMessage[] = [];
  return {
    name: 'capture',
    enabled: true,
    sent,
    async send(message) {
      sent.push(message);
    },
    lastCodeFor(phone) {
      return sent.filter((m) => m.phone === phone).at(-1)?.code;
    },
  };
}

/** Gives a test app an in-memory photo store and a captured SMS box. */
export function usePortalTestServices(t: TestApp) {
  const sms = capturingSms();
  const storage = memoryStorage();
  providePortalServices(t.ctx, { sms, storage });
  return { sms, storage };
}

let address = 0;
/** A fresh client address, so each test has its own rate-limit counts. */
export const freshAddress = () => {
  address += 1;
  return `10.4.${Math.floor(address / 250)}.${(address % 250) + 1}`;
};

/** Opens a portal session with an order number and contact; returns a client with its token. */
export async function portalClient(app: FastifyInstance, orderNumber: string, contact: string): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/portal/sessions', payload: { orderNumber, contact }, remoteAddress: freshAddress() });
  if (response.statusCode !== 201) throw new Error(`portal session: ${response.statusCode} ${response.body}`);
  return client(app, response.json().token);
}

/** Small files whose first bytes say what they are. */
export const photoFiles = {
  png: () => encodePng(2, 2, new Uint8Array(12).fill(200)),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(64), Buffer.from([0xff, 0xd9])]),
  webp: () => Buffer.concat([Buffer.from('RIFF'), Buffer.from([60, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(52)]),
  heic: () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), randomBytes(64)]),
  script: () => Buffer.from('<script>alert(document.cookie)</script>'.padEnd(80, ' ')),
};

/** A multipart/form-data body with one file. */
export function multipartFile(data: Buffer, o: { field?: string; filename?: string; contentType?: string } = {}) {
  const boundary = `----rf${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${o.field ?? 'file'}"; filename="${o.filename ?? 'photo.jpg'}"\r\nContent-Type: ${o.contentType ?? 'image/jpeg'}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a photo as the holder of a token; answers status and body. */
export async function uploadPhoto(app: FastifyInstance, token: string, data: Buffer, o: { filename?: string; contentType?: string; query?: string } = {}) {
  const body = multipartFile(data, o);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/photos${o.query ?? ''}`,
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });
  return { status: response.statusCode, body: response.json() };
}

/** The bearer token of a client (for raw injects). */
export async function tokenOf(app: FastifyInstance, orderNumber: string, contact: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/portal/sessions', payload: { orderNumber, contact }, remoteAddress: freshAddress() });
  if (response.statusCode !== 201) throw new Error(`portal session: ${response.statusCode} ${response.body}`);
  return response.json().token;
}
