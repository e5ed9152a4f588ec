/**
 * On PostgreSQL the precompiled hot queries run as named prepared statements (one parse
 * and plan per connection; db/prepared-statements.ts): they must answer exactly what the
 * unnamed query answers, be prepared once per connection, and be left alone when
 * RETURNFLOW_PG_PREPARE=0 (prepare: false). On SQLite the statement cache plays this part.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../src/db/connect.ts';
import { precompiled } from '../src/db/precompiled.ts';
import { buildOrderScenario, buildReturn } from './support/factories.ts';
import { adminEmail, adminPassword, createTestApp, signIn, type TestApp, testDatabases } from './support/test-app.ts';

const returnsOfOrder = precompiled<{ orderId: string }, { id: string; number: string; status: string }>((db, p) =>
  db.selectFrom('returns').select(['id', 'number', 'status']).where('orderId', '=', p('orderId')).orderBy('id'),
);

describe.each(testDatabases)('prepared hot queries on %s', (kind) => {
  let t: TestApp;
  let order: { id: string; lines: { id: string; quantity: number }[] };
  let numbers: string[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const admin = await signIn(t.app, adminEmail, adminPassword);
    ({ order } = await buildOrderScenario(admin, { quantity: 3 }));
    numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await buildReturn(admin, order, { quantity: 1 })).number);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs the query three times on one connection; answers the rows and that connection's prepared statements. */
  async function onOneConnection(db: Db) {
    return db.connection().execute(async (conn) => {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push((await returnsOfOrder(conn, { orderId: order.id })).rows);
      const prepared =
        kind === 'postgres' ? (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn)).rows : [];
      return { runs, prepared };
    });
  }

  it('answers what the query answers, from a statement prepared once per connection', async () => {
    const { runs, prepared } = await onOneConnection(t.db);
    const expected = await t.db.selectFrom('returns').select(['id', 'number', 'status']).where('orderId', '=', order.id).orderBy('id').execute();
    expect(expected.map((r) => r.number)).toEqual(numbers);
    for (const rows of runs) expect(rows).toEqual(expected);
    if (kind === 'postgres') {
      const mine = prepared.filter((p) => p.statement.includes('"order_id" = $1') && p.statement.startsWith('select "id", "number", "status" from "returns"'));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.name).toMatch(/^rf_\d+$/);
    }
  });

  // PostgreSQL only: SQLite has no server-side statements to turn off.
  if (kind === 'postgres')
    it('prepares nothing when turned off (RETURNFLOW_PG_PREPARE=0)', async () => {
      const plain = connectDatabase({ url: t.ctx.config.databaseUrl, poolSize: 1, prepare: false });
      try {
        const { runs, prepared } = await onOneConnection(plain);
        expect(runs[2]?.map((r) => r.number)).toEqual(numbers);
        expect(prepared).toEqual([]);
      } finally {
        await plain.destroy();
      }
    });
});
