// A user installs a rack through the quick input (every step shown), watches its progress and switches to it;
// installs a second one that fails and reads its root cause in Show Events; then uninstalls the first, typing its
// name, meets a DELETE_FAILED that stops the run with its root cause, and retries to the end. No screen ever
// shows a rack's password.
import * as assert from 'node:assert/strict';
import {
  clickNotificationButton,
  installThroughWizard,
  quickInput,
  shot,
  stackNamed,
  typeAndEnter,
  waitForStep,
} from './installSteps';
import { walk } from './walk';

const quotaLink = '[Request a quota increase](command:workbench.action.openSettings)';

walk('install-rack', async (ui) => {
  const install = ui.simulator?.scenario.install;
  assert.ok(install, 'the simulator has an install world');
  install.stepMs = 700;
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();

  await installThroughWizard(ui, 'walk-rack', true);
  await ui.notification(/installing walk-rack/, 30_000);
  await ui.page.locator('.notifications-toasts', { hasText: /\d+% · \d+\/\d+ resources/ }).waitFor({ timeout: 60_000 });
  await ui.page.locator('.notifications-toasts', { hasText: /[1-9]\d*% · / }).waitFor({ timeout: 60_000 });
  await shot(ui, 'install-progress');
  // The rack's row says it too: `creating` with the same percentage, once a refresh lists the new stack.
  await ui
    .row('walk-rack')
    .filter({ hasText: /creating [1-9]\d*%/ })
    .waitFor({ timeout: 60_000 });
  await shot(ui, 'install-progress-tree-creating');
  await clickNotificationButton(ui, /walk-rack is installed and its API answers/, 'Switch to It');
  await ui.page.locator('.part.statusbar', { hasText: 'acme/walk-rack' }).waitFor({ timeout: 30_000 });
  await shot(ui, 'installed-and-switched');

  install.failure = {
    logicalId: 'Instances',
    // With a command link planted in it, as any CloudFormation reason could carry: it must show as text.
    reason: `Resource handler returned message: "You have requested more vCPU capacity than your current vCPU limit of 0 allows. ${quotaLink} (Service: AutoScaling, Status Code: 400, Request ID: 5f2e)" (RequestToken: 81c3, HandlerErrorCode: ServiceLimitExceeded)`,
  };
  install.stepMs = 150;
  await installThroughWizard(ui, 'walk-broken', false);
  const failed = await ui.notification(/installing walk-broken failed/, 90_000);
  assert.equal(failed.severity, 'error');
  // The row tells the notification's story within a render: never `creating` once the install has failed.
  // (A row not listed yet comes with the refresh that follows the failure.)
  const brokenRow = ui.row('walk-broken');
  const listed = (await brokenRow.count()) > 0;
  await brokenRow.filter({ hasText: /rollback|failed/ }).waitFor({ timeout: listed ? 3_000 : 30_000 });
  assert.doesNotMatch(await brokenRow.innerText(), /creating/);
  assert.match(
    failed.message,
    /Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: You have requested more vCPU capacity than your current vCPU limit of 0 allows\./,
  );
  assert.doesNotMatch(failed.message, /RequestToken|Resource creation cancelled/);
  assert.ok(
    failed.message.includes('[Request a quota increase] (command:workbench.action.openSettings)'),
    failed.message,
  );
  const failedToast = ui.page.locator('.notifications-toasts .notification-toast', {
    hasText: /installing walk-broken failed/,
  });
  assert.equal(await failedToast.locator('.notification-list-item-message a').count(), 0, 'no link in the message');
  await shot(ui, 'install-failed-root-cause');
  await clickNotificationButton(ui, /installing walk-broken failed/, 'Show Events');
  await ui.page.locator('.part.editor .tab.active', { hasText: 'walk-broken' }).waitFor({ timeout: 30_000 });
  const events = await ui.editorText();
  assert.match(events.split('\n')[0], /^Root cause: Instances \(AWS::AutoScaling::AutoScalingGroup\) failed/);
  assert.match(events, /Resource creation cancelled/);
  await ui.page.keyboard.press('Control+Home');
  await shot(ui, 'show-events-root-cause-first');

  // The failed rack's stack blocks its name: a new install names it and deletes it first when asked.
  await ui.runCommand('Convox: Install Rack…');
  await waitForStep(ui, 1);
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'acme-prod' }).first().waitFor({ timeout: 30_000 });
  await typeAndEnter(ui, 'acme-prod');
  await waitForStep(ui, 2);
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 3);
  await quickInput(ui).locator('input').fill('walk-broken');
  await ui.page.keyboard.press('Enter');
  await quickInput(ui).locator('.quick-input-message', { hasText: 'ROLLBACK_COMPLETE' }).waitFor({ timeout: 30_000 });
  await shot(ui, 'leftover-named-with-offer-to-delete');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 4);
  assert.equal(stackNamed(ui, 'walk-broken'), undefined);
  await shot(ui, 'leftover-deleted-name-free');
  await ui.page.keyboard.press('Escape');

  install.stepMs = 100;
  install.deleteFailure = {
    stackName: 'walk-rack',
    logicalId: 'DynamoBuilds',
    reason:
      'Resource handler returned message: "Resource cannot be deleted as it is currently protected against deletion." (RequestToken: 11, HandlerErrorCode: InvalidRequest)',
  };
  await ui.runCommand('Convox: Uninstall Rack…');
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'walk-rack' }).first().waitFor({ timeout: 30_000 });
  await typeAndEnter(ui, 'walk-rack');
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).waitFor({ timeout: 30_000 });
  const plan = (await ui.quickPickRows()).map((row) => row.label).join('\n');
  assert.match(plan, /walk-rack-settings-/);
  assert.match(plan, /KMS key/);
  await shot(ui, 'uninstall-plan');
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).click();
  await quickInput(ui)
    .locator('.quick-input-message', { hasText: 'Type walk-rack to delete' })
    .waitFor({ timeout: 30_000 });
  await quickInput(ui).locator('input').fill('walk-rac');
  await quickInput(ui).locator('.quick-input-message', { hasText: 'exactly' }).waitFor({ timeout: 10_000 });
  await shot(ui, 'uninstall-typed-name-wrong');
  await typeAndEnter(ui, 'walk-rack');
  const stopped = await ui.notification(/uninstalling acme\/walk-rack stopped/, 60_000);
  assert.match(
    stopped.message,
    /DynamoBuilds \(AWS::DynamoDB::Table\) failed: Resource cannot be deleted as it is currently protected against deletion\./,
  );
  await shot(ui, 'uninstall-delete-failed');
  await clickNotificationButton(ui, /uninstalling acme\/walk-rack stopped/, 'Retry');
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).click({ timeout: 30_000 });
  await quickInput(ui)
    .locator('.quick-input-message', { hasText: 'Type walk-rack to delete' })
    .waitFor({ timeout: 30_000 });
  await typeAndEnter(ui, 'walk-rack');
  await ui.notification(/uninstalling walk-rack/, 30_000);
  await shot(ui, 'uninstall-progress');
  const done = await ui.notification(/acme\/walk-rack was uninstalled/, 60_000);
  assert.match(done.message, /It was the current rack: no rack is current now/);
  await ui.page.locator('.part.statusbar', { hasText: 'No rack' }).waitFor({ timeout: 30_000 });
  assert.equal(stackNamed(ui, 'walk-rack'), undefined);
  await ui.row('walk-rack').waitFor({ state: 'detached', timeout: 30_000 });
  await shot(ui, 'uninstalled-current-cleared');
});
