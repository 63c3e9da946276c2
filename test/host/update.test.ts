// Rack changes through the bundles as they ship, inside a real extension host against the simulator: the update
// code loads on first use only; a rack that is updating is refused before its password is read; a scale of
// acme/production reads the password (a marker the runner then looks for in every file VS Code wrote) and stops at
// the rack API's untrusted certificate, where the person would be asked, having sent it nowhere.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { treeRow } from './tree';
import { until } from './until';

const loaded = (): string[] => Object.keys(require.cache).map((file) => path.basename(file));

/** How many calls of `operation` the simulator has answered (it serves the release list, so that names it). */
async function simulatorCalls(operation: string): Promise<number> {
  const { origin } = new URL(vscode.workspace.getConfiguration('convox').get<string>('releasesUrl') ?? '');
  const answer = (await (await fetch(`${origin}/calls?operation=${operation}`)).json()) as { count: number };
  return answer.count;
}

describe('rack updates through the shipped bundles', function () {
  this.timeout(60_000);

  it('loads no update code at activation', async () => {
    await activateConvox();
    assert.ok(!loaded().includes('updateUi.js'), 'dist/updateUi.js is not loaded by activation');
  });

  it('refuses a rack that is updating, before reading its password or previewing', async () => {
    const api = await activateConvox();
    await api.store.refresh('manual');
    const europe = await treeRow(api, ['acme', 'europe']);
    await vscode.commands.executeCommand('convox.updateRack', europe.node);
    assert.ok(loaded().includes('updateUi.js'), 'dist/updateUi.js was loaded by the command');
    assert.equal(await simulatorCalls('GetParameter'), 0, 'no password was read for a refused rack');
    assert.equal(await simulatorCalls('CreateChangeSet'), 0, 'no preview was made for a refused rack');
  });

  it("reads acme/production's password and stops at its API's untrusted certificate", async () => {
    const api = await activateConvox();
    const production = await treeRow(api, ['acme', 'production']);
    // Not awaited: the command now waits for the person to trust the certificate, or not.
    void vscode.commands.executeCommand('convox.scaleRack', production.node);
    await until('the password read from SSM', 20_000, async () =>
      (await simulatorCalls('GetParameter')) > 0 ? true : undefined,
    );
    // Time for the rack API's certificate to be refused and the refusal logged.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(await simulatorCalls('CreateChangeSet'), 0, 'no preview before the certificate is trusted');
  });
});
