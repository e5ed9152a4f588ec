/**
 * Wakes the outbox's consumers (webhooks, notices, analytics facts) at most once per
 * `intervalMs`. Every committed change calls it; under load (hundreds of returns a
 * second) waking each worker per change made the webhook worker run a claim transaction
 * for every single event — six worker transactions per return creation, all queued on
 * the same SQLite connection as the requests (docs/performance.md). A wake when the
 * workers have been quiet for the interval goes out at once, so a lone change is not
 * delayed; later ones within the interval share one wake at its end.
 */
export function throttledWake(wake: () => void, intervalMs = 25): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) {
      last = Date.now();
      wake();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      wake();
    }, wait);
    // A pending wake never keeps a stopping server alive: the workers' own poll picks the events up.
    timer.unref();
  };
}
