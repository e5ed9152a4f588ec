/** What every kind of import provides: its columns, how rows become records, and what already exists. */
import type { Db } from '../../db/connect.ts';
import type { Column, RowReader } from './columns.ts';
import type { ImportProblem } from './import-messages.ts';

export const importKinds = ['products', 'customers', 'orders', 'stock', 'after_sales'] as const;
export type ImportKind = (typeof importKinds)[number];

/** A record and what committing will do with it. */
export type Planned<R> = { record: R; action: 'create' | 'skip'; note?: string };

export type KindDefinition<R extends { line: number }> = {
  kind: ImportKind;
  columns: readonly Column[];
  /** Turns rows into records; problems are left on the readers or returned. */
  parse(rows: RowReader[]): { records: R[]; problems: ImportProblem[] };
  /** Checks records against the database: what exists is skipped, what cannot be resolved is a problem. */
  plan(db: Db, records: R[]): Promise<{ planned: Planned<R>[]; problems: ImportProblem[] }>;
};

/** The first row on which each key appears, and a problem for each later row with the same key. */
export function findDuplicates<R extends { line: number }>(records: readonly R[], keyOf: (r: R) => string | null, columnKey: string): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const record of records) {
    const key = keyOf(record);
    if (!key) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, record.line);
    else problems.push({ row: record.line, column: null, key: columnKey, code: 'duplicate_in_file', params: { value: key, first: seen } });
  }
  return problems;
}
