// A user installs a rack through the quick input (every step shown), watches its progress and switches to it;
// installs a second one that fails and reads its root cause in Show Events; then uninstalls the first, typing its
// name, meets a DELETE_FAILED that stops the run with its root cause, and retries to the end. No screen ever
// shows a rack's password.
import * as assert from 'node:assert/strict';
import type { Stack } from '../sim';
import type { Ui } from './workbench';
import { walk } from './walk';

function stackNamed(ui: Ui, name: string): Stack | undefined {
  return ui.simulator?.scenario.accounts
    .flatMap((account) => Object.values(account.regions))
    .flatMap((region) => region.stacks)
    .find((stack) => stack.name === name && stack.status !== 'DELETE_COMPLETE');
}

/** Every password the simulator was given so far; none may ever be on screen. */
function passwords(ui: Ui): string[] {
  return (ui.simulator?.scenario.accounts ?? [])
    .flatMap((account) => Object.values(account.regions))
    .flatMap((region) => region.stacks)
    .flatMap((stack) => stack.parameters.filter((parameter) => parameter.key === 'Password').map((parameter) => parameter.value));
}

async function shot(ui: Ui, step: string): Promise<void> {
  const page = await ui.page.content();
  for (const password of passwords(ui)) assert.ok(!page.includes(password), `the password is on screen at ${step}`);
  await ui.screenshot(step);
}

const quickInput = (ui: Ui): ReturnType<Ui['page']['locator']> => ui.page.locator('.quick-input-widget');

async function waitForStep(ui: Ui, step: number): Promise<void> {
  await quickInput(ui).locator('.quick-input-title', { hasText: 'Convox: Install Rack' }).waitFor({ timeout: 30_000 });
  await quickInput(ui).locator(`text=${step}/6`).first().waitFor({ timeout: 30_000 });
  await ui.page.waitForTimeout(300);
}

async function typeAndEnter(ui: Ui, text: string): Promise<void> {
  await quickInput(ui).locator('input').fill(text);
  await ui.page.waitForTimeout(300);
  await ui.page.keyboard.press('Enter');
}

async function clickNotificationButton(ui: Ui, message: RegExp, button: string): Promise<void> {
  await ui.notification(message, 60_000);
  await ui.page.locator('.notifications-toasts .notification-toast', { hasText: message }).getByRole('button', { name: button }).first().click();
}

async function installThroughWizard(ui: Ui, name: string, takenFirst: boolean): Promise<void> {
  await ui.runCommand('Convox: Install Rack…');
  await waitForStep(ui, 1);
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'acme-prod' }).first().waitFor({ timeout: 30_000 });
  if (takenFirst) await shot(ui, 'step-1-profile');
  await typeAndEnter(ui, 'acme-prod');
  await waitForStep(ui, 2);
  if (takenFirst) await shot(ui, 'step-2-region');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 3);
  if (takenFirst) {
    await quickInput(ui).locator('input').fill('production');
    await ui.page.keyboard.press('Enter');
    await quickInput(ui).locator('.quick-input-message', { hasText: 'already exists' }).waitFor({ timeout: 30_000 });
    await shot(ui, 'step-3-name-taken');
    await quickInput(ui).locator('input').fill('a-rack-name-too-long-for-its-cert');
    await quickInput(ui).locator('.quick-input-message', { hasText: 'certificate' }).waitFor({ timeout: 10_000 });
    await shot(ui, 'step-3-name-too-long');
  }
  await quickInput(ui).locator('input').fill(name);
  await ui.page.waitForTimeout(300);
  if (takenFirst) await shot(ui, 'step-3-name');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 4);
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'latest' }).first().waitFor({ timeout: 30_000 });
  if (takenFirst) await shot(ui, 'step-4-version');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 5);
  await quickInput(ui).locator('.monaco-list-row', { hasText: 'InstanceType' }).first().waitFor({ timeout: 30_000 });
  if (takenFirst) await shot(ui, 'step-5-options');
  await ui.page.keyboard.press('Enter');
  await waitForStep(ui, 6);
  const review = (await ui.quickPickRows()).map((row) => `${row.label} ${row.description}`).join('\n');
  assert.match(review, /API password.*generated: 30 random letters/);
  if (takenFirst) await shot(ui, 'step-6-review');
  await ui.page.keyboard.press('Enter');
}

