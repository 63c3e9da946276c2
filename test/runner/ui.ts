// `npm run test:ui [WALK…]`: runs the UI walks (out/test/ui/*.walk.js), each in a fresh simulator, code-server
// (without the smoke-test driver, so notifications show as a person sees them) and browser; screenshots go to
// test-results/ui/WALK/. Prints one line per walk and `ui: N passed, N failed`.
//
// Fresh per walk rather than shared: a start costs ~10 s (mostly the workbench rendering), and a walk then
// never depends on the views, editors and notifications a previous walk left behind.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultScenario } from '../sim';
import { walks, type Walk } from '../ui/walk';
import { Workbench } from '../ui/workbench';
import { noAws, simulatedAws } from './aws';
import { findChromium, openBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { resultsDir, uiWalksDir } from './paths';
import { main, onCleanup } from './processes';

function loadWalks(only: string[]): Walk[] {
  const files = fs.readdirSync(uiWalksDir).filter((file) => file.endsWith('.walk.js')).sort();
  files.forEach((file) => require(path.join(uiWalksDir, file)));
  const unknown = only.filter((name) => !walks.some((candidate) => candidate.name === name));
  if (unknown.length > 0) throw new Error(`no walk named ${unknown.join(', ')}; walks: ${walks.map((w) => w.name).join(', ')}`);
  return only.length > 0 ? walks.filter((candidate) => only.includes(candidate.name)) : walks;
}

function explain(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function runWalk(walk: Walk): Promise<boolean> {
  const started = Date.now();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `convox-ui-${walk.name}-`));
  const removeState = onCleanup(async () => fs.rmSync(stateDir, { recursive: true, force: true }));
  const screenshotDir = path.join(resultsDir, 'ui', walk.name);
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  const workspace = path.join(stateDir, 'workspace');
  fs.mkdirSync(workspace);

  const scenario = walk.options.scenario ?? defaultScenario();
  const awsDir = path.join(stateDir, 'aws');
  const aws = scenario === 'none' ? noAws(awsDir) : await simulatedAws(awsDir, scenario);
  const server = await startCodeServer({
    stateDir: path.join(stateDir, 'code-server'),
    settings: { ...aws.settings, ...walk.options.settings },
    env: { ...aws.env, ...walk.options.env },
    smokeTestDriver: false,
    installExtension: true,
  });
  const browser = await openBrowser(path.join(stateDir, 'browser'));
  const consoleErrors: string[] = [];
  browser.page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const ui = new Workbench(browser.page, screenshotDir, aws.simulator);
  let failure: string | undefined;
  try {
    await browser.page.goto(server.workbenchUrl(workspace));
    await ui.ready();
    await walk.body(ui);
  } catch (error) {
    failure = explain(error);
    await ui.screenshot('failure').catch(() => undefined);
  } finally {
    await browser.close();
    await server.stop();
    await aws.stop();
    await removeState();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${failure ? 'FAIL' : 'ok  '} ${walk.name} (${seconds} s; screenshots in ${path.relative(process.cwd(), screenshotDir)})`);
  if (failure) {
    console.log(failure.replace(/^/gm, '       '));
    if (consoleErrors.length > 0) console.log(`       workbench console errors:\n${consoleErrors.slice(-15).join('\n').replace(/^/gm, '         ')}`);
  }
  return failure === undefined;
}

main(async () => {
  findChromium();
  const selected = loadWalks(process.argv.slice(2));
  let passes = 0;
  let failures = 0;
  console.log('ui walks');
  for (const walk of selected) {
    if (await runWalk(walk)) passes += 1;
    else failures += 1;
  }
  console.log(`ui: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
});
