import * as assert from 'node:assert/strict';
import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { describeIgnored, ignoredConfig, type IgnoredEntry, type IniFile } from '../../src/model/ignoredConfig';

const lines = (...text: string[]): string => text.join('\n');

describe('ignored config: sections of the config file', () => {
  it('reports [foo], [profle x] and [profile my profile] at their header, once for all their lines', () => {
    const text = lines(
      '[default]',
      'region = eu-west-1',
      '[foo]',
      'region = us-east-1',
      'output = json',
      '[profle x]',
      'region = us-east-1',
      '[profile my profile]',
      'region = us-east-1',
      '[profile ok]',
      'region = us-east-1',
    );
    assert.deepEqual(ignoredConfig(text, 'config'), [
      { file: 'config', line: 3, reason: 'not-a-profile', section: 'foo' },
      { file: 'config', line: 6, reason: 'unknown-type', section: 'profle x' },
      { file: 'config', line: 8, reason: 'bad-name', section: 'profile my profile' },
    ]);
  });
  it('keeps [default], the three types, quoted names, the name characters and [profile.name]', () => {
    const text = lines(
      '[default]',
      '[profile a]',
      '[profile "b"]',
      "[profile 'c']",
      '[profile h@x.com]',
      '[profile i:j/k%l+m-n_o]',
      '[sso-session s]',
      '[services svc]',
      '[profile.e]',
      '[sso-session.t]',
    );
    assert.deepEqual(ignoredConfig(text, 'config'), []);
  });
  it('tells a known type with a bad name from a section that is no profile at all', () => {
    const text = lines(
      '[profile]',
      '[profile  two]',
      '[profile "d\']',
      '[profile g!]',
      '[sso-session a b]',
      '[services]',
      '[Default]',
      '[ profile f]',
      '[profile-x]',
      '[default x]',
      '[]',
      '[profiles]',
    );
    assert.deepEqual(
      ignoredConfig(text, 'config').map((entry) => [entry.line, entry.reason]),
      [
        [1, 'bad-name'],
        [2, 'bad-name'],
        [3, 'bad-name'],
        [4, 'bad-name'],
        [5, 'bad-name'],
        [6, 'bad-name'],
        [7, 'not-a-profile'],
        [8, 'not-a-profile'],
        [9, 'not-a-profile'],
        [10, 'unknown-type'],
        [11, 'empty-name'],
        [12, 'not-a-profile'],
      ],
    );
  });
  it('reports [default] when [profile default] takes its place, and only when both have settings', () => {
    assert.deepEqual(ignoredConfig(lines('[default]', 'region = a', '[profile default]', 'output = json'), 'config'), [
      { file: 'config', line: 1, reason: 'shadowed-default', section: 'default' },
    ]);
    assert.deepEqual(ignoredConfig(lines('[profile.default]', 'output = json', '[default]', 'region = a'), 'config'), [
      { file: 'config', line: 3, reason: 'shadowed-default', section: 'default' },
    ]);
    assert.deepEqual(ignoredConfig(lines('[default]', 'region = a', '[profile default]'), 'config'), []);
    assert.deepEqual(ignoredConfig(lines('[default]', '[profile default]', 'region = a'), 'config'), []);
    assert.deepEqual(ignoredConfig(lines('[default]', 'region = a', '[profile default]', 's3 ='), 'config'), []);
  });
  it('reports a profile named __proto__ that the loader would put in place of its own prototype', () => {
    assert.deepEqual(ignoredConfig(lines('[profile "__proto__"]', 'region = a', '[profile.__proto__]'), 'config'), [
      { file: 'config', line: 1, reason: 'reserved-name', section: 'profile "__proto__"' },
      { file: 'config', line: 3, reason: 'reserved-name', section: 'profile.__proto__' },
    ]);
  });
});

