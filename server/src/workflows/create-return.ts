/**
 * A customer (or service on their behalf) asks to return lines of an order: checked
 * against what is still returnable and against the policy, decided (auto-approved or
 * queued for review) with every rule explained, numbered, and announced.
 */
import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import { type Actor, automationActor } from '../lib/actor.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { newId } from '../lib/ids.ts';
import type { Scope } from '../lib/scope.ts';
import { documentCounter, nextDocumentNumber } from '../modules/numbering/document-numbers.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { appendEvent } from '../modules/outbox/outbox.repository.ts';
import type { Decision, Policy } from '../modules/policy/policy.schema.ts';
import { allReasonCodes } from '../modules/policy/reasons.ts';
import type { ReturnStatus } from '../modules/returns/return-status.ts';
import {
  insertReturn,
  insertTimelineEntry,
  numberReturnFromCounter,
  type ReturnRow,
  type TimelineEntry,
  updateReturn,
  updateReturnLine,
} from '../modules/returns/returns.repository.ts';
import type { ReturnCreateBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { presentInTransaction, settleReturn } from './steps/change-return.ts';
import { currentPolicyAndProcess } from './steps/current-rules.ts';
import { customerFactsFor, decideReturn, orderFacts } from './steps/decide-return.ts';
import { holdReplacements, openExchange } from './steps/exchange-stock.ts';
import { type Approver, runAutomations } from './steps/run-automations.ts';

export type CreateReturnOptions = {
  body: ReturnCreateBody;
  scope: Scope;
  actor: Actor;
  defaultChannel: string;
  /** Photos the customer attaches to each line (by position), for rules that look at them. */
  photos?: readonly number[];
  /** The acting staff user's name, as the timeline shows it (the response then needs no read of it). */
  actorName?: string;
};

/**
 * The name the timeline shows for the actor of a new return, when it is known without a
 * read: the order's customer, a staff user whose name the caller gave, or nobody (an API
 * key, the system). Undefined when it is not known.
 */
function knownActorName(actor: Actor, order: { customerId: string; customerName?: string }, given: string | undefined): string | null | undefined {
  switch (actor.kind) {
    case 'customer':
      return actor.id === order.customerId ? order.customerName : undefined;
    case 'user':
      return given;
    default:
      return null;
  }
}

/** Creates a return; 404 for an order the caller cannot see, 409 over the returnable quantity, 422 against the policy. */
export async function createReturn(ctx: AppContext, options: CreateReturnOptions): Promise<ReturnView> {
  const { body } = options;
  if (body.type === 'refund_only' && body.resolution === 'exchange') {
    throw invalidField('resolution', 'A refund-only request cannot be an exchange');
  }
  const seen = new Set<string>();
  body.lines.forEach((l, i) => {
    if (seen.has(l.orderLineId)) throw invalidField(`lines.${i}.orderLineId`, 'Each order line may appear once');
    seen.add(l.orderLineId);
  });

  const now = ctx.clock.now();
  const view = await ctx.db.transaction().execute(async (trx) => {
    const postgres = isPostgres(trx);
    // The order is read locked: concurrent requests for the same lines queue here, so the
    // returnable quantities read with it cannot be spent twice.
    const order = await findOrder(trx, body.orderId, options.scope, { lock: postgres });
    if (!order) throw notFound('Order');
    const { policy, process } = await currentPolicyAndProcess(trx);

    const reasonCodes = new Set(allReasonCodes(policy));
    const orderLines = new Map(order.lines.map((l) => [l.id, l]));
    body.lines.forEach((l, i) => {
      if (!reasonCodes.has(l.reasonCode))
        throw invalidField(`lines.${i}.reasonCode`, `Unknown reason code ${l.reasonCode}; allowed: ${[...reasonCodes].join(', ')}`);
      if (!orderLines.has(l.orderLineId)) throw invalidField(`lines.${i}.orderLineId`, `Order ${order.number} has no line ${l.orderLineId}`);
    });
    const over = body.lines.flatMap((l) => {
      const line = orderLines.get(l.orderLineId);
      return line && l.quantity > line.returnableQuantity
        ? [{ orderLineId: l.orderLineId, sku: line.sku, requested: l.quantity, returnable: line.returnableQuantity }]
        : [];
    });
    if (over.length > 0) {
      throw new AppError(
        'quantity_exceeds_returnable',
        `More units than can still be returned (${over.map((o) => `${o.sku}: ${o.returnable}`).join(', ')})`,
        over,
      );
    }

    const evaluation = decideReturn({
      policy,
      policyVersion: policy.version,
      process,
      order: orderFacts(order),
      customer: await customerFactsFor(trx, { customerId: order.customerId, conditions: enabledConditions(policy), now }),
      type: body.type,
      resolution: body.resolution,
      lines: body.lines.map((l, i) => ({ ...l, photos: options.photos?.[i] ?? 0 })),
      now,
    });
    if (!evaluation.eligible) {
      const failures = evaluation.rules.filter((r) => r.outcome === 'fail');
      throw new AppError(
        'not_eligible',
        failures.map((f) => f.messageEn).join('; '),
        failures.map((f) => ({
          orderLineId: f.orderLineId ?? null,
          sku: f.orderLineId ? (orderLines.get(f.orderLineId)?.sku ?? null) : null,
          rule: f.rule,
          ...(f.ruleId ? { ruleId: f.ruleId } : {}),
          message: f.message,
          messageEn: f.messageEn,
        })),
      );
    }

    const decision: Decision = {
      outcome: evaluation.outcome,
      policyVersion: policy.version,
      rules: evaluation.rules,
      returnless: evaluation.returnless,
      refundOnReceipt: evaluation.refundOnReceipt,
      decidedAt: now.toISOString(),
      lines: evaluation.lines.map((l) => l.terms),
      route: evaluation.route,
    };
    const id = newId('ret');
    const at = now.toISOString();
    const lines = body.lines.map((l, i) => {
      const orderLine = orderLines.get(l.orderLineId);
      if (!orderLine) throw invalidField(`lines.${i}.orderLineId`, 'Unknown order line');
      return {
        id: newId('rl'),
        lineNo: i + 1,
        orderLineId: l.orderLineId,
        productId: orderLine.productId,
        sku: orderLine.sku,
        quantity: l.quantity,
        reasonCode: l.reasonCode,
        note: l.note ?? null,
        receivedQuantity: 0,
        inspectedQuantity: 0,
        acceptedQuantity: 0,
        refusedQuantity: 0,
        valuedQuantity: 0,
        valueAmount: 0,
        feeAmount: 0,
      };
    });
    // PostgreSQL: the day's number counter is one row every creation updates, and its lock
    // is held to COMMIT, so creations queue on it; the return is written under its id and
    // numbered as late as possible (below). SQLite holds the writer lock throughout anyway.
    const row: ReturnRow = {
      id,
      number: postgres ? id : await nextDocumentNumber(trx, 'RT', now, policy.timeZone),
      orderId: order.id,
      customerId: order.customerId,
      type: body.type,
      resolution: body.resolution,
      channel: body.channel ?? options.defaultChannel,
      currency: order.currency,
      status: 'requested',
      stage: 'apply',
      policyVersion: policy.version,
      decision,
      returnless: evaluation.returnless,
      refundOnReceipt: evaluation.refundOnReceipt,
      approvedAt: null,
      rejectedAt: null,
      rejectReason: null,
      cancelledAt: null,
      cancelReason: null,
      shippedAt: null,
      carrier: null,
      trackingNumber: null,
      replacementShippedAt: null,
      resolvedAt: null,
      closedAt: null,
      shippingRefundAmount: 0,
      refundableAmount: 0,
      refundedAmount: 0,
      createdByKind: options.actor.kind,
      createdById: options.actor.id,
      createdAt: at,
      updatedAt: at,
    };
    // Settled from what it is about to write (nothing is read back): the return is inserted
    // settled — its status, stage and refundable amount in the insert, not in an update
    // after it. An exchange's reservation refers to the return, so that one is written first.
    const exchange = body.resolution === 'exchange';
    if (exchange) {
      await insertReturn(trx, row, lines);
      await openExchange(trx, { returnId: id, orderId: order.id, now, requested: body.lines });
    }
    // The 'apply' stage row is written by the settlement, with the stage the return moves on to.
    let settled = await settleReturn(trx, id, policy, now, {
      ret: row,
      lines: lines.map((l) => ({ ...l, returnId: id })),
      unrecordedStageOwner: 'customer',
      process,
      ...(exchange ? {} : { write: (settledRow: ReturnRow) => insertReturn(trx, settledRow, lines) }),
    });
    // The timeline as written here, to present without reading it back — unless an actor's
    // name is not known or an automation writes entries of its own (then it is read).
    const actorName = knownActorName(options.actor, order, options.actorName);
    const written: TimelineEntry[] | undefined = actorName === undefined ? undefined : [];
    const entry = (e: { action: string; status: ReturnStatus; note?: string | null; data?: unknown; actor: Actor; name: string | null }) => {
      written?.push({
        action: e.action,
        status: e.status,
        note: e.note ?? null,
        data: e.data ?? null,
        at,
        actor: { kind: e.actor.kind, id: e.actor.id, name: e.name },
      });
      return insertTimelineEntry(trx, { returnId: id, action: e.action, status: e.status, note: e.note ?? null, data: e.data, actor: e.actor, now });
    };
    await entry({ action: 'create', status: settled.after.status, actor: options.actor, name: actorName ?? null, data: { outcome: decision.outcome } });
    const events: ('return.created' | 'return.approved')[] = ['return.created'];

    // Until an automation has run, the settled return is exactly what is stored: the
    // policy's own approval settles from it without reading it back.
    let automationsRan = false;
    const approve: Approver = async (db, a) => {
      const approvedAt = a.now.toISOString();
      await updateReturn(db, a.returnId, { approvedAt });
      if (body.resolution === 'exchange') await holdReplacements(db, { returnId: a.returnId, orderId: order.id, now: a.now, strict: false });
      if (evaluation.returnless) {
        for (const line of lines) await updateReturnLine(db, line.id, { acceptedQuantity: line.quantity });
      }
      const known = automationsRan
        ? undefined
        : {
            process,
            ret: { ...settled.after, approvedAt },
            lines: settled.lines.map((l) => (evaluation.returnless ? { ...l, acceptedQuantity: l.quantity } : l)),
          };
      settled = await settleReturn(db, a.returnId, policy, a.now, known);
      if (automationsRan) {
        await insertTimelineEntry(db, { returnId: a.returnId, action: 'approve', status: settled.after.status, note: a.note, actor: a.actor, now: a.now });
      } else {
        // The policy's own approval, in this transaction at this instant; its actor has no name.
        await entry({ action: 'approve', status: settled.after.status, note: a.note, actor: a.actor, name: null });
      }
      events.push('return.approved');
    };
    if (evaluation.outcome === 'approved') {
      const rule = decision.rules.find((r) => r.rule === 'auto_approve');
      await approve(trx, { returnId: id, actor: automationActor, note: rule?.message ?? '', now });
    }
    if (postgres) {
      // Numbered before the automations, which read the return and may quote its number.
      const number = await numberReturnFromCounter(trx, id, documentCounter('RT', now, policy.timeZone));
      settled = { ...settled, after: { ...settled.after, number } };
    }
    // The process's automations on a new return (and, if one approved it, on its approval).
    automationsRan = true;
    const automated = await runAutomations(trx, { returnId: id, event: 'return.created', now, approve });
    const afterApproval =
      evaluation.outcome === 'approved' || automated.approved ? await runAutomations(trx, { returnId: id, event: 'return.approved', now }) : { ran: 0 };
    // Product names come with the order lines; a new return has no refunds unless an automation ran.
    const names = new Map(order.lines.map((l) => [l.productId, l.name]));
    const noAutomation = automated.ran + afterApproval.ran === 0;
    const presented = await presentInTransaction(trx, settled.after, settled.lines, {
      names,
      noRefunds: noAutomation,
      ...(noAutomation && written ? { timeline: written } : {}),
    });
    for (const type of events) await appendEvent(trx, { type, aggregateType: 'return', aggregateId: id, payload: presented, now });
    return presented;
  });
  ctx.notifyOutbox();
  return view;
}

/** The conditions of the policy's enabled rules (to know which customer facts to load). */
function enabledConditions(policy: Policy) {
  return policy.rules.filter((r) => r.enabled).flatMap((r) => r.conditions);
}
