/** The console's API client: the staff token in this browser, and what to do when it expires. */
import type { TFunction } from 'i18next';
import { ApiError, createApiClient, localTokenStore } from '../../api/http.ts';

const listeners = new Set<() => void>();

/** Runs the callback whenever the server answers 401 (the session ended). */
export function onSessionExpired(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const api = createApiClient(localTokenStore('rf.console.token'), () => {
  for (const listener of listeners) listener();
});

/** A message for an API failure in the interface language, from the error code. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `common:error.${error.code}`;
    const text = t(key, { defaultValue: '' });
    return text || t('common:error.generic');
  }
  if (error instanceof TypeError) return t('common:error.network');
  return t('common:error.generic');
}

/** A fresh Idempotency-Key (works on plain-http intranet addresses too, where randomUUID is missing). */
export function idempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export { ApiError };