describe('ignored config: sections of the credentials file', () => {
  it('keeps plain names, dotted names and names the loader cannot split into a type and a name', () => {
    assert.deepEqual(ignoredConfig(lines('[a]', 'k = v', '[x.y]', '[has space!]', '[profile b]'), 'credentials'), []);
  });
  it('reports [my profile], [] and names inherited by every object', () => {
    const text = lines('[my profile]', 'k = v', '[]', 'k = v', '[constructor]', 'k = v', '[toString]', '[ok]', 'k = v');
    assert.deepEqual(ignoredConfig(text, 'credentials'), [
      { file: 'credentials', line: 1, reason: 'unknown-type', section: 'my profile' },
      { file: 'credentials', line: 3, reason: 'empty-name', section: '' },
      { file: 'credentials', line: 5, reason: 'reserved-name', section: 'constructor' },
      { file: 'credentials', line: 7, reason: 'reserved-name', section: 'toString' },
    ]);
  });
  it('does not hold [foo] against the credentials file', () => {
    assert.deepEqual(ignoredConfig(lines('[foo]', 'aws_access_key_id = AKIA'), 'credentials'), []);
  });
});

describe('ignored config: __proto__ sections', () => {
  for (const file of ['config', 'credentials'] as const) {
    it(`report the whole ${file} file and nothing else`, () => {
      const text = lines('[foo]', 'region', '[__proto__]', 'x = y', '[profile __proto__]');
      assert.deepEqual(ignoredConfig(text, file), [{ file, line: 3, reason: 'whole-file', section: '__proto__' }]);
      assert.deepEqual(ignoredConfig(lines('[default]', '[profile __proto__]'), file), [
        { file, line: 2, reason: 'whole-file', section: 'profile __proto__' },
      ]);
    });
  }
});

describe('ignored config: lines', () => {
  for (const file of ['config', 'credentials'] as const) {
    it(`reports lines of the ${file} file without = or starting with =, naming their section`, () => {
      const text = lines(
        '[default]',
        'region = a',
        'region',
        '= a',
        '  =a',
        '[profile x]',
        'aws region eu-west-1',
        '[broken',
        'k = v',
      );
      assert.deepEqual(ignoredConfig(text, file), [
        { file, line: 3, reason: 'not-key-value', section: 'default' },
        { file, line: 4, reason: 'not-key-value', section: 'default' },
        { file, line: 5, reason: 'not-key-value', section: 'default' },
        { file, line: 7, reason: 'not-key-value', section: 'profile x' },
        { file, line: 8, reason: 'not-key-value', section: 'profile x' },
      ]);
    });
    it(`reports lines of the ${file} file above the first section, with their key`, () => {
      const text = lines(
        '',
        'region = a',
        'output=json',
        's3 =',
        '  max_concurrent_requests = 10',
        'stray',
        '[default]',
        'region = b',
      );
      assert.deepEqual(ignoredConfig(text, file), [
        { file, line: 2, reason: 'before-section', key: 'region' },
        { file, line: 3, reason: 'before-section', key: 'output' },
        { file, line: 4, reason: 'before-section', key: 's3' },
        { file, line: 5, reason: 'before-section', key: 'max_concurrent_requests' },
        { file, line: 6, reason: 'not-key-value' },
      ]);
    });
  }
  it('reports no line of a section it reports whole', () => {
    assert.deepEqual(ignoredConfig(lines('[foo]', 'stray', '= x', '[profle y]', 'stray'), 'config'), [
      { file: 'config', line: 1, reason: 'not-a-profile', section: 'foo' },
      { file: 'config', line: 4, reason: 'unknown-type', section: 'profle y' },
    ]);
  });
  it('does not report blank lines, comments, sub-sections or empty values', () => {
    const text = lines(
      '# top comment',
      '; another',
      '   ',
      '[profile dev] # trailing comment',
      'region = eu-west-1 ; why this region',
      '\t# indented comment',
      's3 =',
      '  max_concurrent_requests = 10',
      '  multipart_threshold = 64MB',
      'services = local',
      'output =',
      '[services local]',
      'cloudformation =',
      '  endpoint_url = http://localhost:4566',
      'ecs =',
      '  endpoint_url = http://localhost:4566',
      // A value that ends in ] is no section header.
      'note = see [docs]',
      '',
    );
    assert.deepEqual(ignoredConfig(text, 'config'), []);
  });
  it('takes # and ; glued to text as part of the line, as the loader does', () => {
    const text = lines('[default]', 'region#x', '[profile a];x', 'k = v');
    assert.deepEqual(ignoredConfig(text, 'config'), [
      { file: 'config', line: 2, reason: 'not-key-value', section: 'default' },
      { file: 'config', line: 3, reason: 'not-key-value', section: 'default' },
    ]);
  });
  it('counts CRLF lines as the loader does', () => {
    const text = ['[default]', 'region = a', '', 'stray', '[foo]', 'k = v', 'x = y', '[profile b]', '=v', ''].join(
      '\r\n',
    );
    assert.deepEqual(ignoredConfig(text, 'config'), [
      { file: 'config', line: 4, reason: 'not-key-value', section: 'default' },
      { file: 'config', line: 5, reason: 'not-a-profile', section: 'foo' },
      { file: 'config', line: 9, reason: 'not-key-value', section: 'profile b' },
    ]);
  });
});

