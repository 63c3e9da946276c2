// A new user opens the "Get started with Convox Racks" walkthrough from the palette, reads its five steps, and
// follows the Switch step's button: the rack picker opens, and once a rack is chosen the step is ticked. Also
// takes the README's picture of the Racks view beside a rack's architecture panel.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

const title = 'Get started with Convox Racks';
const steps = [
  'Show the racks your AWS credentials see',
  'Choose the regions to scan',
  'Switch to a rack',
  "See a rack's architecture",
  'Install a rack',
];

walk('walkthrough', async (ui) => {
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();

  // The picture for the README: the Racks view beside production's architecture.
  await ui.clickRowAction('production', 'Show Rack Architecture');
  await ui.restMouse();
  await ui.page.locator('.tab.active', { hasText: 'Architecture: acme/production' }).waitFor({ timeout: 30_000 });
  const panel = ui.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
  await panel.locator('.kind-server').first().waitFor({ timeout: 30_000 });
  await panel.locator('#freshness', { hasText: /^Updated \d+ s ago/ }).waitFor({ timeout: 10_000 });
  await ui.screenshot('racks-and-architecture');

  await ui.runCommand('Welcome: Open Walkthrough...');
  const choice = ui.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
  await ui.page.locator('.quick-input-widget input').fill('Convox');
  await choice.waitFor({ timeout: 10_000 });
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.part.editor h2.category-title', { hasText: title }).waitFor({ timeout: 30_000 });
  const shown = await ui.page.locator('.part.editor button.getting-started-step .step-title').allInnerTexts();
  assert.deepEqual(
    shown.map((text) => text.trim()),
    steps,
    'the five steps, in order',
  );
  await ui.screenshot('walkthrough');

  const switchStep = ui.page.locator('.part.editor button.getting-started-step[data-step-id$="#switch"]');
  assert.equal(await switchStep.getAttribute('aria-checked'), 'false', 'no rack was switched to yet');
  await switchStep.click();
  await ui.page
    .locator('.part.editor button.getting-started-step[data-step-id$="#switch"][aria-expanded="true"]')
    .waitFor({ timeout: 10_000 });
  // The walkthrough can take the focus back just after its button opened the picker (its step still settling on a
  // busy machine), and a quick pick closes when it loses focus: the button is then pressed again, as a person would.
  const button = ui.page.locator('.part.editor .button-container .monaco-button', { hasText: 'Switch Rack' });
  const typed = async (): Promise<boolean> => {
    await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await ui.page.locator('.quick-input-widget input:focus').fill('production', { timeout: 5_000 });
    await ui.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'acme/production' })
      .waitFor({ timeout: 10_000 });
    return true;
  };
  for (let pressed = 1; ; pressed += 1) {
    await button.click({ timeout: 10_000 });
    if (await typed().catch(() => false)) break;
    if (pressed === 3) throw new Error('the Switch Rack button did not keep the rack picker open after 3 presses');
  }
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.part.statusbar', { hasText: 'acme/production' }).waitFor({ timeout: 10_000 });
  await ui.page
    .locator('.part.editor button.getting-started-step[data-step-id$="#switch"][aria-checked="true"]')
    .waitFor({ timeout: 10_000 });
  await ui.restMouse();
  await ui.screenshot('walkthrough-switch-done');
});
