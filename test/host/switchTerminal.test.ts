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
import { cliEndpoint, type CliInputs } from '../cliEndpoint';

const variables = ['CONVOX_HOST', 'CONVOX_PASSWORD', 'CONVOX_RACK', 'RACK_URL'];
import { rackNamed } from '../rackNamed';
import { until } from './until';

const cliDirectory = (): string => {
  const directory = process.env.CONVOX_CONFIG;
  assert.ok(directory, 'the session sets CONVOX_CONFIG');
  return directory;
};

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

  /** The rack variables a terminal's shell got (not what was asked for: what the process has). */
  async function environmentOf(terminal: vscode.Terminal): Promise<Record<string, string>> {
    const output = path.join(probeDirectory, 'env.txt');
    const done = path.join(probeDirectory, 'done.txt');
    try {
      // Simple commands and absolute paths: a compound command's redirection would also catch the shell
      // integration's own escapes, and an Open Terminal on Rack terminal starts elsewhere.
      terminal.sendText(`env > '${output}'; touch '${done}'`);
      await until('the terminal printed its environment', 20_000, () => (fs.existsSync(done) ? true : undefined));
      const lines = fs.readFileSync(output, 'utf8').split('\n');
      const values = lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
      return Object.fromEntries(values.filter(([name, value]) => variables.includes(name) && value !== ''));
    } finally {
      for (const file of [output, done]) fs.rmSync(file, { force: true });
    }
  }

  /** CLI files as a user might have them: `host` naming another rack, with its password, and an old `rack` file. */
  const otherRackFiles = (otherHost: string): CliInputs['files'] => ({
    host: otherHost,
    rack: 'tidy',
    auth: { [otherHost]: 'OTHER-RACK-PASSWORD' },
    racks: { [otherHost]: 'tidy' },
  });

  const cliFiles = (): CliInputs['files'] => {
    const json = (file: string): Record<string, string> | undefined =>
      fs.existsSync(path.join(cliDirectory(), file))
        ? (JSON.parse(fs.readFileSync(path.join(cliDirectory(), file), 'utf8')) as Record<string, string>)
        : undefined;
    const text = (file: string): string | undefined =>
      fs.existsSync(path.join(cliDirectory(), file))
        ? fs.readFileSync(path.join(cliDirectory(), file), 'utf8').trim()
        : undefined;
    return { host: text('host'), rack: text('rack'), auth: json('auth'), racks: json('racks') };
  };

  it('a plain terminal after a switch reaches the current rack by the CLI rules, whatever its files say; -r and the directory rack file still win', async () => {
    const api = await activateConvox();
    const production = rackNamed(api.store, 'acme/production');
    const tidy = rackNamed(api.store, 'globex/tidy');
    assert.ok(production?.apiHost && tidy?.apiHost);
    await vscode.commands.executeCommand('convox.switchRack', production.stackId);
    await api.updateTerminalEnvironment();
    const terminal = vscode.window.createTerminal({ name: 'probe', cwd: probeDirectory });
    try {
      const env = await environmentOf(terminal);
      assert.deepEqual(
        Object.keys(env).sort(),
        ['CONVOX_HOST', 'CONVOX_PASSWORD'],
        'no RACK_URL (it beats -r), no CONVOX_RACK (it beats the directory rack file)',
      );
      assert.equal(env.CONVOX_HOST, production.apiHost);
      assert.ok(env.CONVOX_PASSWORD === rackPasswordMarker, 'the password, for the pinned host only');
      for (const files of [cliFiles(), otherRackFiles(tidy.apiHost), {}]) {
        const target = cliEndpoint({ env, files });
        assert.ok(!('error' in target), JSON.stringify(files));
        assert.equal(target.host, production.apiHost, 'the current rack, never the one the files name');
        assert.ok(target.password === rackPasswordMarker);
      }
      const flagged = cliEndpoint({ env, files: otherRackFiles(tidy.apiHost), flag: 'local/convox' });
      assert.ok(
        !('error' in flagged) && flagged.host === 'rack.convox' && flagged.rack === 'local/convox',
        '-r wins, as in any terminal',
      );
      const named = cliEndpoint({ env, files: cliFiles(), flag: 'acme/staging', directoryRack: 'globex/tidy' });
      assert.ok(!('error' in named) && named.rack === 'acme/staging', '-r names the rack');
      const directory = cliEndpoint({ env, files: cliFiles(), directoryRack: 'local/dev' });
      assert.ok(
        !('error' in directory) && directory.host === 'rack.dev',
        'the per-directory rack file wins over the current rack, as in any terminal',
      );
    } finally {
      terminal.dispose();
    }
  });

  it('Open Terminal on Rack pins its terminal to that rack with RACK_URL, untouched by the current rack', async () => {
    const api = await activateConvox();
    const production = rackNamed(api.store, 'acme/production');
    const converge = rackNamed(api.store, 'acme/converge');
    assert.ok(production?.apiHost && converge?.apiHost);
    assert.equal(api.currentRackId(), production.stackId);
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', converge.stackId);
    try {
      assert.equal(terminal.name, 'acme/converge');
      const env = await environmentOf(terminal);
      assert.deepEqual(
        Object.keys(env).sort(),
        ['CONVOX_RACK', 'RACK_URL'],
        "the current rack's CONVOX_HOST and CONVOX_PASSWORD are not in it",
      );
      assert.equal(env.CONVOX_RACK, 'converge', 'the name the CLI knows a self-managed rack by');
      for (const inputs of [
        { files: cliFiles() },
        { files: otherRackFiles(production.apiHost) },
        { files: cliFiles(), flag: 'local/convox' },
        { files: cliFiles(), directoryRack: 'acme/production' },
      ]) {
        const target = cliEndpoint({ env, ...inputs });
        assert.ok(!('error' in target) && target.host === converge.apiHost, `pinned: ${JSON.stringify(inputs)}`);
        assert.ok(target.password !== undefined && target.password !== rackPasswordMarker, "converge's own password");
      }
    } finally {
      terminal.dispose();
    }
  });

  it('with sync on, the switch wrote the CLI files as `convox switch` does, keeping other entries, owner-only', async () => {
    const api = await activateConvox();
    const host = rackNamed(api.store, 'acme/production')?.apiHost ?? '';
    const read = (file: string): string => fs.readFileSync(path.join(cliDirectory(), file), 'utf8');
    await until('the CLI was switched', 5_000, () =>
      fs.existsSync(path.join(cliDirectory(), 'host')) ? true : undefined,
    );
    assert.equal(read('host'), host);
    assert.deepEqual(JSON.parse(read('racks')), { [host]: 'production' });
    assert.deepEqual(JSON.parse(read('self-managed')), { production: host });
    const auth = JSON.parse(read('auth')) as Record<string, string>;
    assert.deepEqual(Object.keys(auth).sort(), ['console.convox.com', host].sort());
    assert.ok(auth[host] === rackPasswordMarker && auth['console.convox.com'] === 'UNRELATED-TOKEN');
    for (const file of ['host', 'racks', 'self-managed', 'auth'])
      assert.equal(fs.statSync(path.join(cliDirectory(), file)).mode & 0o777, 0o600, file);
  });

  it('a switch written into the CLI files shows as the current rack within 2 s, without writing back', async () => {
    const api = await activateConvox();
    const tidy = rackNamed(api.store, 'globex/tidy');
    assert.ok(tidy?.apiHost);
    const before = fs.readFileSync(path.join(cliDirectory(), 'self-managed'), 'utf8');
    const racks = JSON.parse(fs.readFileSync(path.join(cliDirectory(), 'racks'), 'utf8')) as Record<string, string>;
    const started = Date.now();
    fs.writeFileSync(path.join(cliDirectory(), 'host'), tidy.apiHost);
    fs.writeFileSync(path.join(cliDirectory(), 'racks'), JSON.stringify({ ...racks, [tidy.apiHost]: 'tidy' }, null, 2));
    await until('globex/tidy became current, in the status bar too', 2_000, () =>
      api.currentRack() === 'globex/tidy' && api.statusBar.text.includes('globex/tidy') ? true : undefined,
    );
    assert.ok(Date.now() - started <= 2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(
      fs.readFileSync(path.join(cliDirectory(), 'self-managed'), 'utf8'),
      before,
      'nothing was written back',
    );
  });

  it('a CLI switch to a rack the view does not list leaves the current rack alone', async () => {
    const api = await activateConvox();
    const racks = JSON.parse(fs.readFileSync(path.join(cliDirectory(), 'racks'), 'utf8')) as Record<string, string>;
    fs.writeFileSync(path.join(cliDirectory(), 'host'), 'elsewhere.example.org');
    fs.writeFileSync(
      path.join(cliDirectory(), 'racks'),
      JSON.stringify({ ...racks, 'elsewhere.example.org': 'nowhere' }, null, 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(api.currentRack(), 'globex/tidy');
  });

  it('with no password to be had, a plain terminal and Open Terminal on Rack reach that rack or are refused, never another', async () => {
    const api = await activateConvox();
    const staging = rackNamed(api.store, 'acme/staging');
    const production = rackNamed(api.store, 'acme/production');
    assert.ok(staging?.apiHost && production?.apiHost);
    await vscode.commands.executeCommand('convox.switchRack', staging.stackId);
    await api.updateTerminalEnvironment();
    const plain = vscode.window.createTerminal({ name: 'probe', cwd: probeDirectory });
    const pinned = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', staging.stackId);
    try {
      const env = await environmentOf(plain);
      assert.deepEqual(
        env,
        { CONVOX_HOST: staging.apiHost },
        'acme-staging may not read SSM and the CLI has no password for it',
      );
      const pinnedEnv = await environmentOf(pinned);
      assert.deepEqual(pinnedEnv, { CONVOX_HOST: staging.apiHost, CONVOX_RACK: 'staging' });
      for (const variables of [env, pinnedEnv]) {
        // The CLI's files naming the production rack, with its password: still staging, without a password (refused).
        const target = cliEndpoint({
          env: variables,
          files: {
            host: production.apiHost,
            auth: { [production.apiHost]: rackPasswordMarker },
            racks: { [production.apiHost]: 'production' },
          },
        });
        assert.ok(!('error' in target));
        assert.equal(target.host, staging.apiHost);
        assert.equal(target.password, undefined, 'the rack refuses it (401): a clear failure on the right rack');
      }
    } finally {
      plain.dispose();
      pinned.dispose();
    }
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
      assert.equal(
        fs.readFileSync(path.join(cliDirectory(), 'host'), 'utf8'),
        host,
        'the host stays: the CLI finds https://rack.convox by the name',
      );
      const terminal = await vscode.commands.executeCommand<vscode.Terminal>('convox.openTerminal', 'local/convox');
      try {
        assert.deepEqual(
          await environmentOf(terminal),
          { CONVOX_RACK: 'local/convox', RACK_URL: 'https://rack.convox' },
          'pinned, no password for a local rack',
        );
      } finally {
        terminal.dispose();
      }

      process.env.CONVOX_LOCAL = 'disable';
      await vscode.commands.executeCommand('convox.refresh');
      assert.deepEqual(
        (await rowsOf(api)).filter((organization) => organization.label === 'local'),
        [],
        'CONVOX_LOCAL=disable lists none',
      );
    } finally {
      delete process.env.KUBECONFIG;
      delete process.env.CONVOX_LOCAL;
      await kubernetes.stop();
    }
  });
  it('shows a Convox v3 rack as such, and offers it no switch, terminal or CONVOX_RACK', async () => {
    const api = await activateConvox();
    const kubernetes = await startKubernetesApi([
      v3RackNamespace('shop'),
      { name: 'convox', labels: { system: 'convox', type: 'rack' } },
    ]);
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
      assert.ok(
        (await treeRow(api, ['local', 'convox'])).contextValue.endsWith('.local'),
        'a plain labelled namespace stays a local rack',
      );

      await vscode.commands.executeCommand('convox.switchRack', row.node);
      await vscode.commands.executeCommand('convox.switchRack', 'shop');
      assert.equal(api.currentRack(), before, 'neither the row nor the name switches to it');
      const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>(
        'convox.openTerminal',
        row.node,
      );
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
