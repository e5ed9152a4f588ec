/** Brings a database to a usable state on start: schema, defaults, first admin, demo data. */
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemActor } from './lib/actor.ts';
import type { Clock } from './lib/clock.ts';
import { ensureFirstAdmin } from './modules/auth/auth.service.ts';
import { ensureDefaultLocations } from './modules/inventory/locations.repository.ts';
import { defaultPolicy } from './modules/policy/default-policy.ts';
import { insertPolicyVersion } from './modules/policy/policy.repository.ts';
import { defaultProcess } from './modules/process/default-process.ts';
import { insertProcessVersion } from './modules/process/process.repository.ts';

export type BootstrapResult = { fresh: boolean; migrations: string[] };

/** Migrates and seeds the defaults the contract promises from the first start. */
export async function bootstrapDatabase(db: Db, config: Pick<Config, 'adminEmail' | 'adminPassword'>, clock: Clock, log?: Logger): Promise<BootstrapResult> {
  const migrations = await migrateToLatest(db);
  if (migrations.length > 0) log?.info({ migrations }, 'database migrated');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await ensureDefaultLocations(trx, now);
    const policy = await trx.selectFrom('policyVersions').select('version').limit(1).executeTakeFirst();
    if (!policy) await insertPolicyVersion(trx, defaultPolicy, systemActor, now);
    const process = await trx.selectFrom('processVersions').select('version').limit(1).executeTakeFirst();
    if (!process) await insertProcessVersion(trx, defaultProcess, systemActor, now);
  });
  const admin = await ensureFirstAdmin(db, config.adminEmail, config.adminPassword, now);
  if (admin) log?.info({ email: admin.email }, 'first admin created');
  return { fresh: migrations.includes('0001-core'), migrations };
}
