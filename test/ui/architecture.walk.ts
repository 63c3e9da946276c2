// A user opens racks' architecture from their rows' inline action and reads them: a public, a private and a
// still-creating rack in the light, dark and high-contrast themes; every component a named tree item nested as
// in the rack; a server drained in AWS turns draining within one refresh; a rack whose tags and outputs hold
// markup shows it as text and runs none of it; the keyboard reaches a server and opens its details.
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

/** The active webview's page: a webview is two nested frames, the page the inner one. */
function webview(ui: Ui): FrameLocator {
  return ui.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

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

    for (const rack of ['public', 'private', 'creating']) {
      const page = await openArchitecture(ui, rack);
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
      if (rack === 'public') assert.ok(!names.some((name) => /^NAT gateway /.test(name)), 'a public rack has none');
      if (rack === 'creating')
        assert.ok(
          names.some((name) => / creating\b/.test(name)),
          'a rack being created shows what is still being created',
        );
      for (const theme of themes) {
        await useTheme(ui, theme);
        await ui.screenshot(`${rack}-${theme.name}`);
      }
      await useTheme(ui, themes[1]);
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
    await server.locator(':scope > .title').hover();
    await page.locator('#tooltip:not([hidden])').waitFor({ timeout: 5_000 });
    assert.equal(
      await page.locator('#tooltip').innerText(),
      await server.getAttribute('aria-label'),
      'hovering shows what it is',
    );
    await server.locator(':scope > .title').click();
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
