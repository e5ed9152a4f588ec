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

type Template = { query: CompiledQuery; names: (string | undefined)[] };

/**
 * `build` writes the query once with `param(name)` where each argument goes; the result
 * runs it on a database or transaction with the arguments. Only values may vary: the
 * query's shape (columns, how many rows or list items) must be the same on every call;
 * `shape` names a variant when it is not (e.g. the number of rows inserted).
 */
export function precompiled<A extends Record<string, unknown>, R>(
  build: (db: Db, param: <K extends keyof A & string>(name: K) => A[K], shape: string) => Compilable<R>,
): (db: Db, args: A, shape?: string) => Promise<QueryResult<R>> {
  const templates = new Map<string, Template>();
  return (db, args, shape = '') => {
    const key = `${isPostgres(db) ? 'postgres' : 'sqlite'}:${shape}`;
    let template = templates.get(key);
    if (!template) {
      const query = build(db, (name) => `${marker}${name}` as never, shape).compile();
      const names = query.parameters.map((v) => (typeof v === 'string' && v.startsWith(marker) ? v.slice(marker.length) : undefined));
      template = { query, names };
      templates.set(key, template);
      // On PostgreSQL each connection prepares it once (db/prepared-statements.ts).
      if (isPostgres(db)) markPrepared(query.sql);
    }
    const { query, names } = template;
    const parameters = names.map((name, i) => (name === undefined ? query.parameters[i] : args[name]));
    return db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
  };
}
