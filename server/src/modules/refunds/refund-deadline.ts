/**
 * The refund deadline the law sets (消费者权益保护法 第二十五条: within 7 days of
 * receiving the returned goods), counted in calendar days in the shop's time zone, and
 * how close a refund is to it.
 */
import { addDays, localDate } from '../../lib/local-date.ts';

const dayMs = 86_400_000;

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone. */
export function zonedStartOfDay(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const first = guess - offsetMs(guess, timeZone);
  return new Date(guess - offsetMs(first, timeZone));
}

/** When a refund is due: the end of the n-th calendar day after the day the goods arrived. */
export function refundDueAt(receivedAt: Date, policy: { timeZone: string; refundDeadlineDays: number }): string {
  const lastDay = addDays(localDate(receivedAt, policy.timeZone), policy.refundDeadlineDays);
  return zonedStartOfDay(addDays(lastDay, 1), policy.timeZone).toISOString();
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

/** Whether a deadline is comfortably ahead, close (within the warning days), or passed. */
export function deadlineState(dueAt: string | null, now: Date, warningDays: number): DeadlineState {
  if (!dueAt) return 'ok';
  const left = Date.parse(dueAt) - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= warningDays * dayMs ? 'due_soon' : 'ok';
}

/** Whole days left before a deadline (negative once passed), rounded up. */
export function daysLeft(dueAt: string, now: Date): number {
  return Math.ceil((Date.parse(dueAt) - now.getTime()) / dayMs);
}
