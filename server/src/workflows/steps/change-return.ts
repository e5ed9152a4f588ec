/**
 * The shape every change of a return takes: in one transaction, lock the return (only
 * if the caller may see it), check the action against the status table, apply the
 * change, re-derive status and stage from the counters, and write the timeline row and
 * the outbox events; after commit, wake the outbox worker.
 */
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Scope } from '../../lib/scope.ts';
import { appendEvent, type OutboxEventType } from '../../modules/outbox/outbox.repository.ts';
import { getCurrentPolicy, getPolicyVersion } from '../../modules/policy/policy.repository.ts';
import type { Policy } from '../../modules/policy/policy.schema.ts';
import { getCurrentProcess, type ProcessDocument } from '../../modules/process/process.repository.ts';
import { findRefundsForReturn } from '../../modules/refunds/refunds.repository.ts';
import { presentReturn } from '../../modules/returns/present-return.ts';
import { allowedFrom, deriveStatus, type ReturnAction, type ReturnStatus, stageForStatus } from '../../modules/returns/return-status.ts';
import {
  enterStage,
  findReturnLines,
  findTimeline,
  insertTimelineEntry,
  lockReturnRow,
  productNames,
  type ReturnLineRow,
  type ReturnRow,
  type TimelineEntry,
  updateReturn,
} from '../../modules/returns/returns.repository.ts';
import type { ReturnView } from '../../modules/returns/returns.schema.ts';
import { holdForSecondReviewer, stageDueAt, stageRouteOf } from './process-route-steps.ts';
import { claimShippingWhenDue, computeRefundable } from './refund-valuation.ts';
import { runAutomationsAfter } from './run-automations.ts';

export type ChangeContext = { trx: Db; ret: ReturnRow; lines: ReturnLineRow[]; policy: Policy; now: Date; postgres: boolean };

export type ChangeResult = { events?: OutboxEventType[]; note?: string | null; data?: unknown } | undefined;

export type ChangeReturnOptions = { returnId: string; scope: Scope; action: ReturnAction | 'approve_refund'; actor: Actor; timelineAction?: string };

/** The policy version a return was decided under (falls back to the current one). */
export async function policyOfReturn(db: Db, ret: Pick<ReturnRow, 'policyVersion'>): Promise<Policy> {
  return (await getPolicyVersion(db, ret.policyVersion)) ?? (await getCurrentPolicy(db));
}

/** Throws 409 invalid_transition when an action may not run from the return's status. */
export function assertActionAllowed(ret: Pick<ReturnRow, 'status' | 'number'>, action: ReturnAction): void {
  if (!allowedFrom[action].includes(ret.status)) {
    throw new AppError('invalid_transition', `Cannot ${action.replace('_', ' ')} return ${ret.number}: it is ${ret.status}`, { status: ret.status, action });
  }
}

/**
 * What a caller that just wrote a return knows of it, so settling need not read it back:
 * the row and lines as they are now, (for a new return) the owner of the stage it was
 * inserted in, whose stage row is not written yet, and the process it read in this transaction.
 */
export type KnownReturn = {
  ret: ReturnRow;
  lines: ReturnLineRow[];
  unrecordedStageOwner?: string;
  process?: ProcessDocument;
  /**
   * The return's row is not written yet: settling hands it over settled, to be inserted as
   * it is, instead of updating it (a new return: one statement fewer per creation). Called
   * before the stage rows are written, which refer to it.
   */
  write?: (settled: ReturnRow) => Promise<void>;
};

