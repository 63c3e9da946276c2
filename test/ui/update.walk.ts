// A user scales a rack from its row's menu: its API's self-signed certificate is shown with its fingerprint and
// trusted; the preview document lists what CloudFormation would change before Apply; progress follows to the end.
// Then Set Rack Parameters and Update Rack from the palette, each with its preview and progress; an update of a
// rack that is updating is refused with "Try Again When Running"; a converging rack is changed only after a warning
// that names its server not in service, and then goes on to its API; a scale that fails rolls back and names its root
// cause in Show Events. When the rack's certificate changes, Replace Pinned Certificate shows the pinned and the new
// certificate, and replaces the pin when chosen; the trusted certificate is listed and removed. No screen ever shows
// a rack's password.
import * as assert from 'node:assert/strict';
import { releaseVersions, updateScenario } from '../sim';
import { clickNotificationButton, quickInput, shot, stackNamed, typeAndEnter, waitForInputStep } from './installSteps';
import { walk } from './walk';
import type { Ui } from './workbench';

const dialogButton = (ui: Ui, label: string): ReturnType<Ui['page']['locator']> =>
  ui.page.locator('.monaco-dialog-box .monaco-button', { hasText: label });

/** The preview document opens and the modal asks to apply: both on screen; nothing has changed yet; then Apply. */
async function previewThenApply(ui: Ui, step: string, unchanged: () => void): Promise<void> {
  await dialogButton(ui, 'Apply').waitFor({ timeout: 60_000 });
  await ui.page.locator('.part.editor .tab.active', { hasText: 'preview' }).waitFor({ timeout: 10_000 });
  await shot(ui, `${step}-preview`);
  unchanged();
  await dialogButton(ui, 'Apply').click();
}

/** The preview document, still the active editor once the change is done. */
async function previewText(ui: Ui, expected: RegExp): Promise<void> {
  const text = await ui.editorText();
  assert.match(text, /Preview only: nothing has changed yet/);
  assert.match(text, expected);
}

const parameterOf = (ui: Ui, key: string): string | undefined =>
  stackNamed(ui, 'production')?.parameters.find((parameter) => parameter.key === key)?.value;