describe('ignored config: log messages', () => {
  it('name the file by its kind and the line, and say what the loader wants instead', () => {
    const expected: Array<[IgnoredEntry, string]> = [
      [
        { file: 'config', line: 12, reason: 'not-a-profile', section: 'foo' },
        '~/.aws/config line 12: section [foo] is ignored; profiles in the config file are written [profile foo].',
      ],
      [
        { file: 'config', line: 2, reason: 'not-a-profile', section: 'foo bar baz' },
        '~/.aws/config line 2: section [foo bar baz] is ignored; the config file reads only [default], [profile name], [sso-session name] and [services name].',
      ],
      [
        { file: 'config', line: 3, reason: 'bad-name', section: 'sso-session my session' },
        "~/.aws/config line 3: section [sso-session my session] is ignored; the name after 'sso-session' must be one word of letters, digits and _-@+.%:/ (quotes allowed).",
      ],
      [
        { file: 'credentials', line: 4, reason: 'unknown-type', section: 'my profile' },
        "~/.aws/credentials line 4: section [my profile] is ignored; a name with a space is read as '<type> <name>', and 'my' is not profile, sso-session or services.",
      ],
      [
        { file: 'credentials', line: 5, reason: 'whole-file', section: '__proto__' },
        '~/.aws/credentials line 5: section [__proto__] makes the AWS SDK reject the whole file; none of its profiles are read.',
      ],
      [
        { file: 'config', line: 6, reason: 'empty-name', section: '' },
        '~/.aws/config line 6: section [] is ignored, with its lines; it has no name.',
      ],
      [
        { file: 'credentials', line: 7, reason: 'reserved-name', section: 'constructor' },
        '~/.aws/credentials line 7: section [constructor] is ignored; the AWS SDK cannot keep a profile by that name.',
      ],
      [
        { file: 'config', line: 8, reason: 'shadowed-default', section: 'default' },
        '~/.aws/config line 8: section [default] is ignored; [profile default] in the same file takes its place.',
      ],
      [
        { file: 'config', line: 9, reason: 'not-key-value', section: 'profile x' },
        "~/.aws/config line 9 in [profile x] is not 'key = value' and is ignored.",
      ],
      [
        { file: 'credentials', line: 1, reason: 'not-key-value' },
        "~/.aws/credentials line 1 is not 'key = value' and is ignored.",
      ],
      [
        { file: 'config', line: 2, reason: 'before-section', key: 'region' },
        '~/.aws/config line 2: key region comes before any [section] and is ignored.',
      ],
      [
        { file: 'config', line: 3, reason: 'before-section' },
        '~/.aws/config line 3: a setting comes before any [section] and is ignored.',
      ],
    ];
    for (const [entry, message] of expected) assert.equal(describeIgnored(entry), message);
  });
});

