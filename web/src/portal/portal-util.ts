/** Small helpers of the portal's pages: copying, dates, the in-app browser, error words. */
import type { TFunction } from 'i18next';
import { ApiError } from './portal-api.ts';

/** Copies text; falls back to a hidden textarea where the Clipboard API is missing (older WeChat, plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  area.setSelectionRange(0, text.length);
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** Whether the page runs inside WeChat's in-app browser (which cannot download files). */
export function isWeChat(): boolean {
  return /MicroMessenger/i.test(navigator.userAgent);
}

/** A date (and time) in the customer's language, in the shop's time zone. */
export function formatDate(iso: string | null | undefined, language: string, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : { year: 'numeric' }),
  }).format(date);
}

/** What went wrong, in the customer's words. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0 || error.code === 'http_error') return t('common:error.network');
    if (error.code === 'rate_limited') return t('common:error.rate_limited');
    return t(`common:error.${error.code}`, { defaultValue: t('common:error.generic') });
  }
  if (error instanceof TypeError) return t('common:error.network');
  return t('common:error.generic');
}
