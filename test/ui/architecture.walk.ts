// A user opens racks' architecture from their rows' inline action and reads them at the zoom they open at: every
// fixture rack in a 1280×800 window with the side bar open, every text whole (no "…" at an end, inside its box)
// and at least 11 px high on screen; the public rack in the light, dark and high-contrast themes, with its legend
// and without; requests from the balancers to the processes on the servers; every component a named tree item
// nested as in the rack; a server drained in AWS turns draining within one refresh; a rack whose tags and outputs
// hold markup shows it as text and runs none of it; the keyboard reaches a server and opens its details.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { architectureScenario, hostileText } from '../sim';
import { walk } from './walk';
import type { Ui } from './workbench';

const refreshSeconds = 2;
interface Theme {
  name: string;
  label: string;
  /** The class the workbench element wears in that theme. */
  workbenchClass: string;
}
const themes: Theme[] = [
  { name: 'light', label: 'Light Modern', workbenchClass: 'vs' },
  { name: 'dark', label: 'Dark Modern', workbenchClass: 'vs-dark' },
  { name: 'high-contrast', label: 'Dark High Contrast', workbenchClass: 'hc-black' },
];
/** Every rack of the architecture scenario, the hostile one last (it is read on its own at the end). */
const racks = ['public', 'private', 'routers', 'spot', 'three-zones', 'creating', 'rollback', 'vintage', 'vintage-alb'];
/** The smallest a text may be drawn at the zoom a picture opens at, in screen pixels. */
const smallestText = 11;

/** The active webview's page: a webview is two nested frames, the page the inner one. */
function webview(ui: Ui): FrameLocator {
  return ui.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/**
 * Chooses a colour theme in the picker. Writing `workbench.colorTheme` into settings.json instead was tried: the
 * workbench of code-server took such a change after anything from 0.2 s to more than 30 s, when at all.
 */
async function useTheme(ui: Ui, theme: Theme): Promise<void> {
  // Ctrl+K Ctrl+T: the palette's own search ranks "Browse Color Themes in Marketplace" above the picker. On a busy
  // machine a chord can be lost and the picker can close before its filter is typed, so the whole choice is
  // tried again until the workbench wears the theme.
  const widget = ui.page.locator('.quick-input-widget');
  const worn = ui.page.locator(`.monaco-workbench.${theme.workbenchClass}`);
  const within = (locator: Locator, state: 'visible' | 'hidden' = 'visible'): Promise<boolean> =>
    locator.waitFor({ state, timeout: 5_000 }).then(
      () => true,
      () => false,
    );
  for (let attempt = 1; ; attempt += 1) {
    await ui.page.locator('.tab.active').click();
    await ui.restMouse();
    await ui.page.keyboard.press('Control+k');
    // The status bar says when the workbench has the chord's first key.
    await within(ui.page.locator('.part.statusbar', { hasText: 'Waiting for second key of chord' }));
    await ui.page.keyboard.press('Control+t');
    const input = widget.locator('input');
    const chosen = widget.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: theme.label });
    if (
      (await within(input)) &&
      (await input.fill(theme.label, { timeout: 5_000 }).then(
        () => true,
        () => false,
      )) &&
      (await within(chosen))
    ) {
      await ui.page.keyboard.press('Enter');
      if ((await within(widget, 'hidden')) && (await within(worn))) return;
    }
    if (attempt === 3) throw new Error(`the workbench did not take the ${theme.label} theme after 3 tries`);
    await ui.page.keyboard.press('Escape');
  }
}

/** What the texts of a drawn diagram are like, measured in the page. */
interface Reading {
  texts: number;
  /** The smallest text's height on screen: its box, or its font size times the zoom, whichever is less. */
  smallestPx: number;
  /** Texts that end in "…", or reach out of their component's frame. */
  cut: string[];
  outside: string[];
  /** Accessible names with "…": they must carry every name whole. */
  shortNames: string[];
}

async function readTexts(page: FrameLocator): Promise<Reading> {
  return page.locator('#nodes').evaluate((nodes) => {
    const reading: Reading = { texts: 0, smallestPx: Number.POSITIVE_INFINITY, cut: [], outside: [], shortNames: [] };
    for (const text of Array.from(nodes.querySelectorAll<SVGTextElement>('text'))) {
      const content = text.textContent ?? '';
      if (content === '') continue;
      reading.texts += 1;
      const box = text.getBoundingClientRect();
      const fontPx = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0);
      reading.smallestPx = Math.min(reading.smallestPx, box.height, fontPx);
      if (/(…|\.\.\.)$/.test(content)) reading.cut.push(content);
      const frame = text.closest('.component')?.querySelector(':scope > .frame')?.getBoundingClientRect();
      const tolerance = 0.5;
      if (
        !frame ||
        box.left < frame.left - tolerance ||
        box.right > frame.right + tolerance ||
        box.top < frame.top - tolerance ||
        box.bottom > frame.bottom + tolerance
      )
        reading.outside.push(`"${content}" in ${text.closest('.component')?.getAttribute('data-id') ?? 'nothing'}`);
    }
    for (const item of Array.from(nodes.querySelectorAll('[role="treeitem"]'))) {
      const name = item.getAttribute('aria-label') ?? '';
      if (name.includes('…')) reading.shortNames.push(name);
    }
    return reading;
  });
}

