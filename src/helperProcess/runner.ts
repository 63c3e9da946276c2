import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * The one way the extension runs a helper that hands it credentials (an AWS credential_process, a kubeconfig exec
 * plugin): in a process group of its own with stdin closed, ended with everything it started once its deadline
 * passes, at most a few at once, and never a second copy of one still running. Its command line, stdout and stderr
 * never reach an error: failures are typed values that callers turn into their own fixed words.
 */

/** Helpers that may run at once, across all callers; the rest wait their turn in order. */
export const maxHelperProcesses = 8;

/** How long stdout may stay open after the helper exited, held by something it left behind. */
const exitGraceMs = 500;

/** Why a helper gave no answer, as values: nothing of its command or output. */
export type HelperFailure =
  | { reason: 'timeout'; timeoutMs: number }
  | { reason: 'exit'; exitCode: number }
  | { reason: 'signal'; signal: NodeJS.Signals }
  | { reason: 'spawn'; code?: string }
  | { reason: 'tooLarge'; maxBytes: number };

export class HelperProcessError extends Error {
  override readonly name = 'HelperProcessError';

  constructor(readonly failure: HelperFailure) {
    super(`helper process failed: ${failure.reason}`);
  }
}

/** A first-in, first-out semaphore: at most `max` tasks run at once. */
export class ProcessLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`A process limit must be a whole number of at least 1, not ${max}.`);
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

const sharedLimiter = new ProcessLimiter(maxHelperProcesses);

export type Spawner = (command: string, args: readonly string[], options: SpawnOptions) => Pick<ChildProcess, 'on'>;

/**
 * Ends a helper and everything it started. POSIX: its process group (it leads one, being detached). Windows has
 * no groups: `taskkill /T /F` ends the tree under the pid (the shell and what it ran), not the shell alone.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform, spawner: Spawner = spawn): void {
  if (platform === 'win32') {
    const killer = spawner('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    // A tree already gone makes taskkill fail; there is nothing more to do for it.
    killer.on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing of the group is left. EPERM: a member changed user; there is nothing more to do for it.
  }
}

/** Children still running, killed if this process exits first: being detached, they would outlive it. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killChild(child: ChildProcess): void {
  if (child.pid !== undefined) killTree(child.pid);
}

/** On exit nothing asynchronous runs any more: taskkill, on Windows, is waited for. */
function killChildNow(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32')
    spawnSync('taskkill', ['/PID', String(child.pid), '/T', '/F'], {
      windowsHide: true,
      stdio: 'ignore',
      timeout: 5_000,
    });
  else killTree(child.pid);
}

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    process.on('exit', () => live.forEach(killChildNow));
    exitHookInstalled = true;
  }
  live.add(child);
}

function spawnFailure(error: unknown): HelperProcessError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new HelperProcessError({ reason: 'spawn', code: code && /^[A-Z0-9_]+$/.test(code) ? code : undefined });
}

/** What to run: a shell command line (credential_process), or a program and its arguments (exec plugins). */
export type HelperCommand = { shell: string } | { program: string; args: readonly string[] };

export interface HelperOptions {
  timeoutMs: number;
  /** Bytes of stdout accepted; credentials are a few KB, so more means the helper is not one. */
  maxOutputBytes: number;
  /** Variables added to this process's environment. */
  env?: Readonly<Record<string, string>>;
}

function start(command: HelperCommand, env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable> {
  const options = {
    detached: true,
    windowsHide: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
  };
  return 'shell' in command
    ? spawn(command.shell, { ...options, shell: true })
    : spawn(command.program, [...command.args], options);
}

/** Runs the helper; resolves with its stdout once it exited 0 and nothing of it is left. */
function runOnce(command: HelperCommand, options: HelperOptions): Promise<string> {
  const { timeoutMs, maxOutputBytes } = options;
  return new Promise((resolve, reject) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = start(command, options.env ? { ...process.env, ...options.env } : process.env);
    } catch (error) {
      // Node's own message quotes the command (a null byte in it, say); only the error's code is kept.
      reject(spawnFailure(error));
      return;
    }
    const chunks: Buffer[] = [];
    let outputBytes = 0;
    let stdoutClosed = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let failure: HelperProcessError | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timeoutTimer);
      clearTimeout(graceTimer);
      killChild(child);
      live.delete(child);
      child.stdout.destroy();
      child.stderr.destroy();
      if (failure) reject(failure);
      else if (exit?.signal) reject(new HelperProcessError({ reason: 'signal', signal: exit.signal }));
      else if (exit?.code) reject(new HelperProcessError({ reason: 'exit', exitCode: exit.code }));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };

    // Kills the group, then waits briefly for the exit so a caller never sees a rejection while the child still runs.
    const fail = (error: HelperProcessError): void => {
      if (failure || done) return;
      failure = error;
      killChild(child);
      if (exit) finish();
      else graceTimer = setTimeout(finish, exitGraceMs);
    };

    const timeoutTimer = setTimeout(() => fail(new HelperProcessError({ reason: 'timeout', timeoutMs })), timeoutMs);

    child.on('error', (error) => {
      // Only a failed start leaves no pid; otherwise this is a failed kill, and the timeout or exit still settles.
      if (child.pid !== undefined) return;
      failure ??= spawnFailure(error);
      finish();
    });
    if (child.pid !== undefined) track(child);

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      outputBytes += chunk.length;
      if (outputBytes > maxOutputBytes) fail(new HelperProcessError({ reason: 'tooLarge', maxBytes: maxOutputBytes }));
      else chunks.push(chunk);
    });
    child.stdout.on('close', () => {
      stdoutClosed = true;
      if (exit) finish();
    });
    // Stderr may hold secrets; it is read only so a chatty helper never blocks on a full pipe.
    child.stderr.resume();

    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (failure || stdoutClosed) finish();
      // Something the helper started still holds stdout open: what was printed so far is all there will be.
      else graceTimer = setTimeout(finish, exitGraceMs);
    });
  });
}

/** Runs by key that have not ended: asking again for one joins it instead of starting a second copy. */
const running = new Map<string, Promise<string>>();

/**
 * Runs `command` under `options`, waiting for a slot of `limiter`; the deadline starts when the helper does. While
 * a run of the same `key` is still under way (a caller gave up waiting on it, say), its outcome is shared.
 */
export function runHelper(
  key: string,
  command: HelperCommand,
  options: HelperOptions,
  limiter: ProcessLimiter = sharedLimiter,
): Promise<string> {
  const current = running.get(key);
  if (current) return current;
  const run = limiter.run(() => runOnce(command, options));
  running.set(key, run);
  const forget = (): void => {
    if (running.get(key) === run) running.delete(key);
  };
  run.then(forget, forget);
  return run;
}
