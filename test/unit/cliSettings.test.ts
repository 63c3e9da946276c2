import * as assert from 'node:assert/strict';
import { installChanges, parseKeyed, uninstallChanges, type CliSettings } from '../../src/model/cli/cliSettings';
import { cliConfigDirectory } from '../../src/model/cli/configDirectory';

const notAnObject = (file: string) => ({
  name: 'CliConfigError',
  message: `${file} is not a JSON object of strings, as the convox CLI writes it; it was left as it is`,
});

describe("a keyed CLI file's content", () => {
  it('is empty when the file is empty or holds only blank lines, as the CLI reads it', () => {
    assert.deepEqual({ ...parseKeyed('auth', '') }, {});
    assert.deepEqual({ ...parseKeyed('auth', '  \n\t\n') }, {});
  });

  it('is the JSON object of strings the file holds, surrounding blank lines ignored', () => {
    assert.deepEqual({ ...parseKeyed('racks', '\n{"h1": "a", "h2": "b"}\n') }, { h1: 'a', h2: 'b' });
  });

  for (const [what, text] of [
    ['null', 'null'],
    ['a string', '"host"'],
    ['a number', '42'],
    ['an array of strings', '["a", "b"]'],
    ['an object with a value that is not a string', '{"a": "x", "b": 1}'],
  ]) {
    it(`is refused, as a CliConfigError naming the file, when it is ${what}`, () => {
      assert.throws(() => parseKeyed('self-managed', text), notAnObject('self-managed'));
    });
  }

  it('is refused, as a CliConfigError, when it is not JSON', () => {
    assert.throws(() => parseKeyed('auth', '{'), {
      name: 'CliConfigError',
      message: 'auth is not valid JSON; it was left as it is',
    });
  });
});

const settings = (overrides: Partial<CliSettings> = {}): CliSettings => ({
  host: 'console.convox.com',
  rack: '',
  auth: { 'console.convox.com': 'CONSOLE' },
  racks: {},
  selfManaged: { other: 'other.example' },
  ...overrides,
});

describe('CLI file changes of an install and an uninstall', () => {
  it('an install with a password records it in auth and removes no file', () => {
    assert.deepEqual(installChanges(settings(), { name: 'fresh', host: 'fresh.example', password: 'PW' }), {
      plain: {},
      keyed: {
        'self-managed': { other: 'other.example', fresh: 'fresh.example' },
        auth: { 'console.convox.com': 'CONSOLE', 'fresh.example': 'PW' },
      },
      removed: [],
      summary: ['self-managed: fresh added', 'auth: fresh.example added'],
    });
  });

  it('an uninstall of a rack that never had an API host changes nothing', () => {
    assert.deepEqual(uninstallChanges(settings(), { name: 'other' }), {
      plain: {},
      keyed: {},
      removed: [],
      summary: [],
    });
  });

  it('an uninstall of a rack the CLI files do not know changes nothing', () => {
    assert.deepEqual(uninstallChanges(settings(), { name: 'gone', host: 'gone.example' }), {
      plain: {},
      keyed: {},
      removed: [],
      summary: [],
    });
  });
});

describe('CLI configuration directory on Windows', () => {
  const none = (): boolean => false;

  it('is under LOCALAPPDATA', () => {
    assert.equal(
      cliConfigDirectory({
        env: { LOCALAPPDATA: '/local-app-data' },
        home: '/home/ada',
        platform: 'win32',
        exists: none,
      }).path,
      '/local-app-data/convox2',
    );
  });

  it('is under the home AppData/Local when LOCALAPPDATA is not set', () => {
    assert.deepEqual(cliConfigDirectory({ env: {}, home: '/home/ada', platform: 'win32', exists: none }), {
      path: '/home/ada/AppData/Local/convox2',
      rule: 'xdg',
    });
  });
});
