/** A wait of the background workers that something else can end early (a wake-up, a stop). */
export type CuttableWait = { done: Promise<void>; cut: () => void };

/** Waits `ms`, or until `cut()` is called, whichever comes first. */
export function cuttableWait(ms: number): CuttableWait {
  let cut: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cut = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, cut };
}
