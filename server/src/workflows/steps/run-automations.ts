/**
 * Automations: when an event happens to a return (filed, approved, received, inspected,
 * a stage overdue) and the automation's conditions hold, its actions run in the same
 * transaction — approve, assign, ask for photos, refund on receipt, notify, escalate.
 * Each run is written on the return's timeline by the automation actor, like a person's
 * action; what the notifications module should announce goes to the outbox.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import { daysBetween, localDate } from '../../lib/local-date.ts';
import { everything } from '../../lib/scope.ts';
import { findOrder } from '../../modules/orders/orders.repository.ts';
import { appendEvent, type OutboxEventType } from '../../modules/outbox/outbox.repository.ts';
import { listReturnPhotos } from '../../modules/photos/photos.repository.ts';
import { getCurrentPolicy, getPolicyVersion } from '../../modules/policy/policy.repository.ts';
import { findReason } from '../../modules/policy/reasons.ts';
import type { LineFacts } from '../../modules/policy/rule-facts.ts';
import { type AutomationFacts, matchAutomation } from '../../modules/process/automation-match.ts';
import { getCurrentProcess } from '../../modules/process/process.repository.ts';
import type { Automation, AutomationAction, AutomationEvent } from '../../modules/process/process.schema.ts';
import { assignOpenStage, setRefundOnReceipt } from '../../modules/process/stage-work.repository.ts';
import { loadReturnView } from '../../modules/returns/present-return.ts';
import { findReturnLines, findReturnRow, insertTimelineEntry, type ReturnRow } from '../../modules/returns/returns.repository.ts';
import { customerFactsFor } from './decide-return.ts';

/** Approves a requested return on an automation's behalf (given by the caller that can settle it). */
export type Approver = (trx: Db, o: { returnId: string; actor: Actor; note: string; now: Date }) => Promise<void>;

export type RunAutomationsOptions = {
  returnId: string;
  event: AutomationEvent;
  now: Date;
  /** stage.overdue: the stage that is overdue. */
  stage?: string;
  approve?: Approver;
};

const roleNames: Record<string, [string, string]> = {
  admin: ['管理员', 'admin'],
  manager: ['经理', 'manager'],
  service: ['客服', 'customer service'],
  warehouse: ['仓库', 'warehouse'],
  finance: ['财务', 'finance'],
  sales: ['销售', 'sales'],
};
const channelNames: Record<string, [string, string]> = { staff: ['员工', 'staff'], customer: ['客户', 'the customer'], robot: ['群机器人', 'the group robot'] };

const eventOf: Partial<Record<string, AutomationEvent>> = {
  'return.approved': 'return.approved',
  'return.received': 'return.received',
  'return.inspected': 'return.inspected',
};

/** Runs the automations of the events an action emitted. */
export async function runAutomationsAfter(trx: Db, o: { returnId: string; events: readonly string[]; now: Date }): Promise<void> {
  for (const type of o.events) {
    const event = eventOf[type];
    if (event) await runAutomations(trx, { returnId: o.returnId, event, now: o.now });
  }
}

/** Runs the enabled automations of an event on a return; how many ran and whether one approved it. */
export async function runAutomations(trx: Db, o: RunAutomationsOptions): Promise<{ ran: number; approved: boolean }> {
  const process = await getCurrentProcess(trx);
  const automations = (process.automations ?? []).filter(
    (a) =>
      a.enabled && a.event === o.event && (o.event !== 'stage.overdue' || !a.stages?.length || (o.stage !== undefined && a.stages.includes(o.stage as never))),
  );
  if (automations.length === 0) return { ran: 0, approved: false };
  const ret = await findReturnRow(trx, o.returnId, everything);
  if (!ret) return { ran: 0, approved: false };
  const facts = await returnFacts(
    trx,
    ret,
    automations.flatMap((a) => a.conditions),
    o.now,
  );
  let ran = 0;
  let approved = false;
  for (const automation of automations) {
    const { applies } = matchAutomation(automation, facts);
    if (!applies) continue;
    ran += 1;
    const notes: [string, string][] = [];
    for (const action of automation.actions) {
      const done = await runAction(trx, { ret, automation, action, o });
      if (done.approved) approved = true;
      if (done.note) notes.push(done.note);
    }
    if (notes.length === 0) continue;
    const current = (await findReturnRow(trx, ret.id, everything)) ?? ret;
    await insertTimelineEntry(trx, {
      returnId: ret.id,
      action: 'automation',
      status: current.status,
      note: `自动化「${automation.name}」：${notes.map((n) => n[0]).join('，')} (${automation.nameEn || automation.name}: ${notes.map((n) => n[1]).join(', ')})`,
      data: { automationId: automation.id, event: o.event, stage: o.stage ?? null, actions: automation.actions.map((a) => a.type) },
      actor: actorOf(automation),
      now: o.now,
    });
  }
  return { ran, approved };
}

const actorOf = (automation: Automation): Actor => ({ kind: 'automation', id: automation.id });

type ActionRun = { ret: ReturnRow; automation: Automation; action: AutomationAction; o: RunAutomationsOptions };

