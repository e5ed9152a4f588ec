/**
 * The analytics facts worker pauses between runs (50 times as long as a run, up to 30 s):
 * stopping the server must not wait for the pause to end (graceful shutdown has 15–25 s).
 * A run drains the queue in batches, resting between them in the background (gentle).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasQueuedChanges, readFactsState } from '../src/modules/analytics/facts-state.repository.ts';
import { startFactsWorker } from '../src/modules/analytics/facts-worker.ts';
import { refreshFacts } from '../src/modules/analytics/refresh-facts.ts';
import { createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

describe.each(testDatabases)('analytics facts worker on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stops at once while it pauses between runs', async () => {
    const worker = startFactsWorker({ db: t.db, log: pino({ level: 'silent' }), minPauseMs: 120_000 });
    // The first run builds the facts; then the worker pauses for two minutes.
    for (let i = 0; i < 200 && (await readFactsState(t.db)).status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await readFactsState(t.db)).status).toBe('ready');
    const stopping = performance.now();
    await worker.stop();
    expect(performance.now() - stopping).toBeLessThan(60_000);
  }, 100_000);

  it('drains a queue longer than a batch, resting between batches, and leaves nothing behind', async () => {
    await refreshFacts(t.db);
    const keys = Array.from({ length: 450 }, (_, i) => `ret_gone_${String(i).padStart(4, '0')}`);
    await t.db
      .insertInto('analyticsQueue')
      .values(keys.map((key) => ({ kind: 'return', key })))
      .execute();
    const result = await refreshFacts(t.db, { gentle: true });
    expect(result).toMatchObject({ ran: true, changes: 450 });
    expect(await hasQueuedChanges(t.db)).toBe(false);
  });
});
