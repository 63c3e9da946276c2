/**
 * `work`, or an error once `deadlineMs` has passed: file operations cannot be aborted, but a file on a stalled
 * network share must not leave the caller waiting.
 */
export function within<T>(work: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${deadlineMs / 1000} s`)), deadlineMs);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
