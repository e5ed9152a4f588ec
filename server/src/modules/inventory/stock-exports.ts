/** Stock levels and the ledger as Excel workbooks. */
import type { Db } from '../../db/connect.ts';
import { buildWorkbook } from './excel.ts';

/** Rows an export holds at most. */
export const maxExportRows = 100_000;

export type LevelsExportOptions = { warehouseId?: string; location?: string; sku?: string };

/**
 * Levels (non-zero) by SKU and location with their value at product price. The sheet
 * reads back as an opening-stock import (SKU, Location, On hand).
 */
export async function exportLevels(db: Db, o: LevelsExportOptions): Promise<Buffer> {
  let query = db
    .selectFrom('stockLevels as s')
    .innerJoin('products as p', 'p.id', 's.productId')
    .innerJoin('locations as l', 'l.id', 's.locationId')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouseId')
    .select(['p.sku', 'p.name', 'p.category', 'p.barcode', 'w.code as warehouse', 'l.code as location', 'l.kind', 's.onHand', 'p.price'])
    .where('s.onHand', '!=', 0)
    .orderBy('p.sku')
    .orderBy('l.code')
    .limit(maxExportRows);
  if (o.warehouseId) query = query.where('l.warehouseId', '=', o.warehouseId);
  if (o.location) query = query.where('l.code', '=', o.location);
  if (o.sku) query = query.where('p.sku', '=', o.sku);
  const rows = (await query.execute()).map((r) => ({ ...r, onHand: Number(r.onHand), price: Number(r.price) }));
  return buildWorkbook({
    name: 'Levels 库存',
    columns: [
      { header: 'SKU', width: 22, value: (r) => r.sku },
      { header: 'Product / 商品', width: 30, value: (r) => r.name },
      { header: 'Category / 类别', width: 14, value: (r) => r.category },
      { header: 'Barcode / 条码', width: 18, value: (r) => r.barcode },
      { header: 'Warehouse / 仓库', width: 12, value: (r) => r.warehouse },
      { header: 'Location / 库位', width: 16, value: (r) => r.location },
      { header: 'Kind / 类型', width: 12, value: (r) => r.kind },
      { header: 'On hand / 在库', width: 12, value: (r) => r.onHand },
      { header: 'Price / 单价 (fen)', width: 16, value: (r) => r.price },
      { header: 'Value / 金额 (fen)', width: 16, value: (r) => r.price * r.onHand },
    ],
    rows,
  });
}

export type LedgerExportOptions = { sku?: string; location?: string; since?: string; until?: string };

/** The ledger, oldest first, with who posted each line. */
export async function exportLedger(db: Db, o: LedgerExportOptions): Promise<Buffer> {
  let query = db
    .selectFrom('stockMovements as m')
    .innerJoin('products as p', 'p.id', 'm.productId')
    .leftJoin('locations as f', 'f.id', 'm.fromLocationId')
    .leftJoin('locations as t', 't.id', 'm.toLocationId')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'm.actorId').on('m.actorKind', '=', 'user'))
    .select([
      'm.id',
      'm.createdAt',
      'p.sku',
      'p.name',
      'f.code as fromLocation',
      't.code as toLocation',
      'm.quantity',
      'm.type',
      'm.sourceType',
      'm.sourceId',
      'm.reason',
      'm.lot',
      'm.actorKind',
      'u.name as actorName',
    ])
    .orderBy('m.id')
    .limit(maxExportRows);
  if (o.sku) query = query.where('p.sku', '=', o.sku);
  if (o.location) {
    const code = o.location;
    query = query.where((eb) => eb.or([eb('f.code', '=', code), eb('t.code', '=', code)]));
  }
  if (o.since) query = query.where('m.createdAt', '>=', o.since);
  if (o.until) query = query.where('m.createdAt', '<', o.until);
  const rows = (await query.execute()).map((r) => ({ ...r, quantity: Number(r.quantity) }));
  return buildWorkbook({
    name: 'Ledger 台账',
    columns: [
      { header: 'Time / 时间 (UTC)', width: 24, value: (r) => r.createdAt },
      { header: 'SKU', width: 22, value: (r) => r.sku },
      { header: 'Product / 商品', width: 28, value: (r) => r.name },
      { header: 'From / 从', width: 14, value: (r) => r.fromLocation },
      { header: 'To / 到', width: 14, value: (r) => r.toLocation },
      { header: 'Quantity / 数量', width: 12, value: (r) => r.quantity },
      { header: 'Type / 类型', width: 20, value: (r) => r.type },
      { header: 'Source / 来源', width: 16, value: (r) => r.sourceType },
      { header: 'Source id / 单据', width: 32, value: (r) => r.sourceId },
      { header: 'Reason / 原因', width: 24, value: (r) => r.reason },
      { header: 'Lot / 批次', width: 16, value: (r) => r.lot },
      { header: 'By / 操作人', width: 16, value: (r) => r.actorName ?? r.actorKind },
      { header: 'Movement id', width: 32, value: (r) => r.id },
    ],
    rows,
  });
}
