// A switch reaches the terminal and the convox CLI, and back: switch to acme/production and let the CLI switch
// too; open a terminal on the rack and `echo $CONVOX_RACK` (its stack name; RACK_URL is checked, never shown: it holds the
// password); in that terminal point the CLI at globex/tidy as `convox switch` would, and the status bar follows;
// then a local cluster's racks join the Racks view under `local`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kubeconfigFor, startKubernetesApi } from '../sim';
import { walk } from './walk';

const cliDirectory = path.join(os.tmpdir(), `convox-ui-cli-${process.pid}`);
const kubeconfig = path.join(os.tmpdir(), `convox-ui-kubeconfig-${process.pid}`);

walk(
  'switch-terminal',
  async (ui) => {
    fs.rmSync(cliDirectory, { recursive: true, force: true });
    fs.mkdirSync(cliDirectory, { recursive: true });
    const kubernetes = await startKubernetesApi([{ name: 'convox', labels: { system: 'convox', type: 'rack' } }]);
    try {
      await ui.openView();
      await ui.row('production').waitFor({ timeout: 30_000 });
      await ui.settled();
      await ui.widenSideBar();

      await ui.runCommand('Convox: Switch Rack');
      await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
      await ui.page.locator('.quick-input-widget input').fill('acme/production');
      await ui.page
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'acme/production' })
        .waitFor({ timeout: 10_000 });
      await ui.page.keyboard.press('Enter');
      await ui.page.locator('.part.statusbar', { hasText: 'acme/production' }).waitFor({ timeout: 10_000 });
      const ask = ui.page.locator('.notification-toast', { hasText: 'switch the convox CLI to acme/production too?' });
      await ask.waitFor({ timeout: 10_000 });
      await ui.restMouse();
      await ui.screenshot('switched-asks-about-the-cli');
      await ask.locator('.monaco-button', { hasText: 'Switch CLI' }).click();
      const dashboard = (name: string): string => {
        const stack = ui.simulator?.scenario.accounts
          .flatMap((account) => Object.values(account.regions))
          .flatMap((region) => region.stacks)
          .find((candidate) => candidate.name === name && !candidate.parentId);
        const host = stack?.outputs.find((output) => output.key === 'Dashboard')?.value;
        assert.ok(host, `${name} has a Dashboard output`);
        return host;
      };
      const cliHost = async (): Promise<string> => {
        for (let waited = 0; waited < 10_000 && !fs.existsSync(path.join(cliDirectory, 'host')); waited += 100)
          await ui.page.waitForTimeout(100);
        return fs.readFileSync(path.join(cliDirectory, 'host'), 'utf8');
      };
      assert.equal(await cliHost(), dashboard('production'), 'the convox CLI targets acme/production too');

      await ui.runCommand('Convox: Open Terminal on Rack');
      await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
      await ui.page.locator('.quick-input-widget input').fill('acme/production');
      await ui.page
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'acme/production' })
        .waitFor({ timeout: 10_000 });
      await ui.page.keyboard.press('Enter');
      const terminal = ui.page.locator('.terminal-wrapper.active .xterm');
      await terminal.waitFor({ timeout: 30_000 });
      await ui.page
        .locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'acme/production' })
        .first()
        .waitFor({ timeout: 10_000 });
      const lines = terminal.locator('.xterm-rows > div');
      const typeLine = async (line: string): Promise<void> => {
        await terminal.click();
        await ui.page.keyboard.type(line);
        await ui.page.keyboard.press('Enter');
      };
      // The shell's prompt comes a moment after the terminal; typed keys wait for it in the pty.
      await typeLine(
        'echo "rack: $CONVOX_RACK"; test -n "$RACK_URL" && echo "RACK_URL is set (not shown: it holds the password)"',
      );
      // The name the convox CLI knows a rack reached at its own host by: its stack name, not the organisation's `org/rack`.
      await lines.filter({ hasText: /^rack: production\s*$/ }).waitFor({ timeout: 20_000 });
      await lines.filter({ hasText: /^RACK_URL is set/ }).waitFor({ timeout: 10_000 });
      await ui.restMouse();
      await ui.screenshot('terminal-on-rack-echo-convox-rack');

      // What `convox switch tidy` writes for a rack it reaches at its own host (the host, and the rack under it).
      const tidy = dashboard('tidy');
      await typeLine(
        `printf '%s' '${tidy}' > "$CONVOX_CONFIG/host" && printf '{\\n  "%s": "tidy"\\n}' '${tidy}' > "$CONVOX_CONFIG/racks" && echo switched`,
      );
      await lines.filter({ hasText: /^switched\s*$/ }).waitFor({ timeout: 10_000 });
      const started = Date.now();
      await ui.page.locator('.part.statusbar', { hasText: 'globex/tidy' }).waitFor({ timeout: 2_000 });
      assert.ok(Date.now() - started <= 2_000);
      assert.equal(await ui.statusBarText(), 'globex/tidy (running)');
      await ui.row('tidy').filter({ hasText: '✓ current' }).waitFor({ timeout: 10_000 });
      await ui.restMouse();
      await ui.screenshot('terminal-side-switch-in-status-bar');

      // A cluster appears: the kubeconfig the extension host was started with now exists.
      fs.writeFileSync(kubeconfig, kubeconfigFor(kubernetes.url, 'docker-desktop', kubernetes.certificate));
      await ui.runCommand('Convox: Refresh Racks');
      await ui.row('local').waitFor({ timeout: 30_000 });
      await ui.row('convox').waitFor({ timeout: 10_000 });
      assert.equal((await ui.rows()).find((row) => row.label === 'convox')?.description, 'running · docker-desktop');
      await ui.restMouse();
      await ui.screenshot('local-racks-in-the-tree');
    } finally {
      await kubernetes.stop();
      fs.rmSync(cliDirectory, { recursive: true, force: true });
      fs.rmSync(kubeconfig, { force: true });
    }
  },
  {
    env: { CONVOX_CONFIG: cliDirectory, KUBECONFIG: kubeconfig },
    // The DOM renderer puts the terminal's text in the page, where the walk reads it.
    settings: { 'terminal.integrated.gpuAcceleration': 'off' },
  },
);