/** Re-derives status, stage and refundable amount after a change, and records them. */
export async function settleReturn(
  trx: Db,
  returnId: string,
  policy: Policy,
  now: Date,
  known?: KnownReturn,
): Promise<{ before: ReturnStatus; after: ReturnRow; lines: ReturnLineRow[] }> {
  const ret = known?.ret ?? (await lockReturnRow(trx, returnId, { kind: 'all' }, false));
  if (!ret) throw new Error(`return ${returnId} vanished inside its transaction`);
  const lines = known?.lines ?? (await findReturnLines(trx, returnId));
  const live = !ret.cancelledAt && !ret.rejectedAt && lines.some((l) => l.acceptedQuantity > 0);
  const shippingRefundAmount = live ? await claimShippingWhenDue(trx, ret, policy) : ret.shippingRefundAmount;
  const valuation = await computeRefundable(trx, { ...ret, shippingRefundAmount }, lines, policy);
  const facts = { ...ret, refundableAmount: valuation.refundable, lines };
  const status = deriveStatus(facts);
  const process = known?.process ?? (await getCurrentProcess(trx));
  const stage = stageForStatus(status, ret, await stageRouteOf(trx, ret, status, process));
  const patch = {
    status,
    stage,
    refundableAmount: valuation.refundable,
    updatedAt: now.toISOString(),
    ...(status === 'resolved' && !ret.resolvedAt ? { resolvedAt: now.toISOString() } : {}),
  };
  const after: ReturnRow = { ...ret, shippingRefundAmount, ...patch };
  if (known?.write) await known.write(after);
  else await updateReturn(trx, returnId, patch);
  const unrecorded = known?.unrecordedStageOwner;
  if (stage !== ret.stage) {
    const definition = process.stages.find((s) => s.code === stage);
    const dueAt = await stageDueAt(trx, returnId, definition, now);
    const passedThrough = unrecorded === undefined ? undefined : { stage: ret.stage, ownerRole: unrecorded };
    await enterStage(trx, { returnId, stage, ownerRole: definition?.ownerRole ?? 'manager', dueAt, now, first: passedThrough !== undefined, passedThrough });
  } else if (unrecorded !== undefined) {
    await enterStage(trx, { returnId, stage, ownerRole: unrecorded, dueAt: null, now, first: true });
  }
  return { before: ret.status, after, lines };
}

/** What a caller knows already of a return it presents: its product names, that it has no refunds, its whole timeline. */
export type KnownParts = { names?: Map<string, string>; noRefunds?: boolean; timeline?: TimelineEntry[] };

/** Presents a return inside a transaction (for the outbox payload and the response). */
export async function presentInTransaction(trx: Db, ret: ReturnRow, lines: ReturnLineRow[], known: KnownParts = {}): Promise<ReturnView> {
  const [refunds, timeline, names] = await Promise.all([
    known.noRefunds ? [] : findRefundsForReturn(trx, ret.id),
    known.timeline ?? findTimeline(trx, ret.id),
    known.names ??
      productNames(
        trx,
        lines.map((l) => l.productId),
      ),
  ]);
  return presentReturn(ret, lines, refunds, timeline, names);
}

/** Runs one action on a return with everything the action implies, atomically. */
export async function changeReturn(ctx: AppContext, options: ChangeReturnOptions, apply: (c: ChangeContext) => Promise<ChangeResult>): Promise<ReturnView> {
  const now = ctx.clock.now();
  const view = await ctx.db.transaction().execute(async (trx) => {
    const postgres = isPostgres(trx);
    const ret = await lockReturnRow(trx, options.returnId, options.scope, postgres);
    if (!ret) throw notFound('Return');
    if (options.action !== 'approve_refund') assertActionAllowed(ret, options.action);
    const lines = await findReturnLines(trx, ret.id);
    const policy = await policyOfReturn(trx, ret);
    // A return that needs two reviewers: a first approval is recorded and the return waits for the second.
    const held = options.action === 'approve' ? await holdForSecondReviewer(trx, ret, options.actor) : null;
    const entry = (action: string, status: ReturnStatus, result: ChangeResult) =>
      insertTimelineEntry(trx, { returnId: ret.id, action, status, note: result?.note ?? null, data: result?.data, actor: options.actor, now });
    // A first review is on the timeline before the stage is worked out: it moves the return to the second review.
    if (held) await entry('review_approve', ret.status, held);
    const result = held ?? (await apply({ trx, ret, lines, policy, now, postgres }));
    const settled = await settleReturn(trx, ret.id, policy, now);
    if (!held) await entry(options.timelineAction ?? options.action, settled.after.status, result);
    // Automations on this action's events: each run is written on the timeline by the automation actor.
    await runAutomationsAfter(trx, { returnId: ret.id, events: result?.events ?? [], now });
    const presented = await presentInTransaction(trx, settled.after, settled.lines);
    const events = [...(result?.events ?? [])];
    if (settled.after.status === 'resolved' && settled.before !== 'resolved') events.push('return.resolved');
    for (const type of events) {
      await appendEvent(trx, { type, aggregateType: 'return', aggregateId: ret.id, payload: presented, now });
    }
    return presented;
  });
  ctx.notifyOutbox();
  return view;
}
