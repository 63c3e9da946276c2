// One region answering garbage shows as an error row under its organisation; every other region still shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { childrenOf, releaseListRead, treeRow } from './tree';

describe('a region whose answers cannot be read', function () {
  this.timeout(60_000);

  it('is an error row while the rest of the organisation shows', async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    await releaseListRead(api);
    const globex = await childrenOf(api, await treeRow(api, ['globex']));
    assert.deepEqual(
      globex.map((row) => `${row.label} | ${row.description} | ${row.contextValue}`),
      [
        'edge | updating · us-east-1 · 20250215093000 · unknown release | rack.updating',
        'globex · eu-west-1 | discovery failed | discoveryError.other',
      ],
    );
    assert.match(globex[1].tooltip, /could not be read/);
    const acme = await childrenOf(api, await treeRow(api, ['acme']));
    assert.equal(
      acme.filter((row) => row.contextValue.startsWith('rack')).length,
      8,
      'other organisations are unaffected',
    );
  });
});
