// A switch reaches terminals and the convox CLI, and a switch made with the CLI reaches VS Code. The session
// runs with `convox.cli.syncCurrentRack: always`, CONVOX_CONFIG pointing at a folder of its own, and
// acme/production's API password a marker that the runner looks for in every file VS Code wrote.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { rackPasswordMarker, startKubernetesApi, v3RackNamespace } from '../sim';
import { activateConvox } from './extension';
import { rowsOf, treeRow } from './tree';

const cliDirectory = (): string => {
  const directory = process.env.CONVOX_CONFIG;
  assert.ok(directory, 'the session sets CONVOX_CONFIG');
  return directory;
};

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('switch reaches terminals and the convox CLI, both ways', function () {
  this.timeout(60_000);
  const probeDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-terminal-probe-'));
  after(() => {
    fs.rmSync(probeDirectory, { recursive: true, force: true });
    // It holds the planted password, written there on purpose: no trace of it stays behind.
    fs.rmSync(cliDirectory(), { recursive: true, force: true });
  });

  before(async () => {
    fs.rmSync(cliDirectory(), { recursive: true, force: true });
    fs.mkdirSync(cliDirectory(), { recursive: true });
    fs.writeFileSync(path.join(cliDirectory(), 'auth'), '{\n  "console.convox.com": "UNRELATED-TOKEN"\n}');
    await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
  });

  it('after a switch a new terminal has CONVOX_RACK and RACK_URL', async () => {
    const api = await activateConvox();
    const production = api.store.find('acme/production');
    assert.ok(production?.apiHost);
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    await api.updateTerminalEnvironment();
    const terminal = vscode.window.createTerminal({ name: 'probe', cwd: probeDirectory });
    try {
      terminal.sendText('printenv CONVOX_RACK > rack.txt; printenv RACK_URL > url.txt; touch done.txt');
      await until('the terminal ran printenv', 20_000, () => (fs.existsSync(path.join(probeDirectory, 'done.txt')) ? true : undefined));
      const read = (file: string): string => fs.readFileSync(path.join(probeDirectory, file), 'utf8').trim();
      assert.equal(read('rack.txt'), 'acme/production');
      assert.ok(read('url.txt') === `https://convox:${rackPasswordMarker}@${production.apiHost}`, 'RACK_URL is the rack API address with its password');
    } finally {
      terminal.dispose();
      for (const file of ['rack.txt', 'url.txt', 'done.txt']) fs.rmSync(path.join(probeDirectory, file), { force: true });
    }
  });

  it('Open Terminal on Rack sets both variables, named after the rack; without a readable password only CONVOX_RACK', async () => {
    const api = await activateConvox();
    const production = api.store.find('acme/production');
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', 'acme/production');
    const staging = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', 'acme/staging');
    try {
      assert.equal(terminal.name, 'acme/production');
      const env = (terminal.creationOptions as vscode.TerminalOptions).env ?? {};
      assert.equal(env.CONVOX_RACK, 'acme/production');
      assert.ok(env.RACK_URL === `https://convox:${rackPasswordMarker}@${production?.apiHost}`, 'RACK_URL set');
      assert.deepEqual((staging.creationOptions as vscode.TerminalOptions).env, { CONVOX_RACK: 'acme/staging' }, 'acme-staging may not read SSM');
    } finally {
      terminal.dispose();
      staging.dispose();
    }
  });

  it('with sync on, the switch wrote the CLI files as `convox switch` does, keeping other entries, owner-only', async () => {
    const api = await activateConvox();
    const host = api.store.find('acme/production')?.apiHost ?? '';
    const read = (file: string): string => fs.readFileSync(path.join(cliDirectory(), file), 'utf8');
    await until('the CLI was switched', 5_000, () => (fs.existsSync(path.join(cliDirectory(), 'host')) ? true : undefined));
    assert.equal(read('host'), host);
    assert.deepEqual(JSON.parse(read('racks')), { [host]: 'production' });
    assert.deepEqual(JSON.parse(read('self-managed')), { production: host });
    const auth = JSON.parse(read('auth')) as Record<string, string>;
    assert.deepEqual(Object.keys(auth).sort(), ['console.convox.com', host].sort());
    assert.ok(auth[host] === rackPasswordMarker && auth['console.convox.com'] === 'UNRELATED-TOKEN');
    for (const file of ['host', 'racks', 'self-managed', 'auth']) assert.equal(fs.statSync(path.join(cliDirectory(), file)).mode & 0o777, 0o600, file);
  });

  it('a switch written into the CLI files shows as the current rack within 2 s, without writing back', async () => {
    const api = await activateConvox();
    const tidy = api.store.find('globex/tidy');
    assert.ok(tidy?.apiHost);
    const before = fs.readFileSync(path.join(cliDirectory(), 'self-managed'), 'utf8');
    const racks = JSON.parse(fs.readFileSync(path.join(cliDirectory(), 'racks'), 'utf8')) as Record<string, string>;
    const started = Date.now();
    fs.writeFileSync(path.join(cliDirectory(), 'host'), tidy.apiHost);
    fs.writeFileSync(path.join(cliDirectory(), 'racks'), JSON.stringify({ ...racks, [tidy.apiHost]: 'tidy' }, null, 2));
    await until('globex/tidy became current, in the status bar too', 2_000, () => (api.currentRack() === 'globex/tidy' && api.statusBar.text.includes('globex/tidy') ? true : undefined));
    assert.ok(Date.now() - started <= 2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(fs.readFileSync(path.join(cliDirectory(), 'self-managed'), 'utf8'), before, 'nothing was written back');
  });

  it('a CLI switch to a rack the view does not list leaves the current rack alone', async () => {
    const api = await activateConvox();
    const racks = JSON.parse(fs.readFileSync(path.join(cliDirectory(), 'racks'), 'utf8')) as Record<string, string>;
    fs.writeFileSync(path.join(cliDirectory(), 'host'), 'elsewhere.example.org');
    fs.writeFileSync(path.join(cliDirectory(), 'racks'), JSON.stringify({ ...racks, 'elsewhere.example.org': 'nowhere' }, null, 2));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(api.currentRack(), 'globex/tidy');
  });

  it('lists the local racks of the kubeconfig, and a switch to one reaches the CLI as `convox switch local/…` does', async () => {
    const api = await activateConvox();
    const kubernetes = await startKubernetesApi([
      { name: 'convox', labels: { system: 'convox', type: 'rack' } },
      { name: 'default', labels: {} },
    ]);
    // The extension reads KUBECONFIG when it looks, as kubectl does; this test shares its process.
    process.env.KUBECONFIG = kubernetes.writeKubeconfig(probeDirectory, 'docker-desktop');
    try {
      await vscode.commands.executeCommand('convox.refresh');
      const row = await treeRow(api, ['local', 'convox']);
      assert.equal(row.description, 'running · docker-desktop');
      assert.equal(api.store.racks().filter((rack) => rack.organization === 'local').length, 1);
      const host = fs.readFileSync(path.join(cliDirectory(), 'host'), 'utf8');
      await vscode.commands.executeCommand('convox.switchRack', 'local/convox');
      assert.equal(api.currentRack(), 'local/convox');
      await until('the CLI was switched to local/convox', 2_000, () => {
        const racks = JSON.parse(fs.readFileSync(path.join(cliDirectory(), 'racks'), 'utf8')) as Record<string, string>;
        return racks[host] === 'local/convox' ? true : undefined;
      });
      assert.equal(fs.readFileSync(path.join(cliDirectory(), 'host'), 'utf8'), host, 'the host stays: the CLI finds https://rack.convox by the name');
      const terminal = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', 'local/convox');
      assert.deepEqual((terminal.creationOptions as vscode.TerminalOptions).env, { CONVOX_RACK: 'local/convox' }, 'no password for a local rack');
      terminal.dispose();

      process.env.CONVOX_LOCAL = 'disable';
      await vscode.commands.executeCommand('convox.refresh');
      assert.deepEqual((await rowsOf(api)).filter((organization) => organization.label === 'local'), [], 'CONVOX_LOCAL=disable lists none');
    } finally {
      delete process.env.KUBECONFIG;
      delete process.env.CONVOX_LOCAL;
      await kubernetes.stop();
    }
  });
  it('shows a Convox v3 rack as such, and offers it no switch, terminal or CONVOX_RACK', async () => {
    const api = await activateConvox();
    const kubernetes = await startKubernetesApi([v3RackNamespace('shop'), { name: 'convox', labels: { system: 'convox', type: 'rack' } }]);
    process.env.KUBECONFIG = kubernetes.writeKubeconfig(probeDirectory, 'eks-prod');
    const before = api.currentRack();
    const opened: vscode.Terminal[] = [];
    const watching = vscode.window.onDidOpenTerminal((terminal) => opened.push(terminal));
    try {
      await vscode.commands.executeCommand('convox.refresh');
      const row = await treeRow(api, ['local', 'shop']);
      assert.equal(row.description, 'v3 · eks-prod');
      assert.equal(row.contextValue, 'v3rack');
      assert.ok(!row.tooltip.includes('https://rack.'), row.tooltip);
      assert.ok((await treeRow(api, ['local', 'convox'])).contextValue.endsWith('.local'), 'a plain labelled namespace stays a local rack');

      await vscode.commands.executeCommand('convox.switchRack', row.node);
      await vscode.commands.executeCommand('convox.switchRack', 'shop');
      assert.equal(api.currentRack(), before, 'neither the row nor the name switches to it');
      const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('convox.openTerminal', row.node);
      assert.equal(terminal, undefined);
      assert.deepEqual(
        opened.map((each) => each.name),
        [],
        'no terminal, so no CONVOX_RACK',
      );
    } finally {
      watching.dispose();
      delete process.env.KUBECONFIG;
      await kubernetes.stop();
      await vscode.commands.executeCommand('convox.refresh');
    }
  });
});
