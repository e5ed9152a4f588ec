/**
 * Opens the database named by DATABASE_URL: `sqlite:<path>` (embedded default) or
 * `postgres://…`. Both come back as one Kysely type, with the differences ironed out:
 * PostgreSQL int8/numeric are parsed to numbers, timestamps to ISO 8601 UTC strings,
 * and SQLite write transactions start with BEGIN IMMEDIATE.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, SqliteDialect, SqliteDriver } from 'kysely';
import pg from 'pg';
import { preparedName } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseKind = 'sqlite' | 'postgres';

export type ConnectOptions = {
  url: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PostgreSQL: run the precompiled hot queries as named prepared statements (default yes; db/prepared-statements.ts). */
  prepare?: boolean;
};

/** Which database a DATABASE_URL names. */
export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:)`);
}

function toIso(value: string): string {
  // PostgreSQL prints "2026-11-27 19:36:11.691757+00"; Date parses it as
  // "2026-11-27T19:36:11.691757+00:00".
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso).toISOString();
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8
      case 1700: // numeric
        return (value: string) => Number(value);
      case 1184: // timestamptz
        return toIso;
      case 1114: // timestamp without time zone: stored as UTC
        return (value: string) => toIso(`${value}Z`);
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Take the writer lock at the start, so a read-then-write transaction can never
    // be overtaken by another writer (SQLITE_BUSY upgrades) between its read and write.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

type KyselySqliteDatabase = Pick<SqliteDatabase.Database, 'close'> & { prepare(sql: string): SqliteDatabase.Statement };

/**
 * better-sqlite3 with statements reused by their SQL text (least recently used dropped
 * past `size`). Kysely prepares every query anew, and preparing was the largest single
 * cost of a request in the benchmark's CPU profile (docs/performance.md). Reuse is safe:
 * each statement runs to completion synchronously before the next query starts.
 */
function withStatementCache(database: SqliteDatabase.Database, size = 1000): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: KyselySqliteDatabase;
  constructor(database: SqliteDatabase.Database) {
    const cached = withStatementCache(database);
    super({ database: cached });
    this.#database = cached;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a process crash; only an OS
  // crash or power loss can lose the last commits.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database), plugins: [new CamelCasePlugin()] });
}

/** A pg client that sends the marked query texts as named statements (prepared once per connection). */
class PreparingClient extends pg.Client {
  // pg's query() is a set of overloads: every form is passed through as it came.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values) && callback === undefined) {
      const name = preparedName(config);
      if (name) return super.query({ name, text: config, values });
    }
    return super.query(config, values, callback);
  }
}

function openPostgres(url: string, poolSize: number, prepare: boolean): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, ...(prepare ? { Client: PreparingClient } : {}) });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** Opens a Kysely instance for the DATABASE_URL. */
export function connectDatabase(options: ConnectOptions): Db {
  const kind = databaseKind(options.url);
  if (kind === 'postgres') return openPostgres(options.url, options.poolSize ?? 10, options.prepare ?? process.env.RETURNFLOW_PG_PREPARE !== '0');
  return openSqlite(options.url.slice('sqlite:'.length) || './data/returnflow.sqlite');
}
