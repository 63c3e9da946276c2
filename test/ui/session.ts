// One workbench session as a person gets it: a fresh simulator with a scenario (or no AWS at all), code-server
// with the extension installed, and Chromium on the workbench. The UI runner starts one per walk, the benchmark
// (test/runner/firstRack.ts) one per run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { noAws, simulatedAws } from '../runner/aws';
import { openBrowser } from '../runner/browser';
import { startCodeServer } from '../runner/codeServer';
import { seedGlobalState } from '../runner/globalState';
import { projectRoot } from '../runner/paths';
import { onCleanup } from '../runner/processes';
import { defaultScenario, type Scenario } from '../sim';
import type { WalkOptions } from './walk';
import { Workbench } from './workbench';

export interface SessionOptions extends Omit<WalkOptions, 'scenario'> {
  /** The simulator's world, built; 'none' for no AWS at all. Default: defaultScenario(). */
  scenario?: Scenario | 'none';
  /** Where `ui.screenshot()` writes; default: inside the session's temporary folder, deleted by `stop()`. */
  screenshotDir?: string;
  /** The extension installed in code-server; default: this project. */
  extensionPath?: string;
  /** The extension's globalState (keys and values) as an earlier session left it, in place before the workbench loads. */
  globalState?: Record<string, unknown>;
}

export interface Session {
  readonly ui: Workbench;
  /** The workbench's console errors so far, for a failure report. */
  readonly consoleErrors: readonly string[];
  /** Loads the workbench on an empty folder and waits until it is rendered. */
  open(): Promise<void>;
  /** Closes the browser, stops code-server and the simulator, deletes the session's files. */
  stop(): Promise<void>;
}

/** Starts everything but does not load the workbench yet, so a caller can still change the simulator first. */
export async function startSession(name: string, options: SessionOptions = {}): Promise<Session> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `convox-ui-${name}-`));
  // Most recent first, so a browser closes before the server it talks to.
  const stops: Array<() => Promise<void>> = [
    onCleanup(async () => fs.rmSync(stateDir, { recursive: true, force: true })),
  ];
  const stop = async (): Promise<void> => {
    while (stops.length > 0) await stops.pop()?.();
  };
  try {
    const workspace = path.join(stateDir, 'workspace');
    fs.mkdirSync(workspace);
    const screenshotDir = options.screenshotDir ?? path.join(stateDir, 'screenshots');
    fs.mkdirSync(screenshotDir, { recursive: true });

    const scenario = options.scenario ?? defaultScenario();
    const awsDir = path.join(stateDir, 'aws');
    const aws = scenario === 'none' ? noAws(awsDir) : await simulatedAws(awsDir, scenario);
    stops.push(aws.stop);
    const server = await startCodeServer({
      stateDir: path.join(stateDir, 'code-server'),
      settings: { ...aws.settings, ...options.settings },
      env: { ...aws.env, ...options.env },
      smokeTestDriver: false,
      installExtension: true,
      extensionPath: options.extensionPath,
    });
    stops.push(server.stop);
    const browser = await openBrowser(path.join(stateDir, 'browser'));
    stops.push(browser.close);

    const consoleErrors: string[] = [];
    browser.page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const ui = new Workbench(browser.page, screenshotDir, aws.simulator);
    return {
      ui,
      consoleErrors,
      open: async () => {
        const { globalState } = options;
        if (globalState)
          await seedGlobalState(browser.page, server.url, options.extensionPath ?? projectRoot, globalState);
        await browser.page.goto(server.workbenchUrl(workspace));
        await ui.ready();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
