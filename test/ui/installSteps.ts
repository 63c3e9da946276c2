// What the install walks share: the wizard driven step by step, screenshots that check no password is on screen,
// notification buttons, and the simulator's stacks.
import * as assert from 'node:assert/strict';
import type { Stack } from '../sim';
import type { Ui } from './workbench';

export function stackNamed(ui: Ui, name: string): Stack | undefined {
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
    .flatMap((stack) =>
      stack.parameters.filter((parameter) => parameter.key === 'Password').map((parameter) => parameter.value),
    );
}

export async function shot(ui: Ui, step: string): Promise<void> {
  const page = await ui.page.content();
  for (const password of passwords(ui)) assert.ok(!page.includes(password), `the password is on screen at ${step}`);
  await ui.screenshot(step);
}

export const quickInput = (ui: Ui): ReturnType<Ui['page']['locator']> => ui.page.locator('.quick-input-widget');

/**
 * The quick input shows `step` (e.g. "2/6") and takes typing: its input is focused and enabled and it is not busy
 * (a step loading its items shows a progress bar and may replace what was typed).
 */
export async function waitForInputStep(ui: Ui, step: string): Promise<void> {
  await quickInput(ui).locator(`text=${step}`).first().waitFor({ timeout: 30_000 });
  await quickInput(ui).locator('input:focus:enabled').waitFor({ state: 'visible', timeout: 30_000 });
  await quickInput(ui).locator('.quick-input-progress.active').waitFor({ state: 'hidden', timeout: 30_000 });
}

export async function waitForStep(ui: Ui, step: number): Promise<void> {
  await quickInput(ui).locator('.quick-input-title', { hasText: 'Convox: Install Rack' }).waitFor({ timeout: 30_000 });
  await waitForInputStep(ui, `${step}/6`);
}

/** Types `text`; in a list, waits until the filter has put a row holding `text` in focus; then Enter. */
export async function typeAndEnter(ui: Ui, text: string): Promise<void> {
  await typeText(ui, text);
  await ui.page.keyboard.press('Enter');
}

/** Fills the quick input with `text` and, when its list holds a matching row, waits until that row has the focus. */
export async function typeText(ui: Ui, text: string): Promise<void> {
  const input = quickInput(ui).locator('input');
  await input.fill(text);
  const rows = quickInput(ui).locator('.quick-input-list .monaco-list-row');
  if ((await rows.filter({ hasText: text }).count()) > 0) {
    await quickInput(ui)
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: text })
      .waitFor({ timeout: 10_000 });
  }
}

export async function clickNotificationButton(ui: Ui, message: RegExp, button: string): Promise<void> {
  await ui.notification(message, 60_000);
  await ui.page
    .locator('.notifications-toasts .notification-toast', { hasText: message })
    .getByRole('button', { name: button })
    .first()
    .click();
}

export async function installThroughWizard(ui: Ui, name: string, takenFirst: boolean): Promise<void> {
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
  await typeText(ui, name);
  // The name is checked as typed (against the stacks): Enter waits until no check is running.
  await quickInput(ui).locator('.quick-input-progress.active').waitFor({ state: 'hidden', timeout: 30_000 });
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
  // The walks read the simulator's release list, not Convox's: the review names where the template comes from.
  assert.match(
    review,
    /Release source 127\.0\.0\.1:\d+.*the rack itself always applies Convox's published template.* not Convox’s list \(convox\.releasesUrl\)/,
  );
  assert.match(review, /Release \d+.* template from 127\.0\.0\.1:\d+/);
  if (takenFirst) await shot(ui, 'step-6-review');
  await ui.page.keyboard.press('Enter');
}
