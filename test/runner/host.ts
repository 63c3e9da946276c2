// `npm run test:host`: runs each host test session inside a real VS Code extension host (code-server with the
// smoke-test driver, driven by headless Chromium), prints the tests and one line `host: N passed, N failed`.
// `host.js --minimum [SESSION…]` runs them on the oldest VS Code package.json admits (install.ts's
// minimumRelease), default the sessions `minimumSessions`, and ends with `minimum: N passed, N failed`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostSessions } from '../host/sessions';
import type { HostResult, HostTestResult } from '../host/protocol';
import { findChromium, openBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { seedGlobalState } from './globalState';
import { prepareSession, printResult, readResult, type HostSession } from './hostSession';
import { currentRelease, minimumRelease, type CodeServerRelease } from './install';
import { hostTestsDir, projectRoot } from './paths';
import { main, onCleanup } from './processes';

/** What the minimum VS Code runs by default: the activation, the tree, the commands, a switch with terminals. */
const minimumSessions = ['simulator', 'switch'];

/** Generous: a cold workbench on 2 busy cores takes ~15 s before the first test starts. */
const sessionTimeoutMs = 180_000;

function tail(lines: string[], count: number): string {
  return lines.slice(-count).join('\n');
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The session's planted secrets searched for in every file VS Code wrote (logs, settings, state databases),
 * once it has stopped and flushed them. The Convox log must be among them, or the search proves nothing.
 */
function secretsOnDisk(session: HostSession, codeServerDir: string): HostTestResult {
  const title = `session ${session.name}: no planted secret in any file VS Code wrote, the Convox log included`;
  // code-server records the URL the runner opened, whose payload carries the extension host's environment.
  const runnerRecord = path.join(codeServerDir, 'user-data', 'coder.json');
  const files = filesUnder(codeServerDir).filter((file) => file !== runnerRecord);
  const log = files.find(
    (file) => file.endsWith('Convox.log') && fs.readFileSync(file, 'utf8').includes('Refreshing racks'),
  );
  const found = files.flatMap((file) => {
    const content = fs.readFileSync(file, 'latin1');
    return (session.forbidden ?? [])
      .filter((marker) => content.includes(marker))
      .map((marker) => `${marker} in ${path.relative(codeServerDir, file)}`);
  });
  const error = !log
    ? `no Convox log with a refresh among the ${files.length} files`
    : found.length > 0
      ? found.join('\n')
      : undefined;
  return { title, passed: error === undefined, durationMs: 0, error };
}

/** Runs one session and, if it planted secrets, searches what VS Code wrote for them. */
async function runSession(session: HostSession, release: CodeServerRelease): Promise<HostResult> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `convox-host-${session.name}-`));
  const removeState = onCleanup(async () => fs.rmSync(stateDir, { recursive: true, force: true }));
  try {
    const result = await runWorkbench(session, stateDir, release);
    if (!session.forbidden) return result;
    const check = secretsOnDisk(session, path.join(stateDir, 'code-server'));
    return {
      ...result,
      passes: result.passes + (check.passed ? 1 : 0),
      failures: result.failures + (check.passed ? 0 : 1),
      tests: [...result.tests, check],
    };
  } finally {
    await removeState();
  }
}

/** Runs one session's tests in a workbench; a session that never reports counts as one failure, explained from its logs. */
async function runWorkbench(session: HostSession, stateDir: string, release: CodeServerRelease): Promise<HostResult> {
  const prepared = await prepareSession(session, stateDir);
  const server = await startCodeServer({
    stateDir: path.join(stateDir, 'code-server'),
    settings: prepared.settings,
    // The minimum release's workbench ignores the payload's extensionEnvironment: its extension host gets the
    // session's environment from the server's, which it inherits.
    env: release === currentRelease ? {} : prepared.env,
    smokeTestDriver: true,
    installExtension: false,
    workspaceTrust: session.trust === 'restricted',
    release,
  });
  const browser = await openBrowser(path.join(stateDir, 'browser'));
  const consoleErrors: string[] = [];
  try {
    let exited: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    // Every workbench console line arrives here as (type, message); errors explain a session that never reports.
    await browser.page.exposeFunction('codeAutomationLog', (type: unknown, ...message: unknown[]) => {
      if (type === 'error') consoleErrors.push(message.map(String).join(' '));
    });
    browser.page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
      ['extensionTestsPath', server.remoteUri(path.join(hostTestsDir, 'index.js'))],
      ['extensionEnvironment', JSON.stringify(prepared.env)],
      ['skipWelcome', 'true'],
    ];
    if (session.globalState) await seedGlobalState(browser.page, server.url, projectRoot, session.globalState);
    await browser.page.goto(server.workbenchUrl(prepared.workspace, payload));
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), sessionTimeoutMs).unref());
    const code = await Promise.race([exitCode, timeout]);
    const result = readResult(prepared.resultFile);
    if (result) return result;
    const why =
      code === 'timeout'
        ? `did not finish within ${sessionTimeoutMs / 1000} s`
        : `exited with code ${code} without a result`;
    const serverLog = fs.existsSync(server.log) ? fs.readFileSync(server.log, 'utf8').split('\n') : [];
    const error = `the extension host ${why}.\nworkbench console errors:\n${tail(consoleErrors, 20)}\ncode-server:\n${tail(serverLog, 20)}`;
    return {
      passes: 0,
      failures: 1,
      tests: [{ title: `session ${session.name}`, passed: false, durationMs: 0, error }],
      metrics: {},
    };
  } finally {
    await browser.close();
    await server.stop();
    await prepared.aws.stop();
  }
}

/** Test files no session runs: a new file must be added to a session, or it would silently never run. */
function unlistedTests(): string[] {
  const listed = new Set(hostSessions.flatMap((session) => session.tests.map((name) => `${name}.test.ts`)));
  // Sources, not out/: a deleted test leaves its compiled file behind.
  return fs
    .readdirSync(path.join(projectRoot, 'test', 'host'))
    .filter((file) => file.endsWith('.test.ts') && !listed.has(file));
}

main(async () => {
  findChromium();
  const minimum = process.argv[2] === '--minimum';
  const stage = minimum ? 'minimum' : 'host';
  const release = minimum ? minimumRelease : currentRelease;
  let passes = 0;
  let failures = 0;
  const unlisted = minimum ? [] : unlistedTests();
  if (unlisted.length > 0) {
    console.error(`host: ${unlisted.join(', ')} belong to no session in test/host/sessions.ts`);
    failures += unlisted.length;
  }
  // `host.js NAME…` runs only the named sessions, for working on one feature.
  const named = process.argv.slice(minimum ? 3 : 2);
  const wanted = named.length > 0 ? named : minimum ? minimumSessions : [];
  const unknown = wanted.filter((name) => !hostSessions.some((session) => session.name === name));
  if (unknown.length > 0) throw new Error(`no host session named ${unknown.join(', ')}`);
  if (minimum)
    console.log(`host sessions on VS Code ${release.vscode} (code-server ${release.codeServer}, Node ${release.node})`);
  for (const session of hostSessions.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
    const result = await runSession(session, release);
    printResult(stage, session.name, result);
    passes += result.passes;
    failures += result.failures;
  }
  console.log(`${stage}: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
});
