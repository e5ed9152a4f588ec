/** Reads an uploaded file, checks every row, and stores what committing it would do. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import type { NoticeLocale } from '../notifications/notice-catalog.ts';
import { readRows } from './columns.ts';
import { type ImportBatch, type ImportSummary, insertBatch } from './import-batches.repository.ts';
import { definitionOf } from './import-definitions.ts';
import type { ImportKind, Planned } from './import-kind.ts';
import type { ImportProblem } from './import-messages.ts';
import type { Platform } from './kinds/after-sales-platforms.ts';
import { detectFormat, readTable } from './read-table.ts';

export const maxImportRows = 20_000;

/** What committing would do, counted. */
export function summarize(planned: readonly Planned<{ line: number }>[]): ImportSummary {
  const notes: Record<string, number> = {};
  for (const p of planned) if (p.note) notes[p.note] = (notes[p.note] ?? 0) + 1;
  return { create: planned.filter((p) => p.action === 'create').length, skip: planned.filter((p) => p.action === 'skip').length, notes };
}

/** Checks rows against the definition and the database; problems sorted by row. */
export async function planRows(db: Db, kind: ImportKind, platform: Platform | null, table: Awaited<ReturnType<typeof readTable>>) {
  const definition = definitionOf(kind, platform);
  if (table.rows.length > maxImportRows) {
    return { planned: [], problems: [{ row: null, column: null, code: 'too_many_rows', params: { max: maxImportRows } }] as ImportProblem[] };
  }
  const { rows, problems } = readRows(table, definition.columns);
  const parsed = definition.parse(rows);
  const planned = await definition.plan(db, parsed.records);
  const all = [...problems, ...rows.flatMap((r) => r.problems), ...parsed.problems, ...planned.problems];
  all.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { planned: planned.planned, problems: all };
}

export type PreviewOptions = {
  kind: ImportKind;
  platform: Platform | null;
  fileName: string;
  bytes: Buffer;
  locale: NoticeLocale;
  actor: Actor;
  now: Date;
};

/** Previews an import: nothing changes but the stored batch. */
export async function previewImport(db: Db, o: PreviewOptions): Promise<ImportBatch> {
  const table = await readTable(o.bytes, detectFormat(o.bytes, o.fileName));
  const { planned, problems } = await planRows(db, o.kind, o.platform, table);
  return insertBatch(db, {
    kind: o.kind,
    platform: o.platform,
    fileName: o.fileName,
    locale: o.locale,
    rowCount: table.rows.length,
    planned,
    problems,
    summary: summarize(planned),
    createdBy: o.actor,
    now: o.now,
  });
}
