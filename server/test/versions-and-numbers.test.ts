/**
 * The policy and process are cached by version per database (db/version-cache.ts), and a
 * new return is numbered from the day's counter (on PostgreSQL in one statement with the
 * update of the return): two databases never see each other's versions, the documents
 * handed out are frozen, and numbers past 9999 keep all their digits.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/lib/actor.ts';
import { documentCounter } from '../src/modules/numbering/document-numbers.ts';
import { defaultPolicy } from '../src/modules/policy/default-policy.ts';
import { getCurrentPolicy, getPolicyVersion, insertPolicyVersion } from '../src/modules/policy/policy.repository.ts';
import { getCurrentProcess } from '../src/modules/process/process.repository.ts';
import { currentPolicyAndProcess } from '../src/workflows/steps/current-rules.ts';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { adminEmail, adminPassword, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('policy and process versions, and return numbers, on %s', (kind) => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestApp(kind), createTestApp(kind)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps each database its own versions, even under the same version number', async () => {
    const [beforeA, beforeB] = await Promise.all([getCurrentPolicy(a.db), getCurrentPolicy(b.db)]);
    expect(beforeA.version).toBe(beforeB.version);
    const now = new Date();
    // The next version in both databases, with different contents.
    const inA = await insertPolicyVersion(a.db, { ...structuredClone(defaultPolicy), returnWindowDays: 11 }, systemActor, now);
    const inB = await insertPolicyVersion(b.db, { ...structuredClone(defaultPolicy), returnWindowDays: 22 }, systemActor, now);
    expect(inA.version).toBe(inB.version);

    const [currentA, currentB] = await Promise.all([getCurrentPolicy(a.db), getCurrentPolicy(b.db)]);
    expect([currentA.version, currentA.returnWindowDays]).toEqual([inA.version, 11]);
    expect([currentB.version, currentB.returnWindowDays]).toEqual([inB.version, 22]);
    // Read again (from the cache now) and by number, still apart.
    expect((await getCurrentPolicy(a.db)).returnWindowDays).toBe(11);
    expect((await getPolicyVersion(b.db, inB.version))?.returnWindowDays).toBe(22);
    // The version before is still what it was.
    expect((await getPolicyVersion(a.db, beforeA.version))?.returnWindowDays).toBe(beforeA.returnWindowDays);
  });

  it('reads the policy and process in force together, as each reads alone', async () => {
    await a.db.transaction().execute(async (trx) => {
      const both = await currentPolicyAndProcess(trx);
      const alone = { policy: await getCurrentPolicy(trx), process: await getCurrentProcess(trx) };
      expect(both.policy).toEqual(alone.policy);
      expect(both.process).toEqual(alone.process);
    });
  });

  it('hands out frozen documents: a caller that changes one gets an error, not a changed cache', async () => {
    const policy = await getCurrentPolicy(a.db);
    const process = await getCurrentProcess(a.db);
    expect(Object.isFrozen(policy.rules)).toBe(true);
    expect(Object.isFrozen(process.stages[0])).toBe(true);
    expect(() => {
      (policy.rules as unknown[]).push({});
    }).toThrow(TypeError);
    // The top level is the caller's own.
    policy.returnWindowDays = 99;
    expect((await getCurrentPolicy(a.db)).returnWindowDays).not.toBe(99);
  });

  it('numbers a return past 9999 of a day with every digit', async () => {
    const admin = await signIn(b.app, adminEmail, adminPassword);
    const { order } = await buildOrderScenario(admin);
    const policy = await getCurrentPolicy(b.db);
    const counter = documentCounter('RT', new Date(), policy.timeZone);
    await sql`insert into sequences (name, value) values (${counter}, 9999)
      on conflict (name) do update set value = 9999`.execute(b.db);
    const created = await buildReturn(admin, order);
    expect(created.number).toBe(`${counter}-10000`);
    const stored = await b.db.selectFrom('returns').select('number').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.number).toBe(`${counter}-10000`);
  });
});
