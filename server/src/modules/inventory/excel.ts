/**
 * Excel (.xlsx) in and out with exceljs: one sheet per table, bilingual headers, and a
 * reader that finds columns by any of their names (中文 or English) and reports problems
 * by row number as a person sees them in Excel.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/app-error.ts';
import type { ImportRowError } from './stock-documents.schema.ts';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Largest workbook accepted for import. */
export const maxImportBytes = 10 * 1024 * 1024;
/** Most data rows an import takes. */
export const maxImportRows = 20_000;

export type SheetColumn<T> = { header: string; width?: number; value: (row: T) => string | number | null };

export type SheetSpec<T> = { name: string; columns: SheetColumn<T>[]; rows: readonly T[]; title?: string };

/** A workbook of one sheet: an optional title row, a bold header row, then the rows. */
export async function buildWorkbook<T>(spec: SheetSpec<T>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ReturnFlow 退货通';
  const sheet = workbook.addWorksheet(spec.name);
  if (spec.title) {
    sheet.addRow([spec.title]).font = { bold: true, size: 13 };
  }
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  spec.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length + 2);
  });
  for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => c.value(row)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Text of a cell whatever exceljs made of it (rich text, formula results, hyperlinks, dates). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text).trim();
    if ('error' in value) return '';
  }
  return String(value).trim();
}

function normalise(header: string): string {
  return header.toLowerCase().replace(/[\s_\-().（）:：*]/g, '');
}

export type ColumnAliases<K extends string> = Record<K, readonly string[]>;

export type ReadRow<K extends string> = { row: number; cells: Record<K, string> };

export type ReadSheetOptions<K extends string> = { columns: ColumnAliases<K>; required: readonly NoInfer<K>[] };

/**
 * Reads the first sheet: finds the header row (the first row naming every required
 * column; a header may give several names split by "/"), then every non-empty row below
 * it. 400 validation_failed when the file is not a workbook or lacks a column.
 */
export async function readSheet<K extends string>(bytes: Buffer, o: ReadSheetOptions<K>): Promise<ReadRow<K>[]> {
  if (bytes.length === 0)
    throw new AppError('validation_failed', 'Send the .xlsx file as the request body', [
      { row: null, column: null, message: 'empty body', code: 'empty_file' },
    ]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('validation_failed', 'The file is not an Excel workbook (.xlsx)', [
      { row: null, column: null, message: 'not an .xlsx workbook', code: 'not_xlsx' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', 'The workbook has no sheet', [{ row: null, column: null, message: 'no sheet', code: 'no_sheet' }]);
  const keys = Object.keys(o.columns) as K[];
  const aliasOf = new Map<string, K>();
  for (const key of keys) for (const alias of o.columns[key]) aliasOf.set(normalise(alias), key);

  let headerRow = 0;
  let positions = new Map<K, number>();
  const lastHeaderRow = Math.min(sheet.rowCount, 10);
  for (let r = 1; r <= lastHeaderRow && headerRow === 0; r++) {
    const found = new Map<K, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      for (const part of cellText(cell.value).split('/')) {
        const key = aliasOf.get(normalise(part));
        if (key && !found.has(key)) found.set(key, col);
      }
    });
    if (o.required.every((k) => found.has(k))) {
      headerRow = r;
      positions = found;
    }
  }
  if (headerRow === 0) {
    const missing = o.required.map((k) => `${k} (${o.columns[k].join(' / ')})`).join(', ');
    throw new AppError('validation_failed', `No header row with the columns ${missing}`, [
      { row: null, column: null, message: `missing columns: ${missing}`, code: 'missing_columns', params: { columns: missing } },
    ]);
  }
  if (sheet.rowCount - headerRow > maxImportRows) {
    throw new AppError('validation_failed', `At most ${maxImportRows} rows per import`, [
      { row: null, column: null, message: 'too many rows', code: 'too_many_rows', params: { max: maxImportRows } },
    ]);
  }
  const rows: ReadRow<K>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Object.fromEntries(keys.map((k) => [k, positions.has(k) ? cellText(row.getCell(positions.get(k)!).value) : ''])) as Record<K, string>;
    if (Object.values<string>(cells).every((v) => v === '')) continue;
    rows.push({ row: r, cells });
  }
  return rows;
}

type CellError = { error: string; code: string; params: Record<string, string | number> };

/** A whole number ≥ min read from a cell, or what is wrong with it (English, and a code with its params). */
export function parseWholeNumber(text: string, min: number): { value: number } | CellError {
  const trimmed = text.replace(/,/g, '').trim();
  if (trimmed === '') return { error: 'missing', code: 'missing', params: {} };
  if (!/^-?\d+(\.0+)?$/.test(trimmed)) return { error: `"${text}" is not a whole number`, code: 'not_whole_number', params: { value: text } };
  const value = Number.parseInt(trimmed, 10);
  if (value < min) return { error: `must be at least ${min}`, code: 'too_small', params: { min } };
  if (value > 1_000_000) return { error: 'must be at most 1000000', code: 'too_large', params: { max: 1_000_000 } };
  return { value };
}

/** 400 validation_failed listing every row that could not be taken; nothing was changed. */
export function importRejected(what: string, errors: ImportRowError[]): AppError {
  const shown = errors
    .slice(0, 5)
    .map((e) => `${e.row === null ? 'file' : `row ${e.row}`}${e.column ? ` ${e.column}` : ''}: ${e.message}`)
    .join('; ');
  return new AppError(
    'validation_failed',
    `${what}: ${errors.length} row(s) have problems, nothing was imported (${shown}${errors.length > 5 ? '; …' : ''})`,
    errors,
  );
}
