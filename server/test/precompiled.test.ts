/**
 * Precompiled queries (db/precompiled.ts) run a query compiled once with new arguments:
 * named arguments, the fixed values the query was built with, and a multi-row insert's
 * rows taken as they are (`row(name, i, column)`), on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiled } from '../src/db/precompiled.ts';
import { createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

type Counter = { name: string; value: number };

// Two rows from a list argument, one with a value fixed when the query was built.
const insertCounters = precompiled<{ rows: Counter[] }, never>((db, _param, shape, row) =>
  db
    .insertInto('sequences')
    .values([
      ...Array.from({ length: Number(shape) }, (_, i) => ({ name: row('rows', i, 'name') as string, value: row('rows', i, 'value') as number })),
      { name: `fixed-${shape}`, value: 7 },
    ]),
);

const countersLike = precompiled<{ prefix: string; atLeast: number }, Counter>((db, param) =>
  db.selectFrom('sequences').select(['name', 'value']).where('name', 'like', param('prefix')).where('value', '>=', param('atLeast')).orderBy('name'),
);

describe.each(testDatabases)('precompiled queries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes the rows of a list argument, each column from its own row', async () => {
    await insertCounters(
      t.db,
      {
        rows: [
          { name: 'pc-a', value: 1 },
          { name: 'pc-b', value: 2 },
        ],
      },
      '2',
    );
    await insertCounters(
      t.db,
      {
        rows: [
          { name: 'pc-c', value: 3 },
          { name: 'pc-d', value: 4 },
          { name: 'pc-e', value: 5 },
        ],
      },
      '3',
    );
    const rows = await t.db.selectFrom('sequences').select(['name', 'value']).where('name', 'like', 'pc-%').orderBy('name').execute();
    expect(rows).toEqual([
      { name: 'pc-a', value: 1 },
      { name: 'pc-b', value: 2 },
      { name: 'pc-c', value: 3 },
      { name: 'pc-d', value: 4 },
      { name: 'pc-e', value: 5 },
    ]);
    const fixed = await t.db.selectFrom('sequences').select(['name', 'value']).where('name', 'like', 'fixed-%').orderBy('name').execute();
    expect(fixed).toEqual([
      { name: 'fixed-2', value: 7 },
      { name: 'fixed-3', value: 7 },
    ]);
  });

  it('runs a compiled query again with new named arguments', async () => {
    await t.db
      .insertInto('sequences')
      .values([
        { name: 'nm-a', value: 10 },
        { name: 'nm-b', value: 20 },
      ])
      .execute();
    expect((await countersLike(t.db, { prefix: 'nm-%', atLeast: 15 })).rows).toEqual([{ name: 'nm-b', value: 20 }]);
    expect((await countersLike(t.db, { prefix: 'nm-%', atLeast: 0 })).rows).toEqual([
      { name: 'nm-a', value: 10 },
      { name: 'nm-b', value: 20 },
    ]);
  });
});