walk(
  'update-rack',
  async (ui) => {
    const install = ui.simulator?.scenario.install;
    assert.ok(install, 'the simulator has an install world');
    install.stepMs = 500;
    await ui.openView();
    await ui.row('production').waitFor({ timeout: 30_000 });
    await ui.settled();
    await ui.widenSideBar();

    // Scale, from the rack's menu.
    await ui.chooseFromRowMenu('production', 'Scale Rack…', dialogButton(ui, 'Trust This Certificate'));
    const fingerprint = ui.simulator?.dashboardCertificate?.fingerprint() ?? '';
    assert.ok(
      await ui.page.locator('.monaco-dialog-box', { hasText: fingerprint }).isVisible(),
      'the fingerprint is shown',
    );
    await shot(ui, 'untrusted-certificate');
    await dialogButton(ui, 'Trust This Certificate').click();
    await waitForInputStep(ui, '1/2');
    await shot(ui, 'scale-count');
    await typeAndEnter(ui, '4');
    await waitForInputStep(ui, '2/2');
    await ui.page.keyboard.press('Enter');
    await previewThenApply(ui, 'scale', () =>
      assert.equal(parameterOf(ui, 'InstanceCount'), '3', 'nothing changed before Apply'),
    );
    await ui.page
      .locator('.notifications-toasts', { hasText: /\d+% · \d+\/\d+ resources/ })
      .waitFor({ timeout: 60_000 });
    await shot(ui, 'scale-progress');
    await ui.notification(/Scale to 4 instances done/, 60_000);
    await shot(ui, 'scale-done');
    await previewText(ui, /Modify\s+Instances\s+AWS::AutoScaling::AutoScalingGroup\s+DesiredCapacity/);
    assert.equal(parameterOf(ui, 'InstanceCount'), '4');

    // Set a parameter, from the palette.
    await ui.runCommand('Convox: Set Rack Parameters…');
    await typeAndEnter(ui, 'production');
    await waitForInputStep(ui, '1/2');
    await typeAndEnter(ui, 'LogRetention');
    await waitForInputStep(ui, '2/2');
    await quickInput(ui).locator('input').fill('0');
    await quickInput(ui).locator('.quick-input-message', { hasText: 'at least 1' }).waitFor({ timeout: 10_000 });
    await shot(ui, 'parameter-checked-as-typed');
    await typeAndEnter(ui, '14');
    await previewThenApply(ui, 'parameters', () => assert.equal(parameterOf(ui, 'LogRetention'), '7'));
    await ui.page.locator('.notifications-toasts', { hasText: /\d+% · / }).waitFor({ timeout: 60_000 });
    await shot(ui, 'parameters-progress');
    await ui.notification(/Set LogRetention=14 done/, 60_000);
    await previewText(ui, /Modify\s+LogGroup\s+AWS::Logs::LogGroup\s+RetentionInDays/);

    // Update to the release the CLI would choose.
    await ui.runCommand('Convox: Update Rack…');
    await typeAndEnter(ui, 'production');
    await quickInput(ui).locator('.monaco-list-row', { hasText: releaseVersions[1] }).waitFor({ timeout: 30_000 });
    await quickInput(ui)
      .locator('.monaco-list-row.focused', { hasText: 'what convox rack update chooses' })
      .waitFor({ timeout: 10_000 });
    await shot(ui, 'update-release');
    await ui.page.keyboard.press('Enter');
    await previewThenApply(ui, 'update', () => assert.equal(parameterOf(ui, 'Version'), releaseVersions[0]));
    await ui.page.locator('.notifications-toasts', { hasText: /\d+% · / }).waitFor({ timeout: 60_000 });
    await shot(ui, 'update-progress');
    await ui.notification(new RegExp(`Update to ${releaseVersions[1]} done`), 60_000);
    assert.deepEqual(
      install.recordedReleases?.map((release) => release.version),
      [releaseVersions[1]],
    );

    // Refused: a rack that is updating.
    await ui.runCommand('Convox: Update Rack…');
    await typeAndEnter(ui, 'europe');
    const refused = await ui.notification(/europe is updating/, 30_000);
    assert.equal(refused.severity, 'warning');
    await shot(ui, 'refused-updating');

    // Warned, then let through: a converging rack, whose stack CloudFormation would update.
    const pending = ui.simulator?.scenario.accounts
      .flatMap((account) => Object.values(account.regions))
      .flatMap((region) => region.autoScalingGroups)
      .find((group) => group.name.startsWith('converge-Instances-'))
      ?.instances.find((instance) => instance.lifecycleState === 'Pending');
    assert.ok(pending, 'acme/converge has a server not in service');
    await ui.runCommand('Convox: Scale Rack…');
    await typeAndEnter(ui, 'converge');
    await ui.page.locator('.monaco-dialog-box', { hasText: `${pending.id} (Pending)` }).waitFor({ timeout: 30_000 });
    assert.ok(await ui.page.locator('.monaco-dialog-box', { hasText: 'converging' }).isVisible());
    await shot(ui, 'converging-warning');
    await dialogButton(ui, 'Continue').click();
    await dialogButton(ui, 'Trust This Certificate').waitFor({ timeout: 30_000 });
    await dialogButton(ui, 'Cancel').click();

    // Rolled back: a scale to an instance type that does not exist.
    install.stepMs = 200;
    install.updateFailure = {
      logicalId: 'Instances',
      reason:
        'Resource handler returned message: "The instance type t3.huge does not exist (Service: AutoScaling, Status Code: 400, Request ID: 5)" (RequestToken: 6, HandlerErrorCode: InvalidRequest)',
    };
    await ui.runCommand('Convox: Scale Rack…');
    await typeAndEnter(ui, 'production');
    await waitForInputStep(ui, '1/2');
    await ui.page.keyboard.press('Enter');
    await waitForInputStep(ui, '2/2');
    await typeAndEnter(ui, 't3.huge');
    await dialogButton(ui, 'Apply').click({ timeout: 60_000 });
    const failed = await ui.notification(/failed and was rolled back/, 90_000);
    assert.equal(failed.severity, 'error');
    assert.match(
      failed.message,
      /Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: The instance type t3\.huge does not exist/,
    );
    await shot(ui, 'rollback-root-cause');
    await clickNotificationButton(ui, /failed and was rolled back/, 'Show Events');
    await ui.page.locator('.part.editor .tab.active', { hasText: 'production' }).waitFor({ timeout: 30_000 });
    assert.match((await ui.editorText()).split('\n')[0], /^Root cause: Instances/);
    await shot(ui, 'rollback-events');

    // The rack's certificate changes: a step of its own, Replace Pinned Certificate, showing the pinned and the
    // new certificate; Cancel sends nothing, and the next attempt replaces the pin.
    const replaced = (await ui.simulator?.dashboardCertificate?.replace()) ?? '';
    await ui.runCommand('Convox: Scale Rack…');
    await typeAndEnter(ui, 'production');
    await dialogButton(ui, 'Replace Pinned Certificate').waitFor({ timeout: 30_000 });
    assert.ok(
      await ui.page
        .locator('.monaco-dialog-box', { hasText: 'Replace Pinned Certificate of acme/production?' })
        .isVisible(),
      'the step says what it does',
    );
    assert.ok(
      await ui.page.locator('.monaco-dialog-box', { hasText: replaced }).isVisible(),
      'the new fingerprint is shown',
    );
    assert.ok(
      await ui.page.locator('.monaco-dialog-box', { hasText: fingerprint }).isVisible(),
      'the pinned fingerprint is shown',
    );
    assert.ok(
      await ui.page.locator('.monaco-dialog-box', { hasText: 'Subject: CN=127.0.0.1' }).first().isVisible(),
      'subjects are shown',
    );
    await shot(ui, 'replace-pinned-certificate');
    await dialogButton(ui, 'Cancel').click();
    await ui.runCommand('Convox: Scale Rack…');
    await typeAndEnter(ui, 'production');
    await dialogButton(ui, 'Replace Pinned Certificate').click({ timeout: 30_000 });
    await waitForInputStep(ui, '1/2');
    await ui.page.keyboard.press('Escape');

    // The trusted certificate is listed, and removed.
    await ui.runCommand('Convox: Manage Trusted Rack Certificates');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'acme/production' }).waitFor({ timeout: 30_000 });
    await shot(ui, 'trusted-certificates');
    await quickInput(ui).locator('.monaco-list-row', { hasText: 'acme/production' }).click();
    await ui.page.keyboard.press('Enter');
    await ui.notification(/1 certificate\(s\) no longer trusted/, 30_000);
  },
  { scenario: updateScenario() },
);
