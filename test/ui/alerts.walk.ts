// A user's current rack rolls back its update while they work: one alert names the root cause and offers
// Diagnose, Show Logs, Show Architecture and Stop Watching; the Racks view's icon carries a badge, the status bar
// item turns to the error background, the row's tooltip says since when; Diagnose opens from the alert. Then the
// rack runs again: one "running again", the badge and the background go.
import * as assert from 'node:assert/strict';
import { alertsRacks, alertsScenario } from '../sim';
import { walk } from './walk';

const rack = alertsRacks.rolledBack;
const fullName = `alerts/${rack}`;

walk(
  'alerts',
  async (ui) => {
    const simulator = ui.simulator;
    assert.ok(simulator, 'this walk needs the simulator');
    await ui.openView();
    await ui.row(rack).waitFor({ timeout: 30_000 });
    await ui.settled();
    await ui.widenSideBar();
    await ui.runCommand('Convox: Switch Rack');
    await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await ui.page.locator('.quick-input-widget input').fill(fullName);
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.part.statusbar', { hasText: fullName }).waitFor({ timeout: 10_000 });

    simulator.world.setStackStatus(rack, 'UPDATE_ROLLBACK_COMPLETE', {
      updatedAt: new Date(),
      reason: 'The following resource(s) failed to update: [Instances].',
    });
    // Within one interval (the walk's 10 s) plus the Diagnose read.
    const alert = await ui.notification(/alerts\/rolledback rolled back its last update/, 30_000);
    assert.equal(alert.severity, 'error');
    assert.match(alert.message, /The last update failed and was rolled back/);
    const toast = ui.page.locator('.notifications-toasts .notification-toast', {
      hasText: 'rolled back its last update',
    });
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((text) => text.trim());
    assert.deepEqual(buttons, ['Diagnose', 'Show Logs', 'Show Architecture', 'Stop Watching']);
    const badge = ui.convoxIcon().locator('xpath=..').locator('.badge .badge-content');
    await badge.filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    const item = ui.page.locator('.part.statusbar [id$=".convox.currentRack"]');
    await ui.page.locator('.part.statusbar [id$=".convox.currentRack"].error-kind').waitFor({ timeout: 10_000 });
    assert.match((await item.getAttribute('class')) ?? '', /error-kind/);
    await ui.restMouse();
    await ui.screenshot('alert-badge-status-bar');
    // The rack is listed again on an alert, so that its row follows CloudFormation.
    await ui.settled();
    const tooltip = await ui.hover(ui.row(rack).first());
    assert.match(tooltip, /Rolled back its last update \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    assert.match(tooltip, /Stack: UPDATE_ROLLBACK_COMPLETE/);
    await ui.screenshot('row-tooltip-since');
    await ui.restMouse();

    await toast.locator('.monaco-button', { hasText: 'Diagnose' }).click();
    await ui.page.locator('.tab.active', { hasText: `${rack} diagnosis` }).waitFor({ timeout: 30_000 });
    const diagnosis = (await ui.editorText()).replace(/ \n/g, ' ');
    assert.match(diagnosis, /^## 1\. Problem: The last update failed and was rolled back$/m);
    await ui.page.keyboard.press('Control+Home');
    await ui.restMouse();
    await ui.screenshot('diagnose-from-alert');

    // A reload: the episode is remembered (badge and background at once) and not told again.
    const listingsBefore = simulator.calls.count({ operation: 'DescribeStacks' });
    await ui.page.reload({ timeout: 60_000 });
    await ui.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await badge.filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await ui.page.locator('.part.statusbar [id$=".convox.currentRack"].error-kind').waitFor({ timeout: 30_000 });
    // The restored view's refresh lists once or twice; a third listing is a look of the watcher, after which a
    // second alert would show.
    for (
      const deadline = Date.now() + 30_000;
      simulator.calls.count({ operation: 'DescribeStacks' }) < listingsBefore + 3;
    ) {
      if (Date.now() > deadline) throw new Error('the watcher did not look again after the reload');
      await ui.page.waitForTimeout(200);
    }
    simulator.world.setStackStatus(rack, 'UPDATE_COMPLETE', { updatedAt: new Date() });
    await ui.notification(/alerts\/rolledback is running again/, 30_000);
    assert.deepEqual(
      (await ui.notifications()).filter((shown) => /rolled back its last update/.test(shown.message)),
      [],
      'the episode told before the reload is not told again',
    );
    await badge.waitFor({ state: 'hidden', timeout: 10_000 });
    await ui.page.locator('.part.statusbar [id$=".convox.currentRack"]:not(.error-kind)').waitFor({ timeout: 10_000 });
    await ui.screenshot('running-again');
  },
  { scenario: () => alertsScenario(), settings: { 'convox.alerts.interval': 10 } },
);
