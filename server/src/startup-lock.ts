/**
 * Several servers started together on one PostgreSQL would otherwise race to migrate and
 * to seed the defaults (locations, policy v1, the first admin). They take turns under a
 * session advisory lock; the second finds everything done. SQLite needs no lock: one
 * process owns the file, and its writes are serialised anyway.
 */
import { sql } from 'kysely';
import type { Db } from './db/connect.ts';
import { isPostgres } from './db/dialect.ts';

/** An arbitrary constant naming ReturnFlow's start-up lock among the database's advisory locks. */
const startupLockKey = 7_264_118_501;

/** Runs `start` while holding the start-up lock (PostgreSQL), or just runs it (SQLite). */
export async function withStartupLock<T>(db: Db, start: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return start();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${startupLockKey})`.execute(connection);
    try {
      return await start();
    } finally {
      await sql`select pg_advisory_unlock(${startupLockKey})`.execute(connection);
    }
  });
}
