// A user with no AWS configuration at all still gets a working extension (the Racks view explains what is missing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { rowsOf } from './tree';

describe('without any AWS configuration', () => {
  it('sees no AWS variables but the two files, and neither file exists', () => {
    const awsVariables = Object.keys(process.env)
      .filter((key) => key.startsWith('AWS_'))
      .sort();
    assert.deepEqual(awsVariables, ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']);
    assert.equal(fs.existsSync(process.env.AWS_CONFIG_FILE ?? ''), false);
    assert.equal(fs.existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? ''), false);
  });

  it('activates, and after a refresh finds no profile, shows no row and no current rack', async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    // hasProfiles false is what puts the "No AWS profiles or credentials" welcome in the Racks view.
    assert.equal(api.store.hasProfiles, false);
    assert.deepEqual(api.store.errors(), [], 'no configuration is not an error');
    assert.deepEqual(await rowsOf(api), []);
    assert.equal(api.currentRack(), undefined);
    assert.equal(api.statusBar.text, '$(server-environment) No rack');
  });
});
