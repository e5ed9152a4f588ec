/**
 * Counting: a counter scans or types what is on the shelf, line by line from a phone, or
 * fills the sheet in Excel and uploads it. Counts go in only while the sheet is counting;
 * a product found where the sheet did not expect it is added as a line expecting zero.
 * The answers are blind: they never carry an expected quantity.
 */
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { importRejected, parseWholeNumber, readSheet } from '../modules/inventory/excel.ts';
import type { ImportRowError } from '../modules/inventory/stock-documents.schema.ts';
import { findProductByCode } from '../modules/inventory/stock-products.repository.ts';
import {
  addFoundLine,
  type CountRow,
  findCountView,
  findLine,
  findSheetLinesByIds,
  type LineKey,
  lockCount,
  recordCount,
} from '../modules/stocktaking/stock-counts.repository.ts';
import type { CountEntriesBody, CountSheetLine, StockCountView } from '../modules/stocktaking/stocktaking.schema.ts';
import { findLocationsByCodes } from '../modules/warehouses/warehouses.repository.ts';

export type EnterCountsResult = { count: StockCountView; lines: CountSheetLine[] };

type Entry = CountEntriesBody['entries'][number];

/** Locks a counting sheet for entering counts; 404 unknown, 409 when it no longer takes counts. */
async function lockCounting(trx: Db, countId: string): Promise<CountRow> {
  const count = await lockCount(trx, countId, 'share');
  if (!count) throw notFound('Stock count');
  if (count.status !== 'counting')
    throw new AppError('conflict', `Count ${count.number} is ${count.status}; it takes no more counts`, { status: count.status });
  return count;
}

/** The line an entry names: by id, or by SKU/barcode and location (added when the sheet lacks it). */
async function lineOf(trx: Db, count: CountRow, entry: Entry, path: string): Promise<LineKey> {
  if (entry.lineId) {
    const line = await findLine(trx, count.id, { lineId: entry.lineId });
    if (!line) throw invalidField(`${path}.lineId`, `Count ${count.number} has no line ${entry.lineId}`);
    return line;
  }
  const product = await findProductByCode(trx, entry.sku as string);
  if (!product) throw invalidField(`${path}.sku`, `No product has the SKU or barcode ${entry.sku}`);
  const location = (await findLocationsByCodes(trx, [entry.location as string])).get(entry.location as string);
  if (!location || !count.locationIds.includes(location.id))
    throw invalidField(`${path}.location`, `Count ${count.number} does not cover location ${entry.location}`);
  const existing = await findLine(trx, count.id, { productId: product.id, locationId: location.id });
  if (existing) return existing;
  if (count.categories.length > 0 && !count.categories.includes(product.category)) {
    throw invalidField(`${path}.sku`, `${product.sku} is in category ${product.category}, which count ${count.number} does not cover`);
  }
  return addFoundLine(trx, { countId: count.id, productId: product.id, sku: product.sku, locationId: location.id, unitPrice: product.price });
}

/** Enters counts on a sheet; 400 for a line, SKU or location the sheet does not cover or a count below zero. */
export async function enterStockCounts(ctx: AppContext, o: { countId: string; body: CountEntriesBody; actor: Actor }): Promise<EnterCountsResult> {
  const now = ctx.clock.now();
  const { countId, lineIds } = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockCounting(trx, o.countId);
    const lineIds: string[] = [];
    for (const [i, entry] of o.body.entries.entries()) {
      const line = await lineOf(trx, count, entry, `entries.${i}`);
      const counted = await recordCount(trx, {
        countId: count.id,
        lineId: line.id,
        mode: entry.mode,
        quantity: entry.quantity,
        source: 'api',
        actor: o.actor,
        now,
      });
      if (counted < 0) throw invalidField(`entries.${i}.quantity`, `The count of this line would be ${counted}`);
      lineIds.push(line.id);
    }
    return { countId: count.id, lineIds };
  });
  const count = await findCountView(ctx.db, countId);
  if (!count) throw notFound('Stock count');
  return { count, lines: await findSheetLinesByIds(ctx.db, lineIds) };
}

/** The columns of a count sheet in Excel, by any of these names. */
export const countSheetColumns = {
  line: ['Line', 'Line id', '行', '行号'],
  location: ['Location', '库位'],
  sku: ['SKU', 'Barcode', '商品编码', '条码'],
  counted: ['Counted', 'Count', '实盘', '实盘数量', '盘点数量'],
} as const;

/**
 * Takes the counts of an uploaded sheet: each row with a count sets its line (by line id,
 * else by SKU or barcode and location). All or nothing: 400 with every bad row.
 */
export async function importStockCounts(
  ctx: AppContext,
  o: { countId: string; bytes: Buffer; actor: Actor },
): Promise<EnterCountsResult & { rowsRead: number }> {
  const rows = await readSheet(o.bytes, { columns: countSheetColumns, required: ['counted'] });
  const now = ctx.clock.now();
  const { countId, lineIds } = await ctx.db.transaction().execute(async (trx) => {
    const count = await lockCounting(trx, o.countId);
    const errors: ImportRowError[] = [];
    const counts: { row: number; lineId: string; quantity: number }[] = [];
    for (const { row, cells } of rows) {
      if (cells.counted === '') continue;
      const quantity = parseWholeNumber(cells.counted, 0);
      if ('error' in quantity) {
        errors.push({ row, column: 'Counted', message: quantity.error, code: quantity.code, params: quantity.params });
        continue;
      }
      let line: LineKey | undefined;
      if (cells.line) {
        line = await findLine(trx, count.id, { lineId: cells.line });
        if (!line)
          errors.push({
            row,
            column: 'Line',
            message: `count ${count.number} has no line ${cells.line}`,
            code: 'unknown_line',
            params: { number: count.number, line: cells.line },
          });
      } else if (cells.sku && cells.location) {
        try {
          line = await lineOf(trx, count, { sku: cells.sku, location: cells.location, mode: 'set', quantity: quantity.value }, 'row');
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          errors.push({ row, column: null, message: error.message });
        }
      } else {
        errors.push({ row, column: null, message: 'name the line, or the SKU and the location', code: 'line_unnamed' });
      }
      if (line) {
        const twice = counts.find((c) => c.lineId === line.id);
        if (twice) errors.push({ row, column: null, message: `the same line as row ${twice.row}`, code: 'same_line', params: { row: twice.row } });
        else counts.push({ row, lineId: line.id, quantity: quantity.value });
      }
    }
    if (errors.length > 0) throw importRejected('Count sheet', errors);
    if (counts.length === 0) throw importRejected('Count sheet', [{ row: 1, column: 'Counted', message: 'no row has a count', code: 'no_counts' }]);
    for (const c of counts)
      await recordCount(trx, { countId: count.id, lineId: c.lineId, mode: 'set', quantity: c.quantity, source: 'excel', actor: o.actor, now });
    return { countId: count.id, lineIds: counts.map((c) => c.lineId) };
  });
  const count = await findCountView(ctx.db, countId);
  if (!count) throw notFound('Stock count');
  return { count, lines: await findSheetLinesByIds(ctx.db, lineIds), rowsRead: rows.length };
}
