// A user switches rack from the command palette the way `convox switch` works: typing part of a name that only
// one rack has makes it current (status bar, tree); typing a part several racks share is refused as ambiguous
// and leaves the current rack alone.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

walk('switch-rack', async (ui) => {
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  // The release list comes after the racks: the row then says how far behind its release is.
  await ui.row('production').filter({ hasText: ' behind ' }).waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();
  assert.equal(await ui.statusBarText(), 'No rack');

  await ui.runCommand('Convox: Switch Rack');
  await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
  const offered = await ui.quickPickRows();
  for (const [label, description] of [
    ['acme/production', 'running · us-east-1'],
    ['acme/converge', 'converging · eu-west-1'],
    ['acme/staging', 'failed · us-east-1'],
    ['globex/edge', 'updating · us-east-1'],
  ]) {
    assert.ok(
      offered.some((row) => row.label === label && row.description === description),
      `the quick pick does not offer ${label} (${description}): ${JSON.stringify(offered)}`,
    );
  }
  await ui.screenshot('quick-pick');

  await ui.page.locator('.quick-input-widget input').fill('production');
  await ui.page
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'acme/production' })
    .waitFor({ timeout: 10_000 });
  assert.deepEqual(
    (await ui.quickPickRows()).map((row) => row.label),
    ['acme/production'],
  );
  await ui.screenshot('typed-production');
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.part.statusbar', { hasText: 'acme/production' }).waitFor({ timeout: 10_000 });
  assert.equal(await ui.statusBarText(), 'acme/production (running)');
  await ui.row('production').filter({ hasText: '✓ current' }).waitFor({ timeout: 10_000 });
  assert.match(
    (await ui.rows()).find((row) => row.label === 'production')?.description ?? '',
    /^✓ current · running · us-east-1 · 20250101120000 · 2 behind \(1 required\) · release \d+ d old$/,
  );
  await ui.restMouse();
  await ui.screenshot('switched-status-bar-and-tree');

  await ui.runCommand('Convox: Switch Rack');
  await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
  // The current rack is ticked and says so.
  await ui.page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'current rack' })
    .filter({ hasText: 'acme/production' })
    .locator('.codicon-check')
    .waitFor({ timeout: 10_000 });
  await ui.screenshot('quick-pick-current-marked');
  // "e" is in almost every rack's name: `convox switch e` refuses it as ambiguous.
  await ui.page.locator('.quick-input-widget input').fill('e');
  // What was typed has taken effect once the rows show it highlighted (Enter resolves the typed text itself).
  await ui.page
    .locator('.quick-input-list .monaco-list-row.focused .label-name .highlight', { hasText: 'e' })
    .waitFor({ timeout: 10_000 });
  assert.ok((await ui.quickPickRows()).length > 1, 'several racks have an "e" in their name');
  await ui.screenshot('typed-ambiguous');
  await ui.page.keyboard.press('Enter');
  try {
    const error = await ui.notification(/ambiguous rack name/);
    assert.equal(error.severity, 'error');
  } catch (error) {
    const shown = await ui.statusBarText();
    throw new Error(
      `Enter on the ambiguous "e" showed no "ambiguous rack name" error; the status bar now shows "${shown}"`,
      { cause: error },
    );
  }
  assert.equal(await ui.statusBarText(), 'acme/production (running)');
  await ui.screenshot('ambiguous-error');
});
