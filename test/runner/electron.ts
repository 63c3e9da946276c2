// `npm run test:electron`: the same host test sessions in a desktop VS Code through @vscode/test-electron, the
// ecosystem's usual launcher. It downloads VS Code from update.code.visualstudio.com, so it needs that network;
// offline (as on the project's CI machines) `npm run test:host` runs the same suite in code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { hostSessions } from '../host/sessions';
import type { HostResult } from '../host/protocol';
import { prepareSession, printResult, readResult, type HostSession } from './hostSession';
import { hostTestsDir, projectRoot } from './paths';
import { main, onCleanup } from './processes';
import { writeUserSettings } from './userSettings';

class Offline extends Error {}

function isNetworkError(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as NodeJS.ErrnoException).code ?? '')}` : String(error);
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo/.test(text);
}

async function runSession(session: HostSession): Promise<HostResult> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `convox-electron-${session.name}-`));
  const removeState = onCleanup(async () => fs.rmSync(stateDir, { recursive: true, force: true }));
  const prepared = await prepareSession(session, stateDir);
  const userData = path.join(stateDir, 'user-data');
  writeUserSettings(userData, prepared.settings);
  try {
    await runTests({
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: path.join(hostTestsDir, 'index.js'),
      extensionTestsEnv: prepared.env,
      launchArgs: [
        prepared.workspace,
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(stateDir, 'extensions'),
        '--disable-extensions',
        '--disable-workspace-trust',
      ],
    });
  } catch (error) {
    if (isNetworkError(error)) throw new Offline(error instanceof Error ? error.message : String(error));
    // Failing tests also reject here; the result file says which.
  } finally {
    await prepared.aws.stop();
  }
  const result = readResult(prepared.resultFile);
  await removeState();
  return (
    result ?? {
      passes: 0,
      failures: 1,
      tests: [
        { title: `session ${session.name}`, passed: false, durationMs: 0, error: 'VS Code exited without a result' },
      ],
      metrics: {},
    }
  );
}

main(async () => {
  // The desktop VS Code inherits this process's environment: only the sessions' AWS worlds may reach it.
  Object.keys(process.env)
    .filter((key) => key.startsWith('AWS_'))
    .forEach((key) => delete process.env[key]);
  let passes = 0;
  let failures = 0;
  try {
    for (const session of hostSessions) {
      const result = await runSession(session);
      printResult('electron', session.name, result);
      passes += result.passes;
      failures += result.failures;
    }
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
    console.error(
      `electron: cannot download VS Code (${error.message}).\n` +
        '@vscode/test-electron needs network access to update.code.visualstudio.com, which this machine does not have.\n' +
        'That is expected offline: `npm run test:host` runs the same host tests in code-server, without a download.',
    );
    return 1;
  }
  console.log(`electron: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
});
