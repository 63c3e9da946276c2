import * as assert from 'node:assert/strict';
import type { Release } from '../../src/model/install/releases';
import type { Rack } from '../../src/model/rack';
import {
  releaseAgeDays,
  releaseNotesUrl,
  releaseStanding,
  standingDescription,
  standingTooltip,
} from '../../src/model/racks/releasesBehind';
import { racksFromStacks } from '../../src/model/stacks';

const now = new Date('2025-06-01T12:00:00Z');

function release(version: string, options: Partial<Release> = {}): Release {
  return { version, description: '', published: true, required: false, ...options };
}

function rackOn(version: string | undefined, overrides: Partial<Rack> = {}): Rack {
  const [rack] = racksFromStacks(
    [
      {
        stackId: 'arn:stack/production/1',
        name: 'production',
        status: 'UPDATE_COMPLETE',
        tags: { System: 'convox', Type: 'rack' },
        parameters: version === undefined ? {} : { Version: version },
        outputs: {},
        createdAt: new Date(0),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
  );
  return { ...rack, ...overrides };
}

/** Published oldest first, as versions.json lists them. */
const releases: Release[] = [
  release('20250101120000'),
  release('20250201000000'),
  release('20250301000000', { required: true }),
  release('20250315000000', { published: false, required: true }),
  release('20250401000000'),
  release('20250501000000', { required: true }),
  release('20250520000000'),
];

describe('how far behind the published releases a rack is', () => {
  it('counts the published releases after its version and names the required stop `convox rack update` makes', () => {
    assert.deepEqual(releaseStanding(rackOn('20250101120000'), releases, now), {
      kind: 'behind',
      version: '20250101120000',
      behind: 5,
      required: 2,
      nextStop: '20250301000000',
      ageDays: 151,
    });
  });

  it('with one required release after it, that one is the stop', () => {
    const standing = releaseStanding(rackOn('20250401000000'), releases, now);
    assert.deepEqual(standing, {
      kind: 'behind',
      version: '20250401000000',
      behind: 2,
      required: 1,
      nextStop: '20250501000000',
      ageDays: 61,
    });
  });

  it('with none required, the stop is the newest published release', () => {
    const standing = releaseStanding(rackOn('20250501000000'), releases, now);
    assert.equal(
      standing?.kind === 'behind' && `${standing.behind} ${standing.required} ${standing.nextStop}`,
      '1 0 20250520000000',
    );
  });

  it('skips unpublished releases: not counted, and never the stop even when marked required', () => {
    const standing = releaseStanding(rackOn('20250301000000'), releases, now);
    assert.equal(standing?.kind === 'behind' && standing.behind, 3);
    assert.equal(standing?.kind === 'behind' && standing.required, 1);
    assert.equal(standing?.kind === 'behind' && standing.nextStop, '20250501000000');
    const withdrawnOnly = [release('20250101120000'), release('20250201000000', { published: false })];
    assert.deepEqual(releaseStanding(rackOn('20250101120000'), withdrawnOnly, now), {
      kind: 'latest',
      version: '20250101120000',
      ageDays: 151,
    });
  });

  it('follows the list order, not the order of the names', () => {
    // A fix published after 20260101000000 for racks that stayed on the older line: later in the list, smaller name.
    const list = [release('20250101120000'), release('20260101000000'), release('20250601000000')];
    const onNewestName = releaseStanding(rackOn('20260101000000'), list, now);
    assert.equal(
      onNewestName?.kind === 'behind' && `${onNewestName.behind} ${onNewestName.nextStop}`,
      '1 20250601000000',
    );
    assert.equal(releaseStanding(rackOn('20250601000000'), list, now)?.kind, 'latest');
  });

  it('a rack on the newest published release is the latest', () => {
    const standing = releaseStanding(rackOn('20250520000000'), releases, now);
    assert.deepEqual(standing, { kind: 'latest', version: '20250520000000', ageDays: 12 });
    assert.equal(standing && standingDescription(standing), 'latest');
  });

  it('a version the list does not have is an unknown release', () => {
    const standing = releaseStanding(rackOn('20240101000000'), releases, now);
    assert.deepEqual(standing, { kind: 'unknown', version: '20240101000000' });
    assert.equal(standing && standingDescription(standing), 'unknown release');
  });

  it('says nothing without a list (it could not be read), for a local or v3 rack, or without a version', () => {
    assert.equal(releaseStanding(rackOn('20250101120000'), undefined, now), undefined);
    assert.equal(releaseStanding(rackOn(undefined), releases, now), undefined);
    const local = { namespace: 'convox', context: 'docker-desktop' };
    assert.equal(releaseStanding(rackOn('20250101120000', { local }), releases, now), undefined);
    const v3 = { ...local, v3Rack: 'prod' };
    assert.equal(releaseStanding(rackOn('20250101120000', { local: v3 }), releases, now), undefined);
  });
});

describe('the age of a release, from its name', () => {
  it('counts whole days from yyyymmddhhmmss (UTC) to now', () => {
    assert.equal(releaseAgeDays('20250301120000', now), 92);
    assert.equal(releaseAgeDays('20250531120000', now), 1);
    assert.equal(releaseAgeDays('20250531120001', now), 0);
    assert.equal(releaseAgeDays('20250601130000', now), 0, 'a name from the future (a clock off) is no age below 0');
  });

  it('has none for a name that is no date', () => {
    for (const name of [
      '13',
      '2025030112000',
      '202503011200000',
      '20251301000000',
      '20250230000000',
      '20250301250000',
      '20250301240000',
      '20250301126000',
      '20250301120060',
      '00500101000000',
      'v20250301120000',
    ])
      assert.equal(releaseAgeDays(name, now), undefined, name);
  });

  it('reads in days in the description, "< 1 d" on the first day', () => {
    const behind = {
      kind: 'behind',
      version: 'x',
      behind: 3,
      required: 1,
      nextStop: 'y',
    } as const;
    assert.equal(standingDescription({ ...behind, ageDays: 84 }), '3 behind (1 required) · release 84 d old');
    assert.equal(standingDescription({ ...behind, ageDays: 1 }), '3 behind (1 required) · release 1 d old');
    assert.equal(standingDescription({ ...behind, ageDays: 0 }), '3 behind (1 required) · release < 1 d old');
    assert.equal(standingDescription({ ...behind, required: 0, ageDays: undefined }), '3 behind');
  });

  it('reads in words in the tooltip, and is left out for a name that is no date', () => {
    const latest = (ageDays: number | undefined): string => standingTooltip({ kind: 'latest', version: 'v9', ageDays });
    assert.equal(latest(84), 'Release v9 is the latest published, 84 days old.');
    assert.equal(latest(1), 'Release v9 is the latest published, 1 day old.');
    assert.equal(latest(0), 'Release v9 is the latest published, less than a day old.');
    assert.equal(latest(undefined), 'Release v9 is the latest published.');
    const behind = standingTooltip({ kind: 'behind', version: 'v8', behind: 1, required: 0, nextStop: 'v9' });
    assert.equal(
      behind,
      'Release v8: **1 newer release**.  \n`convox rack update` moves to v9 ([release notes](https://github.com/convox/rack/releases/tag/v9)).',
      'one release, none required, no age',
    );
  });
});

describe('the release notes link', () => {
  it("points at Convox's notes of a release", () => {
    assert.equal(releaseNotesUrl('20250301000000'), 'https://github.com/convox/rack/releases/tag/20250301000000');
  });

  it('is left out for a name that has no place in a URL', () => {
    for (const name of ['', '../../x', 'a b', 'x?y=1', '-rf', '20250301000000)'])
      assert.equal(releaseNotesUrl(name), undefined, name);
    const tooltip = standingTooltip({
      kind: 'behind',
      version: '20250101120000',
      behind: 1,
      required: 0,
      nextStop: 'x](https://attacker.example)',
    });
    assert.doesNotMatch(tooltip, /\]\(https:\/\/attacker/);
    assert.match(tooltip, /moves to x\\\]\\\(https:\/\/attacker\\\.example\\\)\.$/);
  });
});
