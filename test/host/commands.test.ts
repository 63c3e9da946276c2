// Every command package.json contributes is registered once the extension is active, so none of the palette
// entries, menus or welcome links fails with "command not found"; new commands are covered as they are added.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateConvox, contributedCommands } from './extension';

describe('contributed commands', () => {
  it('are all registered after activation', async () => {
    const contributed = contributedCommands();
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    await activateConvox();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });
});
