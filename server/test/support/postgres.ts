/** The PostgreSQL half of the suite: one fresh database per test app, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresAdminUrl = process.env.RETURNFLOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL server answers. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rf_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

/**
 * Drops a scratch database. pg's pool.end() resolves before its connections have closed;
 * forcing the drop at once would kill them mid-goodbye and surface as an uncaught
 * "terminating connection due to administrator command". So wait for them first (a few
 * seconds at most), and force only what is left after that.
 */
async function dropDatabase(name: string): Promise<void> {
  await withAdmin(async (c) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const open = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (open.rows[0].n === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  });
}
