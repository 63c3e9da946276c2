/** The shortest time a credential helper is given: a sign-in in a browser takes a while. */
export const minimumHelperTimeoutMs = 30_000;

/**
 * How long a credential helper (a credential_process, a kubeconfig exec plugin) may run before it is killed with
 * everything it started: the request deadline (the setting convox.requestTimeout), but never under 30 s.
 */
export function helperTimeoutMs(requestTimeoutMs: number): number {
  return Math.max(minimumHelperTimeoutMs, requestTimeoutMs);
}
