/** API keys for integrations: shown once, stored hashed, acting with their roles as actor 'api_key', revocable. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildStaff } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('API keys on %s', (kind) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a key shown once and stored only as a hash', async () => {
    const created = await admin.post('/api/v1/api-keys', { name: 'ERP 同步', roles: ['service'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'ERP 同步', roles: ['service'], lastUsedAt: null, revokedAt: null });
    expect(created.body.key).toMatch(/^rfk_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const listed = await admin.get('/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const row = await t.db.selectFrom('apiKeys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.keyHash).toBe(createHash('sha256').update(created.body.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.body.key);
  });

  it('acts with its roles, records the actor as api_key, notes its last use, and stops working once revoked', async () => {
    const { key, id } = (await admin.post('/api/v1/api-keys', { name: 'shop system', roles: ['service'] })).body;
    const { order } = await buildOrderScenario(admin, { quantity: 1 });
    const integration = client(t.app, key);
    const created = await integration.post('/api/v1/returns', {
      orderId: order.id,
      resolution: 'refund',
      lines: [{ orderLineId: order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.timeline[0].actor).toMatchObject({ kind: 'api_key', id });
    const events = await t.db.selectFrom('returnEvents').select(['actorKind', 'actorId']).where('returnId', '=', created.body.id).execute();
    expect(events[0]).toEqual({ actorKind: 'api_key', actorId: id });
    // Its roles, no more: service may not refund.
    expect((await integration.post(`/api/v1/returns/${created.body.id}/refund`, { method: 'original' })).status).toBe(403);
    // The other header works the same.
    const viaHeader = await client(t.app).get(`/api/v1/returns/${created.body.id}`, { 'x-api-key': key });
    expect(viaHeader.status).toBe(200);

    const used = (await admin.get('/api/v1/api-keys')).body.data.find((k: { id: string }) => k.id === id);
    expect(used.lastUsedAt).not.toBeNull();

    const revoked = await admin.delete(`/api/v1/api-keys/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await integration.get(`/api/v1/returns/${created.body.id}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('is managed by signed-in admins only, never by another key', async () => {
    const { manager } = await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['manager']);
    expect((await manager?.post('/api/v1/api-keys', { name: 'x', roles: ['viewer'] }))?.status).toBe(403);
    const adminKey = (await admin.post('/api/v1/api-keys', { name: 'ops', roles: ['admin'] })).body.key;
    const asKey = client(t.app, adminKey);
    expect((await asKey.get('/api/v1/users')).status).toBe(200);
    expect((await asKey.post('/api/v1/api-keys', { name: 'more', roles: ['admin'] })).status).toBe(403);
    expect((await client(t.app, 'rfk_not-a-real-key').get('/api/v1/returns')).status).toBe(401);
    expect((await admin.post('/api/v1/api-keys', { name: 'bad', roles: ['superuser'] })).status).toBe(400);
  });
});
