/**
 * Turns a marketplace's after-sales requests into returns of the matching kind, through
 * the return workflow (policy, numbering, timeline, notices). Each request is created
 * once, keyed by the platform's after-sales number: the number is reserved first, the
 * return's lines carry it, and a request whose import died half-way is found again by it.
 * A request the platform already agreed to arrives approved; one with a return parcel,
 * shipped. Requests are independent: one refused by the policy does not stop the others.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { everything } from '../lib/scope.ts';
import { type ImportBatch, markCommitted, replaceProblems } from '../modules/imports/import-batches.repository.ts';
import type { ImportProblem } from '../modules/imports/import-messages.ts';
import { ImportProblemsError } from '../modules/imports/import-messages.ts';
import { type AfterSalesRecord, afterSalesDocumentKind, afterSalesImport } from '../modules/imports/kinds/after-sales.ts';
import { type Platform, platformNames, reasonCodeOf } from '../modules/imports/kinds/after-sales-platforms.ts';
import {
  findReturnByNoteMarker,
  forgetImportedDocument,
  importedDocuments,
  linkImportedDocument,
  recordImportedDocument,
} from '../modules/imports/lookups.repository.ts';
import { summarize } from '../modules/imports/preview-import.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { createReturn } from './create-return.ts';
import { approveReturn } from './review-return.ts';
import { shipReturn } from './ship-return.ts';

/** The mark on a return's lines that names the platform request it came from. */
export function afterSalesMarker(platform: Platform, afterSalesNo: string): string {
  return `[${platformNames[platform].zh}售后单 ${afterSalesNo}]`;
}

async function importOne(ctx: AppContext, record: AfterSalesRecord, batchId: string, actor: Actor, reasonCodes: string[]): Promise<'created' | 'skipped'> {
  const kind = afterSalesDocumentKind(record.platform);
  const marker = afterSalesMarker(record.platform, record.afterSalesNo);
  const orderId = record.orderId as string;
  if (!(await recordImportedDocument(ctx.db, { kind, documentNumber: record.afterSalesNo, entityId: null, batchId, now: ctx.clock.now() }))) {
    const existing = (await importedDocuments(ctx.db, kind, [record.afterSalesNo])).get(record.afterSalesNo);
    if (existing?.entityId) return 'skipped';
    const found = await findReturnByNoteMarker(ctx.db, orderId, marker);
    if (found) {
      await linkImportedDocument(ctx.db, kind, record.afterSalesNo, found);
      return 'skipped';
    }
  }
  try {
    const note = [marker, record.reason, record.note, record.statusText ? `平台状态：${record.statusText}` : null].filter(Boolean).join(' ').slice(0, 500);
    const view = await createReturn(ctx, {
      body: {
        orderId,
        type: record.kind === 'refund_only' ? 'refund_only' : 'return',
        resolution: record.kind === 'exchange' ? 'exchange' : 'refund',
        channel: record.platform,
        lines: record.items.map((item) => ({
          orderLineId: item.orderLineId as string,
          quantity: item.quantity,
          reasonCode: reasonCodeOf(record.reason, reasonCodes),
          note,
        })),
      },
      scope: everything,
      actor,
      defaultChannel: record.platform,
    });
    await linkImportedDocument(ctx.db, kind, record.afterSalesNo, view.id);
    let status = view.status;
    if (record.state === 'approved' && status === 'requested') {
      status = (
        await approveReturn(ctx, { returnId: view.id, scope: everything, actor, note: `${platformNames[record.platform].zh}已同意 (approved on the platform)` })
      ).status;
    }
    if (record.trackingNumber && status === 'approved' && record.kind !== 'refund_only' && !view.returnless) {
      await shipReturn(ctx, { returnId: view.id, scope: everything, actor, carrier: record.carrier ?? '其他快递', trackingNumber: record.trackingNumber });
    }
    return 'created';
  } catch (error) {
    await forgetImportedDocument(ctx.db, kind, record.afterSalesNo);
    throw error;
  }
}

/** Imports the requests of a previewed batch; failures are reported per row, and importing again retries only them. */
export async function importAfterSales(ctx: AppContext, batch: ImportBatch, actor: Actor): Promise<ImportBatch> {
  const platform = (batch.platform ?? 'generic') as Platform;
  const definition = afterSalesImport(platform);
  const replanned = await definition.plan(
    ctx.db,
    batch.planned.map((p) => p.record as AfterSalesRecord),
  );
  if (replanned.problems.length > 0) {
    await replaceProblems(ctx.db, batch.id, replanned.problems);
    throw new ImportProblemsError(replanned.problems, 'invalid');
  }
  const reasonCodes = (await getCurrentPolicy(ctx.db)).reasons.map((r) => r.code);
  const failures: ImportProblem[] = [];
  let created = 0;
  let skipped = 0;
  for (const planned of replanned.planned) {
    if (planned.action === 'skip') {
      skipped += 1;
      continue;
    }
    try {
      if ((await importOne(ctx, planned.record, batch.id, actor, reasonCodes)) === 'created') created += 1;
      else skipped += 1;
    } catch (error) {
      const refused = error instanceof AppError && (error.code === 'not_eligible' || error.code === 'quantity_exceeds_returnable');
      failures.push({
        row: planned.record.line,
        column: null,
        code: refused ? 'rejected_by_policy' : 'commit_failed',
        params: { value: error instanceof Error ? error.message.slice(0, 200) : String(error) },
      });
    }
  }
  const summary = { ...summarize(replanned.planned), created, skipped, failed: failures.length };
  await markCommitted(ctx.db, batch.id, summary, ctx.clock.now());
  if (failures.length > 0) await replaceProblems(ctx.db, batch.id, failures);
  return { ...batch, status: 'committed', summary, problems: failures, errorCount: failures.length, committedAt: ctx.clock.now().toISOString() };
}
