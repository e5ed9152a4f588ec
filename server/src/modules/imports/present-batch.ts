/** A batch as the API shows it: counts, the first records, and every problem in words of the reader's language. */
import type { NoticeLocale } from '../notifications/notice-catalog.ts';
import type { BatchListRow, ImportBatch } from './import-batches.repository.ts';
import { definitionOf } from './import-definitions.ts';
import { type ImportProblem, problemMessage } from './import-messages.ts';
import type { Platform } from './kinds/after-sales-platforms.ts';

export type ProblemView = { row: number | null; column: string | null; code: string; message: string };

/** Problems in a language; a column known only by key is named in that language. */
export function presentProblems(batch: Pick<ImportBatch, 'kind' | 'platform'>, problems: readonly ImportProblem[], locale: NoticeLocale): ProblemView[] {
  const columns = definitionOf(batch.kind, batch.platform as Platform | null).columns;
  return problems.map((p) => {
    const column = p.column ?? (p.key ? (locale === 'en' ? columns.find((c) => c.key === p.key)?.en : columns.find((c) => c.key === p.key)?.zh) : null) ?? null;
    const named = { ...p, column };
    return { row: p.row, column, code: p.code, message: problemMessage(named, locale) };
  });
}

/** The view of a batch; at most `problemLimit` problems listed (all are in the downloadable report). */
export function presentBatch(batch: ImportBatch, locale: NoticeLocale, o: { previewRows?: number; problemLimit?: number } = {}) {
  const { planned: _planned, problems: _problems, ...rest } = batch;
  return {
    ...presentBatchRow(rest),
    canCommit: batch.status === 'previewed' && batch.errorCount === 0,
    errors: presentProblems(batch, batch.problems.slice(0, o.problemLimit ?? 500), locale),
    preview: batch.planned
      .slice(0, o.previewRows ?? 20)
      .map((p) => ({ row: p.record.line, action: p.action, note: p.note ?? null, record: p.record as Record<string, unknown> })),
  };
}

/** A batch in a list. */
export function presentBatchRow(batch: BatchListRow) {
  return {
    id: batch.id,
    kind: batch.kind,
    platform: batch.platform,
    fileName: batch.fileName,
    status: batch.status,
    rowCount: batch.rowCount,
    errorCount: batch.errorCount,
    summary: batch.summary,
    createdAt: batch.createdAt,
    committedAt: batch.committedAt,
  };
}
