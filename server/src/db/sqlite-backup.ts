/**
 * Backup and restore of a SQLite database with SQLite's online backup API (through
 * better-sqlite3): a backup is a consistent copy of one moment even while a server keeps
 * writing, and a backup file is a whole, self-contained database (no -wal beside it).
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/** Tables whose row counts a backup and a restore report. */
export const summaryTables = [
  'users',
  'customers',
  'products',
  'orders',
  'returns',
  'return_lines',
  'refunds',
  'stock_movements',
  'outbox_events',
  'webhooks',
] as const;

export type DatabaseSummary = { path: string; bytes: number; rows: Record<string, number> };

export class BackupError extends Error {}

/** Pages per backup step: more than any database has. */
const allPages = 2 ** 31 - 1;

/** The file path of a `sqlite:<path>` DATABASE_URL. */
export function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.slice('sqlite:'.length) || './data/returnflow.sqlite';
  if (path === ':memory:') throw new BackupError('An in-memory database cannot be backed up or restored');
  return path;
}

function temporaryPathBeside(path: string): string {
  return join(dirname(path), `.${path.split('/').pop() ?? 'returnflow'}.partial-${process.pid}-${Date.now()}`);
}

function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** Checks that a file is a sound ReturnFlow database and counts its rows. */
export function inspectDatabase(path: string): DatabaseSummary {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
  const db = new SqliteDatabase(path, { fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${path} is damaged: ${String(check)}`);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('kysely_migration') || !tables.has('returns')) throw new BackupError(`${path} is not a ReturnFlow database`);
    const rows: Record<string, number> = {};
    for (const table of summaryTables) {
      if (tables.has(table)) rows[table] = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    return { path, bytes: statSync(path).size, rows };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${path} cannot be read as a database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/** Sets a file's journal mode and closes it cleanly (which folds any -wal back into the file). */
function setJournalMode(path: string, mode: 'delete' | 'wal'): void {
  const db = new SqliteDatabase(path, { fileMustExist: true });
  try {
    db.pragma(`journal_mode = ${mode}`);
  } finally {
    db.close();
  }
}

export type CopyOptions = { force?: boolean };

/**
 * Copies the live database at `sourcePath` to `targetPath`, safely while servers write
 * to it. The copy is written beside the target and renamed into place when complete.
 */
export async function backupSqlite(sourcePath: string, targetPath: string, options: CopyOptions = {}): Promise<DatabaseSummary> {
  if (!existsSync(sourcePath)) throw new BackupError(`There is no database at ${sourcePath}`);
  if (existsSync(targetPath) && !options.force) throw new BackupError(`${targetPath} exists; choose another name or pass --force`);
  const partial = temporaryPathBeside(targetPath);
  const source = new SqliteDatabase(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All pages in one step, under one read transaction: copied a few pages at a time, a
    // backup restarts whenever a server commits meanwhile and may never finish under load.
    await source.backup(partial, { progress: () => allPages });
  } finally {
    source.close();
  }
  try {
    setJournalMode(partial, 'delete');
    const summary = inspectDatabase(partial);
    renameSync(partial, targetPath);
    return { ...summary, path: targetPath };
  } catch (error) {
    rmSync(partial, { force: true });
    removeSidecars(partial);
    throw error;
  }
}

/**
 * Replaces the database at `targetPath` with the backup at `backupPath`. Stop every
 * server using the target first: an open server would keep the old file. An existing
 * target is replaced only with `force`.
 */
export async function restoreSqlite(backupPath: string, targetPath: string, options: CopyOptions = {}): Promise<DatabaseSummary> {
  inspectDatabase(backupPath);
  if (existsSync(targetPath) && !options.force) {
    throw new BackupError(`${targetPath} exists; stop the servers using it, then restore with --force to replace it`);
  }
  const partial = temporaryPathBeside(targetPath);
  const backup = new SqliteDatabase(backupPath, { fileMustExist: true, readonly: true });
  try {
    await backup.backup(partial, { progress: () => allPages });
  } finally {
    backup.close();
  }
  try {
    setJournalMode(partial, 'wal');
    inspectDatabase(partial);
    // A -wal left by the old database would be replayed into the new file: remove it first.
    removeSidecars(targetPath);
    renameSync(partial, targetPath);
    removeSidecars(partial);
    return inspectDatabase(targetPath);
  } catch (error) {
    rmSync(partial, { force: true });
    removeSidecars(partial);
    throw error;
  }
}
