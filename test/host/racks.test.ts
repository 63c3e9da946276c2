// The Racks view, Switch Rack and Inspect Rack in the real extension host, against the default scenario.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConvoxApi } from '../../src/extension';
import { activateConvox } from './extension';
import { rackNamed } from '../rackNamed';
import { childrenOf, releaseListRead, rowsOf, treeRow } from './tree';

describe('Racks view, Switch Rack and Inspect Rack', function () {
  this.timeout(60_000);
  let api: ConvoxApi;

  before(async () => {
    api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    await releaseListRead(api);
  });

  it('shows every organisation with its racks and their statuses, failed pairs as error rows', async () => {
    const organizations = await rowsOf(api);
    assert.deepEqual(
      organizations.map((row) => row.label),
      ['acme', 'globex', 'initech'],
    );
    const acme = await childrenOf(api, organizations[0]);
    // The release's age is counted to today: N stands for it.
    const described = acme.map(
      (row) =>
        `${row.label} | ${row.description.replace(/release \d+ d old$/, 'release N d old')} | ${row.icon} | ${row.contextValue}`,
    );
    // The simulator's release list has 20250101120000, then 20250615093000 (required) and 20260421192651.
    const behind = '2 behind (1 required) · release N d old';
    assert.deepEqual(described, [
      `converge | converging · eu-west-1 · 20250101120000 · ${behind} | sync~spin | rack.converging`,
      'europe | updating · eu-west-1 · 20250215093000 · unknown release | sync~spin | rack.updating',
      'legacy | running · us-east-1 · 20171201000000 · unknown release | pass-filled | rack.running',
      'old | deleting · us-east-1 · 20230601000000 · unknown release | trash | rack.deleting',
      `production | running · us-east-1 · 20250101120000 · ${behind} | pass-filled | rack.running`,
      'review | rollback · us-east-1 · 20250301000000 · unknown release | history | rack.rollback',
      'sandbox | creating · us-east-1 · 20250301000000 · unknown release | sync~spin | rack.creating',
      'staging | failed · us-east-1 · 20241115080000 · unknown release | error | rack.failed',
      'acme-staging · ap-southeast-2 | access denied | error | discoveryError.access-denied',
    ]);
    const initech = await childrenOf(api, organizations[2]);
    assert.deepEqual(
      initech.map((row) => `${row.label} | ${row.contextValue}`),
      ['initech · ap-southeast-2', 'initech · eu-west-1', 'initech · us-east-1'].map(
        (label) => `${label} | discoveryError.expired-credentials`,
      ),
    );
    assert.match(initech[0].tooltip, /aws sso login --profile initech/);
  });

  it("tells in a rack's tooltip where `convox rack update` moves it, with its release notes, from one read of the list", async () => {
    const production = await treeRow(api, ['acme', 'production']);
    assert.match(
      production.tooltip,
      /\n\nRelease 20250101120000, \d+ days old: \*\*2 newer releases\*\*, 1 of them required\. {2}\n`convox rack update` moves to 20250615093000 \(required\) \(\[release notes\]\(https:\/\/github\.com\/convox\/rack\/releases\/tag\/20250615093000\)\)\.$/,
    );
    await vscode.commands.executeCommand('convox.refresh');
    await childrenOf(api, await treeRow(api, ['globex']));
    const { origin, pathname } = new URL(api.settings.releasesUrl());
    const answer = await fetch(`${origin}/calls?operation=${encodeURIComponent(pathname)}`);
    assert.deepEqual(await answer.json(), { count: 1 }, 'every row of every refresh shares one read of the list');
  });

  it('expands a rack into Apps, Instances, Processes and Parameters, with the password masked', async () => {
    const production = await treeRow(api, ['acme', 'production']);
    const groups = await childrenOf(api, production);
    assert.deepEqual(
      groups.map((row) => `${row.label} ${row.description}`),
      ['Apps 3', 'Instances 3', `Processes ${groups[2].description}`, `Parameters ${groups[3].description}`],
    );
    assert.ok(Number(groups[2].description) > 0, 'the rack runs processes');
    const apps = await childrenOf(api, groups[0]);
    assert.deepEqual(
      apps.map((row) => `${row.label} ${row.description}`),
      ['api running · gen 1', 'web running · gen 2', 'worker running · gen 2'],
    );
    const instances = await childrenOf(api, groups[1]);
    for (const row of instances)
      assert.match(
        `${row.label} ${row.description}`,
        /^i-[0-9a-f]+ active · \d+ ps · cpu \d+\.\d\d% · mem \d+\.\d\d% · /,
      );
    const processes = await childrenOf(api, groups[2]);
    for (const row of processes)
      assert.match(`${row.label} ${row.description}`, /^[0-9a-f]{12} production · (web|monitor) · running/);
    const parameters = new Map((await childrenOf(api, groups[3])).map((row) => [row.label, row.description]));
    assert.equal(parameters.get('Password'), '**********');
    assert.equal(parameters.get('Version'), '20250101120000');
    assert.match(parameters.get('Tags') ?? '', /^System=convox,Type=rack/);
  });

  it('switches by name argument: the status bar and the tree mark follow', async () => {
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    assert.equal(api.currentRack(), 'acme/production');
    assert.match(api.statusBar.text, /acme\/production \(running\)/);
    const production = await treeRow(api, ['acme', 'production']);
    assert.match(production.description, /^✓ current · running/);
    assert.equal(production.contextValue, 'rack.current.running.watched', 'the current rack is watched for alerts');
  });

  it('resolves a partial name like `convox switch`, and leaves the current rack alone when it cannot', async () => {
    await vscode.commands.executeCommand('convox.switchRack', 'globex-m');
    assert.equal(api.currentRack(), 'globex/globex-main');
    await vscode.commands.executeCommand('convox.switchRack', 'no-such-rack');
    assert.equal(api.currentRack(), 'globex/globex-main', 'unknown name changes nothing');
    await vscode.commands.executeCommand('convox.switchRack', 'acme/');
    assert.equal(api.currentRack(), 'globex/globex-main', 'ambiguous name changes nothing');
  });

  it('switches by quick pick, opening on the current rack so Enter alone keeps it', async () => {
    const pickAfter = async (commands: string[]): Promise<void> => {
      const switching = await openSwitchRackPick();
      for (const command of commands) await vscode.commands.executeCommand(command);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await switching.done;
    };
    await pickAfter([]);
    assert.equal(api.currentRack(), 'globex/globex-main');
    await pickAfter(['workbench.action.quickOpenSelectNext']);
    assert.equal(api.currentRack(), 'globex/tidy', 'the rack after the current one in the list');
    assert.match(api.statusBar.text, /globex\/tidy \(running\)/);
  });

  it('inspects the current rack in a read-only document with every section and the password masked', async () => {
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    await vscode.commands.executeCommand('convox.inspectRack');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor opened');
    assert.equal(editor.document.uri.scheme, 'convox-rack');
    const text = editor.document.getText();
    assert.ok(text.startsWith('acme/production\n'));
    for (const section of ['Rack', 'Parameters', 'Instances', 'Processes', 'Apps', 'Stack events (last 20)'])
      assert.match(text, new RegExp(`\\n${section.replace(/[()]/g, '\\$&')}\\n-+\\n`), section);
    assert.match(text, /\nPassword\s+\*{10}\n/);
    assert.match(text, /\nHttpProxy\s+(\*{10})?\n/);
    assert.match(text, /ID\s+STATUS\s+STARTED\s+PS\s+CPU\s+MEM\s+PUBLIC\s+PRIVATE/);
    assert.match(text, /ID\s+APP\s+SERVICE\s+STATUS\s+RELEASE\s+STARTED\s+COMMAND/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('every command takes its rack the same way: a stack id, a name, an Inspect document; an ambiguous name acts on none', async () => {
    const production = rackNamed(api.store, 'acme/production') ?? assert.fail('acme/production is listed');
    await vscode.commands.executeCommand('convox.switchRack', 'globex/tidy');
    await vscode.commands.executeCommand('convox.inspectRack', production.stackId);
    const inspected = vscode.window.activeTextEditor?.document ?? assert.fail('an Inspect document opened');
    assert.ok(inspected.getText().startsWith('acme/production\n'), 'the rack of the stack id, not the current one');
    const open = (): string[] => api.architecture.panels().map((panel) => panel.rack.stackId);
    await vscode.commands.executeCommand('convox.showArchitecture', inspected.uri);
    assert.deepEqual(open(), [production.stackId], 'the rack of the Inspect document');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('convox.showArchitecture', 'acme/');
    await vscode.commands.executeCommand('convox.inspectRack', 'acme/');
    assert.deepEqual(open(), [], 'no panel for an ambiguous name');
    assert.equal(vscode.window.activeTextEditor, undefined, 'no document for an ambiguous name');
    assert.equal(api.currentRack(), 'globex/tidy', 'the current rack is not taken instead');
  });

  it('refuses a malformed setting with a message, keeping the racks shown', async () => {
    const config = vscode.workspace.getConfiguration('convox');
    const racksBefore = api.store.racks().length;
    for (const [setting, value, pattern] of [
      ['regions', ['us-east-1', 'moon-base-1x'], /"moon-base-1x" is not an AWS region code/],
      ['organizations', { acme: 'acme-prod' }, /must be a list of AWS profile names/],
    ] as const) {
      const previous = config.inspect(setting)?.globalValue;
      await config.update(setting, value, vscode.ConfigurationTarget.Global);
      await waitFor(() => api.store.settingsProblem !== undefined, `${setting} is refused`);
      assert.match(api.store.settingsProblem?.message ?? '', pattern);
      assert.equal(api.store.racks().length, racksBefore);
      await config.update(setting, previous, vscode.ConfigurationTarget.Global);
      await waitFor(() => api.store.settingsProblem === undefined, `${setting} is accepted again`);
    }
  });
});

/**
 * Runs Switch Rack without an argument and returns once the workbench shows its quick pick, with the command's
 * promise. The extension host cannot see the workbench's quick input, but showing a quick pick hides the one
 * shown before it: a first Switch Rack ending unchosen tells that the second one's pick is on screen, so the
 * quick-input commands sent after that reach it.
 */
async function openSwitchRackPick(): Promise<{ done: Thenable<unknown> }> {
  const first = vscode.commands.executeCommand('convox.switchRack');
  const second = vscode.commands.executeCommand('convox.switchRack');
  await first;
  return { done: second };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
