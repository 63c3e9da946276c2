// How long a person waits, in the real workbench, from clicking an extension's activity-bar icon to the first row
// of its tree view: the Convox icon and the Racks view against the simulator's default scenario with every AWS
// call delayed, without and with the last-seen racks of an earlier session in place (then also to the first
// row listed afresh), and for comparison a minimal tree-view extension (test/fixtures/minimal-tree). For
// scripts/bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultScenario } from '../sim';
import { startSession, type SessionOptions } from '../ui/session';
import { findChromium, type Page } from './browser';
import { currentRelease } from './install';
import { lastSeenState } from './lastSeenState';
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

/** A row drawn from the last-seen cache ends its description so (model/racks/lastSeenRows.ts); a fresh one does not. */
const lastSeenDescription = /· seen .* ago$/;

const convox: TreeViewUnderTest = {
  name: 'first-rack',
  session: () => ({ scenario: defaultScenario() }),
  icon: 'Convox',
  view: 'Racks',
  rows: rackNames,
};
/** The same, the window reopened on that world an hour after the extension last listed it. */
const convoxCached: TreeViewUnderTest = {
  ...convox,
  name: 'first-rack-cached',
  session: () => {
    const scenario = defaultScenario();
    return { scenario, globalState: lastSeenState(scenario, Date.now() - 3_600_000) };
  },
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
 * Records, in the page, the time of the next mouse press, of the first of `rows` in the tree labelled `view`, and
 * of the first of them not drawn from the last-seen cache, as attributes of <body>: Playwright's own waiting polls
 * every 500 ms at worst, too coarse to time with.
 */
async function watchClickToFirstRow(page: Page, tree: TreeViewUnderTest): Promise<void> {
  await page.evaluate(
    ({ view, rows, lastSeen }: { view: string; rows: string[]; lastSeen: string }) => {
      const body = document.body;
      const pressed = (event: MouseEvent): void => {
        body.dataset.pressedAt = String(event.timeStamp);
      };
      window.addEventListener('mousedown', pressed, { capture: true, once: true });
      const lastSeenDescription = new RegExp(lastSeen);
      /** The shown rows among `rows`, each with whether it is drawn from the last-seen cache. */
      const shown = (): boolean[] =>
        Array.from(document.querySelectorAll(`.monaco-list[aria-label="${view}"] .monaco-list-row`)).flatMap((row) =>
          rows.includes(row.querySelector('.label-name')?.textContent?.trim() ?? '')
            ? [lastSeenDescription.test(row.querySelector('.label-description')?.textContent?.trim() ?? '')]
            : [],
        );
      const observer = new MutationObserver(() => {
        const rowsShown = shown();
        if (rowsShown.length > 0) body.dataset.firstRowAt ??= String(performance.now());
        if (!rowsShown.some((cached) => !cached)) return;
        body.dataset.firstFreshRowAt = String(performance.now());
        observer.disconnect();
      });
      observer.observe(body, { childList: true, subtree: true, characterData: true });
    },
    { view: tree.view, rows: tree.rows, lastSeen: lastSeenDescription.source },
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

/** Milliseconds from the click on an icon to the first row of its tree, and to the first not from the cache. */
interface ClickToRows {
  firstRowMs: number;
  firstFreshRowMs: number;
}

/**
 * A fresh code-server and Chromium (and simulator, every call delayed `latencyMs`, when the session has AWS);
 * once the workbench has shown and settled, the milliseconds from the click on the icon until a first row shows
 * in the tree, and one not drawn from the cache. Everything it starts is stopped before it returns, also when it
 * fails.
 */
async function clickToFirstRowMs(tree: TreeViewUnderTest, latencyMs: number): Promise<ClickToRows> {
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
    const body = page.locator('body[data-first-fresh-row-at]');
    await body.waitFor({ state: 'attached', timeout: 120_000 });
    const at = async (attribute: string): Promise<number> => Number(await body.getAttribute(attribute));
    const pressedAt = await at('data-pressed-at');
    return {
      firstRowMs: Math.round((await at('data-first-row-at')) - pressedAt),
      firstFreshRowMs: Math.round((await at('data-first-fresh-row-at')) - pressedAt),
    };
  } finally {
    await session.stop();
  }
}

/** Each measure's runs, in milliseconds. */
export interface FirstRowTimes {
  /** Click → first rack row of the Racks view, no cache in place. */
  convox: number[];
  /** With the last-seen racks in place: click → first (cached) row, and → first row listed afresh. */
  convoxCached: number[];
  convoxCachedFresh: number[];
  minimalTree: number[];
}

/**
 * `runs` times each: click → first rack row of the Convox Racks view (AWS calls delayed `latencyMs`), the same with
 * the last-seen racks in place, and click → first row of the minimal tree-view extension, in turn, so that the
 * machine's noise hits all alike.
 */
export async function firstRowMs(options: { latencyMs: number; runs: number }): Promise<FirstRowTimes> {
  checkPrerequisites();
  const times: FirstRowTimes = { convox: [], convoxCached: [], convoxCachedFresh: [], minimalTree: [] };
  for (let run = 0; run < options.runs; run += 1) {
    times.convox.push((await clickToFirstRowMs(convox, options.latencyMs)).firstRowMs);
    const cached = await clickToFirstRowMs(convoxCached, options.latencyMs);
    times.convoxCached.push(cached.firstRowMs);
    times.convoxCachedFresh.push(cached.firstFreshRowMs);
    times.minimalTree.push((await clickToFirstRowMs(minimalTree, options.latencyMs)).firstRowMs);
  }
  return times;
}
