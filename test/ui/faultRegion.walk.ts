// CloudFormation fails in one region: the Racks view shows an error row for each profile there and every
// other region's racks as usual. Once AWS recovers, the inline Retry on an error row brings that region's racks.
import * as assert from 'node:assert/strict';
import { walk } from './walk';
import type { Row } from './workbench';

/** Racks the default scenario has in eu-west-1, by label. */
const euRacks = ['europe', 'converge', 'globex-main', 'experiment', 'tidy'];
const usRacks = ['production', 'legacy', 'sandbox', 'staging', 'review', 'old', 'edge'];

function euErrors(rows: Row[]): Row[] {
  return rows.filter((row) => row.label.endsWith(' · eu-west-1'));
}

walk('fault-region', async (ui) => {
  const simulator = ui.simulator;
  assert.ok(simulator, 'this walk needs the simulator');
  simulator.faults.add({ region: 'eu-west-1', service: 'cloudformation', kind: 'internal' });

  await ui.openView();
  await ui.row('production').waitFor({ timeout: 30_000 });
  await ui.settled();
  await ui.widenSideBar();
  const failing = await ui.rows();
  for (const rack of usRacks)
    assert.ok(
      failing.some((row) => row.label === rack),
      `us-east-1 rack ${rack} is missing`,
    );
  for (const rack of euRacks)
    assert.ok(!failing.some((row) => row.label === rack), `eu-west-1 rack ${rack} shows although its region failed`);
  const errors = euErrors(failing);
  // Every profile scans eu-west-1 (convox.regions); the injected fault wins over initech's expired key.
  assert.deepEqual(
    errors.map((row) => `${row.label}: ${row.description}`).sort(),
    ['acme-prod', 'acme-readonly', 'acme-staging', 'globex', 'initech'].map(
      (profile) => `${profile} · eu-west-1: discovery failed`,
    ),
  );
  await ui.screenshot('eu-west-1-failing');
  const tooltip = await ui.hover(ui.row('globex · eu-west-1').locator('.label-name'));
  assert.match(tooltip, /eu-west-1/);
  await ui.screenshot('error-row-tooltip');

  simulator.faults.clear();
  await ui.clickRowAction('globex · eu-west-1', 'Retry');
  await ui.row('globex-main').waitFor({ timeout: 30_000 });
  await ui.settled();
  const recovered = await ui.rows();
  for (const rack of [...euRacks, ...usRacks])
    assert.ok(
      recovered.some((row) => row.label === rack),
      `rack ${rack} is missing after Retry`,
    );
  // Only initech's expired key is left failing in eu-west-1, as before the fault.
  assert.deepEqual(
    euErrors(recovered).map((row) => row.label),
    ['initech · eu-west-1'],
  );
  await ui.restMouse();
  await ui.screenshot('retried');
});
