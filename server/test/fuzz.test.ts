/**
 * Fuzzing every endpoint that takes a body or a query, with input shaped by the route's
 * own zod schemas (fast-check): random valid values and hostile ones — wrong types,
 * huge strings, NUL, odd unicode, negative and enormous numbers, missing and extra
 * fields, prototype-pollution keys, broken JSON, deep nesting — sent as the admin, so
 * that nothing stops them before validation. Whatever comes in: never a 5xx, never a
 * polluted prototype, and a refused request leaves every business table as it was.
 *
 * Bounded: a fixed number of requests per endpoint (more on SQLite, fewer on
 * PostgreSQL), with a random seed each run; a failure prints the seed to replay it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress } from './support/portal-fixtures.ts';
import { type CatalogRoute, deliberateServerErrors, errorLog, fillPath, routeCatalog } from './support/route-catalog.ts';
import { asQueryStrings, buildSecurityWorld, countRows, type RouteRequest, type SecurityWorld, validRequestFor } from './support/security-world.ts';
import { createTestApp, type TestApp, testDatabases } from './support/test-app.ts';
import { hostileArbitrary } from './support/zod-arbitrary.ts';

/** Requests per endpoint, per database. */
const runsPerRoute: Record<string, number> = { sqlite: 6, postgres: 3 };

/** Endpoints left out, each with its reason. */
const notFuzzed: Record<string, string> = {
  'POST /api/v1/auth/logout': "ends the admin's session the fuzzer signs in with",
};

const hostilePathValues = ['x'.repeat(300), 'a\u0000b', '../../etc/passwd', "' or '1'='1", '😀', '-1', '0', '99999999999', '1e3', ' ', '%'];

const rawBodies = [
  '{',
  '{"a":',
  '[]',
  'null',
  '"text"',
  '1e999',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '\u0000',
  '\ud800',
];

type FuzzRequest = RouteRequest & { note: string };

function requestArbitrary(world: SecurityWorld, route: CatalogRoute): fc.Arbitrary<FuzzRequest> {
  const base = validRequestFor(world, route);
  const url = route.url.includes('/:')
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant(base.url) },
        fc.constantFrom(...hostilePathValues).map((value) => fillPath(route.url, () => value)),
      )
    : fc.constant(base.url);
  const query = route.schema.querystring
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(base.query) }, { weight: 4, arbitrary: hostileArbitrary(route.schema.querystring).map(asQueryStrings) })
    : fc.constant(base.query);
  const body: fc.Arbitrary<{ payload?: string; type?: string }> = route.schema.body
    ? fc.oneof(
        { weight: 8, arbitrary: hostileArbitrary(route.schema.body).map((value) => ({ payload: JSON.stringify(value) ?? 'null', type: 'application/json' })) },
        { weight: 1, arbitrary: fc.constantFrom(...rawBodies).map((payload) => ({ payload, type: 'application/json' })) },
        { weight: 1, arbitrary: fc.constant({ payload: base.payload?.toString() ?? '{}', type: 'text/plain' }) },
      )
    : fc.constant(base.payload === undefined ? {} : { payload: base.payload.toString(), type: base.headers['content-type'] ?? 'application/json' });
  return fc.record({ url, query, body }).map(
    ({ url, query, body }): FuzzRequest => ({
      method: route.method,
      url,
      query,
      ...(body.payload === undefined ? {} : { payload: body.payload }),
      headers: body.type ? { 'content-type': body.type } : ({} as Record<string, string>),
      note: `${route.method} ${url} query=${JSON.stringify(query).slice(0, 300)} body=${(body.payload ?? '').slice(0, 300)}`,
    }),
  );
}

describe.each(testDatabases)('fuzzing every endpoint on %s', (kind) => {
  const catalog = routeCatalog();
  const errors = errorLog();
  let t: TestApp;
  let world: SecurityWorld;

  beforeAll(async () => {
    t = await createTestApp(kind, { onRoute: catalog.onRoute, logger: errors.logger });
    world = await buildSecurityWorld(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('never answers 5xx, never pollutes a prototype, and a refused request changes nothing', async () => {
    const routes = catalog.routes().filter((r) => r.url.startsWith('/api/v1/') && (r.schema.body || r.schema.querystring) && !notFuzzed[r.key]);
    expect(routes.length).toBeGreaterThan(20);
    const tally = new Map<number, number>();
    const failures: string[] = [];
    // Nothing else writes meanwhile: the counts after one request are the counts before the next.
    let counts: Record<string, number>;
    for (const route of routes) {
      counts = await countRows(t);
      const result = await fc.check(
        fc.asyncProperty(requestArbitrary(world, route), async (request) => {
          const before = counts;
          const response = await t.app.inject({
            method: request.method as never,
            url: request.url,
            query: request.query,
            ...(request.payload === undefined ? {} : { payload: request.payload }),
            headers: { ...request.headers, authorization: `Bearer ${world.staff.admin.token}` },
            remoteAddress: freshAddress(),
          });
          const status = response.statusCode;
          tally.set(status, (tally.get(status) ?? 0) + 1);
          if (status >= 500 && !deliberateServerErrors[route.key]) {
            throw new Error(`${status} ${response.body.slice(0, 300)}\nfor ${request.note}\nserver log: ${errors.take()}`);
          }
          expect((Object.prototype as Record<string, unknown>).polluted, `prototype polluted by ${request.note}`).toBeUndefined();
          expect(({} as Record<string, unknown>).isAdmin, `prototype polluted by ${request.note}`).toBeUndefined();
          counts = await countRows(t);
          if (status >= 400) expect(counts, `a refused request (${status}) changed rows: ${request.note}`).toEqual(before);
        }),
        { numRuns: runsPerRoute[kind] ?? 7, endOnFailure: true },
      );
      if (result.failed) {
        const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        failures.push(`${route.key} (seed ${result.seed}, path "${result.counterexamplePath}"):\n${cause}`);
      }
    }
    console.info(`[fuzz ${kind}] ${routes.length} routes, statuses ${JSON.stringify(Object.fromEntries(tally))}`);
    expect(failures, `${failures.length} endpoints failed; replay one with fc.check(..., { seed, path }):\n\n${failures.join('\n\n')}`).toEqual([]);
  }, 300_000);
});
