/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

export interface PollOptions {
  /** The wait between two looks. */
  everyMs: number;
  /** No look starts after this long; the poll ends as `timed out`. */
  withinMs: number;
  /** Ends the poll as `stopped` (a Cancel button). */
  signal?: AbortSignal;
  /** The clock and the wait, for tests; default: the real ones. */
  now?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How a poll ended: the look that was ready, or why there was none (with the last look, if any). */
export type PollResult<Ready, Look = Ready> =
  { ready: true; value: Ready } | { ready: false; ended: 'timed out' | 'stopped'; last: Look | undefined };

/**
 * Looks until `isReady` accepts what `look` found, with a pause between looks, within a time limit: the one loop behind
 * every "wait until …" (a rack running, its API answering, a stack gone). A look that throws ends the poll with its
 * error; `isReady` may throw too, to end it with a reason (a stack that failed instead).
 */
export function pollUntil<T, Ready extends T>(
  look: () => Promise<T>,
  isReady: (value: T) => value is Ready,
  options: PollOptions,
): Promise<PollResult<Ready, T>>;
export function pollUntil<T>(
  look: () => Promise<T>,
  isReady: (value: T) => boolean,
  options: PollOptions,
): Promise<PollResult<T>>;
export async function pollUntil<T>(
  look: () => Promise<T>,
  isReady: (value: T) => boolean,
  options: PollOptions,
): Promise<PollResult<T>> {
  const now = options.now ?? Date.now;
  const wait = options.wait ?? pause;
  const ends = now() + options.withinMs;
  let last: T | undefined;
  for (;;) {
    if (options.signal?.aborted) return { ready: false, ended: 'stopped', last };
    if (now() >= ends) return { ready: false, ended: 'timed out', last };
    last = await look();
    if (isReady(last)) return { ready: true, value: last };
    await wait(Math.min(options.everyMs, Math.max(0, ends - now())), options.signal);
  }
}
