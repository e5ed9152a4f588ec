/** Products as stock sees them: SKU, barcode, price, lot or serial tracking, supplier. */
import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../lib/app-error.ts';

export type Tracking = 'none' | 'lot' | 'serial';

export type StockProduct = {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  barcode: string | null;
  tracking: Tracking;
  supplierId: string | null;
};

const columns = ['id', 'sku', 'name', 'category', 'price', 'barcode', 'tracking', 'supplierId'] as const;

type Row = Omit<StockProduct, 'tracking'> & { tracking: string };

function toStockProduct(row: Row): StockProduct {
  return { ...row, price: Number(row.price), tracking: (['lot', 'serial'].includes(row.tracking) ? row.tracking : 'none') as Tracking };
}

/** Products by SKU; unknown SKUs are absent from the map. */
export async function findStockProductsBySkus(db: Db, skus: readonly string[]): Promise<Map<string, StockProduct>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(columns)
    .where('sku', 'in', [...new Set(skus)])
    .execute();
  return new Map(rows.map((r) => [r.sku, toStockProduct(r)]));
}

/** Products by id. */
export async function findStockProductsByIds(db: Db, ids: readonly string[]): Promise<Map<string, StockProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('products')
    .select(columns)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toStockProduct(r)]));
}

/** The product a scanned code names: its barcode first, then its SKU. */
export async function findProductByCode(db: Db, code: string): Promise<StockProduct | undefined> {
  const byBarcode = await db.selectFrom('products').select(columns).where('barcode', '=', code).orderBy('sku').executeTakeFirst();
  if (byBarcode) return toStockProduct(byBarcode);
  const bySku = await db.selectFrom('products').select(columns).where('sku', '=', code).executeTakeFirst();
  return bySku ? toStockProduct(bySku) : undefined;
}

export type StockSettingsPatch = { barcode?: string | null; tracking?: Tracking; supplierId?: string | null };

/**
 * Sets a product's barcode, lot/serial tracking and supplier. A barcode names one
 * product (409 when another has it); the supplier must exist (400).
 */
export async function updateStockSettings(db: Db, productId: string, patch: StockSettingsPatch): Promise<StockProduct> {
  const product = (await findStockProductsByIds(db, [productId])).get(productId);
  if (!product) throw notFound('Product');
  if (patch.barcode) {
    const other = await db.selectFrom('products').select('sku').where('barcode', '=', patch.barcode).where('id', '!=', productId).executeTakeFirst();
    if (other) throw new AppError('conflict', `Barcode ${patch.barcode} belongs to ${other.sku}`, { sku: other.sku });
  }
  if (patch.supplierId) {
    const supplier = await db.selectFrom('suppliers').select('id').where('id', '=', patch.supplierId).executeTakeFirst();
    if (!supplier) throw new AppError('validation_failed', `Unknown supplier ${patch.supplierId}`, [{ path: 'body.supplierId', message: 'unknown supplier' }]);
  }
  const set = {
    ...(patch.barcode === undefined ? {} : { barcode: patch.barcode }),
    ...(patch.tracking === undefined ? {} : { tracking: patch.tracking }),
    ...(patch.supplierId === undefined ? {} : { supplierId: patch.supplierId }),
  };
  if (Object.keys(set).length > 0) await db.updateTable('products').set(set).where('id', '=', productId).execute();
  return (await findStockProductsByIds(db, [productId])).get(productId) as StockProduct;
}

/** Where a product is on hand, by location. */
export async function findProductLevels(db: Db, productId: string): Promise<{ location: string; warehouseCode: string; onHand: number }[]> {
  const rows = await db
    .selectFrom('stockLevels as s')
    .innerJoin('locations as l', 'l.id', 's.locationId')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouseId')
    .select(['l.code as location', 'w.code as warehouseCode', 's.onHand'])
    .where('s.productId', '=', productId)
    .where('s.onHand', '!=', 0)
    .orderBy('l.code')
    .execute();
  return rows.map((r) => ({ ...r, onHand: Number(r.onHand) }));
}
