// A host test session: one extension host with its own AWS world, environment and settings, running some of
// the test files of test/host/. Shared by the code-server runner (host.ts) and the test-electron one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from '../sim';
import { resultVariable, testsVariable, type HostResult } from '../host/protocol';
import { noAws, simulatedAws, type AwsWorld } from './aws';

export interface HostSession {
  /** Short, for the report and folder names. */
  name: string;
  /** 'none': no AWS configuration at all; a scenario: the local simulator serving it. */
  aws: 'none' | Scenario;
  /** Test files of test/host/ to run, by name without `.test.ts`. */
  tests: string[];
  /** More environment for the extension host, over the AWS world's. */
  env?: Record<string, string>;
  /** More VS Code user settings, over the AWS world's. */
  settings?: Record<string, unknown>;
  /** The extension's globalState (keys and values) as an earlier session left it, in place before the window loads. */
  globalState?: Record<string, unknown>;
  /** The opened folder's `.vscode/settings.json`: what a repository could bring. */
  workspaceSettings?: Record<string, unknown>;
  /** 'restricted': workspace trust is on and the folder is not trusted (Restricted Mode); default: trust is off. */
  trust?: 'restricted';
  /** Strings no file VS Code wrote for the session may hold (logs, settings, state): planted secrets. */
  forbidden?: string[];
}

export interface PreparedSession {
  aws: AwsWorld;
  /** The extension host's environment: the AWS world's, the session's, and the test protocol's. */
  env: Record<string, string>;
  settings: Record<string, unknown>;
  resultFile: string;
  /** An empty folder to open as the workspace. */
  workspace: string;
}

export async function prepareSession(session: HostSession, stateDir: string): Promise<PreparedSession> {
  const awsDir = path.join(stateDir, 'aws');
  const aws = session.aws === 'none' ? noAws(awsDir) : await simulatedAws(awsDir, session.aws);
  const resultFile = path.join(stateDir, 'result.json');
  const workspace = path.join(stateDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  if (session.workspaceSettings) {
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      `${JSON.stringify(session.workspaceSettings, null, 2)}\n`,
    );
  }
  const env = {
    ...aws.env,
    ...session.env,
    [testsVariable]: session.tests.map((name) => `${name}.test.js`).join(','),
    [resultVariable]: resultFile,
  };
  // In Restricted Mode nothing may wait for the person to answer the trust prompt.
  const trustSettings =
    session.trust === 'restricted'
      ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
      : {};
  return { aws, env, settings: { ...aws.settings, ...trustSettings, ...session.settings }, resultFile, workspace };
}

/** The session's result, or undefined if the extension host never wrote one (it crashed or timed out). */
export function readResult(resultFile: string): HostResult | undefined {
  if (!fs.existsSync(resultFile)) return undefined;
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HostResult;
}

/** Prints one line per test (and the failures' details) under the session's name. */
export function printResult(label: string, session: string, result: HostResult): void {
  console.log(`${label} [${session}]`);
  for (const test of result.tests) {
    console.log(`  ${test.passed ? 'ok  ' : 'FAIL'} ${test.title} (${Math.round(test.durationMs)} ms)`);
    if (test.error) console.log(test.error.replace(/^/gm, '       '));
  }
  const { activationMs, loadAndActivateMs } = result.metrics;
  if (activationMs !== undefined) {
    const load =
      loadAndActivateMs === undefined ? '' : `; ${loadAndActivateMs.toFixed(1)} ms including loading the bundle`;
    console.log(`${label}: activation ${activationMs.toFixed(1)} ms (${session}${load})`);
  }
}
