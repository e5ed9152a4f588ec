/** Return slips (PDF with the embedded CJK font and QR code, PNG for WeChat) and customers' feedback on finished returns. */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildStaff } from './support/factories.ts';
import { pdfText } from './support/pdf-text.ts';
import { tokenOf, usePortalTestServices } from './support/portal-fixtures.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

/** Width, height and the decompressed pixel rows of a PNG. */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

describe.each(testDatabases)('return slips and feedback on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<'service' | 'warehouse' | 'finance', Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    usePortalTestServices(t);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service', 'warehouse', 'finance'])) as typeof staff;
  });
  afterAll(() => t.close());

  async function fileReturn(type = 'return') {
    const scenario = await buildOrderScenario(admin, { quantity: 1, price: 12900 });
    const token = await tokenOf(t.app, scenario.order.number, scenario.customer.phone);
    const portal = client(t.app, token);
    const filed = await portal.post('/api/v1/portal/returns', {
      orderId: scenario.order.id,
      type,
      resolution: 'refund',
      lines: [{ orderLineId: scenario.order.lines[0]?.id, quantity: 1, reasonCode: type === 'refund_only' ? 'wrong_item' : 'no_reason' }],
    });
    expect(filed.status).toBe(201);
    return { ...scenario, token, portal, ret: filed.body.return, progress: filed.body.progress };
  }

  const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  describe('slips', () => {
    it('gives a PDF in Chinese with the return number, set in the embedded font', async () => {
      const { ret, token, order } = await fileReturn();
      const response = await get(`/api/v1/returns/${ret.id}/slip.pdf`, token);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(`return-slip-${ret.number}.pdf`);
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/FontFile3/);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
      const text = pdfText(pdf);
      expect(text).toContain(ret.number);
      expect(text).toContain(order.number);
      expect(text).toContain('退货单');
      expect(text).toContain('寄回地址');
      expect(text).toContain('上海市青浦区');
      expect(text).toContain('七天无理由');
    });

    it('gives a PNG image of the slip for phones', async () => {
      const { ret, token } = await fileReturn();
      const response = await get(`/api/v1/returns/${ret.id}/slip.png`, token);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      const png = readPng(response.rawPayload);
      expect(png.width).toBe(750);
      expect(png.height).toBeGreaterThan(900);
      // Not a blank page: a good share of the pixels are ink (the QR code and the text).
      let dark = 0;
      for (let i = 0; i < png.raw.length; i += 97) if ((png.raw[i] ?? 255) < 100) dark++;
      expect(dark).toBeGreaterThan(50);
    });

    it('opens with the progress link token, without a session', async () => {
      const { ret, progress } = await fileReturn();
      const png = await get(progress.slip.pngUrl);
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      const pdf = await get(progress.slip.pdfUrl);
      expect(pdf.statusCode).toBe(200);
      expect(pdfText(pdf.rawPayload)).toContain(ret.number);
      expect((await get(`/api/v1/returns/${ret.id}/slip.pdf`)).statusCode).toBe(401);
    });

    it("is 404 for another customer's return and open to staff", async () => {
      const mine = await fileReturn();
      const theirs = await fileReturn();
      expect((await get(`/api/v1/returns/${theirs.ret.id}/slip.pdf`, mine.token)).statusCode).toBe(404);
      expect((await get(`/api/v1/returns/${theirs.ret.id}/slip.png`, mine.token)).statusCode).toBe(404);
      const login = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
      expect((await get(`/api/v1/returns/${theirs.ret.id}/slip.pdf`, login.body.token)).statusCode).toBe(200);
    });

    it('is not given for a refund-only request, which sends nothing back', async () => {
      const { ret, token } = await fileReturn('refund_only');
      const response = await get(`/api/v1/returns/${ret.id}/slip.pdf`, token);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('invalid_transition');
    });
  });

  describe('feedback', () => {
    async function resolvedReturn() {
      const filed = await fileReturn();
      const lineId = filed.ret.lines[0].id;
      await staff.service.post(`/api/v1/returns/${filed.ret.id}/approve`, {});
      await staff.warehouse.post(`/api/v1/returns/${filed.ret.id}/receive`, { lines: [{ lineId, quantity: 1 }] });
      await staff.warehouse.post(`/api/v1/returns/${filed.ret.id}/inspect`, { lines: [{ lineId, quantity: 1, grade: 'A', disposition: 'restock' }] });
      const refunded = await staff.finance.post(`/api/v1/returns/${filed.ret.id}/refund`, { method: 'original' });
      expect(refunded.body.status).toBe('resolved');
      return filed;
    }

    it('is taken once the return is resolved, once, and shown to the customer and the CRM', async () => {
      const { ret, portal, customer } = await resolvedReturn();
      const rated = await portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 5, comment: '退款很快，点赞！' });
      expect(rated.status).toBe(201);
      expect(rated.body).toMatchObject({ returnId: ret.id, returnNumber: ret.number, customerId: customer.id, rating: 5, comment: '退款很快，点赞！' });
      const again = await portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 1 });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
      const view = await portal.get(`/api/v1/portal/returns/${ret.id}`);
      expect(view.body).toMatchObject({ canRate: false, feedback: { rating: 5, comment: '退款很快，点赞！' } });
      const crm = await staff.service.get(`/api/v1/feedback?customerId=${customer.id}`);
      expect(crm.status).toBe(200);
      expect(crm.body.data).toEqual([expect.objectContaining({ returnNumber: ret.number, rating: 5 })]);
      expect((await staff.service.get(`/api/v1/returns/${ret.id}/feedback`)).body.feedback).toMatchObject({ rating: 5 });
    });

    it('is refused before the return is resolved', async () => {
      const { ret, portal } = await fileReturn();
      const early = await portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 4 });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('invalid_transition');
      expect((await portal.get(`/api/v1/returns/${ret.id}/feedback`)).body.feedback).toBeNull();
    });

    it('is only for the owning customer, with a rating from 1 to 5', async () => {
      const { ret, portal } = await resolvedReturn();
      const other = await fileReturn();
      expect((await other.portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 3 })).status).toBe(404);
      expect((await staff.service.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 3 })).status).toBe(403);
      expect((await portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 6 })).status).toBe(400);
      expect((await portal.post(`/api/v1/returns/${ret.id}/feedback`, { rating: 0 })).status).toBe(400);
      expect((await client(t.app).get('/api/v1/feedback')).status).toBe(401);
      expect((await portal.get('/api/v1/feedback')).status).toBe(403);
    });
  });
});
