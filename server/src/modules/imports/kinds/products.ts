/** Products from a sheet: SKU is the document number (an existing SKU is left as it is). */
import type { Db } from '../../../db/connect.ts';
import type { Column } from '../columns.ts';
import { findDuplicates, type KindDefinition } from '../import-kind.ts';
import { productIdsBySku } from '../lookups.repository.ts';

export type ProductRecord = {
  line: number;
  sku: string;
  name: string;
  category: string;
  price: number;
  returnable: boolean;
  barcode: string | null;
  variantLabel: string | null;
};

const columns: Column[] = [
  { key: 'sku', zh: '商品编码', en: 'SKU', aliases: ['商家编码', 'SKU编码', '货号'], required: true, example: 'TS-001-WHITE-M' },
  { key: 'name', zh: '商品名称', en: 'Name', aliases: ['名称', '品名'], required: true, example: '纯棉T恤 白色 M' },
  { key: 'category', zh: '分类', en: 'Category', aliases: ['商品分类', '类目'], required: true, example: '服装' },
  { key: 'price', zh: '售价(元)', en: 'Price (yuan)', aliases: ['售价', '价格', '单价'], required: true, example: '99.00' },
  { key: 'returnable', zh: '可退货', en: 'Returnable', aliases: ['是否可退'], example: '是' },
  { key: 'barcode', zh: '条形码', en: 'Barcode', aliases: ['条码'], example: '6901234567890' },
  { key: 'variantLabel', zh: '规格', en: 'Variant', aliases: ['规格型号', '颜色尺码'], example: '白色 M' },
];

export const productImport: KindDefinition<ProductRecord> = {
  kind: 'products',
  columns,
  parse(rows) {
    const records: ProductRecord[] = [];
    for (const row of rows) {
      const sku = row.text('sku', { required: true, max: 64 });
      const name = row.text('name', { required: true, max: 200 });
      const category = row.text('category', { required: true, max: 60 });
      const price = row.money('price', { required: true });
      const returnable = row.boolean('returnable', true);
      const barcode = row.text('barcode', { max: 64 });
      const variantLabel = row.text('variantLabel', { max: 100 });
      if (sku && name && category && price !== null) records.push({ line: row.line, sku, name, category, price, returnable, barcode, variantLabel });
    }
    return { records, problems: findDuplicates(records, (r) => r.sku, 'sku') };
  },
  async plan(db: Db, records) {
    const existing = await productIdsBySku(
      db,
      records.map((r) => r.sku),
    );
    return {
      planned: records.map((record) => (existing.has(record.sku) ? { record, action: 'skip', note: 'exists' } : { record, action: 'create' })),
      problems: [],
    };
  },
};
