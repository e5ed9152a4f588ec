/** `returnflow migrate`: brings the database named by DATABASE_URL up to date and exits. */
import { bootstrapDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { systemClock } from './lib/clock.ts';
import { createLogger } from './logger.ts';
import { withStartupLock } from './startup-lock.ts';

const config = readConfig();
const log = createLogger({ level: config.logLevel });
const db = connectDatabase({ url: config.databaseUrl });
withStartupLock(db, () => bootstrapDatabase(db, config, systemClock, log))
  .then(async ({ migrations }) => {
    log.info(migrations.length > 0 ? { migrations } : {}, migrations.length > 0 ? 'migrated' : 'already up to date');
    await db.destroy();
  })
  .catch(async (error: unknown) => {
    log.fatal({ err: error }, 'migration failed');
    await db.destroy();
    process.exit(1);
  });
