/** Uploaded files, parsed and planned, waiting to be committed (kept in the database so any server can commit them). */
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { ImportKind, Planned } from './import-kind.ts';
import type { ImportProblem } from './import-messages.ts';

export type ImportSummary = { create: number; skip: number; created?: number; skipped?: number; failed?: number; notes?: Record<string, number> };

export type ImportBatch = {
  id: string;
  kind: ImportKind;
  platform: string | null;
  fileName: string;
  status: 'previewed' | 'committed';
  locale: string;
  rowCount: number;
  errorCount: number;
  planned: Planned<{ line: number }>[];
  problems: ImportProblem[];
  summary: ImportSummary;
  createdBy: Actor;
  createdAt: string;
  committedAt: string | null;
};

type BatchRow = {
  id: string;
  kind: string;
  platform: string | null;
  fileName: string;
  status: string;
  locale: string;
  rowCount: number;
  errorCount: number;
  records: string;
  errors: string;
  summary: string | null;
  createdByKind: string;
  createdById: string | null;
  createdAt: string;
  committedAt: string | null;
};

function toBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    platform: row.platform,
    fileName: row.fileName,
    status: row.status as ImportBatch['status'],
    locale: row.locale,
    rowCount: row.rowCount,
    errorCount: row.errorCount,
    planned: JSON.parse(row.records) as ImportBatch['planned'],
    problems: JSON.parse(row.errors) as ImportProblem[],
    summary: row.summary ? (JSON.parse(row.summary) as ImportSummary) : { create: 0, skip: 0 },
    createdBy: { kind: row.createdByKind as Actor['kind'], id: row.createdById },
    createdAt: row.createdAt,
    committedAt: row.committedAt,
  };
}

export type NewBatch = Omit<ImportBatch, 'id' | 'status' | 'committedAt' | 'createdAt' | 'errorCount'> & { now: Date };

/** Stores a previewed batch. */
export async function insertBatch(db: Db, o: NewBatch): Promise<ImportBatch> {
  const row: BatchRow = {
    id: newId('imp'),
    kind: o.kind,
    platform: o.platform,
    fileName: o.fileName,
    status: 'previewed',
    locale: o.locale,
    rowCount: o.rowCount,
    errorCount: o.problems.length,
    records: JSON.stringify(o.planned),
    errors: JSON.stringify(o.problems),
    summary: JSON.stringify(o.summary),
    createdByKind: o.createdBy.kind,
    createdById: o.createdBy.id,
    createdAt: o.now.toISOString(),
    committedAt: null,
  };
  await db.insertInto('importBatches').values(row).execute();
  return toBatch(row);
}

/** A batch by id. */
export async function findBatch(db: Db, id: string): Promise<ImportBatch | undefined> {
  const row = await db.selectFrom('importBatches').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toBatch(row) : undefined;
}

/** A batch, locked for the rest of the transaction (two commits of one batch queue here). */
export async function lockBatch(db: Db, id: string): Promise<ImportBatch | undefined> {
  let query = db.selectFrom('importBatches').selectAll().where('id', '=', id);
  if (isPostgres(db)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toBatch(row) : undefined;
}

/** Records that a batch was committed and what it did. */
export async function markCommitted(db: Db, id: string, summary: ImportSummary, now: Date): Promise<void> {
  await db
    .updateTable('importBatches')
    .set({ status: 'committed', summary: JSON.stringify(summary), committedAt: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Records new problems found when committing (the state changed since the preview). */
export async function replaceProblems(db: Db, id: string, problems: ImportProblem[]): Promise<void> {
  await db
    .updateTable('importBatches')
    .set({ errors: JSON.stringify(problems), errorCount: problems.length })
    .where('id', '=', id)
    .execute();
}

export type BatchListRow = Omit<ImportBatch, 'planned' | 'problems'>;

/** Recent batches, newest first. */
export async function listBatches(db: Db, limit: number): Promise<BatchListRow[]> {
  const rows = await db
    .selectFrom('importBatches')
    .select([
      'id',
      'kind',
      'platform',
      'fileName',
      'status',
      'locale',
      'rowCount',
      'errorCount',
      'summary',
      'createdByKind',
      'createdById',
      'createdAt',
      'committedAt',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { planned: _p, problems: _e, ...rest } = toBatch({ ...r, records: '[]', errors: '[]' });
    return rest;
  });
}
