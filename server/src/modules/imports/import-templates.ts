/** Downloadable templates: the columns of each import with an example row, and a sheet explaining them. */
import ExcelJS from 'exceljs';
import type { NoticeLocale } from '../notifications/notice-catalog.ts';
import { definitionOf } from './import-definitions.ts';
import type { ImportKind } from './import-kind.ts';
import type { Platform } from './kinds/after-sales-platforms.ts';

const kindNames: Record<ImportKind, { zh: string; en: string }> = {
  products: { zh: '商品', en: 'products' },
  customers: { zh: '客户', en: 'customers' },
  orders: { zh: '订单', en: 'orders' },
  stock: { zh: '期初库存', en: 'opening-stock' },
  after_sales: { zh: '售后单', en: 'after-sales' },
};

export type TemplateFile = { fileName: string; contentType: string; bytes: Buffer };

/** The template of an import kind in a language, as .xlsx or .csv (UTF-8 with BOM, so Excel reads Chinese). */
export async function buildImportTemplate(kind: ImportKind, platform: Platform | null, locale: NoticeLocale, format: 'xlsx' | 'csv'): Promise<TemplateFile> {
  const columns = definitionOf(kind, platform).columns;
  const en = locale === 'en';
  // Marketplace exports keep the platform's own (Chinese) headers.
  const header = (c: (typeof columns)[number]) => `${kind === 'after_sales' || !en ? c.zh : c.en}${c.required ? '*' : ''}`;
  const name = `${en ? kindNames[kind].en : kindNames[kind].zh}${platform && kind === 'after_sales' ? `-${platform}` : ''}-template`;
  if (format === 'csv') {
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const text = [columns.map(header), columns.map((c) => c.example ?? '')].map((r) => r.map(quote).join(',')).join('\r\n');
    return {
      fileName: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`)]),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? 'Template' : '模板', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: header(c), width: Math.max(12, header(c).length * 2 + 4), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(columns.map((c) => c.example ?? ''));
  const notes = workbook.addWorksheet(en ? 'Columns' : '说明');
  notes.columns = [
    { header: en ? 'Column' : '列名', width: 22 },
    { header: en ? 'Required' : '必填', width: 8 },
    { header: en ? 'Also accepted' : '也可使用的列名', width: 40 },
    { header: en ? 'Example' : '示例', width: 24 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns)
    notes.addRow([en ? c.en : c.zh, c.required ? (en ? 'yes' : '是') : '', [en ? c.zh : c.en, ...(c.aliases ?? [])].join(', '), c.example ?? '']);
  return {
    fileName: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
