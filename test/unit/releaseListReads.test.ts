import * as assert from 'node:assert/strict';
import { ReleaseListError, type Release } from '../../src/model/install/releases';
import type { ListValidators, ReleaseListRead } from '../../src/model/store/ports';
import {
  keptForm,
  maxKeptReleases,
  parseKeptReleaseList,
  releaseListMaxAgeMs,
  releaseListRetryMs,
  ReleaseListReads,
  usableValidator,
  type KeptReleaseList,
} from '../../src/model/store/releaseListReads';
import { VirtualClock } from '../virtualClock';

const url = 'https://convox.s3.amazonaws.com/release/versions.json';
const hourMs = 60 * 60 * 1000;

function release(version: string, options: Partial<Release> = {}): Release {
  return { version, description: '', published: true, required: false, ...options };
}

/** A release list server in memory: what it holds, what each read sent, and whether it is reachable. */
class FakeCatalog {
  releases: Release[] = [release('20250101120000'), release('20250601000000')];
  etag = '"v1"';
  reads: Array<ListValidators | undefined> = [];
  failure: Error | undefined;
  /** Answers 304 whatever was sent, as a broken server might. */
  alwaysUnchanged = false;
  /** Reads wait for `answer()` while set. */
  held: Array<() => void> | undefined;

  read = async (_url: string, _deadlineMs: number, known?: ListValidators): Promise<ReleaseListRead> => {
    this.reads.push(known);
    if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
    if (this.failure) throw this.failure;
    if (this.alwaysUnchanged || known?.etag === this.etag) return { kind: 'unchanged' };
    return { kind: 'changed', releases: [...this.releases], validators: { etag: this.etag } };
  };

  answer(): void {
    const waiting = this.held ?? [];
    this.held = undefined;
    waiting.forEach((resolve) => resolve());
  }

  /** Answers the oldest read still waiting; the others keep waiting. */
  answerFirst(): void {
    this.held?.shift()?.();
  }
}

function setUp(kept?: KeptReleaseList): {
  catalog: FakeCatalog;
  clock: VirtualClock;
  list: ReleaseListReads;
  logged: string[];
  saved: KeptReleaseList[];
  changes: () => number;
} {
  const catalog = new FakeCatalog();
  const clock = new VirtualClock();
  const logged: string[] = [];
  const saved: KeptReleaseList[] = [];
  let changed = 0;
  const list = new ReleaseListReads(catalog.read, {
    now: () => clock.now(),
    log: (message) => logged.push(message),
    changed: () => (changed += 1),
    keeper: { load: () => kept, save: (each) => saved.push(each) },
  });
  return { catalog, clock, list, logged, saved, changes: () => changed };
}

