/**
 * Bulk inserts for the data generator, below the HTTP API and Kysely: prepared statements
 * in large transactions on SQLite, `insert … select * from unnest($1::text[], …)` batches
 * on PostgreSQL (one parameter per column, so a batch of 5,000 rows is one statement).
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** Column kinds: text, integer (bigint on PostgreSQL), timestamp (ISO text). */
export type ColumnKind = 't' | 'i' | 'ts';
export type TableColumns = Record<string, ColumnKind>;
export type Row = Record<string, string | number | null>;

export type BulkWriter = {
  add(table: string, row: Row): Promise<void>;
  flush(): Promise<void>;
  run(statement: string): Promise<void>;
  close(): Promise<void>;
};

const batchRows = 5000;

/** A writer on SQLite (path) or PostgreSQL (URL). */
export async function openBulkWriter(url: string, tables: Record<string, TableColumns>): Promise<BulkWriter> {
  const buffers = new Map<string, Row[]>();
  if (url.startsWith('sqlite:')) {
    const db = new SqliteDatabase(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const statements = new Map<string, SqliteDatabase.Statement>();
    const statementOf = (table: string) => {
      let s = statements.get(table);
      if (!s) {
        const columns = Object.keys(tables[table] ?? {});
        s = db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
        statements.set(table, s);
      }
      return s;
    };
    const flushAll = db.transaction(() => {
      for (const table of Object.keys(tables)) {
        const rows = buffers.get(table);
        if (!rows || rows.length === 0) continue;
        const s = statementOf(table);
        for (const row of rows) s.run(row);
        buffers.set(table, []);
      }
    });
    return {
      async add(table, row) {
        const rows = buffers.get(table) ?? [];
        rows.push(row);
        buffers.set(table, rows);
        if (rows.length >= batchRows * 4) flushAll();
      },
      async flush() {
        flushAll();
      },
      async run(statement) {
        db.exec(statement);
      },
      async close() {
        flushAll();
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const flushTable = async (table: string) => {
    const rows = buffers.get(table);
    buffers.set(table, []);
    if (!rows || rows.length === 0) return;
    const columns = Object.entries(tables[table] ?? {});
    const arrays = columns.map(([name]) => rows.map((r) => r[name] ?? null));
    const casts = columns.map(([, kind], i) => `$${i + 1}::${kind === 'i' ? 'bigint' : kind === 'ts' ? 'timestamptz' : 'text'}[]`);
    await client.query(`insert into ${table} (${columns.map(([n]) => n).join(', ')}) select * from unnest(${casts.join(', ')})`, arrays);
  };
  const flushAll = async () => {
    await client.query('begin');
    for (const table of Object.keys(tables)) await flushTable(table);
    await client.query('commit');
  };
  return {
    async add(table, row) {
      const rows = buffers.get(table) ?? [];
      rows.push(row);
      buffers.set(table, rows);
      if (rows.length >= batchRows) await flushAll();
    },
    async flush() {
      await flushAll();
    },
    async run(statement) {
      await client.query(statement);
    },
    async close() {
      await flushAll();
      await client.end();
    },
  };
}
