/** Response schemas of the imports API (shared with the console's import wizard). */
import { z } from 'zod';
import { importKinds } from './import-kind.ts';

export const ImportSummaryView = z.object({
  create: z.number().int(),
  skip: z.number().int(),
  created: z.number().int().optional(),
  skipped: z.number().int().optional(),
  failed: z.number().int().optional(),
  notes: z.record(z.string(), z.number().int()).optional(),
});
export type ImportSummaryView = z.infer<typeof ImportSummaryView>;

export const ImportBatchRowView = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  platform: z.string().nullable(),
  fileName: z.string(),
  status: z.enum(['previewed', 'committed']),
  rowCount: z.number().int(),
  errorCount: z.number().int(),
  summary: ImportSummaryView,
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportBatchRowView = z.infer<typeof ImportBatchRowView>;

export const ImportProblemView = z.object({ row: z.number().int().nullable(), column: z.string().nullable(), code: z.string(), message: z.string() });
export type ImportProblemView = z.infer<typeof ImportProblemView>;

export const ImportBatchView = ImportBatchRowView.extend({
  canCommit: z.boolean(),
  errors: z.array(ImportProblemView).describe('Row-by-row problems (the first 500; all of them in the downloadable report)'),
  preview: z.array(
    z.object({ row: z.number().int(), action: z.enum(['create', 'skip']), note: z.string().nullable(), record: z.record(z.string(), z.unknown()) }),
  ),
});
export type ImportBatchView = z.infer<typeof ImportBatchView>;

export const ImportColumnView = z.object({
  key: z.string(),
  header: z.string().describe('The header in the reader’s language, as in the template'),
  required: z.boolean(),
  example: z.string().nullable(),
  aliases: z.array(z.string()).describe('Other headers read as this column (the other language, marketplace names)'),
});
export type ImportColumnView = z.infer<typeof ImportColumnView>;
