/**
 * The scheduled look at approved returns whose goods have not been sent back: a reminder
 * to the customer after N days, and automatic cancellation once the return-shipping
 * stage's time limit has passed. Both are written on the return's timeline by the
 * automation actor; the reminder's notices are written in the same transaction.
 */
import type { AppContext } from '../context.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { everything } from '../lib/scope.ts';
import { findUnshippedReturns, type UnshippedReturn } from '../modules/logistics/shipping-deadlines.repository.ts';
import { type FanOutRuntime, fanOutReturnNotices } from '../modules/notifications/fan-out-notices.ts';
import { formatDateTime } from '../modules/notifications/notice-catalog.ts';
import type { AutomationSettings } from '../modules/notifications/notification-settings.schema.ts';
import { loadReturnView } from '../modules/returns/present-return.ts';
import { insertTimelineEntry, lockReturnRow } from '../modules/returns/returns.repository.ts';
import { cancelReturn } from './cancel-return.ts';

const dayMs = 24 * 60 * 60 * 1000;
const reminderActor: Actor = { kind: 'automation', id: 'ship_reminder' };
const deadlineActor: Actor = { kind: 'automation', id: 'shipping_deadline' };

export type ShippingDeadlineOptions = { automation: AutomationSettings; fanOut: Omit<FanOutRuntime, 'now'> };

async function remind(ctx: AppContext, candidate: UnshippedReturn, o: ShippingDeadlineOptions, now: Date): Promise<boolean> {
  const deadline = candidate.dueAt ? formatDateTime(candidate.dueAt) : '';
  const daysWaiting = String(Math.floor((now.getTime() - Date.parse(candidate.approvedAt)) / dayMs));
  return ctx.db.transaction().execute(async (trx) => {
    const ret = await lockReturnRow(trx, candidate.id, everything, isPostgres(trx));
    if (ret?.status !== 'approved' || ret.shippedAt) return false;
    await insertTimelineEntry(trx, {
      returnId: ret.id,
      action: 'ship_reminder',
      status: ret.status,
      note: deadline ? `已提醒客户在 ${deadline} 前寄回 (reminded to ship by ${deadline})` : '已提醒客户寄回 (reminded to ship)',
      data: { daysWaiting: Number(daysWaiting), dueAt: candidate.dueAt },
      actor: reminderActor,
      now,
    });
    const view = await loadReturnView(trx, ret.id, everything);
    if (view) {
      await fanOutReturnNotices(
        trx,
        { key: `ship_reminder:${ret.id}`, type: 'return.ship_reminder', createdAt: now.toISOString(), payload: view, extra: { deadline, daysWaiting } },
        { ...o.fanOut, now },
      );
    }
    return true;
  });
}

/** Reminds and cancels what is due; returns how many of each. */
export async function enforceShippingDeadlines(ctx: AppContext, o: ShippingDeadlineOptions): Promise<{ reminded: number; cancelled: number }> {
  const now = ctx.clock.now();
  const reminderMs = o.automation.shipReminderDays * dayMs;
  let reminded = 0;
  let cancelled = 0;
  for (const candidate of await findUnshippedReturns(ctx.db, now.toISOString(), 500)) {
    const overdue = candidate.dueAt !== null && Date.parse(candidate.dueAt) <= now.getTime();
    if (o.automation.autoCancelUnshipped && overdue) {
      try {
        await cancelReturn(ctx, {
          returnId: candidate.id,
          scope: everything,
          actor: deadlineActor,
          reason: '超过寄回期限未寄出，系统自动取消 (not shipped within the time limit; cancelled automatically)',
        });
        cancelled += 1;
      } catch (error) {
        // Shipped or cancelled by someone else meanwhile.
        if (!(error instanceof AppError && error.code === 'invalid_transition')) throw error;
      }
    } else if (reminderMs > 0 && !candidate.reminded && Date.parse(candidate.approvedAt) + reminderMs <= now.getTime()) {
      if (await remind(ctx, candidate, o, now)) reminded += 1;
    }
  }
  if (reminded > 0) ctx.notifyOutbox();
  return { reminded, cancelled };
}
