import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliConfigFiles } from '../../src/cli/configFiles';
import {
  CliConfigError,
  currentCliRack,
  formatKeyed,
  installChanges,
  rackNamedByCli,
  uninstallChanges,
} from '../../src/model/cli/cliSettings';
import { cliConfigDirectory } from '../../src/model/cli/configDirectory';
import { projectRoot } from '../projectRoot';

const fixture = path.join(projectRoot(__dirname), 'test', 'fixtures', 'cli', 'convox2');

const roots: string[] = [];
after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A copy of the fixture CLI folder, found the way the extension finds it: through CONVOX_CONFIG. */
function fixtureFolder(): { files: CliConfigFiles; read: (file: string) => string; mode: (file: string) => number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-cli-'));
  roots.push(root);
  const copy = path.join(root, 'convox2');
  fs.cpSync(fixture, copy, { recursive: true });
  const directory = cliConfigDirectory({
    env: { CONVOX_CONFIG: copy },
    home: root,
    platform: 'linux',
    exists: fs.existsSync,
  });
  return {
    files: new CliConfigFiles(directory.path),
    read: (file) => fs.readFileSync(path.join(copy, file), 'utf8'),
    mode: (file) => fs.statSync(path.join(copy, file)).mode & 0o777,
  };
}

describe('CLI configuration directory (the v2 CLI rules)', () => {
  const home = '/home/ada';
  const none = (): boolean => false;

  it('CONVOX_CONFIG wins over everything', () => {
    const exists = (): boolean => true;
    assert.deepEqual(
      cliConfigDirectory({ env: { CONVOX_CONFIG: '/tmp/c', XDG_CONFIG_HOME: '/x' }, home, platform: 'linux', exists }),
      { path: '/tmp/c', rule: 'CONVOX_CONFIG' },
    );
  });
  it('else the XDG directory + convox2, honouring XDG_CONFIG_HOME', () => {
    assert.deepEqual(cliConfigDirectory({ env: {}, home, platform: 'linux', exists: none }), {
      path: '/home/ada/.config/convox2',
      rule: 'xdg',
    });
    assert.deepEqual(cliConfigDirectory({ env: { XDG_CONFIG_HOME: '/cfg' }, home, platform: 'linux', exists: none }), {
      path: '/cfg/convox2',
      rule: 'xdg',
    });
    assert.equal(
      cliConfigDirectory({ env: {}, home, platform: 'darwin', exists: none }).path,
      '/home/ada/Library/Preferences/convox2',
    );
  });
  it('else the legacy ~/.convox while it is the one in use', () => {
    const legacyOnly = (directory: string): boolean => directory === '/home/ada/.convox';
    assert.deepEqual(cliConfigDirectory({ env: {}, home, platform: 'linux', exists: legacyOnly }), {
      path: '/home/ada/.convox',
      rule: 'legacy',
    });
    const both = (): boolean => true;
    assert.equal(
      cliConfigDirectory({ env: {}, home, platform: 'linux', exists: both }).rule,
      'xdg',
      'once convox2 exists the CLI uses it',
    );
  });
});

