// Child processes and everything else a runner starts, stopped on every way out: normal end, a thrown
// error, an unhandled rejection, SIGINT/SIGTERM. Children run in their own process group (detached), because
// code-server's extension hosts and file watchers outlive the process that started them.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

type Cleanup = () => Promise<void>;

/** Set once a signal or an uncaught error started stopping everything. */
let stopping = false;
/** Most recent first, so a browser closes before the server it talks to. */
const cleanups: Cleanup[] = [];
/** Process groups still running, for the synchronous last resort in the 'exit' handler. */
const liveGroups = new Set<number>();

/** Registers `cleanup` to run when the runner ends; the returned function runs it now and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  cleanups.unshift(cleanup);
  return async () => {
    const index = cleanups.indexOf(cleanup);
    if (index < 0) return;
    cleanups.splice(index, 1);
    await cleanup();
  };
}

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.shift();
    try {
      await cleanup?.();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
async function stopGroup(pgid: number, graceMs = 5_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  // Bounded: an orphaned zombie nobody reaps would keep the group "alive" for ever.
  const killDeadline = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(50);
  liveGroups.delete(pgid);
}

export interface Started {
  pid: number;
  /** Resolves with the exit code (or null when killed by a signal) of the group leader. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr are appended to this file. */
  output: string;
}

/** Starts `command` as the leader of a new process group and registers its stop. */
export function startGroup(command: string, args: string[], options: StartOptions): Started {
  if (stopping) throw new Error(`not starting ${command}: the runner is stopping`);
  const log = fs.openSync(options.output, 'a');
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  // Without a listener a failed spawn (ENOENT) would be an uncaught error; the missing pid reports it.
  child.on('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}: is it installed and on PATH?`);
  liveGroups.add(pid);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = onCleanup(() => stopGroup(pid));
  return { pid, exited, stop };
}

/** Runs a program to its end, its output appended to a file. */
export async function runToEnd(command: string, args: string[], options: StartOptions): Promise<number | null> {
  const started = startGroup(command, args, options);
  const code = await started.exited;
  await started.stop();
  return code;
}

/** True once a signal or an uncaught error started stopping everything: a child ending then is expected. */
export function stopRequested(): boolean {
  return stopping;
}

function installHandlers(): void {
  const stopAndExit = (code: number): void => {
    if (stopping) return;
    stopping = true;
    void runCleanups().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => (stopping ? process.exit(130) : stopAndExit(130)));
  process.on('SIGTERM', () => stopAndExit(143));
  process.on('uncaughtException', (error) => {
    console.error(error);
    stopAndExit(1);
  });
  process.on('unhandledRejection', (reason) => {
    console.error(reason);
    stopAndExit(1);
  });
  // Last resort when the process exits without the cleanups having run (a second Ctrl+C, process.exit).
  process.on('exit', () => liveGroups.forEach((pgid) => signalGroup(pgid, 'SIGKILL')));
}

/** The entry point of a runner: `body` returns the exit code; everything started is stopped before exiting. */
export function main(body: () => Promise<number>): void {
  installHandlers();
  body()
    .catch((error: unknown) => {
      // While stopping, errors are the consequence (a closed browser, a killed server), not news.
      if (!stopping) console.error(error instanceof Error ? error.message : String(error));
      return 1;
    })
    .then(async (code) => {
      // A signal's or an error's handler is already stopping everything and will exit.
      if (stopping) return;
      await runCleanups();
      process.exit(code);
    });
}
