// `npm run test:ui [WALK…]`: runs the UI walks (out/test/ui/*.walk.js), each in a fresh simulator, code-server
// (without the smoke-test driver, so notifications show as a person sees them) and browser; screenshots go to
// test-results/ui/WALK/. Prints one line per walk and `ui: N passed, N failed`.
//
// Fresh per walk rather than shared: a start costs ~10 s (mostly the workbench rendering), and a walk then
// never depends on the views, editors and notifications a previous walk left behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSession } from '../ui/session';
import { walks, type Walk } from '../ui/walk';
import { findChromium } from './browser';
import { resultsDir, uiWalksDir } from './paths';
import { main } from './processes';

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
  const screenshotDir = path.join(resultsDir, 'ui', walk.name);
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  const session = await startSession(walk.name, { ...walk.options, screenshotDir });
  let failure: string | undefined;
  try {
    await session.open();
    await walk.body(session.ui);
  } catch (error) {
    failure = explain(error);
    await session.ui.screenshot('failure').catch(() => undefined);
  } finally {
    await session.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${failure ? 'FAIL' : 'ok  '} ${walk.name} (${seconds} s; screenshots in ${path.relative(process.cwd(), screenshotDir)})`);
  if (failure) {
    console.log(failure.replace(/^/gm, '       '));
    if (session.consoleErrors.length > 0) console.log(`       workbench console errors:\n${session.consoleErrors.slice(-15).join('\n').replace(/^/gm, '         ')}`);
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
