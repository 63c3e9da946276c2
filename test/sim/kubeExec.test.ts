// Kubeconfig credential helpers through the shipped bundle (dist/kubernetes.js) with real child processes: exec
// plugins run under the project's runner (deadline, process group killed, stdin closed, output never shown), one
// kubeconfig per version of its files so a token lives between refreshes, legacy cmd-path helpers never run.
// Each case runs in a child on the Node of VS Code's extension host, which does several lookups in a row as
// refreshes would, watching its own event loop.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureNode } from '../runner/install';
import { kubeconfigFor, simulatedKubernetesToken, startKubernetesApi, type KubernetesApi } from './kubernetes';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'kubernetes.js');

/**
 * Runs `lookups` lookups one after the other (deadline and helper timeout as given), then waits `settleMs` and
 * says which pids of the pid file still run. The event loop's longest stall over the whole run is measured.
 */
const script = `const fs = require('fs');
const { lookUpLocalRacks } = require(${JSON.stringify(bundle)});
const [lookups, deadlineMs, helperMs, settleMs, pidFile] = process.argv.slice(1);
let last = Date.now(), stall = 0;
const ticker = setInterval(() => { const now = Date.now(); stall = Math.max(stall, now - last); last = now; }, 10);
const running = (pid) => { try { process.kill(pid, 0); } catch { return false; } const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'; };
(async () => {
  const results = [];
  for (let index = 0; index < Number(lookups); index++) {
    const started = Date.now();
    try {
      const found = await lookUpLocalRacks(Number(deadlineMs), Number(helperMs));
      results.push({ namespaces: found.namespaces.map((namespace) => namespace.name), ms: Date.now() - started });
    } catch (error) {
      results.push({ error: error.message, ms: Date.now() - started });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, Number(settleMs)));
  const pids = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim().split('\\n').filter(Boolean).map(Number) : [];
  clearInterval(ticker);
  process.stdout.write(JSON.stringify({ results, pids, alive: pids.filter(running), stall }), () => process.exit(0));
})();`;

interface Run {
  results: Array<{ namespaces?: string[]; error?: string; ms: number }>;
  pids: number[];
  alive: number[];
  stall: number;
}

/** Plugins: each records its pid, then behaves as named. Never a word of theirs may reach a message. */
const plugins = {
  answers: `require('fs').appendFileSync(process.argv[2], process.pid + '\\n');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential',
  status: { token: ${JSON.stringify(simulatedKubernetesToken)}, expirationTimestamp: new Date(Date.now() + 3600000).toISOString() } }));`,
  neverAnswers: `require('fs').appendFileSync(process.argv[2], process.pid + '\\n'); process.stderr.write('MARKER-STDERR-91c2\\n'); setInterval(() => undefined, 1000);`,
  waitsForInput: `require('fs').appendFileSync(process.argv[2], process.pid + '\\n');
process.stdout.write('Open https://login.example/device and type the code: MARKER-PROMPT-91c2\\n');
process.stdin.once('data', () => process.stdout.write('{}'));
process.stdin.once('end', () => process.exit(4));`,
};

