// The current rack outlives the window: after Switch Rack and a reload, the status bar still names it.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

walk('switch-reload', async (ui) => {
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.runCommand('Convox: Switch Rack');
  await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
  await ui.page.locator('.quick-input-widget input').fill('acme/staging');
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.part.statusbar', { hasText: 'acme/staging' }).waitFor({ timeout: 10_000 });
  assert.equal(await ui.statusBarText(), 'acme/staging (failed)');
  await ui.screenshot('switched');

  // In code-server a page reload is a window reload: a new workbench and a new extension host.
  await ui.page.reload({ timeout: 60_000 });
  await ui.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  await ui.page.locator('.part.statusbar', { hasText: 'acme/staging' }).waitFor({ timeout: 60_000 });
  assert.match(await ui.statusBarText(), /^acme\/staging( \(failed\))?$/);
  // The reloaded window restores the Convox view it had open; clicking its icon again would close it.
  await ui.row('staging').filter({ hasText: '✓ current' }).waitFor({ timeout: 30_000 });
  await ui.screenshot('after-reload');
});
