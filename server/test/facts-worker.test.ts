/**
 * The analytics facts worker pauses between runs (50 times as long as a run, up to 30 s):
 * stopping the server must not wait for the pause to end (graceful shutdown has 15–25 s).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFactsState } from '../src/modules/analytics/facts-state.repository.ts';
import { startFactsWorker } from '../src/modules/analytics/facts-worker.ts';
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
});
