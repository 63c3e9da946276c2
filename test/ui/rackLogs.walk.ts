// A user opens a rack's logs from the palette and watches lines arrive as the rack writes them; filters them,
// picks the monitor's streams from the editor's title bar, and sees a failed read stop the logs with Retry,
// which starts them again once AWS answers.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { logsGroupOf, logsRack, logsScenario, rackLogLines, rackStreams, type Simulator } from '../sim';
import { walk } from './walk';
import type { Ui } from './workbench';

/** The logs editor's rendered lines; the editor follows the end, so new lines are the ones on screen. */
function line(ui: Ui, text: string): Locator {
  // Monaco may draw spaces as no-break spaces: any white space matches a space.
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));
  return ui.page.locator('.part.editor .editor-group-container.active .view-lines .view-line', { hasText: pattern });
}

function logsStatus(ui: Ui, text: string | RegExp): Locator {
  return ui.page.locator('.part.statusbar .statusbar-item', { hasText: text });
}

/** The rack writes a line now, as its web service would. */
function write(simulator: Simulator, message: string, stream: string = rackStreams.web): void {
  logsGroupOf(simulator.scenario).events.push({ stream, timestamp: new Date(), message });
}

async function titleAction(ui: Ui, label: string): Promise<void> {
  await ui.page.locator(`.part.editor .editor-actions .action-label[aria-label="${label}"]`).click();
}

walk(
  'rack-logs',
  async (ui) => {
    const simulator = ui.simulator;
    assert.ok(simulator, 'this walk needs the simulator');
    await ui.openView();
    // The organisation (named after the profile) is "logs" too: the rack is the second row.
    await ui.row(logsRack).last().waitFor({ timeout: 30_000 });
    await ui.settled();

    // The scenario was built when the walk was loaded: its lines are written again, the last one now.
    logsGroupOf(simulator.scenario).events = rackLogLines(new Date(), 60, 1000);
    await ui.runCommand('Convox: Show Rack Logs');
    await ui.page.locator('.quick-input-widget input').fill(`logs/${logsRack}`);
    await ui.page.keyboard.press('Enter');
    await line(ui, 'Instances line 59').waitFor({ timeout: 30_000 });
    await logsStatus(ui, /Logs Following · 60 lines/).waitFor({ timeout: 10_000 });
    assert.match(await ui.editorTabTitle(), /logs\W?logs logs/u);
    await ui.restMouse();
    await ui.screenshot('following');

    // Lines arrive while the walk watches: each written line shows at the bottom of the editor.
    for (const index of [1, 2, 3]) {
      write(simulator, `ns=api at=request arrived ${index}`);
      await line(ui, `arrived ${index}`).waitFor({ timeout: 20_000 });
    }
    await logsStatus(ui, /63 lines/).waitFor({ timeout: 10_000 });
    await ui.screenshot('lines-arrived');
    const text = await ui.editorText();
    const lines = text.split('\n').filter((entry) => entry !== '');
    assert.equal(lines.length, 63, 'each line once');
    assert.match(
      lines[lines.length - 1],
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ service\/web\/\S+ ns=api at=request arrived 3$/,
      'newest at the bottom, as the CLI prints it',
    );

    // Filter from the title bar: only matching lines, without reopening.
    await titleAction(ui, 'Filter Logs…');
    await ui.page.locator('.quick-input-widget input').fill('"line 4"');
    await ui.page.keyboard.press('Enter');
    await logsStatus(ui, /Logs Following · \d+ lines/).waitFor({ timeout: 10_000 });
    await ui.page.waitForFunction(
      () =>
        !document
          .querySelector('.part.editor .editor-group-container.active .view-lines')
          ?.textContent?.includes('arrived'),
      undefined,
      { timeout: 20_000 },
    );
    await line(ui, 'line 49').waitFor({ timeout: 20_000 });
    const filtered = (await ui.editorText()).split('\n').filter((entry) => entry !== '');
    assert.ok(
      filtered.length > 0 && filtered.every((entry) => entry.includes('line 4')),
      `only "line 4" lines:\n${filtered.join('\n')}`,
    );
    await ui.screenshot('filtered');

    // Streams: the monitor's only.
    await titleAction(ui, 'Choose Log Streams…');
    await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'service/monitor' }).click();
    await line(ui, 'service/monitor/').first().waitFor({ timeout: 20_000 });
    await ui.page.waitForFunction(
      () =>
        !document
          .querySelector('.part.editor .editor-group-container.active .view-lines')
          ?.textContent?.includes('service/web/'),
      undefined,
      { timeout: 20_000 },
    );
    const monitorOnly = (await ui.editorText()).split('\n').filter((entry) => entry !== '');
    assert.ok(
      monitorOnly.length > 0 &&
        monitorOnly.every((entry) => entry.split(' ')[1].startsWith('service/monitor/') && entry.includes('line 4')),
      monitorOnly.join('\n'),
    );
    await ui.restMouse();
    await ui.screenshot('monitor-streams');

    // A refused read stops the logs: a notification and the status bar offer Retry.
    simulator.faults.add({ service: 'logs', operation: 'FilterLogEvents', kind: 'denied' });
    const stopped = await ui.notification(/the logs of logs\/logs stopped/, 30_000);
    assert.equal(stopped.severity, 'error');
    await logsStatus(ui, 'Stopped: Retry').waitFor({ timeout: 10_000 });
    await ui.page
      .locator('.part.editor .editor-actions .action-label[aria-label="Retry Logs"]')
      .waitFor({ timeout: 10_000 });
    await ui.screenshot('error-with-retry');
    simulator.faults.clear();
    write(simulator, 'who="convox/monitor" what="back" why="line 4 after retry"', rackStreams.monitor);
    await ui.page.locator('.notification-toast .monaco-button', { hasText: 'Retry' }).click();
    await logsStatus(ui, /Logs Following/).waitFor({ timeout: 20_000 });
    await line(ui, 'line 4 after retry').waitFor({ timeout: 20_000 });
    await ui.restMouse();
    await ui.screenshot('following-again');
  },
  { scenario: () => logsScenario({ lines: 60 }) },
);
