// A user makes a rack current with its inline Switch Rack action, inspects it from the command palette, reads
// the document (what `convox rack`, `rack params`, `instances`, `rack ps` and `apps` print, plus stack events,
// the password masked), refreshes it from the editor's title bar, and finds it in a tab titled `org/rack`.
import * as assert from 'node:assert/strict';
import { productionPassword } from './secrets';
import { walk } from './walk';

walk('inspect', async (ui) => {
  const simulator = ui.simulator;
  assert.ok(simulator, 'this walk needs the simulator');
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();

  await ui.clickRowAction('production', 'Switch Rack');
  await ui.page.locator('.part.statusbar', { hasText: 'acme/production' }).waitFor({ timeout: 10_000 });
  assert.equal(await ui.statusBarText(), 'acme/production (running)');
  await ui.screenshot('switched-with-inline-action');
  await ui.restMouse();

  await ui.runCommand('Convox: Inspect Rack');
  await ui.page.locator('.part.editor .view-lines', { hasText: 'Parameters' }).waitFor({ timeout: 30_000 });
  const text = await ui.editorText();
  const lines = text.split('\n');
  assert.equal(lines[0], 'acme/production');
  for (const heading of ['Rack', 'Parameters', 'Instances', 'Processes', 'Apps']) {
    assert.ok(lines.includes(heading), `no "${heading}" section in:\n${text}`);
  }
  assert.match(text, /^Stack events \(last \d+\)$/m);
  assert.match(text, /^Status\s+running$/m);
  assert.match(text, /^Password\s+\*{10}$/m);
  assert.equal(text.match(/^i-[0-9a-f]+\s/gm)?.length, 3, `not 3 instance lines in:\n${text}`);
  for (const app of ['web', 'worker', 'api']) assert.match(text, new RegExp(`^${app}\\s`, 'm'));
  const secret = productionPassword(simulator);
  assert.ok(!text.includes(secret), 'the real password is in the document');
  await ui.page.keyboard.press('Control+Home');
  await ui.screenshot('document-top');
  // Go to Line centres the Processes heading, with Instances above and Apps below it.
  await ui.page.keyboard.press('Control+g');
  await ui.page.locator('.quick-input-widget input').fill(`:${lines.indexOf('Processes') + 1}`);
  await ui.page.keyboard.press('Enter');
  await ui.screenshot('document-instances-processes-apps');
  await ui.page.keyboard.press('Control+End');
  await ui.screenshot('document-end');

  const refresh = ui.page.locator('.part.editor .editor-actions .action-label[aria-label="Refresh Inspection"]');
  const title = await ui.hover(refresh);
  assert.match(title, /Refresh Inspection/);
  await ui.screenshot('refresh-button');
  const loaded = ui.page.locator('.part.editor .view-line', { hasText: /^Loaded\s/ });
  const loadedBefore = await loaded.innerText();
  const eventsBefore = simulator.calls.count({ operation: 'DescribeStackEvents' });
  await refresh.click();
  // Refreshed means read from AWS again and redrawn with the new load time.
  const deadline = Date.now() + 10_000;
  while (
    simulator.calls.count({ operation: 'DescribeStackEvents' }) === eventsBefore ||
    (await loaded.innerText()) === loadedBefore
  ) {
    if (Date.now() > deadline)
      throw new Error(`Refresh Inspection did not reload the document (still "${loadedBefore}")`);
    await ui.page.waitForTimeout(100);
  }
  await ui.restMouse();
  await ui.screenshot('refreshed');

  // Last, so a wrong title still leaves every screenshot above. "/" may be drawn as a look-alike slash.
  const tab = await ui.editorTabTitle();
  assert.match(tab, /^acme\W?production$/u, `the tab reads "${tab}", not the rack's org/rack name`);
});
