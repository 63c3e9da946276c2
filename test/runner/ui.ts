// `npm run test:ui [WALK…]`: runs the UI walks (out/test/ui/*.walk.js), each in a fresh simulator, code-server
// (without the smoke-test driver, so notifications show as a person sees them) and browser; screenshots go to
// test-results/ui/WALK/. Prints one line per walk and `ui: N passed, N failed`.
// `--repeat N WALK…` runs each chosen walk N times, to find clicks that fail only sometimes (run it with the other
// core busy), and prints each walk's pass count. `--jobs N` runs up to N walks side by side (each has its own
// simulator, code-server, browser and folders); `npm test` runs two, most of a walk being waits on the workbench.
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
  const world =
    scenario === undefined || scenario === 'none'
      ? scenario
      : typeof scenario === 'function'
        ? scenario()
        : structuredClone(scenario);
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
  const screenshots = path.relative(process.cwd(), screenshotDir);
  const report = [
    `  ${failure ? 'FAIL' : 'ok  '} ${walk.name}${run === undefined ? '' : ` run ${run}`} (${seconds} s; screenshots in ${screenshots})`,
  ];
  if (failure) {
    report.push(failure.replace(/^/gm, '       '));
    if (session.consoleErrors.length > 0)
      report.push(
        `       workbench console errors:\n${session.consoleErrors.slice(-15).join('\n').replace(/^/gm, '         ')}`,
      );
  }
  // One write per walk: walks run side by side print whole reports.
  console.log(report.join('\n'));
  return failure === undefined;
}

/** The whole number following `flag` in `args` (removed from them), or `otherwise` when the flag is absent. */
function takeCount(args: string[], flag: string, otherwise: number): number {
  const at = args.indexOf(flag);
  if (at === -1) return otherwise;
  const count = Number(args[at + 1]);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`${flag} wants a whole number, not "${args[at + 1] ?? ''}"`);
  args.splice(at, 2);
  return count;
}

/** `[--repeat N] [--jobs N] [WALK…]` */
function parseArguments(args: string[]): { repeat: number; jobs: number; names: string[] } {
  const rest = [...args];
  const repeat = takeCount(rest, '--repeat', 1);
  const jobs = takeCount(rest, '--jobs', 1);
  return { repeat, jobs, names: rest };
}

/** Runs `run` on every item, at most `jobs` at a time, starting them in order. */
async function inPool<T>(items: readonly T[], jobs: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

main(async () => {
  findChromium();
  const { repeat, jobs, names } = parseArguments(process.argv.slice(2));
  const selected = loadWalks(names);
  let passes = 0;
  let failures = 0;
  const many = [repeat > 1 ? `each ${repeat} times` : '', jobs > 1 ? `${jobs} at a time` : ''].filter(Boolean);
  console.log(`ui walks${many.length > 0 ? `, ${many.join(', ')}` : ''}`);
  const passed = new Map<string, number>();
  const runs = Array.from({ length: repeat }, (_, index) => selected.map((walk) => ({ walk, run: index + 1 }))).flat();
  await inPool(runs, jobs, async ({ walk, run }) => {
    if (await runWalk(walk, repeat > 1 ? run : undefined)) {
      passes += 1;
      passed.set(walk.name, (passed.get(walk.name) ?? 0) + 1);
    } else {
      failures += 1;
    }
  });
  if (repeat > 1)
    for (const walk of selected) console.log(`  ${walk.name}: ${passed.get(walk.name) ?? 0}/${repeat} passed`);
  console.log(`ui: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
});
