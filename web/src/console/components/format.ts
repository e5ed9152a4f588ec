/** Dates, durations and rates in the interface language. */
import type { TFunction } from 'i18next';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-27 19:33 in the browser's time zone (the same compact form in both languages). */
export function formatDateTime(iso: string | null | undefined, _language?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 11-27 19:33: for dense tables where the year is plain. */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return `${sameYear ? '' : `${d.getFullYear()}-`}${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 2026-11-27. */
export function formatDate(iso: string | null | undefined, _language?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A span of hours as "2天5小时" / "2d 5h" / "35分钟" / "35 min". */
export function formatHours(hours: number, t: TFunction): string {
  const abs = Math.abs(hours);
  if (abs < 1) return t('console:time.minutes', { count: Math.max(1, Math.round(abs * 60)) });
  if (abs < 24) return t('console:time.hours', { count: Math.floor(abs) });
  const days = Math.floor(abs / 24);
  const rest = Math.floor(abs - days * 24);
  return rest === 0 ? t('console:time.days', { count: days }) : t('console:time.daysHours', { days, hours: rest });
}

/** Hours between two instants (to defaults to now). */
export function hoursBetween(from: string, to: string | number = Date.now()): number {
  return ((typeof to === 'number' ? to : Date.parse(to)) - Date.parse(from)) / 3_600_000;
}

/** 12.5%. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(rate >= 0.1 || rate === 0 ? 0 : 1)}%`;
}
