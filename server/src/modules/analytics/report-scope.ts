/** What every report starts from: fresh facts, the period in the shop's time zone, the filters, the reason names. */
import type { Db } from '../../db/connect.ts';
import { getCurrentPolicy } from '../policy/policy.repository.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { allReasonCodes, findReason } from '../policy/reasons.ts';
import type { ReportFilterQuery } from './analytics.schema.ts';
import { readFactsState } from './facts-state.repository.ts';
import { catchUpFacts } from './refresh-facts.ts';
import type { Filters, Period } from './reports.repository.ts';
import { addDays, dayStart, localDate } from './shop-time.ts';

export type Locale = 'zh-CN' | 'en';

export type ReportScope = {
  db: Db;
  policy: Policy;
  timeZone: string;
  locale: Locale;
  now: Date;
  period: Period;
  filters: Filters;
  meta: {
    period: { from: string; to: string; timeZone: string; fromInstant: string; toInstant: string };
    facts: { status: string; refreshedAt: string | null };
  };
  reasonLabel(code: string): string;
  reasonCategory(code: string): string;
};

export type OpenReportOptions = { db: Db; now: Date; query: ReportFilterQuery; locale: Locale; defaultDays?: number; fresh?: boolean };

/** The period before a period, of the same length. */
export function previousPeriod(period: Period): Period {
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000);
  return { from: addDays(period.from, -days), to: period.from };
}

/** Catches the facts up and resolves the period, filters and names of a report request. */
export async function openReport(o: OpenReportOptions): Promise<ReportScope> {
  const state = o.fresh === false ? await readFactsState(o.db) : await catchUpFacts(o.db);
  const policy = await getCurrentPolicy(o.db);
  const timeZone = policy.timeZone;
  const to = o.query.to ?? addDays(localDate(o.now, timeZone), 1);
  const from = o.query.from ?? addDays(to, -(o.defaultDays ?? 30));
  const english = o.locale === 'en';
  const reasonCategory = (code: string) => findReason(policy, code).category ?? 'other';
  const q = o.query;
  const reasonCodes = q.reasonCode
    ? [q.reasonCode]
    : q.reasonCategory
      ? allReasonCodes(policy).filter((code) => reasonCategory(code) === q.reasonCategory)
      : undefined;
  return {
    db: o.db,
    policy,
    timeZone,
    locale: o.locale,
    now: o.now,
    period: { from, to },
    filters: {
      channel: q.channel,
      category: q.category,
      productId: q.productId,
      supplierId: q.supplierId,
      warehouseId: q.warehouseId,
      reasonCodes,
    },
    meta: {
      period: { from, to, timeZone, fromInstant: dayStart(from, timeZone), toInstant: dayStart(to, timeZone) },
      facts: { status: state.status, refreshedAt: state.refreshedAt },
    },
    reasonLabel: (code) => {
      const reason = findReason(policy, code);
      return english ? (reason.labelEn ?? reason.label) : reason.label;
    },
    reasonCategory,
  };
}

/** units / total, or null without a total. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1_000_000) / 1_000_000 : null;
}

/** An opaque keyset cursor over rows sorted by a number (descending) and a key. */
export function encodeCursor(value: number, key: string): string {
  return Buffer.from(JSON.stringify([value, key])).toString('base64url');
}

/** The value and key a cursor points after, or null for a cursor that is not one of ours. */
export function decodeCursor(cursor: string): [number, string] | null {
  try {
    const [value, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    return typeof value === 'number' && typeof key === 'string' ? [value, key] : null;
  } catch {
    return null;
  }
}

/** A page of rows sorted by `value` descending then key ascending, after a cursor. */
export function pageAfter<T>(rows: T[], o: { limit: number; cursor?: string | undefined; value: (row: T) => number; key: (row: T) => string }) {
  const sorted = [...rows].sort((a, b) => o.value(b) - o.value(a) || (o.key(a) < o.key(b) ? -1 : o.key(a) > o.key(b) ? 1 : 0));
  let start = 0;
  if (o.cursor) {
    try {
      const [value, key] = JSON.parse(Buffer.from(o.cursor, 'base64url').toString()) as [number, string];
      start = sorted.findIndex((r) => o.value(r) < value || (o.value(r) === value && o.key(r) > key));
      if (start < 0) start = sorted.length;
    } catch {
      start = sorted.length;
    }
  }
  const data = sorted.slice(start, start + o.limit);
  const last = data[data.length - 1];
  const nextCursor = start + o.limit < sorted.length && last !== undefined ? encodeCursor(o.value(last), o.key(last)) : null;
  return { data, nextCursor };
}
