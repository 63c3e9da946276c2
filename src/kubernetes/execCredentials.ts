import { HelperProcessError, runHelper, type HelperFailure } from '../helperProcess/runner';

/** What a kubeconfig user's `exec` says to run (client.authentication.k8s.io). */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  apiVersion?: string;
}

/** What an exec plugin hands back: a bearer token, or a client certificate and key (PEM). */
export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** When to run the plugin again; never, when absent. */
  expiresAt?: number;
}

/** Bytes of output accepted; an ExecCredential is a few KB. */
const maxOutputBytes = 1024 * 1024;
/** A credential this close to its expiry is fetched again rather than sent. */
const expiryMarginMs = 10_000;

/** An exec plugin failed; the message names the user and what went wrong, never the command or its output. */
export class ExecCredentialError extends Error {
  override readonly name = 'ExecCredentialError';
}

function failureWords(failure: HelperFailure): string {
  switch (failure.reason) {
    case 'timeout':
      return `did not finish within ${failure.timeoutMs / 1000} s and was stopped (a plugin waiting for a sign-in cannot get one here: sign in with kubectl in a terminal first)`;
    case 'exit':
      return `exited with status ${failure.exitCode}`;
    case 'signal':
      return `was ended by signal ${failure.signal}`;
    case 'spawn':
      return `could not be started${failure.code ? ` (${failure.code})` : ''}`;
    case 'tooLarge':
      return `printed more than ${failure.maxBytes / (1024 * 1024)} MB`;
  }
}

function parse(output: string): ExecCredential | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return undefined;
  }
  const status = (parsed as { status?: unknown } | null)?.status;
  if (typeof status !== 'object' || status === null) return undefined;
  const field = (key: string): string | undefined => {
    const value = (status as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const token = field('token');
  const clientCertificateData = field('clientCertificateData');
  const clientKeyData = field('clientKeyData');
  if (!token && !(clientCertificateData && clientKeyData)) return undefined;
  const expiration = field('expirationTimestamp');
  const expiresAt = expiration === undefined ? undefined : Date.parse(expiration);
  if (expiresAt !== undefined && Number.isNaN(expiresAt)) return undefined;
  return { token, clientCertificateData, clientKeyData, expiresAt };
}

/** Credentials by plugin and user, kept across refreshes until they near their expiry. */
const cached = new Map<string, ExecCredential>();

/**
 * The credential of a kubeconfig user's exec plugin, from the cache while it lasts, else from running the plugin
 * under the project's runner: stdin closed, not interactive, killed with what it started after `timeoutMs`, and a
 * run still going on (a lookup gave up on it) joined rather than started again.
 */
export async function execCredential(user: string, exec: ExecConfig, timeoutMs: number): Promise<ExecCredential> {
  const key = JSON.stringify([user, exec.command, exec.args ?? [], exec.env ?? []]);
  const known = cached.get(key);
  if (known && (known.expiresAt === undefined || known.expiresAt - Date.now() > expiryMarginMs)) return known;
  cached.delete(key);
  const subject = `The exec credential plugin of kubeconfig user "${user}"`;
  const env: Record<string, string> = {
    KUBERNETES_EXEC_INFO: JSON.stringify({
      apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      spec: { interactive: false },
    }),
  };
  for (const variable of exec.env ?? [])
    if (typeof variable?.name === 'string' && typeof variable.value === 'string') env[variable.name] = variable.value;
  let output: string;
  try {
    output = await runHelper(
      `kubernetes-exec\u0000${key}`,
      { program: exec.command, args: (exec.args ?? []).map(String) },
      { timeoutMs, maxOutputBytes, env },
    );
  } catch (error) {
    throw new ExecCredentialError(
      `${subject} ${error instanceof HelperProcessError ? failureWords(error.failure) : 'could not be run'}.`,
    );
  }
  const credential = parse(output);
  if (!credential)
    throw new ExecCredentialError(
      `${subject} printed something other than an ExecCredential with a token or a client certificate.`,
    );
  cached.set(key, credential);
  return credential;
}
