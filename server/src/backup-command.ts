/**
 * `returnflow backup <file> [--force]` and `returnflow restore <file> [--force]` for the
 * SQLite database named by DATABASE_URL. A backup is safe while servers run; a restore
 * needs them stopped. PostgreSQL is backed up with pg_dump / pg_restore
 * (docs/operations.md).
 */
import { readConfig } from './config.ts';
import { databaseKind } from './db/connect.ts';
import { BackupError, backupSqlite, type DatabaseSummary, restoreSqlite, sqlitePathOf } from './db/sqlite-backup.ts';

const [command, file, ...flags] = process.argv.slice(2);
const force = flags.includes('--force');
const config = readConfig();

function describe(summary: DatabaseSummary): string {
  const rows = Object.entries(summary.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  return `${summary.path} (${(summary.bytes / 1024).toFixed(0)} KiB): ${rows}`;
}

async function run(): Promise<number> {
  if ((command !== 'backup' && command !== 'restore') || !file) {
    process.stderr.write('Usage: returnflow backup <file> [--force] | returnflow restore <file> [--force]\n');
    return 2;
  }
  if (databaseKind(config.databaseUrl) === 'postgres') {
    process.stderr.write('DATABASE_URL names PostgreSQL: back it up with `pg_dump --format=custom` and restore with `pg_restore` (see docs/operations.md).\n');
    return 2;
  }
  const database = sqlitePathOf(config.databaseUrl);
  if (command === 'backup') {
    const summary = await backupSqlite(database, file, { force });
    process.stdout.write(`Backed up ${database} to ${describe(summary)}\n`);
  } else {
    const summary = await restoreSqlite(file, database, { force });
    process.stdout.write(`Restored ${file} into ${describe(summary)}\n`);
  }
  return 0;
}

run()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(
      `${command} failed: ${error instanceof BackupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
