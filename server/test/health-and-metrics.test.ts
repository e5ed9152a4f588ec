/** Liveness, readiness and the Prometheus metrics an operator scrapes. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { adminEmail, adminPassword, type Client, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

/** The value of one sample line of the text format (undefined when absent). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testDatabases)('health and metrics on %s', (kind) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signIn(t.app, adminEmail, adminPassword);
  });
  afterAll(() => t.close());

  it('answers /healthz {"status":"ok"} and /readyz ready, without credentials', async () => {
    expect(await client(t.app).get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await client(t.app).get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('is not ready while the database schema is behind the server', async () => {
    const applied = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.db);
    const last = applied.rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(t.db);
    try {
      const response = await client(t.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'not_ready', reason: expect.any(String), pendingMigrations: [last.name] });
      expect((await client(t.app).get('/healthz')).status, 'liveness only asks the database').toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(t.db);
    }
    expect((await client(t.app).get('/readyz')).status).toBe(200);
  });

  it('counts requests and their latency by route and status, in the Prometheus text format', async () => {
    const { order } = await buildOrderScenario(admin);
    const ret = await buildReturn(admin, order);
    await admin.get(`/api/v1/returns/${ret.id}`);
    await admin.get(`/api/v1/returns/${ret.id}`);
    await admin.get('/api/v1/returns/no-such-return');
    await client(t.app).get('/no/such/page');

    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = response.body;
    expect(text).toContain('# TYPE returnflow_http_requests_total counter');
    expect(text).toContain('# TYPE returnflow_http_request_duration_seconds histogram');
    const series = (status: number) => `{method="GET",route="/api/v1/returns/:id",status="${status}"}`;
    expect(sample(text, `returnflow_http_requests_total${series(200)}`)).toBe(2);
    expect(sample(text, `returnflow_http_requests_total${series(404)}`)).toBe(1);
    expect(sample(text, `returnflow_http_request_duration_seconds_count${series(200)}`)).toBe(2);
    expect(sample(text, `returnflow_http_request_duration_seconds_bucket{method="GET",route="/api/v1/returns/:id",status="200",le="+Inf"}`)).toBe(2);
    expect(sample(text, 'returnflow_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(text, 'paths outside the route table never become labels').not.toContain('/no/such/page');
  });

  it('reports the outbox backlog and the age of the oldest return waiting in each stage', async () => {
    const { order } = await buildOrderScenario(admin);
    await buildReturn(admin, order);
    const undispatched = await t.db
      .selectFrom('outboxEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dispatchedAt', 'is', null)
      .executeTakeFirstOrThrow();
    const unnoticed = await t.db
      .selectFrom('outboxEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('noticedAt', 'is', null)
      .executeTakeFirstOrThrow();
    const reviewing = await t.db
      .selectFrom('returnStages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stage', '=', 'review')
      .where('exitedAt', 'is', null)
      .executeTakeFirstOrThrow();

    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'returnflow_outbox_undispatched_events')).toBe(Number(undispatched.n));
    expect(sample(text, 'returnflow_outbox_undispatched_events')).toBeGreaterThan(0);
    expect(sample(text, 'returnflow_outbox_oldest_undispatched_age_seconds')).toBeGreaterThanOrEqual(0);
    // The test app runs no workers: the new return's events wait for their notices too.
    expect(sample(text, 'returnflow_outbox_unnoticed_events')).toBe(Number(unnoticed.n));
    expect(sample(text, 'returnflow_outbox_unnoticed_events')).toBeGreaterThan(0);
    expect(sample(text, 'returnflow_outbox_oldest_unnoticed_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'returnflow_webhook_deliveries_pending')).toBe(0);
    expect(sample(text, 'returnflow_stage_queue_returns{stage="review"}')).toBe(Number(reviewing.n));
    expect(sample(text, 'returnflow_stage_queue_oldest_age_seconds{stage="review"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('asks for the metrics token when RETURNFLOW_METRICS_TOKEN is set', async () => {
    t.ctx.config.metricsToken = 'scrape-secret-123';
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-secret-12' } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-123' } })).statusCode).toBe(200);
    } finally {
      t.ctx.config.metricsToken = undefined;
    }
  });
});