describe('kubeconfig credential helpers, bounded (real child processes)', function () {
  this.timeout(60_000);
  let api: KubernetesApi;
  let node: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-kube-exec-'));

  before(async () => {
    node = await ensureNode();
    api = await startKubernetesApi([{ name: 'convox', labels: { system: 'convox', type: 'rack' } }]);
  });
  after(async () => {
    await api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A kubeconfig whose user's credentials come from `plugin` (run with this Node), or from `userLines` as given. */
  function kubeconfig(name: string, userLines: string[]): string {
    const file = path.join(dir, `${name}.kubeconfig`);
    const lines = kubeconfigFor(api.url, name, api.certificate).split('\n');
    const at = lines.findIndex((line) => line.startsWith('    token: '));
    lines.splice(at, 1, ...userLines);
    fs.writeFileSync(file, lines.join('\n'));
    return file;
  }
  function execKubeconfig(name: string, plugin: keyof typeof plugins): { file: string; pidFile: string } {
    const pluginFile = path.join(dir, `${name}.js`);
    fs.writeFileSync(pluginFile, plugins[plugin]);
    const pidFile = path.join(dir, `${name}.pids`);
    const file = kubeconfig(name, [
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      `      command: ${JSON.stringify(node)}`,
      '      args:',
      `      - ${JSON.stringify(pluginFile)}`,
      `      - ${JSON.stringify(pidFile)}`,
      '      - --secret=MARKER-ARGUMENT-91c2',
    ]);
    return { file, pidFile };
  }

  const run = (
    kubeconfigFile: string,
    pidFile: string,
    options: { lookups: number; deadlineMs: number; helperMs: number; settleMs: number },
  ): Promise<Run> =>
    new Promise((resolve, reject) => {
      const args = [
        '-e',
        script,
        String(options.lookups),
        String(options.deadlineMs),
        String(options.helperMs),
        String(options.settleMs),
        pidFile,
      ];
      execFile(
        node,
        args,
        { env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: kubeconfigFile } },
        (error, stdout) => {
          if (error) reject(error);
          else resolve(JSON.parse(stdout) as Run);
        },
      );
    });

  it("runs an exec plugin once for several refreshes while its token lasts, and lists the context's racks", async () => {
    const { file, pidFile } = execKubeconfig('answers', 'answers');
    const outcome = await run(file, pidFile, { lookups: 3, deadlineMs: 5_000, helperMs: 5_000, settleMs: 0 });
    assert.deepEqual(
      outcome.results.map((result) => result.namespaces),
      [['convox'], ['convox'], ['convox']],
      JSON.stringify(outcome),
    );
    assert.equal(outcome.pids.length, 1, 'the token of the first run served the next refreshes');
  });

  it('a plugin that never answers: each lookup gives up at its deadline, one process for all, killed at the helper deadline, the host never blocked', async () => {
    const { file, pidFile } = execKubeconfig('hangs', 'neverAnswers');
    const outcome = await run(file, pidFile, { lookups: 3, deadlineMs: 700, helperMs: 2_500, settleMs: 1_500 });
    assert.equal(outcome.results.length, 3);
    for (const result of outcome.results) {
      assert.match(result.error ?? '', /the exec credential plugin of context "hangs" did not answer within 0\.7 s/);
      assert.ok(result.ms < 1_500, `gave up after ${result.ms} ms`);
    }
    assert.equal(outcome.pids.length, 1, 'the later lookups joined the run still going on');
    assert.deepEqual(outcome.alive, [], 'no process left');
    assert.ok(outcome.stall < 250, `the event loop stalled ${outcome.stall} ms`);
    for (const result of outcome.results) assert.doesNotMatch(result.error ?? '', /MARKER|91c2|hangs\.js/);
  });

  it('a plugin that waits for input gets none (stdin closed): it ends at once and its words are never shown', async () => {
    const { file, pidFile } = execKubeconfig('prompts', 'waitsForInput');
    const outcome = await run(file, pidFile, { lookups: 1, deadlineMs: 5_000, helperMs: 5_000, settleMs: 0 });
    const [result] = outcome.results;
    assert.match(
      result.error ?? '',
      /The exec credential plugin of kubeconfig user "simulated-user" exited with status 4\./,
    );
    assert.ok(result.ms < 4_000, `${result.ms} ms`);
    assert.doesNotMatch(result.error ?? '', /MARKER|91c2|login\.example|prompts\.js/);
    assert.deepEqual(outcome.alive, []);
  });

  it('a user with a legacy cmd-path auth provider is skipped with the reason, its helper never run', async () => {
    const marker = path.join(dir, 'cmd-path-ran');
    const helper = path.join(dir, 'legacy-helper.sh');
    fs.writeFileSync(helper, `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nsleep 30\n`, { mode: 0o755 });
    const file = kubeconfig('legacy', [
      '    auth-provider:',
      '      name: gcp',
      '      config:',
      `        cmd-path: ${JSON.stringify(helper)}`,
      '        cmd-args: config config-helper --format=json',
    ]);
    const outcome = await run(file, path.join(dir, 'legacy.pids'), {
      lookups: 1,
      deadlineMs: 5_000,
      helperMs: 5_000,
      settleMs: 0,
    });
    const [result] = outcome.results;
    assert.match(
      result.error ?? '',
      /^context "legacy" skipped: its user "simulated-user" uses the legacy "gcp" auth provider with cmd-path/,
    );
    assert.ok(result.ms < 1_000, `${result.ms} ms`);
    assert.equal(fs.existsSync(marker), false, 'the helper never ran');
  });
});
