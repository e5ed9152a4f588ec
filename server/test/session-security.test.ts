/**
 * Session and token hygiene: the console's cookie session (HttpOnly, SameSite=Strict,
 * Secure behind TLS) and its CSRF protection, expiry and revocation, security headers
 * on pages and API answers (HSTS behind TLS), and logs that never carry a credential.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { hstsHeader } from '../src/http/security-headers.ts';
import { manualClock } from '../src/lib/clock.ts';
import { createLogger, redactUrl } from '../src/logger.ts';
import { issueProgressLink } from '../src/modules/portal/progress-links.ts';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { freshAddress, tokenOf } from './support/portal-fixtures.ts';
import { adminEmail, adminPassword, client, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

/** Signs in with `cookie: true`; answers the Set-Cookie header and the session cookie's value. */
async function cookieLogin(app: FastifyInstance, headers: Record<string, string> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: adminEmail, password: adminPassword, cookie: true },
    headers,
  });
  expect(response.statusCode).toBe(200);
  const setCookie = String(response.headers['set-cookie']);
  const value = /rf_session=([^;]+)/.exec(setCookie)?.[1];
  if (!value) throw new Error(`no session cookie: ${setCookie}`);
  return { setCookie, cookie: `rf_session=${value}`, token: response.json().token as string };
}

describe.each(testDatabases)('sessions on %s', (kind) => {
  const clock = manualClock(new Date());
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
  });
  afterAll(() => t.close());

  const createCustomer = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/customers', payload: { name: 'CSRF 测试' }, headers, remoteAddress: freshAddress() });

  it('sets the session cookie HttpOnly and SameSite=Strict, and Secure only over TLS', async () => {
    const { setCookie } = await cookieLogin(t.app);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
  });

  it('refuses a change made with the session cookie alone (CSRF), and accepts it with X-Requested-With', async () => {
    const { cookie } = await cookieLogin(t.app);
    const forged = await createCustomer({ cookie });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('forbidden');
    expect((await createCustomer({ cookie, 'x-requested-with': 'XMLHttpRequest', origin: 'https://evil.example' })).statusCode, 'another origin').toBe(403);
    expect((await createCustomer({ cookie, 'x-requested-with': 'XMLHttpRequest', 'sec-fetch-site': 'cross-site' })).statusCode, 'a cross-site fetch').toBe(403);
    expect((await createCustomer({ cookie, 'x-requested-with': 'XMLHttpRequest' })).statusCode).toBe(201);
    expect((await createCustomer({ cookie, 'x-requested-with': 'XMLHttpRequest', origin: 'http://localhost:80' })).statusCode, 'its own origin').toBe(201);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(logout.statusCode, 'signing out is a change too').toBe(403);
  });

  it('reads with the cookie alone, and asks nothing more of a bearer token or a portal session', async () => {
    const { cookie, token } = await cookieLogin(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await createCustomer({ authorization: `Bearer ${token}` })).statusCode).toBe(201);
    // A stale cookie beside a bearer token changes nothing: the header is the credential.
    expect((await createCustomer({ authorization: `Bearer ${token}`, cookie })).statusCode).toBe(201);
  });

  it('ends a session on logout and after its lifetime', async () => {
    const admin = await signIn(t.app, adminEmail, adminPassword);
    const { order, customer } = await buildOrderScenario(admin);
    const portalToken = await tokenOf(t.app, order.number, customer.phone);
    const login = await client(t.app).post('/api/v1/auth/login', { email: adminEmail, password: adminPassword });
    const session = client(t.app, login.body.token);
    expect((await session.get('/api/v1/auth/me')).status).toBe(200);
    expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await session.get('/api/v1/auth/me')).status, 'revoked at logout').toBe(401);

    const hour = 60 * 60 * 1000;
    clock.advance(13 * hour);
    try {
      expect((await admin.get('/api/v1/auth/me')).status, 'a staff session lasts 12 hours').toBe(401);
      expect((await client(t.app, portalToken).get(`/api/v1/orders/${order.id}`)).status, 'a portal session lasts a day').toBe(200);
      clock.advance(12 * hour);
      expect((await client(t.app, portalToken).get(`/api/v1/orders/${order.id}`)).status).toBe(401);
    } finally {
      clock.set(new Date());
    }
  });
});

