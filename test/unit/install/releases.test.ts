import * as assert from 'node:assert/strict';
import { generatePassword, passwordLength } from '../../../src/model/install/password';
import {
  installableReleases,
  latestRelease,
  mirrorHost,
  parseReleases,
  ReleaseListError,
  templateUrl,
  versionProblem,
} from '../../../src/model/install/releases';
import { parseReleasesUrl, SettingsError } from '../../../src/model/settings';

describe('release list', () => {
  const list = JSON.stringify([
    { version: '20250101120000', description: 'old', published: true, required: false },
    { version: '20260301000000', description: 'hotfix published later', published: true, required: true },
    { version: '20260201000000', description: 'newest name, published last', published: true, required: false },
    { version: '20260401000000', description: 'draft', published: false, required: false },
  ]);

  it('latest is the last published in list order, never sorted by name', () => {
    const releases = parseReleases(list);
    assert.equal(latestRelease(releases)?.version, '20260201000000');
    assert.deepEqual(
      installableReleases(releases).map((release) => release.version),
      ['20260201000000', '20260301000000', '20250101120000'],
    );
  });

  it('a malformed list is refused with what was wrong', () => {
    assert.throws(
      () => parseReleases('<html>'),
      (error: unknown) => error instanceof ReleaseListError && /not JSON/.test(error.message),
    );
    assert.throws(() => parseReleases('{"version":"1"}'), /not a JSON array/);
    assert.throws(() => parseReleases('[{"description":"x"}]'), /Release 1 of the list has no valid "version"/);
    assert.throws(() => parseReleases('[1]'), /not an object/);
  });

  it('a typed release is checked', () => {
    assert.equal(versionProblem('20250101120000'), undefined);
    assert.match(versionProblem('') ?? '', /Type a release/);
    assert.match(versionProblem('../x') ?? '', /letters, digits/);
  });

  it('the setting convox.releasesUrl takes an http(s) URL, else says what is wrong', () => {
    assert.equal(parseReleasesUrl(undefined), 'https://convox.s3.amazonaws.com/release/versions.json');
    assert.equal(
      parseReleasesUrl('http://127.0.0.1:9/release/versions.json'),
      'http://127.0.0.1:9/release/versions.json',
    );
    assert.throws(
      () => parseReleasesUrl('ftp://x/versions.json'),
      (error: unknown) => error instanceof SettingsError && error.setting === 'convox.releasesUrl',
    );
  });

  it('the template sits beside the list', () => {
    assert.equal(
      templateUrl('https://convox.s3.amazonaws.com/release/versions.json', '20250101120000'),
      'https://convox.s3.amazonaws.com/release/20250101120000/rack.json',
    );
  });
});

describe('release list entries', () => {
  it('keeps each entry’s description, and is published or required only when it says true', () => {
    const releases = parseReleases(
      JSON.stringify([
        { version: '20250101120000', description: 'first', published: true, required: true },
        { version: '20250201120000', description: 7, published: 'true', required: 'true' },
        { version: '20250301120000' },
      ]),
    );
    assert.deepEqual(releases, [
      { version: '20250101120000', description: 'first', published: true, required: true },
      { version: '20250201120000', description: '', published: false, required: false },
      { version: '20250301120000', description: '', published: false, required: false },
    ]);
  });

  it('names the entry that is wrong, counting from 1', () => {
    assert.throws(
      () => parseReleases('[{"version":"1"}, null]'),
      /^ReleaseListError: Release 2 of the list is not an object\.$/,
    );
    assert.throws(
      () => parseReleases('[{"version":"1"}, {"version":"../rack"}]'),
      /^ReleaseListError: Release 2 of the list has no valid "version"\.$/,
    );
  });

  it('a typed release is checked to its end', () => {
    assert.match(versionProblem('20250101120000/../x') ?? '', /letters, digits/);
    assert.equal(versionProblem('v1.2_rc-3'), undefined);
  });

  it('a list address without a scheme is shown whole', () => {
    assert.equal(mirrorHost('mirror.example.com/versions.json'), 'mirror.example.com/versions.json');
  });
});

describe('rack password', () => {
  it('is 30 letters A–Z a–z and differs each time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) {
      assert.equal(password.length, passwordLength);
      assert.match(password, /^[A-Za-z]{30}$/);
    }
    assert.equal(new Set(passwords).size, passwords.length);
    const seen = new Set(passwords.join(''));
    assert.ok(seen.size > 45, 'uses most of the alphabet');
  });
});
