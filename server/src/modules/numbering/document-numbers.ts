/** Human document numbers (RT-20261127-0042), from per-day counters kept in the database. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { precompiled } from '../../db/precompiled.ts';
import { compactLocalDate } from '../../lib/local-date.ts';

const takeNext = precompiled<{ name: string }, { value: number }>((db, p) =>
  db
    .insertInto('sequences')
    .values({ name: p('name'), value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`sequences.value + 1` }))
    .returning('value'),
);

/** Takes the next value of a named counter; run inside the transaction that uses it. */
export async function nextSequenceValue(db: Db, name: string): Promise<number> {
  const row = (await takeNext(db, { name })).rows[0];
  if (!row) throw new Error(`sequence ${name} returned no value`);
  return Number(row.value);
}

/** The name of the counter of a prefix on the shop's local date, e.g. RT-20261127. */
export function documentCounter(prefix: string, now: Date, timeZone: string): string {
  return `${prefix}-${compactLocalDate(now, timeZone)}`;
}

/** The next document number for a prefix on the shop's local date, e.g. RT-20261127-0042. */
export async function nextDocumentNumber(db: Db, prefix: string, now: Date, timeZone: string): Promise<string> {
  const counter = documentCounter(prefix, now, timeZone);
  const value = await nextSequenceValue(db, counter);
  return `${counter}-${String(value).padStart(4, '0')}`;
}
