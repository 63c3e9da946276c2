// An install outlives the window: after a reload its progress comes back from AWS, a second install of the same
// rack is refused, and Cancel offers to stop and delete the partial rack, which then goes.
import * as assert from 'node:assert/strict';
import { installThroughWizard, quickInput, shot, stackNamed, waitForStep } from './installSteps';
import { walk } from './walk';

walk('install-reload', async (ui) => {
  const install = ui.simulator?.scenario.install;
  assert.ok(install, 'the simulator has an install world');
  // Slow enough to outlast a reload and a second wizard on a loaded machine (about a minute in all).
  install.stepMs = 5_000;
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();

  await installThroughWizard(ui, 'reload-rack', false);
  await ui.page
    .locator('.notifications-toasts', { hasText: /installing reload-rack: [1-9]\d*% · / })
    .waitFor({ timeout: 60_000 });
  await shot(ui, 'installing-before-reload');

  // In code-server a page reload is a window reload: a new workbench and a new extension host.
  await ui.page.reload({ timeout: 60_000 });
  await ui.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  await ui.page
    .locator('.notifications-toasts', { hasText: /still installing reload-rack: \d+% · \d+\/\d+ resources/ })
    .waitFor({ timeout: 60_000 });
  await ui.row('reload-rack').waitFor({ timeout: 60_000 });
  await shot(ui, 'progress-resumed-after-reload');

  await ui.runCommand('Convox: Install Rack…');
  await waitForStep(ui, 1);
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'acme-prod' }).first().waitFor({ timeout: 30_000 });
  await quickInput(ui).locator('input').fill('acme-prod');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 2);
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 3);
  await quickInput(ui).locator('input').fill('reload-rack');
  await quickInput(ui)
    .locator('.quick-input-message', { hasText: 'already being installed' })
    .waitFor({ timeout: 10_000 });
  await shot(ui, 'second-install-refused');
  await ui.page.keyboard.press('Escape');

  assert.equal(stackNamed(ui, 'reload-rack')?.status, 'CREATE_IN_PROGRESS', 'still being created when cancelled');
  // The deletion CloudFormation then runs goes at a brisker pace.
  install.stepMs = 200;
  await ui.page
    .locator('.notifications-toasts .notification-toast', { hasText: 'still installing reload-rack' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  const dialog = ui.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /reload-rack is partly created/);
  await shot(ui, 'cancel-offers-delete-or-keep');
  await dialog.getByRole('button', { name: 'Stop and Delete the Partial Rack' }).click();
  await ui.notification(/reload-rack was deleted; the name is free/, 90_000);
  assert.equal(stackNamed(ui, 'reload-rack'), undefined);
  await ui.row('reload-rack').waitFor({ state: 'detached', timeout: 30_000 });
  await shot(ui, 'partial-rack-deleted');
});
