/** Opening stock from a sheet: rows grouped by document number; a document imported before is skipped. */
import type { Db } from '../../../db/connect.ts';
import { listLocations } from '../../inventory/locations.repository.ts';
import type { Column } from '../columns.ts';
import type { KindDefinition } from '../import-kind.ts';
import type { ImportProblem } from '../import-messages.ts';
import { importedDocuments, productIdsBySku } from '../lookups.repository.ts';

export type StockRecord = { line: number; document: string; items: { line: number; sku: string; location: string; quantity: number; note: string | null }[] };

const columns: Column[] = [
  { key: 'document', zh: '单据号', en: 'Document number', aliases: ['单号', '盘点单号', '期初单号'], required: true, example: 'QC-2026-001' },
  { key: 'sku', zh: '商品编码', en: 'SKU', aliases: ['商家编码', 'SKU编码', '货号'], required: true, example: 'TS-001-WHITE-M' },
  { key: 'location', zh: '库位', en: 'Location', aliases: ['库位编码', '仓位'], required: true, example: 'MAIN' },
  { key: 'quantity', zh: '数量', en: 'Quantity', aliases: ['期初数量', '库存数量'], required: true, example: '100' },
  { key: 'note', zh: '备注', en: 'Note', example: '期初库存' },
];

export const stockDocumentKind = 'stock';

export const stockImport: KindDefinition<StockRecord> = {
  kind: 'stock',
  columns,
  parse(rows) {
    const byDocument = new Map<string, StockRecord>();
    for (const row of rows) {
      const document = row.text('document', { required: true, max: 64 });
      const sku = row.text('sku', { required: true, max: 64 });
      const location = row.text('location', { required: true, max: 40 });
      const quantity = row.quantity('quantity', { required: true });
      const note = row.text('note', { max: 200 });
      if (!document || !sku || !location || quantity === null) continue;
      let record = byDocument.get(document);
      if (!record) {
        record = { line: row.line, document, items: [] };
        byDocument.set(document, record);
      }
      record.items.push({ line: row.line, sku, location: location.toUpperCase(), quantity, note });
    }
    return { records: [...byDocument.values()], problems: [] };
  },
  async plan(db: Db, records) {
    const done = await importedDocuments(
      db,
      stockDocumentKind,
      records.map((r) => r.document),
    );
    const products = await productIdsBySku(
      db,
      records.flatMap((r) => r.items.map((i) => i.sku)),
    );
    const locations = new Set((await listLocations(db)).map((l) => l.code));
    const problems: ImportProblem[] = [];
    for (const record of records) {
      if (done.has(record.document)) continue;
      for (const item of record.items) {
        if (!products.has(item.sku)) problems.push({ row: item.line, column: null, key: 'sku', code: 'unknown_sku', params: { value: item.sku } });
        if (!locations.has(item.location))
          problems.push({ row: item.line, column: null, key: 'location', code: 'unknown_location', params: { value: item.location } });
      }
    }
    return {
      planned: records.map((record) => (done.has(record.document) ? { record, action: 'skip', note: 'imported' } : { record, action: 'create' })),
      problems,
    };
  },
};
