/** Runs the schema migrations, kept in code so they ship with the server. */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as core from './migrations/0001-core.ts';
import * as portal from './migrations/0003-portal.ts';
import * as warehouses from './migrations/0004-warehouses.ts';
import * as notifications from './migrations/0005-notifications.ts';
import * as imports from './migrations/0006-imports.ts';
import * as money from './migrations/0007-money.ts';
import * as policyEngine from './migrations/0008-policy-engine.ts';
import * as analytics from './migrations/0009-analytics.ts';
import * as listIndexes from './migrations/0010-list-indexes.ts';
import * as analyticsParts from './migrations/0011-analytics-parts.ts';
import * as analyticsQueuePerTransaction from './migrations/0012-analytics-queue-per-transaction.ts';

const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0003-portal': portal,
  '0005-notifications': notifications,
  '0006-imports': imports,
  '0004-warehouses': warehouses,
  '0007-money': money,
  '0008-policy-engine': policyEngine,
  '0009-analytics': analytics,
  '0010-list-indexes': listIndexes,
  '0011-analytics-parts': analyticsParts,
  '0012-analytics-queue-per-transaction': analyticsQueuePerTransaction,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: { getExecutor(): unknown }): Promise<string[]> {
  // Migrations speak about tables by name, not through the typed schema.
  // Unordered: features land as numbered migrations in any order, and a database that
  // ran a later one first still takes the earlier ones.
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this server knows that the database has not run yet (empty: the schema is current). */
export async function pendingMigrations(db: { getExecutor(): unknown }): Promise<string[]> {
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
