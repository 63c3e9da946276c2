// How long a person waits, in the real workbench, from clicking the Convox icon to the first rack in the Racks
// view, against the simulator's default scenario with every AWS call delayed. For scripts/bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultScenario } from '../sim';
import { startSession } from '../ui/session';
import { findChromium, type Page } from './browser';
import { codeServerVersion } from './install';
import { cacheDir, projectRoot } from './paths';

/** The default scenario's racks (test/sim/scenarios/default.ts). */
const rackNames = ['production', 'sandbox', 'legacy', 'europe', 'converge', 'staging', 'review', 'old', 'globex-main', 'experiment', 'tidy', 'edge'];
/**
 * The workbench goes on starting (built-in extensions activating in the extension host) for seconds after it
 * shows. A click in that time measures the contention, not the extension: on 2 cores, 3.6-6.7 s when clicking
 * right away or 3 s later, 1.3-1.7 s when 5 s or 8 s later.
 */
const settleMs = 6_000;

/**
 * Records, in the page, the time of the next mouse press and of the first rack row in the Racks view as
 * attributes of <body>: Playwright's own waiting polls every 500 ms at worst, too coarse to time with.
 */
async function watchClickToRackRow(page: Page): Promise<void> {
  await page.evaluate((names: string[]) => {
    const body = document.body;
    const pressed = (event: MouseEvent): void => {
      body.dataset.pressedAt = String(event.timeStamp);
    };
    window.addEventListener('mousedown', pressed, { capture: true, once: true });
    const rackRowShown = (): boolean =>
      Array.from(document.querySelectorAll('.monaco-list[aria-label="Racks"] .monaco-list-row .label-name')).some((label) => names.includes(label.textContent?.trim() ?? ''));
    const observer = new MutationObserver(() => {
      if (!rackRowShown()) return;
      body.dataset.rackRowAt = String(performance.now());
      observer.disconnect();
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
  }, rackNames);
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
  if (!fs.existsSync(path.join(cacheDir, `code-server-${codeServerVersion}`, '.installed.json'))) {
    throw new Error(`code-server ${codeServerVersion} is not in ${cacheDir}: run \`npm run test:ui\` once to install it (about 3 minutes), then the benchmark.`);
  }
  const bundle = path.join(projectRoot, 'dist', 'extension.js');
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newestModification(path.join(projectRoot, 'src'))) {
    throw new Error(`${bundle} is missing or older than src/: run \`npm run build\` first.`);
  }
}

/**
 * For each run, a fresh simulator (every call delayed `latencyMs`), code-server and Chromium; once the workbench
 * has shown and settled, the milliseconds from the click on the Convox icon until a rack row shows in the Racks
 * view. Everything a run starts is stopped before the next begins, also when the run fails.
 */
export async function firstRackRowMs(options: { latencyMs: number; runs: number }): Promise<number[]> {
  checkPrerequisites();
  const times: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const session = await startSession('first-rack', { scenario: defaultScenario() });
    try {
      // simulatedAws() takes no latency; a latency rule matching every call delays each answer the same way.
      session.ui.simulator?.faults.add({ kind: 'latency', latencyMs: options.latencyMs });
      await session.open();
      const { page } = session.ui;
      const icon = session.ui.convoxIcon();
      await icon.waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForTimeout(settleMs);
      await watchClickToRackRow(page);
      await icon.click({ timeout: 30_000 });
      const body = page.locator('body[data-rack-row-at]');
      await body.waitFor({ state: 'attached', timeout: 120_000 });
      const pressedAt = Number(await body.getAttribute('data-pressed-at'));
      const rackRowAt = Number(await body.getAttribute('data-rack-row-at'));
      times.push(Math.round(rackRowAt - pressedAt));
    } finally {
      await session.stop();
    }
  }
  return times;
}
