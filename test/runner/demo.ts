// `npm run demo`: the extension in a real VS Code (code-server) against the local AWS simulator with the default
// scenario, for a person to try. Prints the address to open; Ctrl+C stops everything.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultScenario, updateRacks, type Scenario } from '../sim';
import { simulatedAws } from './aws';
import { startCodeServer } from './codeServer';
import { currentRelease } from './install';
import { projectRoot } from './paths';
import { main, onCleanup, stopRequested } from './processes';
import { writeUserSettings } from './userSettings';

interface Manifest {
  contributes?: {
    commands?: { command: string; title?: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

/** The palette titles of the commands package.json contributes (not those hidden from the palette), so the hints follow the extension as it grows. */
function paletteCommands(): string[] {
  const { contributes } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
  const hidden = new Set(
    (contributes?.menus?.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command),
  );
  return (contributes?.commands ?? [])
    .filter((command) => !hidden.has(command.command))
    .map((command) => [command.category, command.title].filter(Boolean).join(': '));
}

/** "expired key: initech", "denied: acme-staging in ap-southeast-2": the scenario's built-in faults, by profile. */
function faultsByProfile(scenario: Scenario): string[] {
  return scenario.faults.map((fault) => {
    const keys = scenario.accounts.find((account) => account.id === fault.account)?.accessKeyIds ?? [];
    const profiles = scenario.profiles.filter(
      (profile) => keys.includes(profile.accessKeyId) || profile.accessKeyId === fault.accessKeyId,
    );
    const who = profiles.map((profile) => profile.name).join(', ') || 'every profile';
    return `${fault.kind}: ${who}${fault.region ? ` in ${fault.region}` : ''}`;
  });
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && fs.existsSync(path.join(dir, program)));
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

main(async () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-demo-'));
  onCleanup(async () => fs.rmSync(stateDir, { recursive: true, force: true }));
  const workspace = path.join(stateDir, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(
    path.join(workspace, 'README.md'),
    '# Convox Racks demo\n\nClick the Convox icon in the activity bar. The racks come from a local AWS simulator; nothing here reaches AWS.\n',
  );

  // Real time, so ages and "updated 5 minutes ago" read naturally. acme/production's API is the simulator's, so
  // that Update, Set Parameters and Scale can be tried on it.
  const scenario = { ...defaultScenario({ now: new Date() }), dashboardRacks: updateRacks };
  const aws = await simulatedAws(path.join(stateDir, 'aws'), scenario);
  const server = await startCodeServer({
    stateDir: path.join(stateDir, 'code-server'),
    settings: aws.settings,
    env: aws.env,
    smokeTestDriver: false,
    installExtension: true,
    port: Number(process.env.DEMO_PORT ?? 0),
  });
  const url = server.workbenchUrl(workspace);
  const port = new URL(url).port;
  const organizations = Object.entries(scenario.organizations).map(
    ([name, profiles]) => `${name} (${profiles.join(', ')})`,
  );
  const mapped = new Set(Object.values(scenario.organizations).flat());
  const ownOrganizations = scenario.profiles.map((profile) => profile.name).filter((name) => !mapped.has(name));
  const lines = [
    '',
    `Convox Racks demo: code-server ${currentRelease.codeServer} with the extension from ${projectRoot},`,
    `AWS simulated at ${aws.simulator?.url ?? '?'} (default scenario; nothing reaches AWS).`,
    '',
    `  Open ${url}`,
    `  (from another machine: ssh -L ${port}:127.0.0.1:${port} THIS_HOST, then open the same address)`,
    '',
    'What to look at:',
    '  - the Convox icon in the activity bar: the Racks view, racks grouped by organisation, in every status;',
    `    organisations from settings: ${organizations.join('; ')}; profiles that are their own: ${ownOrganizations.join(', ')}`,
    `  - error rows from the scenario's faults: ${faultsByProfile(scenario).join('; ')}`,
    `  - the command palette (F1): ${paletteCommands().join(', ')}`,
    '  - the status bar, and the Convox output channel (Show Log)',
    `  AWS files: ${aws.env.AWS_CONFIG_FILE}, ${aws.env.AWS_SHARED_CREDENTIALS_FILE}`,
  ];
  if (onPath('code')) {
    const desktopUserData = path.join(stateDir, 'desktop-user-data');
    writeUserSettings(desktopUserData, aws.settings);
    const unset = Object.keys(process.env)
      .filter((key) => key.startsWith('AWS_'))
      .map((key) => `-u ${key}`);
    const command = [
      'env',
      ...unset,
      `AWS_CONFIG_FILE=${quote(aws.env.AWS_CONFIG_FILE)}`,
      `AWS_SHARED_CREDENTIALS_FILE=${quote(aws.env.AWS_SHARED_CREDENTIALS_FILE)}`,
      'code',
      `--user-data-dir=${quote(desktopUserData)}`,
      `--extensionDevelopmentPath=${quote(projectRoot)}`,
      quote(workspace),
    ];
    lines.push(
      '',
      'Or in desktop VS Code, while this demo runs (same simulator and settings, a separate window):',
      `  ${command.join(' ')}`,
    );
  }
  lines.push('', 'Ctrl+C stops the demo (code-server and the simulator).', '');
  console.log(lines.join('\n'));

  const code = await server.exited;
  if (stopRequested()) return 0;
  const log = fs.readFileSync(server.log, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  console.error(`code-server stopped by itself (exit code ${code}); the end of its log:\n${log}`);
  return 1;
});
