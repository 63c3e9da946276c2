// A user with the default scenario's profiles opens the Convox view and reads their organisations, racks and
// statuses; a rack changes status in AWS, and Convox: Refresh Racks from the command palette shows the change
// without any error.
import * as assert from 'node:assert/strict';
import { defaultAccounts } from '../sim';
import { walk } from './walk';
import type { Ui } from './workbench';

const organizations = ['acme | 8 racks, 1 error', 'globex | 4 racks', 'initech | 0 racks, 3 errors'];
const acmeRacks = ['converge', 'europe', 'legacy', 'old', 'production', 'review', 'sandbox', 'staging'];
/** What production's row ends with: the simulator's list has a required and a newer release after its own. */
const behind = '2 behind (1 required) · release N d old';

/** The organisation rows, the racks under acme and production's description, as the tree shows them. */
async function readTree(ui: Ui): Promise<{ organizations: string[]; acmeRacks: string[]; production: string }> {
  const rows = await ui.rows();
  const labels = rows.map((row) => row.label);
  const organizationRows = rows.filter((row) => ['acme', 'globex', 'initech'].includes(row.label));
  const underAcme = rows.slice(labels.indexOf('acme') + 1, labels.indexOf('globex'));
  const production = rows.find((row) => row.label === 'production');
  assert.ok(production, `no production row in ${JSON.stringify(rows)}`);
  return {
    organizations: organizationRows.map((row) => `${row.label} | ${row.description}`),
    // Error rows read `profile · region`.
    acmeRacks: underAcme.filter((row) => !row.label.includes(' · ')).map((row) => row.label),
    // The release's age is counted to today: N stands for it.
    production: production.description.replace(/release \d+ d old$/, 'release N d old'),
  };
}

walk(
  'racks-view',
  async (ui) => {
    const simulator = ui.simulator;
    assert.ok(simulator, 'this walk needs the simulator');
    await ui.openView();
    await ui.row('production').waitFor({ timeout: 30_000 });
    // The release list comes after the racks: the row then says how far behind its release is.
    await ui.row('production').filter({ hasText: ' behind ' }).waitFor({ timeout: 30_000 });
    await ui.settled();
    assert.deepEqual(await readTree(ui), {
      organizations,
      acmeRacks,
      production: `running · us-east-1 · 20250101120000 · ${behind}`,
    });
    await ui.screenshot('racks');

    const production = simulator.scenario.accounts
      .find((account) => account.id === defaultAccounts.acme)
      ?.regions['us-east-1']?.stacks.find((stack) => stack.name === 'production');
    assert.ok(production, "the default scenario's acme/production stack");
    production.status = 'UPDATE_IN_PROGRESS';
    production.updatedAt = new Date();

    await ui.runCommand('Convox: Refresh Racks');
    await ui.settled();
    await ui.row('production').filter({ hasText: 'updating ·' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await readTree(ui), {
      organizations,
      acmeRacks,
      production: `updating · us-east-1 · 20250101120000 · ${behind}`,
    });
    await ui.screenshot('refreshed');
    const errors = (await ui.notifications()).filter((notification) => notification.severity === 'error');
    assert.deepEqual(errors, []);
  },
  // Off, so that only the command refreshes the view and the change it shows is the command's doing.
  { settings: { 'convox.refreshInterval': 0 } },
);
