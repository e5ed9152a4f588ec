/**
 * Opening stock (期初库存) from Excel: each row names a SKU, a location and the quantity on
 * hand there (optionally a lot). The import sets the on-hand to that quantity, posting the
 * difference as `opening_stock` movements of one document (OS-…). All or nothing: any bad
 * row rejects the file with every problem listed by row number.
 */

import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { importRejected, parseWholeNumber, readSheet } from '../modules/inventory/excel.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockDocument, insertStockDocument } from '../modules/inventory/stock-documents.repository.ts';
import type { ImportRowError, StockDocumentView } from '../modules/inventory/stock-documents.schema.ts';
import { findStockProductsBySkus } from '../modules/inventory/stock-products.repository.ts';
import { findLocationsByCodes } from '../modules/warehouses/warehouses.repository.ts';
import { nextStockDocumentNumber } from './steps/resolve-stock-lines.ts';

/** The columns an opening-stock sheet may use, by any of these names. The levels export reads back as one. */
export const openingStockColumns = {
  sku: ['SKU', '商品编码', '货号'],
  location: ['Location', '库位', '库位编码', 'Location code'],
  quantity: ['Quantity', 'Qty', 'On hand', '数量', '在库', '在库数量', '期初数量'],
  lot: ['Lot', 'Lot/serial', 'Serial', '批次', '批次号', '序列号'],
} as const;

export type OpeningStockResult = { rowsRead: number; linesChanged: number; document: StockDocumentView | null };

type Row = { row: number; sku: string; location: string; quantity: number; lot: string | null };

/** Imports opening stock from an .xlsx body; 400 with row-by-row errors, nothing posted. */
export async function importOpeningStock(ctx: AppContext, o: { bytes: Buffer; actor: Actor }): Promise<OpeningStockResult> {
  const sheet = await readSheet(o.bytes, { columns: openingStockColumns, required: ['sku', 'location', 'quantity'] });
  if (sheet.length === 0) throw importRejected('Opening stock', [{ row: 1, column: null, message: 'the sheet has no rows below the header', code: 'no_rows' }]);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const products = await findStockProductsBySkus(
      trx,
      sheet.map((r) => r.cells.sku),
    );
    const locations = await findLocationsByCodes(
      trx,
      sheet.map((r) => r.cells.location),
    );
    const errors: ImportRowError[] = [];
    const rows: Row[] = [];
    for (const { row, cells } of sheet) {
      const before = errors.length;
      const product = products.get(cells.sku);
      if (!cells.sku) errors.push({ row, column: 'SKU', message: 'missing', code: 'missing' });
      else if (!product) errors.push({ row, column: 'SKU', message: `unknown SKU ${cells.sku}`, code: 'unknown_sku', params: { sku: cells.sku } });
      if (!cells.location) errors.push({ row, column: 'Location', message: 'missing', code: 'missing' });
      else if (!locations.has(cells.location))
        errors.push({ row, column: 'Location', message: `unknown location ${cells.location}`, code: 'unknown_location', params: { location: cells.location } });
      const quantity = parseWholeNumber(cells.quantity, 0);
      if ('error' in quantity) errors.push({ row, column: 'Quantity', message: quantity.error, code: quantity.code, params: quantity.params });
      const lot = cells.lot || null;
      if (product && lot && 'value' in quantity) {
        try {
          checkMovementLot(product, lot, quantity.value, 'lot');
        } catch (error) {
          errors.push({ row, column: 'Lot', message: error instanceof Error ? error.message : 'invalid lot' });
        }
      }
      if (errors.length === before && 'value' in quantity) rows.push({ row, sku: cells.sku, location: cells.location, quantity: quantity.value, lot });
    }
    // Rows of one SKU and location: one row, or one per distinct lot.
    const groups = new Map<string, Row[]>();
    for (const r of rows) groups.set(`${r.sku}|${r.location}`, [...(groups.get(`${r.sku}|${r.location}`) ?? []), r]);
    for (const group of groups.values()) {
      if (group.length === 1) continue;
      const lots = group.map((g) => g.lot);
      if (lots.some((l) => l === null) || new Set(lots).size !== lots.length) {
        for (const g of group.slice(1))
          errors.push({
            row: g.row,
            column: null,
            message: `${g.sku} in ${g.location} appears on row ${group[0]?.row} too`,
            code: 'duplicate_row',
            params: { sku: g.sku, location: g.location, row: group[0]?.row ?? 0 },
          });
      }
    }
    const current = await currentLevels(
      trx,
      [...groups.values()].map((g) => ({ productId: products.get(g[0]!.sku)?.id ?? '', locationId: locations.get(g[0]!.location)?.id ?? '' })),
    );
    const movements: PostMovementOptions[] = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      const product = products.get(first.sku)!;
      const location = locations.get(first.location)!;
      const onHand = current.get(`${product.id}|${location.id}`) ?? 0;
      const target = group.reduce((s, g) => s + g.quantity, 0);
      const base = {
        productId: product.id,
        sku: product.sku,
        type: 'opening_stock' as const,
        sourceType: 'opening_stock',
        reason: 'opening',
        actor: o.actor,
        now,
      };
      if (group.some((g) => g.lot)) {
        if (onHand !== 0) {
          errors.push({
            row: first.row,
            column: 'Lot',
            message: `${first.location} already holds ${onHand} of ${first.sku}; opening stock by lot goes into empty locations only`,
            code: 'lot_location_not_empty',
            params: { location: first.location, sku: first.sku, onHand },
          });
          continue;
        }
        for (const g of group) if (g.quantity > 0) movements.push({ ...base, from: null, to: location, quantity: g.quantity, lot: g.lot, sourceId: '' });
      } else if (target !== onHand) {
        movements.push({
          ...base,
          from: target < onHand ? location : null,
          to: target > onHand ? location : null,
          quantity: Math.abs(target - onHand),
          sourceId: '',
        });
      }
    }
    if (errors.length > 0)
      throw importRejected(
        'Opening stock',
        errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
      );
    if (movements.length === 0) return { rowsRead: sheet.length, linesChanged: 0, documentId: null };
    const number = await nextStockDocumentNumber(trx, 'OS', now);
    const documentId = await insertStockDocument(trx, {
      number,
      kind: 'opening_stock',
      reasonCode: 'opening',
      note: `Excel: ${sheet.length} rows`,
      actor: o.actor,
      now,
    });
    await postMovements(
      trx,
      movements.map((m) => ({ ...m, sourceId: documentId })),
    );
    return { rowsRead: sheet.length, linesChanged: movements.length, documentId };
  });
  const document = result.documentId ? await findStockDocument(ctx.db, result.documentId) : null;
  if (result.documentId && !document) throw new AppError('not_found', 'Opening stock document not found');
  return { rowsRead: result.rowsRead, linesChanged: result.linesChanged, document: document ?? null };
}

async function currentLevels(trx: Parameters<typeof postMovements>[0], keys: { productId: string; locationId: string }[]): Promise<Map<string, number>> {
  const valid = keys.filter((k) => k.productId && k.locationId);
  if (valid.length === 0) return new Map();
  let query = trx
    .selectFrom('stockLevels')
    .select(['productId', 'locationId', 'onHand'])
    .where(
      'productId',
      'in',
      valid.map((k) => k.productId),
    )
    .orderBy('productId')
    .orderBy('locationId');
  // Hold the levels being set, so a sale cannot slip between reading and posting.
  if (isPostgres(trx)) query = query.forUpdate();
  const rows = await query.execute();
  return new Map(rows.map((r) => [`${r.productId}|${r.locationId}`, Number(r.onHand)]));
}
