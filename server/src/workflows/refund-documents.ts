/**
 * Refund documents as finance reads and keeps them: the finance queue of refunds by
 * deadline, one refund with its note and audit trail, the red-letter invoice fields
 * of its note, and the note as a PDF.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { findAuditEntries, writeAudit } from '../modules/audit/audit.repository.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { deadlineState } from '../modules/refunds/refund-deadline.ts';
import { renderRefundNotePdf } from '../modules/refunds/refund-note-pdf.ts';
import { findRefundNote, type RefundNote, refundItems, updateRefundNote } from '../modules/refunds/refund-notes.repository.ts';
import { listRefundRows, type RefundListFilter, type RefundListRow } from '../modules/refunds/refund-queue.repository.ts';
import type { RefundDetailView, RefundListItem, RefundNoteUpdateBody } from '../modules/refunds/refunds.schema.ts';

/** Refund documents with how close each unpaid one is to its deadline. */
export async function listRefundDocuments(ctx: AppContext, filter: RefundListFilter): Promise<RefundListItem[]> {
  const [rows, policy] = await Promise.all([listRefundRows(ctx.db, filter), getCurrentPolicy(ctx.db)]);
  const now = ctx.clock.now();
  return rows.map((r) => presentRefund(r, now, policy.refundDeadlineWarningDays));
}

function presentRefund(r: RefundListRow, now: Date, warningDays: number): RefundListItem {
  return { ...r, deadlineState: r.status === 'pending_approval' ? deadlineState(r.dueAt, now, warningDays) : null };
}

/** One refund with its note and its audit trail (requested, approved or rejected, note changes). */
export async function loadRefundDetail(ctx: AppContext, refundId: string): Promise<RefundDetailView> {
  const [row] = await listRefundRows(ctx.db, { sort: 'oldest', limit: 1, refundId });
  if (!row) throw notFound('Refund');
  const [policy, note, audit] = await Promise.all([getCurrentPolicy(ctx.db), findRefundNote(ctx.db, refundId), findAuditEntries(ctx.db, 'refund', [refundId])]);
  return {
    ...presentRefund(row, ctx.clock.now(), policy.refundDeadlineWarningDays),
    note: note ?? null,
    audit: audit.map(({ entityId: _e, ...a }) => a),
  };
}

/** The note of a refund; 404 when there is none. */
export async function loadRefundNote(ctx: AppContext, refundId: string): Promise<RefundNote> {
  const note = await findRefundNote(ctx.db, refundId);
  if (!note) throw notFound('Refund note');
  return note;
}

/** Finance fills in (or corrects) the invoice fields of a refund's note; logged. */
export async function updateRefundNoteFields(
  ctx: AppContext,
  o: { refundId: string; body: RefundNoteUpdateBody; actor: Actor & { kind: 'user'; id: string } },
): Promise<RefundNote> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findRefundNote(trx, o.refundId);
    if (!before) throw notFound('Refund note');
    if (before.status === 'rejected' && (o.body.redConfirmationNumber || o.body.redInvoiceNumber)) {
      throw new AppError('conflict', `Refund ${before.refundNumber} was rejected: no red-letter invoice is issued for it`, { status: before.status });
    }
    await updateRefundNote(trx, o.refundId, o.body, { userId: o.actor.id, now });
    await writeAudit(trx, {
      action: 'refund_note.updated',
      entityType: 'refund',
      entityId: o.refundId,
      data: { note: before.number, ...o.body },
      actor: o.actor,
      now,
    });
  });
  return loadRefundNote(ctx, o.refundId);
}

/** The note as a PDF, with the times in the shop's time zone. */
export async function renderRefundNote(ctx: AppContext, refundId: string): Promise<{ number: string; bytes: Buffer }> {
  const note = await loadRefundNote(ctx, refundId);
  const [items, policy] = await Promise.all([refundItems(ctx.db, refundId), getCurrentPolicy(ctx.db)]);
  const formatTime = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: policy.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));
  const bytes = await renderRefundNotePdf({ note, lines: items.lines, shipping: items.shipping, formatTime });
  return { number: note.number, bytes };
}