/** Lets the promises of a read settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the release list, read once a day and shared', () => {
  it('is read once for many rows, and the rows hear when it arrives', async () => {
    const { catalog, list, changes, logged } = setUp();
    catalog.held = [];
    for (let row = 0; row < 20; row += 1) assert.equal(list.known(url, 5_000), undefined, 'no list yet');
    const install = list.get(url, 5_000);
    catalog.answer();
    assert.deepEqual(
      (await install).map((each) => each.version),
      ['20250101120000', '20250601000000'],
    );
    assert.equal(catalog.reads.length, 1, 'one read for twenty rows and Install');
    assert.deepEqual(catalog.reads, [undefined], 'the first read is a plain one');
    assert.equal(changes(), 1);
    assert.equal(list.known(url, 5_000)?.length, 2);
    assert.deepEqual(logged, ['Read the release list: 2 releases.']);
  });

  it('is not read again within a day, then read with a conditional request whose 304 keeps the list', async () => {
    const { catalog, clock, list, changes, logged, saved } = setUp();
    const first = await list.get(url, 5_000);
    clock.advance(releaseListMaxAgeMs - 1);
    list.known(url, 5_000);
    assert.equal(await list.get(url, 5_000), first);
    assert.equal(catalog.reads.length, 1, 'not read again within a day');

    clock.advance(1);
    assert.equal(list.known(url, 5_000), first, 'the rows keep showing the list while it is read again');
    await settle();
    assert.deepEqual(catalog.reads[1], { etag: '"v1"' }, 'the second read sends the ETag it was given');
    assert.equal(list.known(url, 5_000), first, 'a 304 keeps the list');
    assert.equal(changes(), 1, 'an unchanged list redraws nothing');
    assert.match(logged.at(-1) ?? '', /unchanged since it was last read \(HTTP 304\)/);
    assert.equal(saved.at(-1)?.checkedAt, releaseListMaxAgeMs, 'kept with the time it was confirmed');
    clock.advance(releaseListMaxAgeMs - 1);
    list.known(url, 5_000);
    assert.equal(catalog.reads.length, 2, 'a 304 counts as a read: the next one is a day later');
  });

  it('takes a changed list, and tells the rows only when what they show changed', async () => {
    const { catalog, clock, list, changes, logged } = setUp();
    await list.get(url, 5_000);
    catalog.releases.push(release('20250701000000'));
    catalog.etag = '"v2"';
    clock.advance(releaseListMaxAgeMs);
    assert.equal((await list.get(url, 5_000)).length, 3);
    assert.equal(changes(), 2);
    assert.equal(logged.at(-1), 'Read the release list: 3 releases.');
    catalog.releases[0] = { ...catalog.releases[0], description: 'Only the words changed' };
    catalog.etag = '"v3"';
    clock.advance(releaseListMaxAgeMs);
    assert.equal((await list.get(url, 5_000))[0].description, 'Only the words changed');
    assert.equal(changes(), 2, 'the rows show no description');
    catalog.releases[1] = { ...catalog.releases[1], published: false };
    catalog.etag = '"v4"';
    clock.advance(releaseListMaxAgeMs);
    await list.get(url, 5_000);
    assert.equal(changes(), 3, 'a release withdrawn changes what the rows count');
  });

  it('keeps the read of a new URL in flight when the read of the old one ends', async () => {
    const { catalog, list } = setUp();
    const mirror = 'https://mirror.example.com/convox/versions.json';
    catalog.held = [];
    list.known(url, 5_000);
    list.known(mirror, 5_000);
    catalog.answerFirst();
    await settle();
    list.known(mirror, 5_000);
    assert.equal(catalog.reads.length, 2, "the mirror's read is joined, not started again");
    catalog.answer();
    await settle();
    assert.equal(list.known(mirror, 5_000)?.length, 2);
  });

  it('reads again at once for another URL (the setting changed)', async () => {
    const { catalog, list } = setUp();
    await list.get(url, 5_000);
    const mirror = 'https://mirror.example.com/convox/versions.json';
    assert.equal(list.known(mirror, 5_000), undefined, 'no list of the mirror yet');
    await settle();
    assert.deepEqual(catalog.reads, [undefined, undefined], 'a plain read: the validators belong to the other list');
    assert.equal(list.known(mirror, 5_000)?.length, 2);
  });

  it('when unreachable, leaves the rows without a list, logs once, and lets the rows try again an hour later', async () => {
    const { catalog, clock, list, logged, changes } = setUp();
    catalog.failure = new ReleaseListError('Could not fetch the release list from https://convox.s3.amazonaws.com.');
    for (let row = 0; row < 5; row += 1) {
      assert.equal(list.known(url, 5_000), undefined);
      await settle();
    }
    assert.equal(catalog.reads.length, 1, 'the rows do not try again at once');
    await assert.rejects(list.get(url, 5_000), ReleaseListError, 'Install and Update try again, and say why it failed');
    assert.equal(catalog.reads.length, 2);
    catalog.failure = new ReleaseListError('https://convox.s3.amazonaws.com/release/versions.json answered HTTP 503.');
    clock.advance(releaseListRetryMs);
    list.known(url, 5_000);
    await settle();
    assert.equal(catalog.reads.length, 3, 'an hour later the rows try again');
    assert.deepEqual(
      logged,
      ['The release list could not be read: Could not fetch the release list from https://convox.s3.amazonaws.com.'],
      'one line for the outage, however its reason changes',
    );
    assert.equal(changes(), 0, 'nothing to redraw');

    catalog.failure = undefined;
    clock.advance(releaseListRetryMs);
    list.known(url, 5_000);
    await settle();
    assert.equal(list.known(url, 5_000)?.length, 2);
    assert.equal(changes(), 1);
  });

  it('keeps the list it has when a read a day later fails, and logs each outage', async () => {
    const { catalog, clock, list, logged } = setUp();
    const first = await list.get(url, 5_000);
    catalog.failure = new Error('offline');
    clock.advance(releaseListMaxAgeMs);
    list.known(url, 5_000);
    await settle();
    assert.equal(list.known(url, 5_000), first);
    assert.equal(catalog.reads.length, 2);
    catalog.failure = undefined;
    await list.get(url, 5_000);
    catalog.failure = new Error('offline');
    clock.advance(releaseListMaxAgeMs);
    await assert.rejects(list.get(url, 5_000));
    assert.equal(logged.filter((line) => line.endsWith(': offline')).length, 2, 'a new outage after a good read');
  });

  it('refuses a 304 to a list it never read', async () => {
    const { catalog, list } = setUp();
    catalog.alwaysUnchanged = true;
    await assert.rejects(list.get(url, 5_000), /"not modified" to a list never read/);
  });

  it('starts from the list kept by an earlier session, and reads nothing while it is less than a day old', async () => {
    const kept: KeptReleaseList = {
      url,
      releases: [release('20250101120000')],
      validators: { etag: '"v0"', lastModified: 'Wed, 01 Jan 2025 12:00:00 GMT' },
      checkedAt: 0,
    };
    const { catalog, clock, list, saved } = setUp(kept);
    clock.advance(releaseListMaxAgeMs - 1);
    assert.equal(list.known(url, 5_000)?.length, 1);
    assert.equal(catalog.reads.length, 0);
    clock.advance(1);
    list.known(url, 5_000);
    await settle();
    assert.deepEqual(catalog.reads, [kept.validators], 'read again with what the earlier session was given');
    assert.equal(saved.at(-1)?.releases.length, 2);
  });

  it('reads again when the kept list says it was checked in the future (the clock was set back)', () => {
    const { catalog, list } = setUp({ url, releases: [], validators: {}, checkedAt: hourMs });
    list.known(url, 5_000);
    assert.equal(catalog.reads.length, 1);
  });
});

describe('the release list as kept between sessions', () => {
  const kept: KeptReleaseList = {
    url,
    releases: [release('20250101120000', { description: 'Older release' }), release('20250601000000')],
    validators: { etag: '"abc"', lastModified: 'Sun, 01 Jun 2025 00:00:00 GMT' },
    checkedAt: 1_750_000_000_000,
  };

  it('keeps only validators that can be sent back as they came', () => {
    assert.equal(usableValidator('"abc"'), '"abc"');
    assert.equal(usableValidator('W/"abc"'), 'W/"abc"');
    assert.equal(usableValidator(null), undefined, 'no header');
    assert.equal(usableValidator(''), undefined);
    assert.equal(usableValidator('x'.repeat(256)), 'x'.repeat(256));
    assert.equal(usableValidator('x'.repeat(257)), undefined, 'too long');
    assert.equal(usableValidator('"é"'), undefined, 'not printable ASCII');
  });

  it('reads back what it stored', () => {
    assert.deepEqual(parseKeptReleaseList(JSON.parse(JSON.stringify(keptForm(kept)))), kept);
    const withoutValidators = { ...kept, validators: {} };
    assert.deepEqual(parseKeptReleaseList(keptForm(withoutValidators)), withoutValidators);
  });

  it('drops the whole list when any part is not what this version writes', () => {
    const stored = keptForm(kept) ?? assert.fail('kept');
    const broken: Array<[string, unknown]> = [
      ['nothing', undefined],
      ['a string', 'list'],
      ['no URL', { ...stored, url: undefined }],
      ['a URL with a password', { ...stored, url: 'https://user:secret@mirror.example.com/versions.json' }],
      ['no time', { ...stored, checkedAt: '1750000000000' }],
      ['an endless time', { ...stored, checkedAt: Number.POSITIVE_INFINITY }],
      ['releases not a list', { ...stored, releases: {} }],
      ['a release without version', { ...stored, releases: [{ description: '', published: true, required: false }] }],
      ['a version no URL may hold', { ...stored, releases: [{ ...release('../x') }] }],
      ['a flag not boolean', { ...stored, releases: [{ ...release('1'), published: 'yes' }] }],
      ['a required flag not boolean', { ...stored, releases: [{ ...release('1'), required: 1 }] }],
      ['one bad release among good ones', { ...stored, releases: [release('1'), { ...release('2'), version: 2 }] }],
      ['a description not text', { ...stored, releases: [{ ...release('1'), description: 1 }] }],
      ['a long description', { ...stored, releases: [release('1', { description: 'x'.repeat(501) })] }],
      ['a release not an object', { ...stored, releases: [null] }],
      ['too many releases', { ...stored, releases: Array.from({ length: maxKeptReleases + 1 }, () => release('1')) }],
      ['an ETag not text', { ...stored, etag: 1 }],
      ['an ETag with a line break', { ...stored, etag: '"a"\r\nX-Evil: 1' }],
      ['a long Last-Modified', { ...stored, lastModified: 'x'.repeat(257) }],
    ];
    for (const [what, value] of broken) assert.equal(parseKeptReleaseList(value), undefined, what);
  });

  it('is not stored when too big, or from a URL with a user, password or query', () => {
    assert.equal(keptForm({ ...kept, url: 'https://user:secret@mirror.example.com/versions.json' }), undefined);
    assert.equal(keptForm({ ...kept, url: 'https://mirror.example.com/versions.json?token=secret' }), undefined);
    assert.equal(keptForm({ ...kept, url: `https://mirror.example.com/${'x'.repeat(2_000)}` }), undefined);
    const many = Array.from({ length: maxKeptReleases + 1 }, (_, index) => release(String(index)));
    assert.equal(keptForm({ ...kept, releases: many }), undefined);
    const longAmongShort = [release('1'), release('2', { description: 'x'.repeat(501) })];
    assert.equal(keptForm({ ...kept, releases: longAmongShort }), undefined);
    assert.ok(
      keptForm({ ...kept, url: 'https://mirror.example.com/a@b/versions.json' }),
      'an @ in the path is no user',
    );
  });

  it('keeps a list right at its bounds', () => {
    const atBounds: KeptReleaseList = {
      ...kept,
      url: `https://mirror.example.com/${'x'.repeat(2_000 - 'https://mirror.example.com/'.length)}`,
      releases: Array.from({ length: maxKeptReleases }, (_, index) =>
        release(String(index), { description: index === 0 ? 'x'.repeat(500) : '' }),
      ),
    };
    assert.deepEqual(parseKeptReleaseList(keptForm(atBounds)), atBounds);
  });
});
