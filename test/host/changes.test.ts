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
      // Alerts may draw staging again once they have looked at it (it is UPDATE_ROLLBACK_FAILED): still only rows.
      assert.ok(
        redrawn.length > 0 && redrawn.every((nodes) => Array.isArray(nodes)),
        `only some rows, not the whole tree: ${JSON.stringify(redrawn)}`,
      );
      const both = new Set([production.node, staging.node]);
      assert.deepEqual(new Set(redrawn[0] as Node[]), both, 'the switch redraws the rack left and the rack reached');
      assert.ok(
        redrawn.flat().every((node) => both.has(node as Node)),
        'and nothing else',
      );
      assert.match((await treeRow(api, ['acme', 'staging'])).description, /^✓ current/);
      assert.doesNotMatch((await treeRow(api, ['acme', 'production'])).description, /current/);
    } finally {
      listening?.dispose();
    }
  });
});
