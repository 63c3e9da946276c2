// The Racks view opening on the racks an earlier session kept (test/host/lastSeenWorld.ts), in a real extension
// host: the cached rows at once, dimmed and "seen 3 h ago", the current rack never claimed live; then each pair's
// answer replacing its rows, a gone rack removed, a failing pair's rack kept under its error row; and a command
// run on a cached row acting only on the rack as the fresh answer lists it, or on nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConvoxApi } from '../../src/extension';
import { inspectScheme } from '../../src/views/inspect/inspectDocuments';
import { activateConvox } from './extension';
import { lastSeenIds } from './lastSeenWorld';
import { childrenOf, treeRow, type Row } from './tree';
import { until } from './until';

const isLastSeen = (row: Row): boolean => row.contextValue.includes('.lastSeen.');
const described = (rows: Row[]): string[] =>
  rows.map((row) => `${row.label} | ${row.description} | ${row.icon} ${row.iconColor} | ${row.contextValue}`);

describe('the last known racks, shown at once and marked as last seen', function () {
  this.timeout(90_000);
  let api: ConvoxApi;

  before(async () => {
    api = await activateConvox();
  });

  it('shows the cached racks before any answer, dimmed and "seen 3 h ago"; the current one is never claimed live', async () => {
    assert.equal(api.store.hasRefreshed || api.store.loading, false, 'nothing was asked of AWS yet');
    const acme = await childrenOf(api, await treeRow(api, ['acme']));
    assert.deepEqual(described(acme), [
      'apac | running · ap-southeast-2 · 20250101120000 · seen 3 h ago | pass-filled disabledForeground | rack.lastSeen.running',
      'production | ✓ current · updating · us-east-1 · 20240601000000 · seen 3 h ago | sync disabledForeground | rack.current.lastSeen.updating',
      'retired | running · us-east-1 · 20230101000000 · seen 3 h ago | pass-filled disabledForeground | rack.lastSeen.running',
    ]);
    assert.match(acme[1].tooltip, /^\*\*acme\/production\*\*\n\nLast seen: 3 hours ago/);
    assert.equal(api.store.byId(lastSeenIds.production), undefined, 'no command or view can take it as listed');
    assert.equal(api.currentRackId(), lastSeenIds.production);
    assert.equal(api.statusBar.text, '$(server-environment) acme/production', 'no status claimed for the current rack');
    assert.deepEqual(api.alerts.watched(), [], 'no watch starts on what was last seen');
  });

  it('acts on a cached row only once its rack is listed again, replacing rows pair by pair meanwhile', async () => {
    const production = await treeRow(api, ['acme', 'production']);
    const retired = await treeRow(api, ['acme', 'retired']);
    /** What the store held when Inspect's document opened. */
    const opened: { with?: { listed: string | undefined; lastSeen: boolean; text: string } } = {};
    const opening = vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.scheme !== inspectScheme || opened.with) return;
      opened.with = {
        listed: api.store.byId(lastSeenIds.production)?.status,
        lastSeen: api.store.lastSeenById(lastSeenIds.production) !== undefined,
        text: document.getText(),
      };
    });
    try {
      const inspecting = vscode.commands.executeCommand('convox.inspectRack', production.node);
      const drawing = vscode.commands.executeCommand('convox.showArchitecture', retired.node);

      // globex answers at once; acme's us-east-1 takes 5 s (lastSeenWorld.ts).
      const globexMain = await until('globex-main listed again', 30_000, async () => {
        const row = await treeRow(api, ['globex', 'globex-main']);
        return isLastSeen(row) ? undefined : row;
      });
      assert.equal(
        globexMain.description,
        'failed · eu-west-1 · 20250301000000',
        'the listed state replaced the cached one',
      );
      const stillCached = await treeRow(api, ['acme', 'production']);
      assert.ok(isLastSeen(stillCached), 'acme/production waits for its own pair');
      assert.ok(
        !vscode.workspace.textDocuments.some((document) => document.uri.scheme === inspectScheme),
        'Inspect waits too',
      );

      await inspecting;
      await drawing;
      const openedWith = opened.with ?? assert.fail('Inspect opened its document');
      assert.deepEqual(
        { listed: openedWith.listed, lastSeen: openedWith.lastSeen },
        { listed: 'running', lastSeen: false },
        'when the document opened, the rack was listed again',
      );
      assert.match(openedWith.text, /^acme\/production\n/);
      assert.match(openedWith.text, /\nStatus\s+running\n/);
      assert.deepEqual(api.architecture.panels(), [], 'nothing drawn for a rack that is gone');
    } finally {
      opening.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('once every pair answered: gone racks removed, a failing pair’s rack still last seen under its error row', async () => {
    const acme = await childrenOf(api, await treeRow(api, ['acme']));
    const labels = acme.map((row) => `${row.label}${isLastSeen(row) ? ' (last seen)' : ''}`);
    assert.ok(!labels.includes('retired (last seen)') && !labels.includes('retired'), 'retired is gone');
    assert.deepEqual(labels.slice(-2), ['acme-staging · ap-southeast-2', 'apac (last seen)']);
    const production = await treeRow(api, ['acme', 'production']);
    // Fresh, not last seen; its release standing follows once the release list is read.
    assert.match(production.description, /^✓ current · running · us-east-1 · 20250101120000( · |$)/);
    assert.doesNotMatch(production.description, /seen/);
    assert.match(production.contextValue, /^rack\.current\.running\b/);
    assert.equal(api.statusBar.text, '$(server-environment) acme/production (running)');
    assert.deepEqual(
      api.alerts.watched().map((rack) => rack.displayName),
      ['acme/production'],
      'the current rack is watched once listed',
    );
  });

  it('does nothing on a rack whose pair fails again, after reading the racks again', async () => {
    const apac = await treeRow(api, ['acme', 'apac']);
    assert.ok(isLastSeen(apac));
    let readAgain = false;
    const unsubscribe = api.store.onDidChange(() => (readAgain ||= api.store.loading));
    try {
      await vscode.commands.executeCommand('convox.showArchitecture', apac.node);
    } finally {
      unsubscribe();
    }
    assert.ok(readAgain, 'the racks were read again first');
    assert.deepEqual(api.architecture.panels(), []);
    assert.ok(isLastSeen(await treeRow(api, ['acme', 'apac'])), 'still last seen: acme-staging is still denied');
  });

  it('forgets the cached rows when convox.racks.cacheLastSeen is turned off', async () => {
    const config = vscode.workspace.getConfiguration('convox');
    await config.update('racks.cacheLastSeen', false, vscode.ConfigurationTarget.Global);
    try {
      await until('the cached row gone', 10_000, () => (api.store.lastSeen().length === 0 ? true : undefined));
      const acme = await childrenOf(api, await treeRow(api, ['acme']));
      assert.equal(acme.at(-1)?.label, 'acme-staging · ap-southeast-2', 'the error row alone');
    } finally {
      await config.update('racks.cacheLastSeen', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