/** Opens a rack's panel from its row and waits for its picture. */
async function openArchitecture(ui: Ui, rack: string): Promise<FrameLocator> {
  await ui.clickRowAction(rack, 'Show Rack Architecture');
  await ui.restMouse();
  await ui.page.locator('.tab.active', { hasText: `Architecture: architecture/${rack}` }).waitFor({ timeout: 30_000 });
  const page = webview(ui);
  await page.locator('#nodes [role="treeitem"]').first().waitFor({ timeout: 30_000 });
  await page.locator('#freshness', { hasText: /^Updated \d+ s ago/ }).waitFor({ timeout: 10_000 });
  return page;
}

async function labels(page: FrameLocator, selector = '#nodes [role="treeitem"]'): Promise<string[]> {
  return page.locator(selector).evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
}

walk(
  'architecture',
  async (ui) => {
    const simulator = ui.simulator;
    assert.ok(simulator, 'this walk needs the simulator');
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    ui.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    ui.page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await ui.openView();
    await ui.row('public').waitFor({ timeout: 30_000 });
    await ui.settled();
    await ui.widenSideBar();
    assert.deepEqual(ui.page.viewportSize(), { width: 1280, height: 800 });

    for (const rack of racks) {
      const page = await openArchitecture(ui, rack);
      assert.equal(await page.locator('#zoom-level').innerText(), '100%', `${rack} opens at 100%`);
      const reading = await readTexts(page);
      console.log(`      ${rack}: ${reading.texts} texts, the smallest ${reading.smallestPx.toFixed(1)} px high`);
      assert.ok(reading.texts > 0, `${rack} has texts`);
      assert.deepEqual(reading.cut, [], `${rack}: no text cut off with "…"`);
      assert.deepEqual(reading.outside, [], `${rack}: every text inside its component`);
      assert.deepEqual(reading.shortNames, [], `${rack}: every accessible name whole`);
      assert.ok(reading.smallestPx >= smallestText, `${rack}: the smallest text is ${reading.smallestPx} px high`);
      const names = await labels(page);
      assert.ok(
        names.every((name) => name.length > 0),
        'every component has an accessible name',
      );
      if (rack === 'private')
        assert.ok(
          names.some((name) => /^NAT gateway /.test(name)),
          `a private rack draws its NAT gateways:\n${names.join('\n')}`,
        );
      if (rack === 'public') {
        assert.ok(!names.some((name) => /^NAT gateway /.test(name)), 'a public rack has none');
        assert.ok(
          names.some((name) => /^rack service web, ID \S+, running, /.test(name)),
          `a rack service says the name AWS knows it by:\n${names.join('\n')}`,
        );
        // The request path: the internet to the router, the router down each zone, into the apps' processes.
        const paths = await page
          .locator('#edges polyline')
          .evaluateAll((lines) =>
            lines.map((line) => `${line.getAttribute('data-from')}->${line.getAttribute('data-to')}`),
          );
        assert.ok(paths.includes('internet->resource/Router'), paths.join('\n'));
        assert.ok(
          paths.some((path) => /^resource\/Router->zone\//.test(path)),
          paths.join('\n'),
        );
        assert.ok(
          paths.some((path) => /^zone\/\S+->server\/i-\w+\/group\/web\/web$/.test(path)),
          paths.join('\n'),
        );
      }
      if (rack === 'spot')
        assert.ok(
          names.some((name) => /^spot server i-\w+ (running|pending)/.test(name)),
          `spot servers say so:\n${names.join('\n')}`,
        );
      if (rack === 'creating')
        assert.ok(
          names.some((name) => / pending\b/.test(name)),
          'a rack being created shows what is still being created',
        );
      if (rack === 'public') {
        for (const theme of themes) {
          await useTheme(ui, theme);
          await ui.screenshot(`${rack}-${theme.name}`);
        }
        // The legend, hidden and shown again from the toolbar.
        const toggle = page.locator('#toggle-legend');
        await toggle.click();
        await page.locator('#legend').waitFor({ state: 'hidden', timeout: 5_000 });
        assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
        await ui.screenshot(`${rack}-high-contrast-no-legend`);
        await toggle.click();
        await page.locator('#legend').waitFor({ timeout: 5_000 });
        assert.match(await page.locator('#legend').innerText(), /running[\s\S]*draining[\s\S]*failed/);
        await useTheme(ui, themes[1]);
      } else if (rack === 'spot') {
        // Scrolled down with the wheel, as a person would, to its spot servers.
        const viewport = page.locator('#viewport');
        const before = await viewport.getAttribute('transform');
        await page.locator('#canvas').hover({ position: { x: 300, y: 300 } });
        await ui.page.mouse.wheel(0, 420);
        await page.locator(`#viewport:not([transform="${before}"])`).waitFor({ timeout: 5_000 });
        // Off the diagram, so no tooltip covers it.
        await page.locator('#freshness').hover();
        await page.locator('#tooltip').waitFor({ state: 'hidden', timeout: 5_000 });
        await ui.screenshot(`${rack}-dark-scrolled`);
      } else if (['creating', 'routers'].includes(rack)) {
        await ui.screenshot(`${rack}-dark`);
      }
    }

    // From the Inspect document's title: the public rack's panel, already open, comes forward.
    await ui.clickRowAction('public', 'Switch Rack');
    await ui.runCommand('Convox: Inspect Rack');
    await ui.page.locator('.part.editor .view-lines', { hasText: 'Parameters' }).waitFor({ timeout: 30_000 });
    await ui.page.locator('.part.editor .editor-actions .action-label[aria-label="Show Rack Architecture"]').click();
    await ui.page.locator('.tab.active', { hasText: 'Architecture: architecture/public' }).waitFor({ timeout: 10_000 });
    assert.equal(
      await ui.page.locator('.tab', { hasText: 'Architecture: architecture/public' }).count(),
      1,
      'one panel per rack',
    );
    const page = webview(ui);
    await page.locator('.kind-server').first().waitFor({ timeout: 30_000 });

    // Live: a server drained in AWS shows as draining within one refresh, read by its accessible name, in place:
    // the zoom and the selection stay.
    const server = page.locator('.kind-server').first();
    const id = /server (i-[0-9a-f]+)/.exec((await server.getAttribute('aria-label')) ?? '')?.[1];
    assert.ok(id, 'a server with an instance id');
    assert.equal(
      await server.locator('xpath=ancestor::*[contains(@class, "kind-zone")]').count(),
      1,
      "a server is drawn inside its zone's element",
    );
    assert.ok((await server.locator('.kind-container').count()) > 0, 'its containers are drawn inside it');
    await server.locator(':scope > .face .tone-title').hover();
    await page.locator('#tooltip:not([hidden])').waitFor({ timeout: 5_000 });
    assert.equal(
      await page.locator('#tooltip').innerText(),
      await server.getAttribute('aria-label'),
      'hovering shows what it is',
    );
    await server.locator(':scope > .face .tone-title').click();
    await page.locator('#zoom-in').click();
    const zoom = await page.locator('#zoom-level').innerText();
    simulator.world.drainServer(id);
    const drained = Date.now();
    await page
      .locator(`.kind-server[aria-label^="server ${id} draining"]`)
      .waitFor({ timeout: (refreshSeconds + 5) * 1000 });
    console.log(`      draining shown ${Date.now() - drained} ms after the drain (refresh every ${refreshSeconds} s)`);
    assert.equal(await page.locator('#zoom-level').innerText(), zoom, 'the zoom is kept');
    assert.equal(
      await page.locator(`.kind-server[aria-label^="server ${id} "]`).getAttribute('aria-selected'),
      'true',
      'the selection is kept',
    );
    await ui.screenshot('public-server-draining');

    // Keyboard: Tab from the toolbar reaches a server; Enter opens its details.
    await page.locator('#fit').focus();
    let focused = '';
    for (let presses = 0; presses < 15 && !focused.includes('kind-server'); presses += 1) {
      await ui.page.keyboard.press('Tab');
      focused =
        (await page
          .locator(':focus')
          .getAttribute('class')
          .catch(() => '')) ?? '';
    }
    assert.match(focused, /kind-server/, 'Tab reached a server');
    const focusedName = (await page.locator(':focus').getAttribute('aria-label')) ?? '';
    assert.equal(
      await page.locator('#focus-line').innerText(),
      `${focusedName}. Enter shows its details.`,
      'focus shows what it is',
    );
    await ui.page.keyboard.press('Enter');
    await page.locator('#details:not([hidden])').waitFor({ timeout: 5_000 });
    assert.match(await page.locator('#details-title').innerText(), /server i-/);
    await ui.screenshot('server-details-by-keyboard');

    // The details pane's actions: copy the id, reveal the rack in the tree, open the server in the AWS console.
    await page.locator('#copy-id').click();
    await ui.page.locator('.part.statusbar', { hasText: 'Copied' }).waitFor({ timeout: 10_000 });
    await page.locator('#reveal-in-tree').click();
    await ui.page
      .locator('.part.sidebar .monaco-list-row.selected', { hasText: 'public' })
      .waitFor({ timeout: 10_000 });
    // Offline, the console is answered here: what counts is the address VS Code opens.
    let consoleUrl = '';
    await ui.page.context().route(/console\.aws\.amazon\.com/, async (route) => {
      consoleUrl = route.request().url();
      await route.fulfill({ body: 'AWS console' });
    });
    const popup = ui.page.context().waitForEvent('page', { timeout: 15_000 });
    await page.locator('#open-console').click();
    // VS Code asks before it opens a site that is not among the trusted domains.
    const open = ui.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    await open.click({ timeout: 10_000 }).catch(() => undefined);
    const consolePage = await popup;
    await consolePage.waitForLoadState();
    // The request carries no fragment; the page's address does.
    assert.match(consoleUrl, /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/ec2\//);
    assert.match(
      consolePage.url(),
      new RegExp(`^https://us-east-1\\.console\\.aws\\.amazon\\.com/ec2/.*#.*${id}`),
      consolePage.url(),
    );
    await consolePage.close();

    // Export as SVG: the save dialog offers a file in the workspace; accepting it writes the file.
    await page.locator('#export-svg').click();
    const saveInput = ui.page.locator('.quick-input-widget input');
    await saveInput.waitFor({ timeout: 10_000 });
    // The dialog fills in its path a moment after it shows.
    for (let waited = 0; !(await saveInput.inputValue()).endsWith('.svg') && waited < 10_000; waited += 100)
      await ui.page.waitForTimeout(100);
    assert.match(await saveInput.inputValue(), /\/workspace\/architecture-public-architecture\.svg$/);
    await saveInput.press('Enter');
    await ui.page
      .locator('.part.statusbar', { hasText: 'Saved architecture-public-architecture.svg' })
      .waitFor({ timeout: 10_000 });

    // AWS failing: the last picture stays, dimmed, with the reason and Retry; Retry brings it back once AWS answers.
    await page.locator('#close-details').click();
    simulator.faults.add({ service: 'ecs', kind: 'denied' });
    await page.locator('#failure:not([hidden])').waitFor({ timeout: (refreshSeconds + 10) * 1000 });
    assert.match(await page.locator('#failure-text').innerText(), /may not read the rack's resources .*ecs/i);
    assert.ok((await page.locator('.kind-server').count()) > 0, 'the last picture stays');
    assert.match((await page.locator('#canvas').getAttribute('class')) ?? '', /\bstale\b/);
    await ui.screenshot('public-read-failed');
    simulator.faults.clear();
    await page.locator('#retry').click();
    await page.locator('#failure').waitFor({ state: 'hidden', timeout: 15_000 });
    assert.doesNotMatch((await page.locator('#canvas').getAttribute('class')) ?? '', /\bstale\b/);

    // Markup from AWS is text: shown literally, nothing of it run or turned into elements.
    const hostile = await openArchitecture(ui, 'hostile');
    const hostileReading = await readTexts(hostile);
    assert.deepEqual([hostileReading.cut, hostileReading.outside], [[], []], 'its texts whole, inside their boxes');
    assert.ok(hostileReading.smallestPx >= smallestText, `its smallest text is ${hostileReading.smallestPx} px high`);
    const hostileNames = await labels(hostile);
    const text = await hostile.locator('#nodes').evaluate((nodes) => nodes.textContent ?? '');
    assert.ok(
      [...hostileNames, text].some((value) => value.includes(hostileText.image)),
      `the markup is shown as text:\n${hostileNames.join('\n')}`,
    );
    // VS Code itself injects the script that defines acquireVsCodeApi.
    const made = await hostile
      .locator('img, script:not([nonce]):not(#_vscodeApiScript), a[href^="javascript"]')
      .evaluateAll((elements) => elements.map((element) => element.outerHTML.slice(0, 200)));
    assert.deepEqual(made, [], 'no element made from AWS text');
    await ui.screenshot('hostile-rack');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(
      consoleErrors.filter((message) => /alert|Content Security Policy|Refused/i.test(message)),
      [],
      'nothing was run or refused',
    );
  },
  { scenario: architectureScenario(), settings: { 'convox.architecture.refreshInterval': refreshSeconds } },
);
