import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { AwsCredentialIdentity } from '@smithy/types';

/** Milliseconds a credential_process may run, counted from its start, before its whole process group is killed. */
export const credentialProcessTimeoutMs = 30_000;

/** Credential processes that may run at once, across all profiles; the rest wait their turn in order. */
export const maxCredentialProcesses = 8;

/** Bytes of stdout accepted; credential JSON is a few hundred, so more means the process is not one. */
const maxOutputBytes = 1024 * 1024;

/** How long stdout may stay open after the process exited, held by something it left behind. */
const exitGraceMs = 500;

/** Why a credential_process gave no credentials. */
export type CredentialProcessReason = 'timeout' | 'exit' | 'signal' | 'spawn' | 'output';

/** What is wrong with a credential_process's output, each with fixed words that quote none of it. */
const outputProblems = {
  tooLarge: `printed more than ${maxOutputBytes / (1024 * 1024)} MB`,
  notJson: 'printed something other than the JSON the AWS CLI expects (Version 1 with AccessKeyId and SecretAccessKey)',
  wrongVersion: 'printed JSON whose Version is not 1, the only version the AWS CLI knows',
  noAccessKeyId: 'printed JSON without an AccessKeyId string',
  noSecretAccessKey: 'printed JSON without a SecretAccessKey string',
  badSessionToken: 'printed a SessionToken that is not a string',
  badExpiration: 'printed an Expiration that is not an ISO 8601 date',
  expired: 'printed credentials whose Expiration has already passed',
} as const;

export type CredentialProcessOutputProblem = keyof typeof outputProblems;

/** The failure as typed values, so no text from the command or its output can reach the message. */
export type CredentialProcessFailure =
  | { reason: 'timeout'; timeoutMs: number }
  | { reason: 'exit'; exitCode: number }
  | { reason: 'signal'; signal: NodeJS.Signals }
  | { reason: 'spawn'; code?: string }
  | { reason: 'output'; problem: CredentialProcessOutputProblem };

const nextStep = 'Run the command in a terminal to see its output, fix it, then refresh.';

function messageFor(profile: string, failure: CredentialProcessFailure): string {
  const subject = `The credential_process of profile "${profile}"`;
  switch (failure.reason) {
    case 'timeout':
      return `${subject} did not finish within ${failure.timeoutMs / 1000} s and was stopped. ${nextStep}`;
    case 'exit':
      return `${subject} exited with status ${failure.exitCode}. ${nextStep}`;
    case 'signal':
      return `${subject} was ended by signal ${failure.signal}. ${nextStep}`;
    case 'spawn':
      return `${subject} could not be started${failure.code ? ` (${failure.code})` : ''}. Check that the shell can run it, then refresh.`;
    case 'output':
      return `${subject} ${outputProblems[failure.problem]}. ${nextStep}`;
  }
}

/** A credential_process failure whose message names the profile and what went wrong, never the command or its output. */
export class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';
  readonly reason: CredentialProcessReason;
  readonly exitCode?: number;
  readonly signal?: string;

  constructor(
    readonly profile: string,
    failure: CredentialProcessFailure,
  ) {
    super(messageFor(profile, failure));
    this.reason = failure.reason;
    if (failure.reason === 'exit') this.exitCode = failure.exitCode;
    if (failure.reason === 'signal') this.signal = failure.signal;
  }
}

/** A first-in, first-out semaphore: at most `max` tasks run at once. */
export class ProcessLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`A process limit must be a whole number of at least 1, not ${max}.`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.max) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const sharedLimiter = new ProcessLimiter(maxCredentialProcesses);

