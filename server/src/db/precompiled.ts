/**
 * Hot queries built and compiled once per database kind, then run with new parameter
 * values. Kysely otherwise builds the query tree, rewrites it for the camel-case plugin
 * and compiles it to SQL on every call: about a sixth of the server's CPU on return
 * creation in the benchmark's profile (docs/performance.md). Rows still come back
 * through the plugins, so results look exactly like those of the built query.
 */
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './connect.ts';
import { isPostgres } from './dialect.ts';
import { markPrepared } from './prepared-statements.ts';

/** A parameter value no caller sends: marks where a named argument goes. */
const marker = '\u0000returnflow-parameter:';

/** Where each parameter's value comes from: a fixed value of the query, an argument, or a column of a row of a list argument. */
type Source = { kind: 'fixed' } | { kind: 'arg'; name: string } | { kind: 'row'; name: string; row: number; column: string };

type Template = { query: CompiledQuery; sources: Source[] };

/** Names the value of `column` in row `row` of the list argument `name` (a multi-row insert's values). */
export type RowParam<A> = <K extends keyof A & string>(name: K, row: number, column: string) => unknown;

const rowSeparator = '\u0001';

function sourceOf(value: unknown): Source {
  if (typeof value !== 'string' || !value.startsWith(marker)) return { kind: 'fixed' };
  const [name = '', row, column] = value.slice(marker.length).split(rowSeparator);
  return row === undefined || column === undefined ? { kind: 'arg', name } : { kind: 'row', name, row: Number(row), column };
}

function parameterValue(source: Source, fixed: unknown, args: Record<string, unknown>): unknown {
  switch (source.kind) {
    case 'fixed':
      return fixed;
    case 'arg':
      return args[source.name];
    case 'row':
      return (args[source.name] as readonly Record<string, unknown>[])[source.row]?.[source.column];
  }
}

/**
 * `build` writes the query once with `param(name)` where each argument goes; the result
 * runs it on a database or transaction with the arguments. Only values may vary: the
 * query's shape (columns, how many rows or list items) must be the same on every call;
 * `shape` names a variant when it is not (e.g. the number of rows inserted). `row(name, i,
 * column)` stands for a column of the i-th row of a list argument: a multi-row insert takes
 * its rows as they are, without a named argument per row and column (building those names
 * was ~5% of the notice fan-out; docs/performance.md).
 */
export function precompiled<A extends Record<string, unknown>, R>(
  build: (db: Db, param: <K extends keyof A & string>(name: K) => A[K], shape: string, row: RowParam<A>) => Compilable<R>,
): (db: Db, args: A, shape?: string) => Promise<QueryResult<R>> {
  // Per database kind, by shape: every hot query passes here (a dozen times per return
  // created), so the lookup builds no key.
  const templates = { sqlite: new Map<string, Template>(), postgres: new Map<string, Template>() };
  return (db, args, shape = '') => {
    const postgres = isPostgres(db);
    const byShape = postgres ? templates.postgres : templates.sqlite;
    let template = byShape.get(shape);
    if (!template) {
      const query = build(
        db,
        (name) => `${marker}${name}` as never,
        shape,
        (name, row, column) => `${marker}${name}${rowSeparator}${row}${rowSeparator}${column}`,
      ).compile();
      template = { query, sources: query.parameters.map(sourceOf) };
      byShape.set(shape, template);
      // On PostgreSQL each connection prepares it once (db/prepared-statements.ts).
      if (postgres) markPrepared(query.sql);
    }
    const { query, sources } = template;
    const parameters: unknown[] = new Array(sources.length);
    for (let i = 0; i < sources.length; i++) parameters[i] = parameterValue(sources[i] as Source, query.parameters[i], args);
    return db.executeQuery<R>({ query: query.query, queryId: query.queryId, sql: query.sql, parameters } as CompiledQuery<R>);
  };
}
