// The extension activates against the simulator's AWS configuration and the settings that go with it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { rowsOf } from './tree';

describe('with the simulator configured', () => {
  it('sees the simulator profiles and the Convox settings', () => {
    const config = fs.readFileSync(process.env.AWS_CONFIG_FILE ?? '', 'utf8');
    assert.match(config, /endpoint_url\s*=\s*http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(fs.existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? ''));
    const regions = vscode.workspace.getConfiguration('convox').get<string[]>('regions') ?? [];
    assert.ok(regions.length > 0, 'convox.regions is set from the scenario');
  });

  it('activates, and after a refresh shows the organisations with their counts and no current rack yet', async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    assert.equal(api.store.hasProfiles, true);
    const organizations = await rowsOf(api);
    assert.deepEqual(
      organizations.map((row) => `${row.label} | ${row.description}`),
      ['acme | 8 racks, 1 error', 'globex | 4 racks', 'initech | 0 racks, 3 errors'],
    );
    assert.equal(api.currentRack(), undefined);
    assert.equal(api.statusBar.text, '$(server-environment) No rack');
  });
});
