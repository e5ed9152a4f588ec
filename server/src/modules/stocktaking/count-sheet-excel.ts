/** Count sheets in Excel: the blind sheet a counter fills in, and the variance report a manager reads. */
import { buildWorkbook } from '../inventory/excel.ts';
import type { CountSheetLine, StockCountView, VarianceLine } from './stocktaking.schema.ts';

/** The blind sheet: where, what, and an empty (or the counted so far) count column; no expected quantity. */
export function countSheetWorkbook(count: StockCountView, lines: readonly CountSheetLine[]): Promise<Buffer> {
  return buildWorkbook({
    name: 'Count 盘点',
    title: `盘点单 Count sheet ${count.number} · ${count.warehouseCode} · ${count.snapshotAt.slice(0, 10)}`,
    columns: [
      { header: 'Line / 行号', width: 32, value: (l) => l.lineId },
      { header: 'Location / 库位', width: 16, value: (l) => l.location },
      { header: 'SKU', width: 22, value: (l) => l.sku },
      { header: 'Barcode / 条码', width: 18, value: (l) => l.barcode },
      { header: 'Product / 商品', width: 30, value: (l) => l.productName },
      { header: 'Counted / 实盘数量', width: 18, value: (l) => l.countedQuantity },
    ],
    rows: lines,
  });
}

/** The variance report: snapshot, count, difference and its value per line. */
export function varianceWorkbook(count: StockCountView, lines: readonly VarianceLine[]): Promise<Buffer> {
  return buildWorkbook({
    name: 'Variance 差异',
    title: `盘点差异 Variance ${count.number} · ${count.status}`,
    columns: [
      { header: 'Location / 库位', width: 16, value: (l) => l.location },
      { header: 'SKU', width: 22, value: (l) => l.sku },
      { header: 'Product / 商品', width: 30, value: (l) => l.productName },
      { header: 'Expected / 账面', width: 12, value: (l) => l.expectedQuantity },
      { header: 'Counted / 实盘', width: 12, value: (l) => l.countedQuantity },
      { header: 'Variance / 差异', width: 12, value: (l) => l.variance },
      { header: 'Unit price / 单价 (fen)', width: 18, value: (l) => l.unitPrice },
      { header: 'Value / 差异金额 (fen)', width: 18, value: (l) => l.varianceValue },
      { header: 'Moved since / 盘点期间变动', width: 18, value: (l) => l.movedSinceSnapshot },
      { header: 'After posting / 过账后', width: 16, value: (l) => l.resultingOnHand },
    ],
    rows: lines,
  });
}
