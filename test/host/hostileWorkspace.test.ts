// A folder whose .vscode/settings.json sets every user-only setting to a hostile value (see hostileSettings.ts):
// none takes effect, in a trusted window and in Restricted Mode alike. Only the window-scoped control does, which
// proves the file was read. The extension itself activates and lists racks in Restricted Mode.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { hostileWorkspaceSettings, trustVariable } from './hostileSettings';
import { rackNamed } from '../rackNamed';
import { until } from './until';

const cliDirectory = (): string => process.env.CONVOX_CONFIG ?? assert.fail('the session sets CONVOX_CONFIG');

function userValue(key: string): unknown {
  const [section, ...rest] = key.split('.');
  const inspected = vscode.workspace.getConfiguration(section).inspect(rest.join('.'));
  return inspected?.globalValue ?? inspected?.defaultValue;
}

describe('a workspace cannot set the user-only settings', function () {
  this.timeout(60_000);
  const probeDirectory = fs.mkdtempSync(path.join(cliDirectory(), '..', 'convox-hostile-probe-'));
  before(async () => {
    fs.rmSync(cliDirectory(), { recursive: true, force: true });
    // The CLI's folder exists, so that "ask" or "always" would act on a switch.
    fs.mkdirSync(cliDirectory(), { recursive: true });
    await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
  });
  after(() => {
    fs.rmSync(probeDirectory, { recursive: true, force: true });
    fs.rmSync(cliDirectory(), { recursive: true, force: true });
  });

  it('runs in the window the session asked for: trusted, or Restricted Mode', () => {
    const expected = process.env[trustVariable] ?? assert.fail(`the session sets ${trustVariable}`);
    assert.equal(vscode.workspace.isTrusted, expected === 'trusted');
  });

  it("reads the folder's settings: the window-scoped control takes its workspace value", async () => {
    const api = await activateConvox();
    assert.equal(vscode.workspace.getConfiguration('convox').inspect('statusBar.enabled')?.workspaceValue, false);
    assert.equal(api.settings.statusBarEnabled(), false);
  });

  it('takes every user-only setting from the user settings or its default', async () => {
    const { settings, store } = await activateConvox();
    assert.equal(settings.releasesUrl(), userValue('convox.releasesUrl'));
    assert.notEqual(settings.releasesUrl(), hostileWorkspaceSettings['convox.releasesUrl']);
    assert.equal(settings.exportRackToTerminals(), false);
    assert.equal(settings.cliSync(), 'off');
    assert.equal(settings.refreshIntervalSeconds(), 60);
    assert.equal(settings.architectureRefreshSeconds(), 10);
    assert.equal(settings.requestTimeoutSeconds(), 30);
    assert.equal(settings.logsBufferLines(), 10_000);
    assert.equal(settings.alertsWatch(), 'marked');
    assert.equal(settings.alertsIntervalSeconds(), 60);
    assert.equal(settings.convergingLimitMinutes(), 15);
    assert.equal(settings.cacheLastSeen(), true);
    assert.equal(store.requestDeadlineMs, 30_000);
    assert.deepEqual(settings.scanSettings(), {
      regions: userValue('convox.regions'),
      organizations: userValue('convox.organizations'),
    });
    assert.ok(!settings.scanSettings().regions.includes('ap-south-1'));
  });

  it('lists racks under the organisations the person named, not the workspace’s', async () => {
    const { store } = await activateConvox();
    await store.refresh('manual');
    assert.ok(rackNamed(store, 'acme/production'), 'acme/production is listed');
    assert.deepEqual(
      store
        .racks()
        .filter((rack) => rack.fullName.startsWith('evil/'))
        .map((rack) => rack.fullName),
      [],
    );
  });

  it("leaves the convox CLI's files alone on a switch", async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    assert.equal(api.currentRack(), 'acme/production');
    // "always" writes within a second of a switch (see the switch session): three seconds of nothing is "off".
    const written = await until('a CLI file', 3_000, () =>
      fs.readdirSync(cliDirectory()).length > 0 ? fs.readdirSync(cliDirectory()) : undefined,
    ).catch(() => []);
    assert.deepEqual(written, []);
  });

  it('gives a new terminal neither the rack nor its password', async function () {
    // Observed in code-server: in Restricted Mode a new terminal's shell does not run the probe, so the trusted
    // session checks it (the setting is read by the same code in both).
    if (!vscode.workspace.isTrusted) this.skip();
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    await api.updateTerminalEnvironment();
    const terminal = vscode.window.createTerminal({ name: 'probe', cwd: probeDirectory });
    try {
      terminal.sendText('printenv CONVOX_RACK > rack.txt; printenv RACK_URL > url.txt; touch done.txt');
      await until('the terminal ran printenv', 20_000, () =>
        fs.existsSync(path.join(probeDirectory, 'done.txt')) ? true : undefined,
      );
      const read = (file: string): string => fs.readFileSync(path.join(probeDirectory, file), 'utf8').trim();
      assert.equal(read('rack.txt'), '');
      assert.equal(read('url.txt'), '');
    } finally {
      terminal.dispose();
    }
  });
});
