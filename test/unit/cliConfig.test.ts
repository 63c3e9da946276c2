import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CliConfigFiles } from '../../src/cli/configFiles';
import { CliConfigError, currentCliRack, formatKeyed, rackNamedByCli } from '../../src/model/cli/cliSettings';
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
  const directory = cliConfigDirectory({ env: { CONVOX_CONFIG: copy }, home: root, platform: 'linux', exists: fs.existsSync });
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
    assert.deepEqual(cliConfigDirectory({ env: { CONVOX_CONFIG: '/tmp/c', XDG_CONFIG_HOME: '/x' }, home, platform: 'linux', exists }), { path: '/tmp/c', rule: 'CONVOX_CONFIG' });
  });
  it('else the XDG directory + convox2, honouring XDG_CONFIG_HOME', () => {
    assert.deepEqual(cliConfigDirectory({ env: {}, home, platform: 'linux', exists: none }), { path: '/home/ada/.config/convox2', rule: 'xdg' });
    assert.deepEqual(cliConfigDirectory({ env: { XDG_CONFIG_HOME: '/cfg' }, home, platform: 'linux', exists: none }), { path: '/cfg/convox2', rule: 'xdg' });
    assert.equal(cliConfigDirectory({ env: {}, home, platform: 'darwin', exists: none }).path, '/home/ada/Library/Preferences/convox2');
  });
  it('else the legacy ~/.convox while it is the one in use', () => {
    const legacyOnly = (directory: string): boolean => directory === '/home/ada/.convox';
    assert.deepEqual(cliConfigDirectory({ env: {}, home, platform: 'linux', exists: legacyOnly }), { path: '/home/ada/.convox', rule: 'legacy' });
    const both = (): boolean => true;
    assert.equal(cliConfigDirectory({ env: {}, home, platform: 'linux', exists: both }).rule, 'xdg', 'once convox2 exists the CLI uses it');
  });
});

describe('CLI configuration files', () => {
  it('switching to an AWS rack writes self-managed, auth, host and racks as the CLI does, keeping every other entry', async () => {
    const { files, read } = fixtureFolder();
    await files.switchTo({ kind: 'aws', name: 'production', host: 'api.production.example.com', password: 'MARKER-RACK-PASSWORD' });
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
    assert.deepEqual(JSON.parse(read('racks')), { 'api.production.example.com': 'production', 'console.convox.com': 'acme/staging', 'other.example.org': 'team/old' });
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

  it('an interrupted write leaves the old file whole', async () => {
    const { files, read } = fixtureFolder();
    const before = read('self-managed');
    const interrupted = new CliConfigFiles(files.directory, (file, text, mode) =>
      writeFileAtomic(file, text, {
        mode,
        tmpfileCreated: () => {
          throw new Error('interrupted');
        },
      }),
    );
    await assert.rejects(interrupted.switchTo({ kind: 'aws', name: 'production', host: 'h' }), /interrupted/);
    assert.equal(read('self-managed'), before);
    assert.deepEqual(
      fs.readdirSync(files.directory).sort(),
      ['auth', 'host', 'id', 'racks', 'self-managed'],
      'no temporary file is left behind',
    );
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
    await assert.rejects(files.read(), (error: unknown) => !(error as Error).message.includes('SECRET'), 'the error never quotes the file');
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
    assert.equal(rackNamedByCli('staging', 'api.g', racks)?.fullName, 'globex/staging', 'an ambiguous name is settled by the host');
    assert.equal(rackNamedByCli('production', 'api.s', racks)?.fullName, 'acme/staging', 'the host the CLI talks to wins over an old name');
    assert.equal(rackNamedByCli(undefined, 'api.p', racks)?.fullName, 'acme/production');
    assert.equal(rackNamedByCli('production', '', racks)?.fullName, 'acme/production');
    assert.equal(rackNamedByCli('nowhere', 'elsewhere', racks), undefined);
  });
});
