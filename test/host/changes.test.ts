// The tree redraws only what changed: a switch redraws the two racks it moved between, not the whole view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../src/views/racks/racksTree';
import { activateConvox } from './extension';
import { treeRow } from './tree';

describe('redrawing only what changed', function () {
  this.timeout(60_000);

  it('a switch redraws the rows of the rack left and the rack reached', async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    const staging = await treeRow(api, ['acme', 'staging']);
    const production = await treeRow(api, ['acme', 'production']);
    const redrawn: Array<Node | Node[] | undefined | null | void> = [];
    const listening = api.racksView.onDidChangeTreeData?.((nodes) => redrawn.push(nodes));
    try {
      await vscode.commands.executeCommand('convox.switchRack', 'acme/staging');
      assert.equal(redrawn.length, 1, 'one redraw');
      const [nodes] = redrawn;
      assert.ok(Array.isArray(nodes), `only some rows, not the whole tree: ${JSON.stringify(nodes)}`);
      assert.deepEqual(new Set(nodes), new Set([production.node, staging.node]));
      assert.match((await treeRow(api, ['acme', 'staging'])).description, /^✓ current/);
      assert.doesNotMatch((await treeRow(api, ['acme', 'production'])).description, /current/);
    } finally {
      listening?.dispose();
    }
  });
});
