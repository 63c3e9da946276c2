// A user opens a rack's architecture from its row's inline action and reads it: every component a named tree
// item, a server selected by click shows its details, the keyboard walks the tree and zooms, and the toolbar
// fits the diagram. Where the simulator cannot serve the reads yet, the page says why and offers Retry.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

walk('architecture', async (ui) => {
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();
  await ui.clickRowAction('production', 'Show Rack Architecture');
  await ui.restMouse();

  // A webview is two nested frames; the page is the inner one.
  const page = ui.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const components = page.locator('#nodes [role="treeitem"]');
  const failure = page.locator('#failure:not([hidden])');
  await components.first().or(failure).waitFor({ timeout: 30_000 });
  if (await failure.isVisible()) {
    await ui.screenshot('read-failed');
    assert.match(await page.locator('#failure-text').innerText(), /\S/);
    assert.ok(await page.locator('#retry').isVisible());
    return;
  }
  await page.locator('#freshness', { hasText: /^Updated \d+ s ago/ }).waitFor({ timeout: 10_000 });
  await ui.screenshot('diagram');

  const labels = await components.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
  assert.ok(labels.every((label) => label.length > 0), 'every component has an accessible name');
  const server = page.locator('.kind-server').first();
  assert.match((await server.getAttribute('aria-label')) ?? '', /^(spot |build )?server i-[0-9a-f]+ /);
  assert.equal(await server.locator('xpath=ancestor::*[contains(@class, "kind-zone")]').count(), 1, "a server is drawn inside its zone's element");
  assert.ok((await page.locator('.kind-loadBalancer').count()) > 0, 'a load balancer is drawn');

  await server.locator(':scope > .title').click();
  await page.locator('#details:not([hidden])').waitFor({ timeout: 5_000 });
  assert.match(await page.locator('#details-title').innerText(), /^(spot |build )?server i-/);
  assert.equal(await server.getAttribute('aria-selected'), 'true');
  await ui.screenshot('server-selected');

  // The keyboard: Down moves to the next component, Enter selects it, + zooms in, 0 fits, Escape closes.
  const zoom = page.locator('#zoom-level');
  await ui.page.keyboard.press('ArrowDown');
  await ui.page.keyboard.press('Enter');
  assert.notEqual(await page.locator('[aria-selected="true"]').getAttribute('data-id'), await server.getAttribute('data-id'), 'the next component is selected');
  const before = await zoom.innerText();
  await ui.page.keyboard.press('+');
  assert.notEqual(await zoom.innerText(), before, 'zoomed in');
  await ui.screenshot('keyboard-zoomed');
  await ui.page.keyboard.press('0');
  await ui.page.keyboard.press('Escape');
  await page.locator('#details[hidden]').waitFor({ state: 'attached', timeout: 5_000 });
  await ui.screenshot('fitted');
});