describe('CLI configuration files', () => {
  it('switching to an AWS rack writes self-managed, auth, host and racks as the CLI does, keeping every other entry', async () => {
    const { files, read } = fixtureFolder();
    await files.switchTo({
      kind: 'aws',
      name: 'production',
      host: 'api.production.example.com',
      password: 'MARKER-RACK-PASSWORD',
    });
    assert.equal(read('host'), 'api.production.example.com');
    assert.equal(
      read('self-managed'),
      '{\n  "homegrown": "homegrown.example.org",\n  "production": "api.production.example.com"\n}',
    );
    assert.deepEqual(JSON.parse(read('auth')), {
      'api.production.example.com': 'MARKER-RACK-PASSWORD',
      'console.convox.com': 'FIXTURE-CONSOLE-TOKEN',
      'old.example.org': 'FIXTURE-OLD-PASSWORD',
    });
    assert.deepEqual(JSON.parse(read('racks')), {
      'api.production.example.com': 'production',
      'console.convox.com': 'acme/staging',
      'other.example.org': 'team/old',
    });
    assert.equal(read('id'), 'abc123-client-id', 'files the switch does not concern stay as they were');
    const settings = await files.read();
    assert.equal(currentCliRack(settings), 'production', 'the CLI reads back the rack just switched to');
  });

  it('without a password the auth file is left alone', async () => {
    const { files, read } = fixtureFolder();
    const before = read('auth');
    await files.switchTo({ kind: 'aws', name: 'production', host: 'api.production.example.com' });
    assert.equal(read('auth'), before);
  });

  it('a local rack goes into racks under the current host, as `convox switch local/…` does', async () => {
    const { files, read } = fixtureFolder();
    await files.switchTo({ kind: 'local', fullName: 'local/convox' });
    assert.equal(read('host'), 'console.convox.com');
    assert.equal(JSON.parse(read('racks'))['console.convox.com'], 'local/convox');
    assert.equal(currentCliRack(await files.read()), 'local/convox');
  });

  it('knows whether the CLI is used here: its directory exists', () => {
    const { files } = fixtureFolder();
    assert.equal(files.inUse(), true);
    assert.equal(new CliConfigFiles(path.join(files.directory, 'missing')).inUse(), false);
  });

  it('files it writes are readable by their owner only', async () => {
    const { files, mode } = fixtureFolder();
    await files.switchTo({ kind: 'aws', name: 'production', host: 'api.production.example.com', password: 'p' });
    for (const file of ['auth', 'racks', 'self-managed', 'host']) assert.equal(mode(file), 0o600, file);
  });

  it('a failure while writing the set leaves every previous file, and nothing staged behind', async () => {
    const { files, read } = fixtureFolder();
    const names = ['auth', 'host', 'racks', 'self-managed'];
    const before = names.map(read);
    let staged = 0;
    const failing = new CliConfigFiles(files.directory, async (file, text, mode) => {
      staged += 1;
      if (staged === 3) throw new Error('disk full');
      const temporary = `${file}.test.tmp`;
      fs.writeFileSync(temporary, text, { mode });
      return temporary;
    });
    await assert.rejects(failing.switchTo({ kind: 'aws', name: 'production', host: 'h', password: 'p' }), /disk full/);
    assert.deepEqual(names.map(read), before, 'no file of the set was replaced');
    assert.deepEqual(
      fs.readdirSync(files.directory).sort(),
      ['auth', 'host', 'id', 'racks', 'self-managed'],
      'no staged file is left behind',
    );
  });

  it('two quick switches are applied one after the other, never interleaved', async () => {
    const { files, read } = fixtureFolder();
    const slow = new CliConfigFiles(files.directory, async (file, text, mode) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const temporary = `${file}.slow.tmp`;
      fs.writeFileSync(temporary, text, { mode });
      return temporary;
    });
    const other = new CliConfigFiles(files.directory);
    await Promise.all([
      slow.switchTo({ kind: 'aws', name: 'first', host: 'first.example' }),
      other.switchTo({ kind: 'aws', name: 'second', host: 'second.example' }),
    ]);
    assert.equal(read('host'), 'second.example', 'the later switch wins');
    const selfManaged = JSON.parse(read('self-managed')) as Record<string, string>;
    assert.equal(selfManaged.first, 'first.example', 'the second switch read what the first wrote');
    assert.equal(selfManaged.second, 'second.example');
    assert.equal((JSON.parse(read('racks')) as Record<string, string>)['second.example'], 'second');
  });

  it('a host named constructor or __proto__ is a key like any other, never a prototype lookup', async () => {
    const { files } = fixtureFolder();
    fs.writeFileSync(files.pathOf('host'), 'constructor');
    fs.writeFileSync(files.pathOf('rack'), '');
    fs.writeFileSync(files.pathOf('racks'), '{"__proto__": "acme/proto"}');
    const settings = await files.read();
    assert.equal(currentCliRack(settings), undefined);
    assert.equal(currentCliRack(settings, 'toString'), undefined);
    assert.equal(currentCliRack(settings, '__proto__'), 'acme/proto');
    await files.switchTo({ kind: 'aws', name: 'proto', host: '__proto__' });
    const written = JSON.parse(fs.readFileSync(files.pathOf('racks'), 'utf8')) as Record<string, string>;
    assert.ok(Object.hasOwn(written, '__proto__'));
    assert.equal(written.__proto__, 'proto');
  });

  it('a file it cannot parse is left untouched and named in a clear error', async () => {
    const { files, read } = fixtureFolder();
    fs.writeFileSync(files.pathOf('racks'), '{"broken": ');
    const host = read('host');
    await assert.rejects(files.switchTo({ kind: 'aws', name: 'production', host: 'h' }), (error: unknown) => {
      assert.ok(error instanceof CliConfigError);
      assert.match(error.message, /racks is not valid JSON; it was left as it is$/);
      return true;
    });
    assert.equal(read('racks'), '{"broken": ');
    assert.equal(read('host'), host, 'nothing else was written either');
    fs.writeFileSync(files.pathOf('auth'), '{"a": 1}');
    await assert.rejects(files.read(), /auth is not a JSON object of strings/);
    fs.writeFileSync(files.pathOf('auth'), '{"host": "SECRET-IN-A-BROKEN-FILE"');
    await assert.rejects(
      files.read(),
      (error: unknown) => !(error as Error).message.includes('SECRET'),
      'the error never quotes the file',
    );
  });

  it('formats keyed files as Go does (sorted, HTML characters escaped)', () => {
    assert.equal(formatKeyed({}), '{}');
    assert.equal(formatKeyed({ b: '1', a: '<&>' }), '{\n  "a": "\\u003c\\u0026\\u003e",\n  "b": "1"\n}');
  });

  it('finds the rack the CLI names: full name, stack name, or API host', () => {
    const racks = [
      { name: 'production', fullName: 'acme/production', apiHost: 'api.p' },
      { name: 'staging', fullName: 'acme/staging', apiHost: 'api.s' },
      { name: 'staging', fullName: 'globex/staging', apiHost: 'api.g' },
      { name: 'convox', fullName: 'local/convox' },
    ];
    assert.equal(rackNamedByCli('local/convox', '', racks)?.fullName, 'local/convox');
    assert.equal(rackNamedByCli('production', 'api.p', racks)?.fullName, 'acme/production');
    assert.equal(
      rackNamedByCli('staging', 'api.g', racks)?.fullName,
      'globex/staging',
      'an ambiguous name is settled by the host',
    );
    assert.equal(
      rackNamedByCli('production', 'api.s', racks)?.fullName,
      'acme/staging',
      'the host the CLI talks to wins over an old name',
    );
    assert.equal(rackNamedByCli(undefined, 'api.p', racks)?.fullName, 'acme/production');
    assert.equal(rackNamedByCli('production', '', racks)?.fullName, 'acme/production');
    assert.equal(rackNamedByCli('nowhere', 'elsewhere', racks), undefined);
  });

  it('a full name several racks share names none of them unless the host tells which', () => {
    const racks = [
      { name: 'production', fullName: 'acme/production', apiHost: 'api.east' },
      { name: 'production', fullName: 'acme/production', apiHost: 'api.west' },
    ];
    assert.equal(rackNamedByCli('acme/production', 'elsewhere', racks), undefined);
    assert.equal(rackNamedByCli('acme/production', 'api.west', racks)?.apiHost, 'api.west');
  });
});

