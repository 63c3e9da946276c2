// Which racks alerts watch, in a real extension host: the current rack, the racks marked with Watch Rack (their
// rows say so, for the menus), none once the person stops watching them or turns alerts off; a watched rack that
// rolls back is told once with its root cause, and the badge counts it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { alertsRacks } from '../sim';
import { rackNamed } from '../rackNamed';
import { activateConvox } from './extension';
import { treeRow } from './tree';
import { until } from './until';

describe('alerts: what is watched, and what is told', function () {
  this.timeout(60_000);

  const watchedNames = async (): Promise<string[]> =>
    (await activateConvox()).alerts
      .watched()
      .map((rack) => rack.displayName)
      .sort();

  before(async () => {
    const { store } = await activateConvox();
    await store.refresh('manual');
  });

  it('watches the current rack, and tells its finished rollback once with its root cause, on the badge too', async () => {
    const api = await activateConvox();
    assert.deepEqual(await watchedNames(), []);
    await vscode.commands.executeCommand('convox.switchRack', `alerts/${alertsRacks.rolledBack}`);
    assert.deepEqual(await watchedNames(), ['alerts/rolledback']);
    await api.alerts.poll();
    const told = await until('the alert', 20_000, () => api.alerts.told[0]);
    assert.equal(told.severity, 'error');
    assert.match(told.message, /^Convox: alerts\/rolledback rolled back its last update\. The last update failed/);
    assert.deepEqual(told.actions, ['Diagnose', 'Show Logs', 'Show Architecture', 'Stop Watching']);
    assert.equal(api.racksBadge()?.value, 1);
    assert.equal(api.statusBar.background, 'statusBarItem.errorBackground');
    const row = await treeRow(api, ['alerts', alertsRacks.rolledBack]);
    assert.match(row.tooltip, /Rolled back its last update \\\(since /);
    await api.alerts.poll();
    assert.equal(api.alerts.told.length, 1, 'not told again');
  });

  it('watches a rack marked with Watch Rack, whose row then offers Stop Watching', async () => {
    const api = await activateConvox();
    const healthy = rackNamed(api.store, `alerts/${alertsRacks.healthy}`);
    assert.ok(healthy);
    assert.doesNotMatch((await treeRow(api, ['alerts', alertsRacks.healthy])).contextValue, /\.watched$/);
    await vscode.commands.executeCommand('convox.watchRack', healthy.stackId);
    assert.deepEqual(await watchedNames(), ['alerts/healthy', 'alerts/rolledback']);
    assert.match((await treeRow(api, ['alerts', alertsRacks.healthy])).contextValue, /\.watched$/);
  });

  it('stops watching a rack, the current one too, and watches nothing with alerts off', async () => {
    const api = await activateConvox();
    const healthy = rackNamed(api.store, `alerts/${alertsRacks.healthy}`);
    const current = rackNamed(api.store, `alerts/${alertsRacks.rolledBack}`);
    assert.ok(healthy && current);
    await vscode.commands.executeCommand('convox.stopWatchingRack', healthy.stackId);
    assert.deepEqual(await watchedNames(), ['alerts/rolledback']);
    await vscode.commands.executeCommand('convox.stopWatchingRack', current.stackId);
    assert.deepEqual(await watchedNames(), []);
    assert.equal(api.racksBadge(), undefined, 'a rack no longer watched needs no attention');
    assert.equal(api.statusBar.background, undefined);
    await vscode.commands.executeCommand('convox.watchRack', current.stackId);
    assert.deepEqual(await watchedNames(), ['alerts/rolledback']);
    await vscode.workspace.getConfiguration('convox').update('alerts.watch', 'off', vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual(await watchedNames(), []);
    } finally {
      await vscode.workspace
        .getConfiguration('convox')
        .update('alerts.watch', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(await watchedNames(), ['alerts/rolledback']);
  });
});
