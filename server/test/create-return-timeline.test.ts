/**
 * A new return's timeline is presented from the entries its creation wrote, not read back,
 * when every actor's name is known (the order's customer, the signed-in staff user, an API
 * key or the policy's automatic approval have it without a read). Whatever way it is made,
 * the timeline in the creation's answer (and in its outbox event) is the one a read answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildStaff } from './support/factories.ts';
import { tokenOf, usePortalTestServices } from './support/portal-fixtures.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('the timeline of a new return on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let service: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    usePortalTestServices(t);
    admin = await signIn(t.app, adminEmail, adminPassword);
    ({ service } = (await buildStaff(admin, (e, p) => signIn(t.app, e, p), ['service'])) as { service: Client });
  });
  afterAll(() => t.close());

  /** Creates a return as `actor` on a new order; answers the creation's answer, a read of the return, and its outbox event's payload. */
  async function createAs(actor: (scenario: Awaited<ReturnType<typeof buildOrderScenario>>) => Promise<Client>, path = '/api/v1/returns') {
    const scenario = await buildOrderScenario(admin, { quantity: 2 });
    const as = await actor(scenario);
    const created = await as.post(path, {
      orderId: scenario.order.id,
      resolution: 'refund',
      lines: [{ orderLineId: scenario.order.lines[0]?.id, quantity: 1, reasonCode: 'no_reason' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const view = created.body.return ?? created.body;
    const read = await admin.get(`/api/v1/returns/${view.id}`);
    expect(read.status).toBe(200);
    const event = await t.db
      .selectFrom('outboxEvents')
      .select('payload')
      .where('aggregateId', '=', view.id)
      .where('type', '=', 'return.created')
      .executeTakeFirstOrThrow();
    return { view, read: read.body, payload: JSON.parse(event.payload), scenario };
  }

  const portalCustomer = async (s: Awaited<ReturnType<typeof buildOrderScenario>>) => client(t.app, await tokenOf(t.app, s.order.number, s.customer.phone));

  it('names the customer who asked from the portal', async () => {
    const { view, read, payload, scenario } = await createAs(portalCustomer);
    expect(view.timeline).toEqual(read.timeline);
    expect(payload.timeline).toEqual(read.timeline);
    expect(view.timeline).toEqual([
      expect.objectContaining({
        action: 'create',
        status: 'requested',
        note: null,
        actor: { kind: 'customer', id: scenario.customer.id, name: '张三' },
      }),
    ]);
    // The portal's own form creates it the same way.
    const viaPortal = await createAs(portalCustomer, '/api/v1/portal/returns');
    expect(viaPortal.view.timeline).toEqual(viaPortal.read.timeline);
  });

  it('names the staff user who filed it, and no one for an API key', async () => {
    const staff = await createAs(async () => service);
    expect(staff.view.timeline).toEqual(staff.read.timeline);
    expect(staff.view.timeline[0].actor).toMatchObject({ kind: 'user', name: 'service user' });
    const { key } = (await admin.post('/api/v1/api-keys', { name: 'ERP', roles: ['service'] })).body;
    const keyClient = client(t.app);
    const byKey = await createAs(async () => ({ ...keyClient, post: (url: string, body?: unknown) => keyClient.post(url, body, { 'x-api-key': key }) }));
    expect(byKey.view.timeline).toEqual(byKey.read.timeline);
    expect(byKey.view.timeline[0].actor).toMatchObject({ kind: 'api_key', name: null });
  });

  it('shows the policy’s automatic approval after the request', async () => {
    expect((await admin.put('/api/v1/policy', { autoApprove: { enabled: true, maxAmount: null } })).status).toBe(200);
    try {
      const { view, read, payload } = await createAs(portalCustomer);
      expect(view.status).toBe('approved');
      expect(view.timeline).toEqual(read.timeline);
      expect(payload.timeline).toEqual(read.timeline);
      expect(view.timeline.map((e: { action: string; actor: { kind: string } }) => [e.action, e.actor.kind])).toEqual([
        ['create', 'customer'],
        ['approve', 'automation'],
      ]);
    } finally {
      expect((await admin.put('/api/v1/policy', { autoApprove: { enabled: false, maxAmount: null } })).status).toBe(200);
    }
  });
});
