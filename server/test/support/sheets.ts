/** Builds and reads spreadsheets in tests (exceljs) and uploads files to the import API. */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';

/** An .xlsx of rows (the first row is the header). */
export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV of rows, in UTF-8 (with BOM) or GB18030 as Chinese exports often are. */
export function csvOf(rows: (string | number | null)[][], encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  const text = `${rows.map((r) => r.map((c) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n')}\r\n`;
  if (encoding === 'utf8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  return gb18030(text);
}

/** Encodes text as GB18030 (Node decodes it but cannot encode it): via a reverse table of the characters used. */
function gb18030(text: string): Buffer {
  const bytes: number[] = [];
  const table = gbTable();
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(pair[0], pair[1]);
    }
  }
  return Buffer.from(bytes);
}

let cached: Map<string, [number, number]> | undefined;
function gbTable(): Map<string, [number, number]> {
  if (cached) return cached;
  cached = new Map();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const char = decoder.decode(Uint8Array.from([hi, lo]));
      if (char.length === 1 && char !== '\ufffd' && !cached.has(char)) cached.set(char, [hi, lo]);
    }
  }
  return cached;
}

/** The rows of the first sheet of an .xlsx, as text. */
export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(values.map((v) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** Uploads a file for preview (multipart, as a browser does). */
export async function uploadImport(
  app: FastifyInstance,
  token: string,
  o: { kind: string; platform?: string; fileName: string; bytes: Buffer; lang?: string },
) {
  const boundary = `----rf${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${o.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const query = new URLSearchParams({ kind: o.kind, ...(o.platform ? { platform: o.platform } : {}), ...(o.lang ? { lang: o.lang } : {}) });
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, o.bytes, tail]),
  });
  return { status: response.statusCode, body: JSON.parse(response.body) };
}