describe('ignored config: secrets', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETMARKER';
  const command = '/usr/local/bin/vault-creds --token PROCESSMARKER';
  const token = 'IQoJb3JpZ2luTOKENMARKER+abc==';
  const files: Record<IniFile, string> = {
    config: lines(
      `aws_secret_access_key = ${secret}`,
      token,
      `${secret}`,
      '[foo]',
      `credential_process = ${command}`,
      '[profile dev]',
      `credential_process = ${command}`,
      `${secret} ${command}`,
      `=${secret}`,
      '[default]',
      `aws_secret_access_key = ${secret}`,
      '[profile default]',
      `credential_process = ${command}`,
    ),
    credentials: lines(
      token,
      `aws_secret_access_key=${secret}`,
      '[my profile]',
      `aws_secret_access_key = ${secret}`,
      '[default]',
      `aws_secret_access_key ${secret}`,
      `aws_session_token = ${token}`,
      `= ${token}`,
    ),
  };
  for (const file of ['config', 'credentials'] as const) {
    it(`never puts a value or a malformed line of the ${file} file in an entry or a message`, () => {
      const entries = ignoredConfig(files[file], file);
      assert.deepEqual(
        entries.map((entry) => entry.line),
        file === 'config' ? [1, 2, 3, 4, 8, 9, 10] : [1, 2, 3, 6, 8],
      );
      const reported = JSON.stringify(entries) + entries.map(describeIgnored).join('\n');
      for (const marker of ['SECRETMARKER', 'PROCESSMARKER', 'TOKENMARKER', 'IQoJ', 'wJalr', 'vault']) {
        assert.ok(!reported.includes(marker), `${file} report contains ${marker}`);
      }
    });
  }
});

describe('ignored config: agrees with the SDK loader', () => {
  let files = 0;
  /** The header lines of the sections the SDK keeps, found by the marker each fixture section holds. */
  async function keptByLoader(text: string, file: IniFile): Promise<number[]> {
    files += 1;
    const path = `/nonexistent/ignored-config-test-${files}`;
    externalDataInterceptor.interceptFile(path, text);
    const loaded = await loadSharedConfigFiles(
      file === 'config'
        ? { configFilepath: path, filepath: `${path}-none` }
        : { configFilepath: `${path}-none`, filepath: path },
    );
    const sections = Object.values(file === 'config' ? loaded.configFile : loaded.credentialsFile);
    return sections.map((section) => Number(section.marker)).sort((a, b) => a - b);
  }
  /** A file with one section per header, each holding `marker = <header line>` and a sub-section. */
  function fixture(headers: string[]): { text: string; headerLines: number[] } {
    const text = headers.flatMap((header, index) => [
      `[${header}]`,
      `marker = ${index * 4 + 1}`,
      's3 =',
      '  max_concurrent_requests = 10',
    ]);
    return { text: text.join('\n'), headerLines: headers.map((_, index) => index * 4 + 1) };
  }
  async function agree(headers: string[], file: IniFile): Promise<void> {
    const { text, headerLines } = fixture(headers);
    const reported = new Set(ignoredConfig(text, file).map((entry) => entry.line));
    assert.deepEqual(
      headerLines.filter((line) => !reported.has(line)),
      await keptByLoader(text, file),
    );
  }
  const mixed = [
    'default',
    'profile a',
    'profile "b"',
    "profile 'c'",
    'profile "d\'',
    'profile.e',
    'sso-session s',
    'services svc',
    'foo',
    'profile my profile',
    'profile  two',
    'profle x',
    'profile',
    '',
    ' profile f',
    'profile g!',
    'Default',
    'default x',
    'profile h@x.com',
    'x.y',
    'has space!',
    'my profile',
  ];
  it('on which sections of the config file are kept', async () => {
    await agree(mixed, 'config');
    await agree(['default', 'profile default'], 'config');
    await agree(['profile.default', 'default', 'profile x'], 'config');
  });
  it('on which sections of the credentials file are kept', async () => {
    await agree(mixed, 'credentials');
  });
  it('on a __proto__ section emptying the whole file', async () => {
    const { text } = fixture(['a', 'profile b', '__proto__']);
    assert.deepEqual(await keptByLoader(text, 'config'), []);
    assert.deepEqual(await keptByLoader(text, 'credentials'), []);
    assert.deepEqual(
      ignoredConfig(text, 'config').map((entry) => entry.reason),
      ['whole-file'],
    );
  });
});
