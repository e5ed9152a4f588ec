/**
 * Commits a previewed import of master data (products, customers, orders, opening
 * stock) all or nothing: in one transaction the batch is locked, every record checked
 * again against the database as it is now, and written; anything that fails rolls the
 * whole file back and names the row. Committing twice changes nothing the second time.
 * After-sales imports create returns through the return workflow instead.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { type ApplyContext, applyCustomers, applyOrders, applyProducts, applyStock } from '../modules/imports/apply-master-data.ts';
import { findBatch, type ImportBatch, lockBatch, markCommitted, replaceProblems } from '../modules/imports/import-batches.repository.ts';
import { definitionOf } from '../modules/imports/import-definitions.ts';
import { ImportProblemsError } from '../modules/imports/import-messages.ts';
import type { CustomerRecord } from '../modules/imports/kinds/customers.ts';
import type { OrderRecord } from '../modules/imports/kinds/orders.ts';
import type { ProductRecord } from '../modules/imports/kinds/products.ts';
import type { StockRecord } from '../modules/imports/kinds/stock.ts';
import { summarize } from '../modules/imports/preview-import.ts';
import { importAfterSales } from './import-after-sales.ts';

export type CommitImportOptions = { batchId: string; actor: Actor };

/** Commits a batch; throws ImportProblemsError with the rows at fault when it cannot. */
export async function commitImport(ctx: AppContext, o: CommitImportOptions): Promise<ImportBatch> {
  const batch = await findBatch(ctx.db, o.batchId);
  if (!batch) throw notFound('Import');
  if (batch.status === 'committed') return batch;
  if (batch.errorCount > 0) throw new ImportProblemsError(batch.problems, 'invalid');
  if (batch.kind === 'after_sales') return importAfterSales(ctx, batch, o.actor);

  const now = ctx.clock.now();
  const at: ApplyContext['at'] = { line: null };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockBatch(trx, batch.id);
      if (!locked || locked.status === 'committed') return;
      const definition = definitionOf(locked.kind, null);
      const replanned = await definition.plan(
        trx,
        locked.planned.map((p) => p.record),
      );
      if (replanned.problems.length > 0) throw new ImportProblemsError(replanned.problems, 'invalid');
      const records = replanned.planned.filter((p) => p.action === 'create').map((p) => p.record);
      const c: ApplyContext = { trx, now, actor: o.actor, batchId: locked.id, at };
      switch (locked.kind) {
        case 'products':
          await applyProducts(c, records as unknown as ProductRecord[]);
          break;
        case 'customers':
          await applyCustomers(c, records as unknown as CustomerRecord[]);
          break;
        case 'orders':
          await applyOrders(c, records as unknown as OrderRecord[]);
          break;
        case 'stock':
          await applyStock(c, records as unknown as StockRecord[]);
          break;
        case 'after_sales':
          throw new Error('after-sales imports are not committed here');
      }
      const summary = summarize(replanned.planned);
      await markCommitted(trx, locked.id, { ...summary, created: records.length, skipped: summary.skip }, now);
    });
  } catch (error) {
    if (error instanceof ImportProblemsError) {
      if (error.reason === 'invalid') await replaceProblems(ctx.db, batch.id, error.problems);
      throw error;
    }
    const message = error instanceof AppError ? error.message : error instanceof Error ? error.message.slice(0, 200) : String(error);
    throw new ImportProblemsError([{ row: at.line, column: null, code: 'commit_failed', params: { value: message } }], 'failed');
  }
  ctx.notifyOutbox();
  const committed = await findBatch(ctx.db, batch.id);
  if (!committed) throw notFound('Import');
  return committed;
}
