// A user with the default scenario's profiles reads the Racks view: organisations, every rack with its status,
// the profiles and regions that failed, a rack's tooltip, then the rack's apps, instances, processes and
// parameters (the password masked).
import * as assert from 'node:assert/strict';
import { productionPassword } from './secrets';
import { walk } from './walk';
import type { Row, Ui } from './workbench';

/** What `convox racks` prints as STATUS for each rack of the default scenario. */
const statuses: Record<string, string> = {
  converge: 'converging',
  europe: 'updating',
  legacy: 'running',
  old: 'deleting',
  production: 'running',
  review: 'rollback',
  sandbox: 'creating',
  staging: 'failed',
  edge: 'updating',
  experiment: 'unknown',
  'globex-main': 'failed',
  tidy: 'running',
};

async function description(ui: Ui, label: string): Promise<string> {
  const found = (await ui.rows()).find((row) => row.label === label);
  assert.ok(found, `no row labelled "${label}" on screen`);
  return found.description;
}

/** The rows right below `parent`, up to the next row that does not match `child`. */
function childrenOf(rows: Row[], parent: string, child: RegExp): Row[] {
  const start = rows.findIndex((row) => row.label === parent);
  assert.ok(start >= 0, `no row labelled "${parent}" on screen`);
  const after = rows.slice(start + 1);
  const end = after.findIndex((row) => !child.test(row.label));
  return end < 0 ? after : after.slice(0, end);
}

walk('sidebar', async (ui) => {
  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  assert.equal(await description(ui, 'acme'), '8 racks, 1 error');
  assert.equal(await description(ui, 'globex'), '4 racks');
  assert.equal(await description(ui, 'initech'), '0 racks, 3 errors');
  for (const [rack, status] of Object.entries(statuses)) {
    const shown = await description(ui, rack);
    assert.equal(shown.split(' · ')[0], status, `rack ${rack} shows "${shown}"`);
  }
  assert.equal(await description(ui, 'acme-staging · ap-southeast-2'), 'access denied');
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
    assert.match(await description(ui, `initech · ${region}`), /^credentials expired/);
  }
  await ui.screenshot('racks-and-errors');
  await ui.widenSideBar();
  await ui.screenshot('racks-and-errors-wide');

  // The release list comes after the racks: the row then says how far behind its release is.
  await ui.row('production').filter({ hasText: ' behind ' }).waitFor({ timeout: 30_000 });
  const tooltip = await ui.hover(ui.row('production').locator('.label-name'));
  assert.match(tooltip, /acme\/production/);
  assert.match(tooltip, /Status:\s+running/);
  assert.match(tooltip, /Region:\s+us-east-1/);
  assert.match(
    tooltip,
    /2 newer releases, 1 of them required\.\s+convox rack update moves to 20250615093000 \(required\)/,
  );
  const notes = ui.page.locator('.workbench-hover-container a', { hasText: 'release notes' });
  assert.equal(await notes.getAttribute('href'), 'https://github.com/convox/rack/releases/tag/20250615093000');
  await ui.screenshot('rack-tooltip');
  await ui.restMouse();

  await ui.collapseRow('acme');
  await ui.row('production').waitFor({ state: 'hidden', timeout: 10_000 });
  await ui.row('globex').waitFor({ timeout: 10_000 });
  await ui.screenshot('acme-collapsed');
  await ui.expandRow('acme');
  await ui.row('production').waitFor({ timeout: 10_000 });

  await ui.expandRow('production');
  await ui.row('Parameters').waitFor({ timeout: 30_000 });
  await ui.row('Instances').waitFor({ timeout: 30_000 });
  const groups = childrenOf(await ui.rows(), 'production', /^(Apps|Instances|Processes|Parameters)$/);
  assert.deepEqual(
    groups.map((row) => row.label),
    ['Apps', 'Instances', 'Processes', 'Parameters'],
  );
  assert.equal(groups[0].description, '3');
  assert.equal(groups[1].description, '3');
  await ui.restMouse();
  await ui.screenshot('production-expanded');

  await ui.expandRow('Instances');
  await ui.row('Processes').waitFor({ timeout: 10_000 });
  const instances = childrenOf(await ui.rows(), 'Instances', /^i-[0-9a-f]+$/);
  assert.equal(instances.length, 3, `instance rows: ${JSON.stringify(instances)}`);
  for (const instance of instances) assert.match(instance.description, /^active · \d+ ps · cpu /);
  await ui.restMouse();
  await ui.screenshot('instances');
  await ui.collapseRow('Instances');

  await ui.expandRow('Processes');
  const processCount = Number(await description(ui, 'Processes'));
  assert.ok(processCount > 0, 'the Processes group counts no process');
  // A process row reads its id, then its app (the rack itself for the rack's own processes).
  await ui
    .treeRow(/^[0-9a-f]{12}production · /)
    .first()
    .waitFor({ timeout: 30_000 });
  const processes = childrenOf(await ui.rows(), 'Processes', /^[0-9a-f]{12}$/);
  assert.equal(processes.length, processCount, `process rows: ${JSON.stringify(processes)}`);
  for (const process of processes) assert.match(process.description, /^production · \w+ · running · /);
  await ui.restMouse();
  await ui.screenshot('processes');
  await ui.collapseRow('Processes');

  await ui.expandRow('Parameters');
  await ui.scrollDownTo('Parameters', 'Password');
  const password = await description(ui, 'Password');
  assert.equal(password, '**********');
  const secret = productionPassword(ui.simulator);
  assert.ok(!(await ui.rows()).some((row) => row.description.includes(secret)), 'the real password shows in the tree');
  await ui.restMouse();
  await ui.screenshot('parameters-password-masked');
});
