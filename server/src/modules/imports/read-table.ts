/**
 * Reads an uploaded sheet into a header row and text cells: .xlsx (the first worksheet)
 * or .csv in UTF-8 (with or without BOM) or GB18030/GBK, as Chinese shop exports often
 * are; comma or tab separated; the `="0123"` cells marketplaces write to keep leading
 * zeros are unwrapped.
 */
import ExcelJS from 'exceljs';

export type Table = { headers: string[]; rows: { line: number; cells: string[] }[] };

export type FileFormat = 'xlsx' | 'csv';

/** The format of a file from its first bytes (an .xlsx is a zip) and name. */
export function detectFormat(bytes: Buffer, fileName: string): FileFormat {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

/** Text of a CSV file: UTF-8 when it decodes cleanly, GB18030 (a superset of GBK) otherwise. */
export function decodeText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** Splits CSV text into records (RFC 4180 quoting; CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.length === 0) quoted = true;
    else if (c === '"' && field === '=') {
      // ="0123": a spreadsheet formula marketplaces use to keep text as text.
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel dates carry no time zone: keep the wall-clock time the shop typed.
  if (value instanceof Date)
    return value
      .toISOString()
      .replace('T', ' ')
      .replace(/(\.\d+)?Z$/, '')
      .replace(/ 00:00:00$/, '');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(records, (r) => r ?? []);
}

/** Reads a file into a table: the first non-empty row is the header; empty rows are dropped. */
export async function readTable(bytes: Buffer, format: FileFormat): Promise<Table> {
  const records = format === 'xlsx' ? await readXlsx(bytes) : parseCsv(decodeText(bytes));
  const clean = records.map((r) => r.map((c) => c.replace(/^\uFEFF/, '').trim()));
  const headerIndex = clean.findIndex((r) => r.some((c) => c !== ''));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = clean[headerIndex] as string[];
  const rows = clean
    .map((cells, index) => ({ line: index + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers, rows };
}