async function runAction(trx: Db, { ret, automation, action, o }: ActionRun): Promise<{ note: [string, string] | null; approved?: boolean }> {
  const role = (code: string | null | undefined) => (code ? (roleNames[code] ?? [code, code]) : null);
  switch (action.type) {
    case 'auto_approve': {
      const current = await findReturnRow(trx, ret.id, everything);
      if (current?.status !== 'requested' || !o.approve) return { note: null };
      if ((ret.decision.route?.approvalsRequired ?? 1) > 1) return { note: ['需二级审核，未自动通过', 'needs a second review, so not approved automatically'] };
      await o.approve(trx, { returnId: ret.id, actor: actorOf(automation), note: `自动化「${automation.name}」：自动审核通过`, now: o.now });
      return { note: ['已自动审核通过', 'approved'], approved: true };
    }
    case 'assign': {
      if (!(await assignOpenStage(trx, ret.id, { role: action.role, userId: action.userId }))) return { note: null };
      const who = role(action.role);
      return { note: [`已分配给${who?.[0] ?? '指定人员'}`, `assigned to ${who?.[1] ?? 'a person'}`] };
    }
    case 'request_photos':
      await announce(trx, ret.id, 'return.photos_requested', { automation, message: action.message ?? null }, o.now);
      return { note: ['已请客户补充照片', 'asked the customer for photos'] };
    case 'refund_on_receipt':
      if (!(await setRefundOnReceipt(trx, ret.id))) return { note: null };
      return { note: ['收货即退款', 'refund on receipt'] };
    case 'notify': {
      await announce(
        trx,
        ret.id,
        'automation.notify',
        { automation, channel: action.channel, message: action.message, messageEn: action.messageEn ?? action.message },
        o.now,
      );
      const channel = channelNames[action.channel] ?? [action.channel, action.channel];
      return { note: [`已通知${channel[0]}`, `notified ${channel[1]}`] };
    }
    case 'escalate': {
      await assignOpenStage(trx, ret.id, { role: action.role, userId: action.userId ?? null });
      await announce(trx, ret.id, 'return.escalated', { automation, stage: o.stage ?? ret.stage, role: action.role, userId: action.userId ?? null }, o.now);
      const who = role(action.role);
      return { note: [`环节超时，已升级给${who?.[0]}`, `stage overdue: escalated to ${who?.[1]}`] };
    }
  }
}

/** An outbox event whose payload is the return (as notices read it) with what the automation adds. */
async function announce(
  trx: Db,
  returnId: string,
  type: OutboxEventType,
  extra: { automation: Automation } & Record<string, unknown>,
  now: Date,
): Promise<void> {
  const view = await loadReturnView(trx, returnId, everything);
  const { automation, ...rest } = extra;
  await appendEvent(trx, {
    type,
    aggregateType: 'return',
    aggregateId: returnId,
    payload: { ...view, automation: { id: automation.id, name: automation.name, nameEn: automation.nameEn ?? null }, ...rest },
    now,
  });
}

/** The facts an automation's conditions are checked against, for a return on file. */
async function returnFacts(trx: Db, ret: ReturnRow, conditions: Automation['conditions'], now: Date): Promise<AutomationFacts> {
  const [order, lines, photos, policy] = await Promise.all([
    findOrder(trx, ret.orderId, everything),
    findReturnLines(trx, ret.id),
    listReturnPhotos(trx, ret.id),
    getPolicyVersion(trx, ret.policyVersion).then(async (p) => p ?? getCurrentPolicy(trx)),
  ]);
  const customer = await customerFactsFor(trx, { customerId: ret.customerId, conditions, now, excludeReturnId: ret.id });
  const orderLines = new Map((order?.lines ?? []).map((l) => [l.id, l]));
  const lineFacts = lines.map((line): LineFacts => {
    const orderLine = orderLines.get(line.orderLineId);
    const reason = findReason(policy, line.reasonCode);
    const unitPrice = orderLine && orderLine.quantity > 0 ? Math.round(orderLine.paidAmount / orderLine.quantity) : 0;
    return {
      sku: line.sku,
      category: orderLine?.category ?? '',
      unitPrice,
      quantity: line.quantity,
      amount: unitPrice * line.quantity,
      reasonCode: reason.parentCode ?? reason.code,
      subCode: reason.parentCode ? reason.code : null,
      reasonCategory: reason.category ?? null,
      shopFault: reason.shopFault === true,
      photos: photos.filter((p) => p.returnLineId === line.id || p.returnLineId === null).length,
      hasNote: Boolean(line.note?.trim()),
    };
  });
  const deliveredOn = order?.deliveredAt ? localDate(new Date(order.deliveredAt), policy.timeZone) : null;
  return {
    facts: {
      order: {
        channel: order?.channel ?? null,
        amount: (order?.lines ?? []).reduce((s, l) => s + l.paidAmount, 0),
        daysSinceDelivery: deliveredOn ? daysBetween(deliveredOn, localDate(now, policy.timeZone)) : null,
        paymentMethods: (order?.payments ?? []).map((p) => p.method),
      },
      customer,
      request: { amount: lineFacts.reduce((s, l) => s + l.amount, 0), type: ret.type, resolution: ret.resolution },
    },
    lines: lineFacts,
  };
}
