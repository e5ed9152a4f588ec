/**
 * Decides once whether the PostgreSQL half of the suite runs. In CI (CI=1) PostgreSQL
 * must answer; on a laptop without it the suite says loudly that the half was skipped.
 */
import { postgresAdminUrl, postgresAvailable } from './postgres.ts';

export default async function setup(): Promise<void> {
  if (process.env.RETURNFLOW_TEST_DATABASES) return;
  const available = await postgresAvailable();
  if (available) {
    process.env.RETURNFLOW_TEST_DATABASES = 'sqlite,postgres';
    return;
  }
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${postgresAdminUrl}; CI runs every database test on both databases`);
  process.env.RETURNFLOW_TEST_DATABASES = 'sqlite';
  const bar = '!'.repeat(78);
  process.stderr.write(
    `\n${bar}\n!! PostgreSQL is not reachable at ${postgresAdminUrl}\n!! THE POSTGRESQL HALF OF THE SUITE IS SKIPPED. Start it (pg_ctlcluster 15 main start)\n!! or set RETURNFLOW_TEST_PG to run it.\n${bar}\n\n`,
  );
}