/** Children still running, killed if this process exits first: being detached, they would outlive it. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // Windows has no process groups; there only the direct child can be ended.
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing of the group is left. EPERM: a member changed user; there is nothing more to do for it.
  }
}

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    process.on('exit', () => live.forEach(killGroup));
    exitHookInstalled = true;
  }
  live.add(child);
}

function spawnFailure(profile: string, error: unknown): CredentialProcessError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new CredentialProcessError(profile, { reason: 'spawn', code: code && /^[A-Z0-9_]+$/.test(code) ? code : undefined });
}

/** Runs the command in its own process group; resolves with its stdout once it exited 0 and nothing of it is left. */
function runProcess(profile: string, command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(command, { shell: true, detached: true, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // Node's own message quotes the command (a null byte in it, say); only the error's code is kept.
      reject(spawnFailure(profile, error));
      return;
    }
    const chunks: Buffer[] = [];
    let outputBytes = 0;
    let stdoutClosed = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let failure: CredentialProcessError | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timeoutTimer);
      clearTimeout(graceTimer);
      killGroup(child);
      live.delete(child);
      child.stdout.destroy();
      child.stderr.destroy();
      if (failure) reject(failure);
      else if (exit?.signal) reject(new CredentialProcessError(profile, { reason: 'signal', signal: exit.signal }));
      else if (exit?.code) reject(new CredentialProcessError(profile, { reason: 'exit', exitCode: exit.code }));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };

    // Kills the group, then waits briefly for the exit so a caller never sees a rejection while the child still runs.
    const fail = (error: CredentialProcessError): void => {
      if (failure || done) return;
      failure = error;
      killGroup(child);
      if (exit) finish();
      else graceTimer = setTimeout(finish, exitGraceMs);
    };

    const timeoutTimer = setTimeout(() => fail(new CredentialProcessError(profile, { reason: 'timeout', timeoutMs })), timeoutMs);

    child.on('error', (error) => {
      // Only a failed start leaves no pid; otherwise this is a failed kill, and the timeout or exit still settles.
      if (child.pid !== undefined) return;
      failure ??= spawnFailure(profile, error);
      finish();
    });
    if (child.pid !== undefined) track(child);

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      outputBytes += chunk.length;
      if (outputBytes > maxOutputBytes) fail(new CredentialProcessError(profile, { reason: 'output', problem: 'tooLarge' }));
      else chunks.push(chunk);
    });
    child.stdout.on('close', () => {
      stdoutClosed = true;
      if (exit) finish();
    });
    // Stderr may hold secrets; it is read only so a chatty process never blocks on a full pipe.
    child.stderr.resume();

    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (failure || stdoutClosed) finish();
      // Something the process started still holds stdout open: what was printed so far is all there will be.
      else graceTimer = setTimeout(finish, exitGraceMs);
    });
  });
}

function parseCredentials(profile: string, output: string): AwsCredentialIdentity {
  const problem = (kind: CredentialProcessOutputProblem): CredentialProcessError => new CredentialProcessError(profile, { reason: 'output', problem: kind });
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw problem('notJson');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw problem('notJson');
  const fields = parsed as Record<string, unknown>;
  if (fields.Version !== 1) throw problem('wrongVersion');
  const { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: expiration } = fields;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') throw problem('noAccessKeyId');
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') throw problem('noSecretAccessKey');
  // The AWS CLI reads a null SessionToken or Expiration as absent, so tools written against it may print one.
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string') throw problem('badSessionToken');
  let expires: Date | undefined;
  if (expiration !== undefined && expiration !== null) {
    expires = typeof expiration === 'string' ? new Date(expiration) : undefined;
    if (!expires || Number.isNaN(expires.getTime())) throw problem('badExpiration');
    if (expires.getTime() <= Date.now()) throw problem('expired');
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(typeof sessionToken === 'string' ? { sessionToken } : {}),
    ...(expires ? { expiration: expires } : {}),
  };
}

export interface CredentialProcessOptions {
  /** Overrides {@link credentialProcessTimeoutMs}. */
  timeoutMs?: number;
  /** Overrides the limiter shared by all profiles, which allows {@link maxCredentialProcesses} at once. */
  limiter?: ProcessLimiter;
}

/**
 * A credential provider that runs a profile's credential_process as the AWS CLI does, but always ends: it is
 * killed with everything it started after the timeout, and failures never quote the command or its output.
 */
export function fromCredentialProcess(profile: string, command: string, options: CredentialProcessOptions = {}): () => Promise<AwsCredentialIdentity> {
  const timeoutMs = options.timeoutMs ?? credentialProcessTimeoutMs;
  const limiter = options.limiter ?? sharedLimiter;
  return async () => parseCredentials(profile, await limiter.run(() => runProcess(profile, command, timeoutMs)));
}
