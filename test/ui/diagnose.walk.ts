// A user asks why a converging rack is converging and reads the findings (a server that never joined, the
// monitor service unable to place its task); asks the same of a rack in UPDATE_ROLLBACK_COMPLETE; then opens the
// converging rack's architecture, runs Diagnose from its status banner, and opens the logs of its log group and
// of a server from the details pane.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { diagnoseRacks, diagnoseRegion, diagnoseScenario, rackStreams } from '../sim';
import { walk } from './walk';
import type { Ui } from './workbench';

function webview(ui: Ui): FrameLocator {
  return ui.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

async function diagnoseFromPalette(ui: Ui, rack: string): Promise<string> {
  await ui.runCommand('Convox: Diagnose Rack');
  await ui.page.locator('.quick-input-widget input').fill(`diagnose/${rack}`);
  await ui.page.keyboard.press('Enter');
  await ui.page
    .locator('.part.editor .view-lines', { hasText: `Why is diagnose/${rack}` })
    .waitFor({ timeout: 30_000 });
  // The editor wraps long Markdown lines at a space: joined again, each line is whole.
  return (await ui.editorText()).replace(/ \n/g, ' ');
}

walk(
  'diagnose',
  async (ui) => {
    const simulator = ui.simulator;
    assert.ok(simulator, 'this walk needs the simulator');
    await ui.openView();
    await ui.row(diagnoseRacks.converging).waitFor({ timeout: 30_000 });
    await ui.settled();
    await ui.widenSideBar();

    const converging = await diagnoseFromPalette(ui, diagnoseRacks.converging);
    assert.match(converging, /^# Why is diagnose\/converging converging\?$/m);
    assert.match(converging, /^## \d\. Problem: 1 server never joined the ECS cluster$/m);
    assert.match(converging, /^## \d\. Problem: converging-ServiceMonitorApi-\S+ cannot place a task$/m);
    assert.match(converging, /was unable to place a task because no container instance met all of its requirements/);
    assert.match(converging, /^\*\*What to do next:\*\*/m);
    await ui.page.keyboard.press('Control+Home');
    await ui.restMouse();
    await ui.screenshot('converging');
    await ui.page.keyboard.press('Control+End');
    await ui.screenshot('converging-end');

    const rolledBack = await diagnoseFromPalette(ui, diagnoseRacks.rolledBack);
    assert.match(rolledBack, /^# Why is diagnose\/rolledback running\?$/m);
    assert.match(rolledBack, /^## 1\. Problem: The last update failed and was rolled back$/m);
    assert.match(rolledBack, /autoscaler leaves the instance count alone/);
    assert.match(rolledBack, /HandlerErrorCode: ServiceLimitExceeded/);
    await ui.page.keyboard.press('Control+Home');
    await ui.restMouse();
    await ui.screenshot('update-rollback-complete');

    // From the architecture view: the banner of a converging rack offers Diagnose.
    await ui.clickRowAction(diagnoseRacks.converging, 'Show Rack Architecture');
    await ui.restMouse();
    const page = webview(ui);
    await page.locator('#banner:not([hidden])').waitFor({ timeout: 30_000 });
    await page.locator('#nodes [role="treeitem"]').first().waitFor({ timeout: 30_000 });
    await ui.screenshot('architecture-banner');
    const stacksRead = simulator.calls.count({ operation: 'DescribeStacks' });
    await page.locator('#diagnose').click();
    await ui.page.locator('.tab.active', { hasText: 'converging diagnosis' }).waitFor({ timeout: 30_000 });
    assert.ok(simulator.calls.count({ operation: 'DescribeStacks' }) > stacksRead, 'read again from AWS');
    await ui.restMouse();
    await ui.screenshot('diagnosed-from-banner');

    // The log group's node opens the rack's logs; a server's, the logs of the rack's containers on it.
    await ui.page.locator('.tab', { hasText: 'Architecture: diagnose/converging' }).click();
    const architecture = webview(ui);
    // The monitor writes again now (the scenario's line is older than the 2 minutes the logs start at).
    const region = simulator.scenario.accounts[0].regions[diagnoseRegion];
    const group = region.logGroups?.find((candidate) =>
      candidate.name.startsWith(`${diagnoseRacks.converging}-LogGroup-`),
    );
    assert.ok(group, 'the converging rack has a log group');
    group.events.push({
      stream: rackStreams.monitor,
      timestamp: new Date(),
      message:
        'who="convox/monitor" what="instance i-0 missed it\'s first heartbeat" why="ECS reported agent disconnected"',
    });
    // By keyboard: at 100%, the zoom a picture opens at, the log group is beside the VPC, out of view.
    const logGroup = architecture.locator('.kind-logGroup').first();
    await logGroup.focus();
    await logGroup.press('Enter');
    await architecture.locator('#details:not([hidden])').waitFor({ timeout: 10_000 });
    await architecture.locator('#show-logs:not([hidden])').click();
    await ui.page
      .locator('.part.editor .view-lines', { hasText: /missed\sit's\sfirst\sheartbeat/ })
      .waitFor({ timeout: 30_000 });
    await ui.restMouse();
    await ui.screenshot('logs-from-log-group');

    await ui.page.locator('.tab', { hasText: 'Architecture: diagnose/converging' }).click();
    const again = webview(ui);
    // A server running one of the rack's own containers (app containers log to their app's group).
    const server = again
      .locator('.kind-server', { has: again.locator('.kind-container[aria-label*="app converging"]') })
      .first();
    const id = /server (i-[0-9a-f]+)/.exec((await server.getAttribute('aria-label')) ?? '')?.[1];
    assert.ok(id, 'a server with an instance id');
    // By keyboard, as architecture.walk does: a click on a server's title can land on a task drawn over it.
    await server.focus();
    await server.press('Enter');
    await again.locator('#details:not([hidden])').waitFor({ timeout: 10_000 });
    await again.locator('#show-logs:not([hidden])').click();
    await ui.page.locator('.tab.active', { hasText: id }).waitFor({ timeout: 30_000 });
    await ui.page
      .locator('.part.statusbar .statusbar-item', { hasText: /Logs (Following|Paused)/ })
      .waitFor({ timeout: 20_000 });
    await ui.restMouse();
    await ui.screenshot('logs-from-server');
  },
  { scenario: () => diagnoseScenario({ bigServers: 3 }) },
);
