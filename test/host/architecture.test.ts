// Show Rack Architecture in the real extension host, against the default scenario: the panel opens for the
// current rack, its page loads (the extension sends nothing before the page's script says it is ready) and gets
// the rack's picture, or the reason it could not be read; one panel per rack; a panel restored after a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConvoxApi } from '../../src/extension';
import type { ExtensionMessage } from '../../src/model/architecture/protocol';
import type { ArchitecturePanel } from '../../src/views/architecture/architecturePanel';
import { activateConvox } from './extension';
import { treeRow } from './tree';
import { rackNamed } from '../rackNamed';

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first picture or failure the page was sent: either proves the page loaded and asked for it. */
function firstAnswer(panel: ArchitecturePanel): Promise<ExtensionMessage> {
  return waitFor(
    () => panel.lastSent.get('scene') ?? panel.lastSent.get('failed'),
    `the architecture of ${panel.rack.fullName}`,
  );
}

describe('Show Rack Architecture', function () {
  this.timeout(90_000);
  let api: ConvoxApi;

  const panelOf = (fullName: string): ArchitecturePanel | undefined =>
    api.architecture.panels().find((panel) => panel.rack.fullName === fullName);

  before(async () => {
    api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
  });

  after(() => api.architecture.panels().forEach((panel) => panel.dispose()));

  it('opens for the current rack, and its page gets the servers and load balancers, or why they could not be read', async () => {
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    await vscode.commands.executeCommand('convox.showArchitecture');
    const panel = await waitFor(() => panelOf('acme/production'), 'the panel of acme/production');
    const rack = rackNamed(api.store, 'acme/production');
    assert.ok(rack);
    assert.equal(panel.rack.stackId, rack.stackId);
    assert.equal(panel.panel.title, 'Architecture: acme/production');
    assert.equal(panel.panel.viewType, 'convox.architecture');
    const answer = await firstAnswer(panel);
    if (answer.type === 'failed') {
      // The simulator may not serve every call the architecture needs: the page is told why, in words.
      assert.match(answer.message, /\S/);
      assert.equal(api.store.architectureState(rack).error?.message, answer.message);
      return;
    }
    assert.equal(answer.type, 'scene');
    if (answer.type !== 'scene') return;
    assert.deepEqual(answer.rack, { fullName: 'acme/production', stackId: rack.stackId });
    const components = answer.layout.nodes.map((node) => node.component);
    const instances = (await api.store.details(rack)).instances.map((instance) => instance.id).sort();
    assert.ok(instances.length > 0, 'the rack has servers');
    const servers = components.filter((component) => component.kind === 'server');
    for (const id of instances)
      assert.ok(
        servers.some((server) => server.awsId === id),
        `server ${id} is drawn`,
      );
    // Beyond the instances the Racks view lists, the diagram draws only the build servers.
    assert.deepEqual(
      servers
        .filter((server) => !instances.includes(server.awsId ?? ''))
        .map((server) => server.variant ?? 'rack')
        .filter((variant) => variant !== 'build'),
      [],
    );
    const balancers = components.filter((component) => component.kind === 'loadBalancer');
    assert.ok(balancers.length > 0, 'a load balancer is drawn');
    for (const component of components)
      assert.ok(component.accessibleName.length > 0, `${component.id} has an accessible name`);
  });

  it('opens one panel per rack: asked again, by name or from its row, it brings the same one to the front', async () => {
    const panel = await waitFor(() => panelOf('acme/production'), 'the panel of acme/production');
    await vscode.commands.executeCommand('convox.showArchitecture', 'globex-main');
    const other = await waitFor(() => panelOf('globex/globex-main'), 'the panel of globex/globex-main');
    await waitFor(() => (other.panel.active ? true : undefined), 'the globex panel in front');
    await vscode.commands.executeCommand('convox.showArchitecture', 'acme/production');
    await waitFor(() => (panel.panel.active ? true : undefined), 'the acme panel in front again');
    const production = await treeRow(api, ['acme', 'production']);
    await vscode.commands.executeCommand('convox.showArchitecture', production.node);
    assert.deepEqual(
      api.architecture.panels().map((open) => open.rack.fullName),
      ['acme/production', 'globex/globex-main'],
    );
    assert.equal(panelOf('acme/production'), panel, 'the same panel');
    other.dispose();
    await waitFor(() => (panelOf('globex/globex-main') ? undefined : true), 'the globex panel closed');
  });

  it('restores a panel from its saved state: the rack it names, and the view it had', async () => {
    const rack = rackNamed(api.store, 'globex/tidy');
    assert.ok(rack);
    const view = { zoom: 2, panX: 10, panY: -5, selected: 'vpc' };
    const webviewPanel = vscode.window.createWebviewPanel(
      'convox.architecture',
      'restoring',
      vscode.ViewColumn.Active,
      {},
    );
    await api.architecture.serializer.deserializeWebviewPanel(webviewPanel, {
      rack: { stackId: rack.stackId, fullName: rack.fullName },
      view,
    });
    const restored = await waitFor(() => panelOf('globex/tidy'), 'the restored panel');
    assert.equal(restored.panel, webviewPanel);
    assert.equal(restored.rack.stackId, rack.stackId);
    assert.equal(webviewPanel.title, 'Architecture: globex/tidy');
    assert.deepEqual(restored.viewState, view);
    const answer = await firstAnswer(restored);
    if (answer.type === 'scene') assert.equal(answer.rack.stackId, rack.stackId);
    else if (answer.type === 'failed')
      assert.doesNotMatch(answer.message, /not among the racks found/, 'the rack was found');
    assert.deepEqual(restored.viewState, view, 'the page started from the saved view');
  });

  it('closes a restored panel whose state names no rack, and a second one of a rack already open', async () => {
    const rackless = vscode.window.createWebviewPanel('convox.architecture', 'restoring', vscode.ViewColumn.Active, {});
    let closed = false;
    rackless.onDidDispose(() => (closed = true));
    await api.architecture.serializer.deserializeWebviewPanel(rackless, { view: { zoom: 1, panX: 0, panY: 0 } });
    assert.ok(closed, 'no rack: closed');
    const open = await waitFor(() => panelOf('acme/production'), 'the panel of acme/production');
    const second = vscode.window.createWebviewPanel('convox.architecture', 'restoring', vscode.ViewColumn.Active, {});
    let secondClosed = false;
    second.onDidDispose(() => (secondClosed = true));
    await api.architecture.serializer.deserializeWebviewPanel(second, { rack: open.rack });
    assert.ok(secondClosed, 'a rack already shown: closed');
    assert.equal(panelOf('acme/production'), open);
  });
});