describe('security headers', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let webRoot: string;
  const trustProxy = process.env.RETURNFLOW_TRUST_PROXY;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    webRoot = mkdtempSync(join(tmpdir(), 'rf-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>ReturnFlow</title>');
    process.env.RETURNFLOW_TRUST_PROXY = '1';
    app = await buildApp({ ctx: t.ctx, webRoot });
    await app.ready();
  });
  afterAll(async () => {
    if (trustProxy === undefined) delete process.env.RETURNFLOW_TRUST_PROXY;
    else process.env.RETURNFLOW_TRUST_PROXY = trustProxy;
    await app?.close();
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends the same protections on API answers, pages and errors', async () => {
    for (const url of ['/api/v1/public/policy', '/console', '/api/v1/returns', '/no/such/thing']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
      expect(response.headers['strict-transport-security'], `${url}: no HSTS over plain HTTP`).toBeUndefined();
    }
    const page = await app.inject({ method: 'GET', url: '/console' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/policy' })).headers['cache-control']).toBe('no-store');
  });

  it('adds HSTS and a Secure cookie behind a TLS-terminating proxy it trusts', async () => {
    const viaTls = { 'x-forwarded-proto': 'https' };
    const api = await app.inject({ method: 'GET', url: '/api/v1/public/policy', headers: viaTls });
    expect(api.headers['strict-transport-security']).toBe(hstsHeader);
    expect((await app.inject({ method: 'GET', url: '/console', headers: viaTls })).headers['strict-transport-security']).toBe(hstsHeader);
    const { setCookie } = await cookieLogin(app, viaTls);
    expect(setCookie).toMatch(/;\s*Secure/i);
  });

  it('ignores X-Forwarded-Proto from clients when no proxy is trusted', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/policy', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('logs', () => {
  it('carry request ids and never a password, token, cookie, webhook secret or progress link', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await createTestApp('sqlite');
    const app = await buildApp({ ctx: t.ctx, webRoot: '/nonexistent', logger: createLogger({ level: 'trace', destination }) });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: adminPassword, cookie: true } });
      const token = login.json().token as string;
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const admin = client(app, token);
      const { order, customer } = await buildOrderScenario(admin);
      const ret = await buildReturn(admin, order);
      const portalToken = await tokenOf(app, order.number, customer.phone);
      await client(app, portalToken).get(`/api/v1/returns/${ret.id}`);
      const webhookSecret = 'whsec-never-in-logs-42';
      await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/returnflow', events: ['*'], secret: webhookSecret });
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      const link = await issueProgressLink(t.db, ret.id, new Date());
      await app.inject({ method: 'GET', url: `/api/v1/portal/progress/${link.token}` });
      await app.inject({ method: 'GET', url: `/api/v1/returns/${ret.id}/slip.png?access=${encodeURIComponent(link.token)}` });
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: 'a-wrong-password-77' } });
      // Code that logs a request's headers or body by mistake is covered too.
      app.log.info({ req: { headers: { authorization: `Bearer ${token}`, cookie } }, body: { password: adminPassword, secret: webhookSecret } }, 'careless');

      const text = lines.join('');
      expect(text).toContain('"reqId"');
      expect(text).toContain('incoming request');
      const cookieValue = cookie.split('=')[1]!;
      for (const secret of [adminPassword, 'a-wrong-password-77', token, cookieValue, portalToken, webhookSecret, link.token, encodeURIComponent(link.token)]) {
        expect(text.includes(secret), `a secret reached the log: ${secret.slice(0, 12)}…`).toBe(false);
      }
      expect(text).toContain('/api/v1/portal/progress/[redacted]');
      expect(text).toContain('access=[redacted]');
    } finally {
      await app.close();
      await t.close();
    }
  });

  it('redacts secrets in URLs and keeps everything else', () => {
    expect(redactUrl('/api/v1/portal/progress/ret_1.abc.sig/session')).toBe('/api/v1/portal/progress/[redacted]/session');
    expect(redactUrl('/api/v1/returns/r1/slip.pdf?access=tok&lang=en')).toBe('/api/v1/returns/r1/slip.pdf?access=[redacted]&lang=en');
    expect(redactUrl('/api/v1/returns?status=approved')).toBe('/api/v1/returns?status=approved');
  });
});
