/**
 * Spreadsheets the console downloads: a header row in the reader's language, money in
 * yuan with two decimals, times in the shop's time zone (Beijing by default), frozen
 * header, filters on.
 */
import ExcelJS from 'exceljs';
import type { NoticeLocale } from '../notifications/notice-catalog.ts';

export type SheetColumn<T> = {
  zh: string;
  en: string;
  width?: number;
  kind?: 'text' | 'money' | 'integer' | 'datetime';
  value: (row: T) => string | number | null;
};

const shopOffsetMs = 8 * 3_600_000;

function cellValue(kind: SheetColumn<unknown>['kind'], value: string | number | null): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'money') return Number(value) / 100;
  if (kind === 'datetime' && typeof value === 'string') {
    // Excel dates have no zone: write the wall-clock time in Beijing.
    return new Date(Date.parse(value) + shopOffsetMs);
  }
  return value;
}

export type SheetSpec<T> = { name: { zh: string; en: string }; columns: SheetColumn<T>[]; rows: readonly T[] };

/** An .xlsx file of one sheet. */
export async function buildWorkbook<T>(spec: SheetSpec<T>, locale: NoticeLocale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ReturnFlow';
  const sheet = workbook.addWorksheet(spec.name[locale === 'en' ? 'en' : 'zh'], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: locale === 'en' ? c.en : c.zh,
    width: c.width ?? 16,
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => cellValue(c.kind, c.value(row))));
  if (spec.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
