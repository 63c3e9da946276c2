// A user with the default scenario's profiles opens the Convox view, sees their organisations and racks, and
// refreshes from the command palette without any error.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

walk('racks-view', async (ui) => {
  await ui.openView();
  await ui.treeRow('acme').first().waitFor({ timeout: 30_000 });
  await ui.treeRow('production').first().waitFor({ timeout: 30_000 });
  await ui.screenshot('racks');

  await ui.runCommand('Convox: Refresh Racks');
  await ui.settled();
  await ui.treeRow('production').first().waitFor({ timeout: 30_000 });
  await ui.screenshot('refreshed');
  const errors = (await ui.notifications()).filter((notification) => notification.severity === 'error');
  assert.deepEqual(errors, []);
});