describe('CLI files before and after an uninstall, and after an install', () => {
  const host = 'production-1234.us-east-1.elb.amazonaws.com';

  /** The fixture folder after `convox rack install` and `convox switch production`: what an uninstall finds. */
  async function switchedToProduction(): Promise<ReturnType<typeof fixtureFolder>> {
    const folder = fixtureFolder();
    await folder.files.switchTo({ kind: 'aws', name: 'production', host, password: 'FIXTURE-PRODUCTION-PASSWORD' });
    return folder;
  }

  it('removes self-managed[rack] as `convox rack uninstall` does, and its auth, racks and host entries, keeping every other entry', async () => {
    const { files, read, mode } = await switchedToProduction();
    assert.deepEqual(
      JSON.parse(read('self-managed')),
      { homegrown: 'homegrown.example.org', production: host },
      'before',
    );
    assert.deepEqual(
      JSON.parse(read('auth')),
      {
        'console.convox.com': 'FIXTURE-CONSOLE-TOKEN',
        'old.example.org': 'FIXTURE-OLD-PASSWORD',
        [host]: 'FIXTURE-PRODUCTION-PASSWORD',
      },
      'before',
    );
    assert.deepEqual(
      JSON.parse(read('racks')),
      { 'console.convox.com': 'acme/staging', 'other.example.org': 'team/old', [host]: 'production' },
      'before',
    );
    assert.equal(read('host'), host, 'before');

    const changes = await files.update((settings) => uninstallChanges(settings, { name: 'production', host }));

    assert.deepEqual(changes.summary, [
      'self-managed: production removed',
      `auth: ${host} removed`,
      `racks: ${host} removed`,
      `host: ${host} removed`,
    ]);
    assert.ok(!changes.summary.join(' ').includes('PASSWORD'), 'the summary (logged) names keys only');
    assert.deepEqual(JSON.parse(read('self-managed')), { homegrown: 'homegrown.example.org' });
    assert.deepEqual(JSON.parse(read('auth')), {
      'console.convox.com': 'FIXTURE-CONSOLE-TOKEN',
      'old.example.org': 'FIXTURE-OLD-PASSWORD',
    });
    assert.deepEqual(JSON.parse(read('racks')), {
      'console.convox.com': 'acme/staging',
      'other.example.org': 'team/old',
    });
    assert.equal(
      fs.existsSync(files.pathOf('host')),
      false,
      'a host naming the gone rack would send every command to a dead address',
    );
    assert.equal(read('id'), 'abc123-client-id', 'untouched');
    for (const file of ['self-managed', 'auth', 'racks']) assert.equal(mode(file), 0o600, file);
  });

  it('leaves a host naming another rack, and a self-managed entry of the same name at another host (another region)', async () => {
    const { files, read } = fixtureFolder();
    await files.switchTo({
      kind: 'aws',
      name: 'production',
      host: 'production-eu.eu-west-1.elb.amazonaws.com',
      password: 'EU',
    });
    const changes = await files.update((settings) => uninstallChanges(settings, { name: 'production', host }));
    assert.deepEqual(changes.summary, []);
    assert.deepEqual(JSON.parse(read('self-managed')), {
      homegrown: 'homegrown.example.org',
      production: 'production-eu.eu-west-1.elb.amazonaws.com',
    });
    assert.equal(read('host'), 'production-eu.eu-west-1.elb.amazonaws.com');
  });

  it('never writes over a file it cannot parse', async () => {
    const { files, read } = await switchedToProduction();
    fs.writeFileSync(files.pathOf('auth'), '{"broken": ');
    const before = read('self-managed');
    await assert.rejects(
      files.update((settings) => uninstallChanges(settings, { name: 'production', host })),
      CliConfigError,
    );
    assert.equal(read('auth'), '{"broken": ');
    assert.equal(read('self-managed'), before, 'nothing was written');
    assert.equal(read('host'), host);
  });

  it('an install records the rack as `convox rack install` does: auth and self-managed, host only when empty', async () => {
    const { files, read } = fixtureFolder();
    await files.update((settings) =>
      installChanges(settings, { name: 'fresh', host: 'fresh.example.org', password: 'FRESH' }),
    );
    assert.equal(JSON.parse(read('self-managed')).fresh, 'fresh.example.org');
    assert.equal(JSON.parse(read('auth'))['fresh.example.org'], 'FRESH');
    assert.equal(read('host'), 'console.convox.com', 'the CLI is not switched');
    fs.rmSync(files.pathOf('host'));
    const changes = await files.update((settings) =>
      installChanges(settings, { name: 'fresh', host: 'fresh.example.org' }),
    );
    assert.equal(read('host'), 'fresh.example.org', 'an empty host is set');
    assert.deepEqual(changes.summary, ['self-managed: fresh added', 'host: set to fresh.example.org']);
  });
});
