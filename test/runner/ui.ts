// `npm run test:ui [WALK…]`: runs the UI walks (out/test/ui/*.walk.js), each in a fresh simulator, code-server
// (without the smoke-test driver, so notifications show as a person sees them) and browser; screenshots go to
// test-results/ui/WALK/. Prints one line per walk and `ui: N passed, N failed`.
// `--repeat N WALK…` runs each chosen walk N times, to find clicks that fail only sometimes (run it with the other
// core busy), and prints each walk's pass count.
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
  const files = fs
    .readdirSync(uiWalksDir)
    .filter((file) => file.endsWith('.walk.js'))
    .sort();
  files.forEach((file) => require(path.join(uiWalksDir, file)));
  const unknown = only.filter((name) => !walks.some((candidate) => candidate.name === name));
  if (unknown.length > 0)
    throw new Error(`no walk named ${unknown.join(', ')}; walks: ${walks.map((w) => w.name).join(', ')}`);
  return only.length > 0 ? walks.filter((candidate) => only.includes(candidate.name)) : walks;
}

function explain(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** `run` (when repeating) keeps each run's screenshots apart, so a failed run's stay for a reviewer. */
async function runWalk(walk: Walk, run?: number): Promise<boolean> {
  const started = Date.now();
  const screenshotDir = path.join(resultsDir, 'ui', walk.name, ...(run === undefined ? [] : [`run-${run}`]));
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  // A copy of the walk's world for each run: walks change it (stacks, install steps), and a repeated run must
  // start from the same world as the first.
  const { scenario } = walk.options;
  const world = scenario === undefined || scenario === 'none' ? scenario : structuredClone(scenario);
  const session = await startSession(walk.name, { ...walk.options, scenario: world, screenshotDir });
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
  console.log(
    `  ${failure ? 'FAIL' : 'ok  '} ${walk.name} (${seconds} s; screenshots in ${path.relative(process.cwd(), screenshotDir)})`,
  );
  if (failure) {
    console.log(failure.replace(/^/gm, '       '));
    if (session.consoleErrors.length > 0)
      console.log(
        `       workbench console errors:\n${session.consoleErrors.slice(-15).join('\n').replace(/^/gm, '         ')}`,
      );
  }
  return failure === undefined;
}

/** `[--repeat N] [WALK…]` */
function parseArguments(args: string[]): { repeat: number; names: string[] } {
  const at = args.indexOf('--repeat');
  if (at === -1) return { repeat: 1, names: args };
  const repeat = Number(args[at + 1]);
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new Error(`--repeat wants a whole number of runs, not "${args[at + 1] ?? ''}"`);
  return { repeat, names: [...args.slice(0, at), ...args.slice(at + 2)] };
}

main(async () => {
  findChromium();
  const { repeat, names } = parseArguments(process.argv.slice(2));
  const selected = loadWalks(names);
  let passes = 0;
  let failures = 0;
  console.log(repeat > 1 ? `ui walks, each ${repeat} times` : 'ui walks');
  const passed = new Map<string, number>();
  for (let run = 1; run <= repeat; run += 1) {
    if (repeat > 1) console.log(`run ${run}/${repeat}`);
    for (const walk of selected) {
      if (await runWalk(walk, repeat > 1 ? run : undefined)) {
        passes += 1;
        passed.set(walk.name, (passed.get(walk.name) ?? 0) + 1);
      } else {
        failures += 1;
      }
    }
  }
  if (repeat > 1)
    for (const walk of selected) console.log(`  ${walk.name}: ${passed.get(walk.name) ?? 0}/${repeat} passed`);
  console.log(`ui: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
});
