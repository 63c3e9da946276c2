// How long a person waits, in the real workbench, from clicking an extension's activity-bar icon to the first row
// of its tree view: the Convox icon and the Racks view against the simulator's default scenario with every AWS
// call delayed, and for comparison a minimal tree-view extension (test/fixtures/minimal-tree). For scripts/bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultScenario } from '../sim';
import { startSession, type SessionOptions } from '../ui/session';
import { findChromium, type Page } from './browser';
import { currentRelease } from './install';
import { cacheDir, projectRoot } from './paths';

/** The default scenario's racks (test/sim/scenarios/default.ts). */
const rackNames = [
  'production',
  'sandbox',
  'legacy',
  'europe',
  'converge',
  'staging',
  'review',
  'old',
  'globex-main',
  'experiment',
  'tidy',
  'edge',
];
/**
 * The workbench goes on starting (built-in extensions activating in the extension host) for seconds after it
 * shows. A click in that time measures the contention, not the extension: on 2 cores, 3.6-6.7 s when clicking
 * right away or 3 s later, 1.3-1.7 s when 5 s or 8 s later.
 */
const settleMs = 6_000;

/** An extension's tree view as the benchmark clicks it open. */
interface TreeViewUnderTest {
  /** Names the session's temporary folder. */
  name: string;
  /** Called for each session: a scenario is a world the simulator changes, so each gets its own. */
  session(): SessionOptions;
  /** The start of the activity-bar icon's aria-label: its view container's title. */
  icon: string;
  /** The tree's aria-label: the view's name. */
  view: string;
  /** Labels of the rows that count as the first row. */
  rows: string[];
}

const convox: TreeViewUnderTest = {
  name: 'first-rack',
  session: () => ({ scenario: defaultScenario() }),
  icon: 'Convox',
  view: 'Racks',
  rows: rackNames,
};
/** test/fixtures/minimal-tree/package.json and extension.js; it needs no AWS. */
const minimalTree: TreeViewUnderTest = {
  name: 'first-row-minimal',
  session: () => ({ scenario: 'none', extensionPath: path.join(projectRoot, 'test', 'fixtures', 'minimal-tree') }),
  icon: 'Minimal Tree',
  view: 'Rows',
  rows: ['first row'],
};

/**
 * Records, in the page, the time of the next mouse press and of the first of `rows` in the tree labelled `view`
 * as attributes of <body>: Playwright's own waiting polls every 500 ms at worst, too coarse to time with.
 */
async function watchClickToFirstRow(page: Page, tree: TreeViewUnderTest): Promise<void> {
  await page.evaluate(
    ({ view, rows }: { view: string; rows: string[] }) => {
      const body = document.body;
      const pressed = (event: MouseEvent): void => {
        body.dataset.pressedAt = String(event.timeStamp);
      };
      window.addEventListener('mousedown', pressed, { capture: true, once: true });
      const rowShown = (): boolean =>
        Array.from(document.querySelectorAll(`.monaco-list[aria-label="${view}"] .monaco-list-row .label-name`)).some(
          (label) => rows.includes(label.textContent?.trim() ?? ''),
        );
      const observer = new MutationObserver(() => {
        if (!rowShown()) return;
        body.dataset.firstRowAt = String(performance.now());
        observer.disconnect();
      });
      observer.observe(body, { childList: true, subtree: true, characterData: true });
    },
    { view: tree.view, rows: tree.rows },
  );
}

function newestModification(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** A benchmark must not install for minutes, nor measure an extension bundle older than its sources. */
function checkPrerequisites(): void {
  findChromium();
  if (!fs.existsSync(path.join(cacheDir, `code-server-${currentRelease.codeServer}`, '.installed.json'))) {
    throw new Error(
      `code-server ${currentRelease.codeServer} is not in ${cacheDir}: run \`npm run test:ui\` once to install it (about 3 minutes), then the benchmark.`,
    );
  }
  const bundle = path.join(projectRoot, 'dist', 'extension.js');
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newestModification(path.join(projectRoot, 'src'))) {
    throw new Error(`${bundle} is missing or older than src/: run \`npm run build\` first.`);
  }
}

/**
 * A fresh code-server and Chromium (and simulator, every call delayed `latencyMs`, when the session has AWS);
 * once the workbench has shown and settled, the milliseconds from the click on the icon until a first row shows
 * in the tree. Everything it starts is stopped before it returns, also when it fails.
 */
async function clickToFirstRowMs(tree: TreeViewUnderTest, latencyMs: number): Promise<number> {
  const session = await startSession(tree.name, tree.session());
  try {
    // simulatedAws() takes no latency; a latency rule matching every call delays each answer the same way.
    session.ui.simulator?.faults.add({ kind: 'latency', latencyMs });
    await session.open();
    const { page } = session.ui;
    const icon = page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${tree.icon}"]`);
    await icon.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(settleMs);
    await watchClickToFirstRow(page, tree);
    await icon.click({ timeout: 30_000 });
    const body = page.locator('body[data-first-row-at]');
    await body.waitFor({ state: 'attached', timeout: 120_000 });
    const pressedAt = Number(await body.getAttribute('data-pressed-at'));
    const firstRowAt = Number(await body.getAttribute('data-first-row-at'));
    return Math.round(firstRowAt - pressedAt);
  } finally {
    await session.stop();
  }
}

/**
 * `runs` times each: click → first rack row of the Convox Racks view (AWS calls delayed `latencyMs`), and
 * click → first row of the minimal tree-view extension, alternately, so that the machine's noise hits both alike.
 */
export async function firstRowMs(options: {
  latencyMs: number;
  runs: number;
}): Promise<{ convox: number[]; minimalTree: number[] }> {
  checkPrerequisites();
  const times: { convox: number[]; minimalTree: number[] } = { convox: [], minimalTree: [] };
  for (let run = 0; run < options.runs; run += 1) {
    times.convox.push(await clickToFirstRowMs(convox, options.latencyMs));
    times.minimalTree.push(await clickToFirstRowMs(minimalTree, options.latencyMs));
  }
  return times;
}
