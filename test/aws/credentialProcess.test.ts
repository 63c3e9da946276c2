import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { CredentialProcessError, fromCredentialProcess } from '../../src/aws/credentialProcess';
import { ProcessLimiter, killTree, type Spawner } from '../../src/helperProcess/runner';
import { helperTimeoutMs } from '../../src/model/helperTimeout';

/** Quotes one word for /bin/sh. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line that runs a node script with this very node, so no other tool is needed. */
function nodeCommand(script: string, ...args: string[]): string {
  return [process.execPath, script, ...args].map(quote).join(' ');
}

/** Whether a process still runs. A zombie counts as ended: where pid 1 does not reap orphans, one stays forever. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    // /proc/<pid>/stat reads "pid (name) STATE ..."; the name may hold spaces, so the state follows the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilEnded(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function rejection(promise: Promise<unknown>): Promise<CredentialProcessError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CredentialProcessError, `expected a CredentialProcessError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the provider to reject');
}

const scripts = {
  // Prints a file's content and exits with the given status.
  print: `
const fs = require('fs');
process.stdout.write(fs.readFileSync(process.argv[2]), () => process.exit(Number(process.argv[3] ?? 0)));
`,
  // Runs until killed.
  hang: `setInterval(() => undefined, 1000);`,
  // Starts a long sleeper in the same process group (not detached) that inherits stdout, prints credentials and exits.
  leak: `
const fs = require('fs');
const { spawn } = require('child_process');
const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 120000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
fs.writeFileSync(process.argv[2], String(sleeper.pid));
const credentials = { Version: 1, AccessKeyId: 'AKIDLEAK', SecretAccessKey: 'leak-secret' };
process.stdout.write(JSON.stringify(credentials), () => process.exit(0));
`,
  // Fails loudly, with secrets on both streams.
  fail: `
process.stderr.write('MARKER-STDERR-7f3a\\n');
process.stdout.write('MARKER-STDOUT-7f3a\\n', () => process.exit(3));
`,
  // Logs when it starts and ends, sleeping in between, then prints credentials.
  overlap: `
const fs = require('fs');
fs.appendFileSync(process.argv[2], 'start ' + Date.now() + '\\n');
setTimeout(() => {
  fs.appendFileSync(process.argv[2], 'end ' + Date.now() + '\\n');
  process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDOVERLAP', SecretAccessKey: 'secret' }));
}, Number(process.argv[3]));
`,
  // Records its pid in a file (one line per start), then runs until killed.
  hangLogged: `require('fs').appendFileSync(process.argv[2], process.pid + '\\n'); setInterval(() => undefined, 1000);`,
  // Ends itself with SIGTERM.
  signal: `process.kill(process.pid, 'SIGTERM'); setInterval(() => undefined, 1000);`,
};

describe('credential_process runner', () => {
  let dir: string;
  const started: number[] = [];

  const file = (name: string, content: string): string => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, content);
    return full;
  };
  const script = (name: keyof typeof scripts): string => file(`${name}.js`, scripts[name]);
  const pidFrom = (pidFile: string): number => {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    started.push(pid);
    return pid;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-credproc-'));
  });
  afterEach(() => {
    // A failed assertion must not leave a sleeper behind.
    for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('parses the credentials a good process prints, session token and expiration included', async () => {
    const expiration = new Date(Date.now() + 3_600_000);
    const output = file(
      'good.json',
      JSON.stringify({
        Version: 1,
        AccessKeyId: 'AKIDGOOD',
        SecretAccessKey: 'good-secret',
        SessionToken: 'good-token',
        Expiration: expiration.toISOString(),
      }),
    );
    const credentials = await fromCredentialProcess('good', nodeCommand(script('print'), output))();
    assert.deepEqual(credentials, {
      accessKeyId: 'AKIDGOOD',
      secretAccessKey: 'good-secret',
      sessionToken: 'good-token',
      expiration,
    });
  });

  it('kills a process that never ends once the timeout passes', async () => {
    const pidFile = path.join(dir, 'hang.pid');
    const began = Date.now();
    // The shell records its pid and becomes node: a slow node start cannot outlast the timeout before the pid is known.
    const command = `echo $$ > ${quote(pidFile)} && exec ${nodeCommand(script('hang'))}`;
    const error = await rejection(fromCredentialProcess('stuck', command, { timeoutMs: 300 })());
    const elapsed = Date.now() - began;
    assert.equal(error.reason, 'timeout');
    assert.equal(error.profile, 'stuck');
    assert.equal(
      error.message,
      'The credential_process of profile "stuck" did not finish within 0.3 s and was stopped. Run the command in a terminal to see its output, fix it, then refresh.',
    );
    assert.ok(elapsed >= 300 && elapsed < 1300, `rejected after ${elapsed} ms`);
    assert.ok(await waitUntilEnded(pidFrom(pidFile), 1000), 'the process still runs');
  });

  it('answers promptly when a process exits but leaves a helper holding stdout, and kills the helper', async () => {
    const pidFile = path.join(dir, 'sleeper.pid');
    const began = Date.now();
    const credentials = await fromCredentialProcess('leaky', nodeCommand(script('leak'), pidFile), {
      timeoutMs: 10_000,
    })();
    const elapsed = Date.now() - began;
    assert.deepEqual(credentials, { accessKeyId: 'AKIDLEAK', secretAccessKey: 'leak-secret' });
    assert.ok(elapsed < 3000, `resolved after ${elapsed} ms`);
    assert.ok(await waitUntilEnded(pidFrom(pidFile), 1000), 'the helper still runs');
  });

  it('reports a non-zero exit without the command line, stdout or stderr', async () => {
    const command = `${nodeCommand(script('fail'))} --token=MARKER-CMDLINE-7f3a`;
    const error = await rejection(fromCredentialProcess('failing', command)());
    assert.equal(error.reason, 'exit');
    assert.equal(error.exitCode, 3);
    assert.equal(
      error.message,
      'The credential_process of profile "failing" exited with status 3. Run the command in a terminal to see its output, fix it, then refresh.',
    );
    for (const text of [error.message, String(error), error.stack ?? '', inspect(error)])
      assert.doesNotMatch(text, /MARKER|7f3a/);
  });

  it('reports a process ended by a signal', async () => {
    // exec, so the node script is the shell's own process and its signal is not turned into a status by the shell.
    const error = await rejection(fromCredentialProcess('signalled', `exec ${nodeCommand(script('signal'))}`)());
    assert.equal(error.reason, 'signal');
    assert.equal(error.signal, 'SIGTERM');
    assert.match(error.message, /profile "signalled" was ended by signal SIGTERM\./);
  });

  const badOutputs: [string, string, RegExp][] = [
    [
      'not JSON',
      'MARKER-OUTPUT-7f3a not json',
      /printed something other than the JSON the AWS CLI expects \(Version 1 with AccessKeyId and SecretAccessKey\)\./,
    ],
    [
      'Version 2',
      JSON.stringify({ Version: 2, AccessKeyId: 'MARKER-OUTPUT-7f3a', SecretAccessKey: 'MARKER-OUTPUT-7f3a' }),
      /Version is not 1/,
    ],
    [
      'no SecretAccessKey',
      JSON.stringify({ Version: 1, AccessKeyId: 'MARKER-OUTPUT-7f3a' }),
      /without a SecretAccessKey string/,
    ],
    [
      'an Expiration that is not a date',
      JSON.stringify({
        Version: 1,
        AccessKeyId: 'A',
        SecretAccessKey: 'MARKER-OUTPUT-7f3a',
        Expiration: 'MARKER-OUTPUT-7f3a',
      }),
      /Expiration that is not an ISO 8601 date/,
    ],
    [
      'an Expiration in the past',
      JSON.stringify({
        Version: 1,
        AccessKeyId: 'A',
        SecretAccessKey: 'MARKER-OUTPUT-7f3a',
        Expiration: '2020-01-01T00:00:00Z',
      }),
      /Expiration has already passed/,
    ],
  ];
  for (const [label, output, expected] of badOutputs) {
    it(`rejects output with ${label}, without quoting it`, async () => {
      const error = await rejection(
        fromCredentialProcess('odd', nodeCommand(script('print'), file('bad.out', output)))(),
      );
      assert.equal(error.reason, 'output');
      assert.match(error.message, expected);
      assert.match(error.message, /^The credential_process of profile "odd" .*Run the command in a terminal/);
      for (const text of [error.message, String(error), error.stack ?? '', inspect(error)])
        assert.doesNotMatch(text, /MARKER|7f3a/);
    });
  }

  it('runs no more processes at once than its limiter allows, and runs all of them', async () => {
    const log = path.join(dir, 'overlap.log');
    const command = nodeCommand(script('overlap'), log, '200');
    const limiter = new ProcessLimiter(3);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => fromCredentialProcess(`busy-${index}`, command, { limiter })()),
    );
    assert.equal(results.length, 20);
    assert.ok(results.every((credentials) => credentials.accessKeyId === 'AKIDOVERLAP'));
    const events = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([kind, at]) => ({ delta: kind === 'start' ? 1 : -1, at: Number(at) }))
      // On a tie the end comes first: a process that ends in the same millisecond another starts did not overlap it.
      .sort((a, b) => a.at - b.at || a.delta - b.delta);
    assert.equal(events.length, 40);
    let running = 0;
    let most = 0;
    for (const event of events) {
      running += event.delta;
      most = Math.max(most, running);
    }
    assert.ok(most <= 3 && most >= 2, `at most ${most} ran at once`);
  });

  it('asked again while a run of the same profile and command still goes on, joins it instead of starting another', async () => {
    const pidFile = path.join(dir, 'joined.pids');
    const command = nodeCommand(script('hangLogged'), pidFile);
    const first = fromCredentialProcess('joined', command, { timeoutMs: 1_500 })();
    // The caller that gave up on the first run (a deadline passed) and asks again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = fromCredentialProcess('joined', command, { timeoutMs: 1_500 })();
    const [one, two] = await Promise.all([rejection(first), rejection(second)]);
    assert.equal(one.reason, 'timeout');
    assert.equal(two.reason, 'timeout');
    const pids = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    pids.forEach((pid) => started.push(pid));
    assert.equal(pids.length, 1, 'one process for both');
    assert.ok(await waitUntilEnded(pids[0], 1000), 'the process still runs');
    const third = rejection(fromCredentialProcess('joined', command, { timeoutMs: 2_000 })());
    assert.equal((await third).reason, 'timeout');
    const again = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    again.forEach((pid) => started.push(pid));
    assert.equal(again.length, 2, 'once ended, the next call runs it again');
  });

  it("a helper's deadline is the request deadline, never under 30 s", () => {
    assert.equal(helperTimeoutMs(5_000), 30_000);
    assert.equal(helperTimeoutMs(30_000), 30_000);
    assert.equal(helperTimeoutMs(120_000), 120_000);
  });

  it('on Windows the whole tree is ended with taskkill /T /F', () => {
    const spawned: Array<{ command: string; args: readonly string[]; windowsHide: unknown }> = [];
    const spawner: Spawner = (command, args, options) => {
      spawned.push({ command, args, windowsHide: options.windowsHide });
      return { on: () => undefined } as unknown as ReturnType<Spawner>;
    };
    killTree(4242, 'win32', spawner);
    assert.deepEqual(spawned, [{ command: 'taskkill', args: ['/PID', '4242', '/T', '/F'], windowsHide: true }]);
  });

  it('starts the timeout when the process starts, not while it waits for its turn', async () => {
    const limiter = new ProcessLimiter(1);
    const busy = limiter.run(() => new Promise((resolve) => setTimeout(resolve, 1500)));
    const output = file(
      'good.json',
      JSON.stringify({ Version: 1, AccessKeyId: 'AKIDQUEUED', SecretAccessKey: 'secret' }),
    );
    const began = Date.now();
    const credentials = await fromCredentialProcess('queued', nodeCommand(script('print'), output), {
      timeoutMs: 1000,
      limiter,
    })();
    const elapsed = Date.now() - began;
    await busy;
    assert.equal(credentials.accessKeyId, 'AKIDQUEUED');
    assert.ok(elapsed >= 1500, `ran after ${elapsed} ms, before the slot was free`);
  });
});