walk(
  'install-rack',
  async (ui) => {
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
    await ui.row('walk-rack').waitFor({ timeout: 60_000 });
    await shot(ui, 'install-progress-tree-creating');
    await clickNotificationButton(ui, /walk-rack is installed and its API answers/, 'Switch to It');
    await ui.page.locator('.part.statusbar', { hasText: 'acme/walk-rack' }).waitFor({ timeout: 30_000 });
    await shot(ui, 'installed-and-switched');

    install.failure = {
      logicalId: 'Instances',
      reason: 'Resource handler returned message: "You have requested more vCPU capacity than your current vCPU limit of 0 allows (Service: AutoScaling, Status Code: 400, Request ID: 5f2e)" (RequestToken: 81c3, HandlerErrorCode: ServiceLimitExceeded)',
    };
    install.stepMs = 150;
    await installThroughWizard(ui, 'walk-broken', false);
    const failed = await ui.notification(/installing walk-broken failed/, 90_000);
    assert.equal(failed.severity, 'error');
    assert.match(failed.message, /Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: You have requested more vCPU capacity than your current vCPU limit of 0 allows\./);
    assert.doesNotMatch(failed.message, /RequestToken|Resource creation cancelled/);
    await shot(ui, 'install-failed-root-cause');
    await clickNotificationButton(ui, /installing walk-broken failed/, 'Show Events');
    await ui.page.locator('.part.editor .tab.active', { hasText: 'walk-broken' }).waitFor({ timeout: 30_000 });
    const events = await ui.editorText();
    assert.match(events.split('\n')[0], /^Root cause: Instances \(AWS::AutoScaling::AutoScalingGroup\) failed/);
    assert.match(events, /Resource creation cancelled/);
    await ui.page.keyboard.press('Control+Home');
    await shot(ui, 'show-events-root-cause-first');

    install.stepMs = 100;
    install.deleteFailure = { stackName: 'walk-rack', logicalId: 'DynamoBuilds', reason: 'Resource handler returned message: "Resource cannot be deleted as it is currently protected against deletion." (RequestToken: 11, HandlerErrorCode: InvalidRequest)' };
    await ui.runCommand('Convox: Uninstall Rack…');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'walk-rack' }).first().waitFor({ timeout: 30_000 });
    await typeAndEnter(ui, 'walk-rack');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).waitFor({ timeout: 30_000 });
    const plan = (await ui.quickPickRows()).map((row) => row.label).join('\n');
    assert.match(plan, /walk-rack-settings-/);
    assert.match(plan, /KMS key/);
    await shot(ui, 'uninstall-plan');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).click();
    await quickInput(ui).locator('input').fill('walk-rac');
    await quickInput(ui).locator('.quick-input-message', { hasText: 'exactly' }).waitFor({ timeout: 10_000 });
    await shot(ui, 'uninstall-typed-name-wrong');
    await typeAndEnter(ui, 'walk-rack');
    const stopped = await ui.notification(/uninstalling acme\/walk-rack stopped/, 60_000);
    assert.match(stopped.message, /DynamoBuilds \(AWS::DynamoDB::Table\) failed: Resource cannot be deleted as it is currently protected against deletion\./);
    await shot(ui, 'uninstall-delete-failed');
    await clickNotificationButton(ui, /uninstalling acme\/walk-rack stopped/, 'Retry');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'Uninstall walk-rack…' }).click({ timeout: 30_000 });
    await typeAndEnter(ui, 'walk-rack');
    await ui.notification(/uninstalling walk-rack/, 30_000);
    await shot(ui, 'uninstall-progress');
    const done = await ui.notification(/acme\/walk-rack was uninstalled/, 60_000);
    assert.match(done.message, /It was the current rack: no rack is current now/);
    await ui.page.locator('.part.statusbar', { hasText: 'No rack' }).waitFor({ timeout: 30_000 });
    assert.equal(stackNamed(ui, 'walk-rack'), undefined);
    await shot(ui, 'uninstalled-current-cleared');
  },
);
