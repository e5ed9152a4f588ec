/** When to try a failed delivery again: 5 s, doubling to at most an hour, for 3 days. */

export const firstRetryMs = 5_000;
export const maxRetryMs = 60 * 60 * 1000;
export const giveUpAfterMs = 3 * 24 * 60 * 60 * 1000;

/** Delay before attempt n+1 after n failed attempts (n ≥ 1). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, failedAttempts - 1));
}
