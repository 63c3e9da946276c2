/** A call, or a whole listing, that went on past its deadline; what was still in flight was aborted. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';

  constructor(
    /** Where the calls went, credentials and query taken out: safe to show. */
    readonly endpoint: string,
    readonly deadlineMs: number,
  ) {
    super(`${endpoint} did not answer within ${formatSeconds(deadlineMs)}`);
  }
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Runs `work` with a signal that aborts its requests once `deadlineMs` has passed, and ends with a DeadlineError
 * then even if `work` does not (a credential source that ignores the signal, a body that trickles in).
 */
export async function withDeadline<T>(
  deadlineMs: number,
  endpoint: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineError(endpoint, deadlineMs);
      controller.abort(error);
      reject(error);
    }, deadlineMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
