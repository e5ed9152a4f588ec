/** Photos from the phone: sniffed by their bytes, size-limited, attached to returns, seen only by their owner and staff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildStaff } from './support/factories.ts';
import { photoFiles, portalClient, tokenOf, uploadPhoto, usePortalTestServices } from './support/portal-fixtures.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('portal photos on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<string, Client>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    usePortalTestServices(t);
    admin = await signIn(t.app, adminEmail, adminPassword);
    staff = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service']);
  });
  afterAll(() => t.close());

  async function customerToken() {
    const scenario = await buildOrderScenario(admin, { quantity: 2 });
    return { ...scenario, token: await tokenOf(t.app, scenario.order.number, scenario.customer.phone) };
  }

  it('accepts JPEG, PNG, WebP and HEIC by their bytes, whatever the file is called', async () => {
    const { token } = await customerToken();
    const cases = [
      { data: photoFiles.jpeg(), type: 'image/jpeg', filename: 'IMG_0001.JPG' },
      { data: photoFiles.png(), type: 'image/png', filename: 'screenshot.jpg' },
      { data: photoFiles.webp(), type: 'image/webp', filename: 'photo' },
      { data: photoFiles.heic(), type: 'image/heic', filename: 'IMG_0002.HEIC' },
    ];
    for (const c of cases) {
      const uploaded = await uploadPhoto(t.app, token, c.data, { filename: c.filename, contentType: 'application/octet-stream' });
      expect(uploaded.status, c.filename).toBe(201);
      expect(uploaded.body).toMatchObject({ contentType: c.type, sizeBytes: c.data.length, returnId: null, url: `/api/v1/photos/${uploaded.body.id}` });
    }
  });

  it('refuses a script dressed as a JPEG', async () => {
    const { token } = await customerToken();
    const upload = await uploadPhoto(t.app, token, photoFiles.script(), { filename: 'cat.jpg', contentType: 'image/jpeg' });
    expect(upload.status).toBe(400);
    expect(upload.body.error.code).toBe('validation_failed');
    expect(upload.body.error.details[0].path).toBe('file');
  });

  it('refuses files over 8 MB with 413', async () => {
    const { token } = await customerToken();
    const big = Buffer.concat([photoFiles.jpeg(), Buffer.alloc(8 * 1024 * 1024)]);
    const upload = await uploadPhoto(t.app, token, big);
    expect(upload.status).toBe(413);
    expect(upload.body.error.code).toBe('payload_too_large');
  });

  it('needs a portal session or staff; staff must name the customer', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/photos', payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect(anonymous.statusCode).toBe(401);
    const { customer } = await customerToken();
    const login = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
    const withoutCustomer = await uploadPhoto(t.app, login.body.token, photoFiles.png());
    expect(withoutCustomer.status).toBe(400);
    const forCustomer = await uploadPhoto(t.app, login.body.token, photoFiles.png(), { query: `?customerId=${customer.id}` });
    expect(forCustomer.status).toBe(201);
  });

  it('serves a photo to its owner and staff only; another customer gets 404', async () => {
    const owner = await customerToken();
    const other = await customerToken();
    const data = photoFiles.png();
    const uploaded = await uploadPhoto(t.app, owner.token, data);
    const url = `/api/v1/photos/${uploaded.body.id}`;
    const mine = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${owner.token}` } });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.headers['content-security-policy']).toContain('sandbox');
    expect(mine.rawPayload.equals(data)).toBe(true);
    const theirs = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${other.token}` } });
    expect(theirs.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const login = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
    const asStaff = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${login.body.token}` } });
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.rawPayload.equals(data)).toBe(true);
  });

  it('files a return with photos; a reason that needs a photo is refused without one', async () => {
    const { order, customer, token } = await customerToken();
    const portal = client(t.app, token);
    const line = order.lines[0];
    const withoutPhoto = await portal.post('/api/v1/portal/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: line?.id, quantity: 1, reasonCode: 'quality' }],
    });
    expect(withoutPhoto.status).toBe(400);
    expect(withoutPhoto.body.error.details[0].path).toBe('lines.0.photoIds');

    const photo = await uploadPhoto(t.app, token, photoFiles.jpeg());
    const filed = await portal.post('/api/v1/portal/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: line?.id, quantity: 1, reasonCode: 'quality', note: '屏幕有划痕', photoIds: [photo.body.id] }],
    });
    expect(filed.status).toBe(201);
    expect(filed.body.return).toMatchObject({ customerId: customer.id, channel: 'portal', status: 'requested' });
    expect(filed.body.progress.lines[0]).toMatchObject({ photoCount: 1, reasonLabel: '质量问题', note: '屏幕有划痕' });
    const photos = await portal.get(`/api/v1/returns/${filed.body.return.id}/photos`);
    expect(photos.body.data).toEqual([
      expect.objectContaining({ id: photo.body.id, returnId: filed.body.return.id, returnLineId: filed.body.return.lines[0].id }),
    ]);
    const seenByService = await staff.service?.get(`/api/v1/returns/${filed.body.return.id}/photos`);
    expect(seenByService?.body.data).toHaveLength(1);

    // The photo is used now: it cannot go on a second return.
    const reused = await portal.post('/api/v1/portal/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: line?.id, quantity: 1, reasonCode: 'quality', photoIds: [photo.body.id] }],
    });
    expect(reused.status).toBe(400);
  });

  it("refuses another customer's photo on a return, and attaching to another customer's return is 404", async () => {
    const owner = await customerToken();
    const other = await customerToken();
    const otherPhoto = await uploadPhoto(t.app, other.token, photoFiles.png());
    const portal = client(t.app, owner.token);
    const stolen = await portal.post('/api/v1/portal/returns', {
      orderId: owner.order.id,
      resolution: 'refund',
      lines: [{ orderLineId: owner.order.lines[0]?.id, quantity: 1, reasonCode: 'quality', photoIds: [otherPhoto.body.id] }],
    });
    expect(stolen.status).toBe(400);

    const filed = await portal.post('/api/v1/portal/returns', {
      orderId: owner.order.id,
      resolution: 'refund',
      lines: [{ orderLineId: owner.order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expect(filed.status).toBe(201);
    const late = await uploadPhoto(t.app, owner.token, photoFiles.jpeg());
    const attached = await portal.post(`/api/v1/returns/${filed.body.return.id}/photos`, {
      photoIds: [late.body.id],
      returnLineId: filed.body.return.lines[0].id,
    });
    expect(attached.status).toBe(200);
    expect(attached.body.data).toHaveLength(1);
    const intruder = await client(t.app, other.token).post(`/api/v1/returns/${filed.body.return.id}/photos`, { photoIds: [otherPhoto.body.id] });
    expect(intruder.status).toBe(404);
    expect((await client(t.app, other.token).get(`/api/v1/returns/${filed.body.return.id}/photos`)).status).toBe(404);
  });

  it('keeps the upload on the storage, under the customer', async () => {
    const { token, customer } = await customerToken();
    const uploaded = await uploadPhoto(t.app, token, photoFiles.webp());
    const row = await t.db.selectFrom('returnPhotos').selectAll().where('id', '=', uploaded.body.id).executeTakeFirstOrThrow();
    expect(row.storageKey).toBe(`photos/${customer.id}/${uploaded.body.id}.webp`);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await portalClient(t.app, (await buildOrderScenario(admin)).order.number, 'nobody@example.com').catch((e: Error) => e.message)).toContain('404');
  });
});
