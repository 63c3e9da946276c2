import * as assert from 'node:assert/strict';
import type { Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import {
  boundLastSeen,
  encodeLastSeen,
  lastSeenLimits,
  lastSeenVersion,
  parseLastSeen,
  seenRackOf,
  type SeenPair,
  type SeenRack,
} from '../../src/model/store/lastSeenCache';

const rack = (name: string, overrides: Partial<SeenRack> = {}): SeenRack => ({
  stackId: `arn:aws:cloudformation:us-east-1:111111111111:stack/${name}/1`,
  name,
  status: 'running',
  cloudformationStatus: 'UPDATE_COMPLETE',
  version: '20250101120000',
  ...overrides,
});

const pair = (profile: string, seenAt: number, racks: SeenRack[], region = 'us-east-1'): SeenPair => ({
  organization: 'acme',
  profile,
  region,
  seenAt,
  racks,
});

const stored = (pairs: unknown[], version: unknown = lastSeenVersion): unknown => ({ version, pairs });

describe('the last-seen cache, read back', () => {
  it('gives back what was written', () => {
    const { version: _none, ...unversioned } = rack('sandbox');
    const pairs = [pair('acme-prod', 2_000, [rack('production'), unversioned])];
    assert.deepEqual(parseLastSeen(JSON.parse(JSON.stringify(encodeLastSeen(pairs)))), pairs);
  });

  it('ignores a value of another version, or one that is no cache at all', () => {
    const pairs = [pair('acme-prod', 2_000, [rack('production')])];
    for (const raw of [
      stored(pairs, lastSeenVersion + 1),
      stored(pairs, 0),
      stored(pairs, String(lastSeenVersion)),
      { pairs },
      pairs,
      undefined,
      null,
      'cache',
      42,
      { version: lastSeenVersion, pairs: 'none' },
    ])
      assert.deepEqual(parseLastSeen(raw), [], JSON.stringify(raw));
  });

  it('drops a malformed rack alone, and a pair left without racks', () => {
    const good = rack('production');
    const racks: unknown[] = [
      good,
      null,
      'production',
      { ...good, stackId: '' },
      { ...good, stackId: 42 },
      { ...good, name: 'not a stack name' },
      { ...good, name: `a${'b'.repeat(128)}` },
      { ...good, status: 'sleeping' },
      { ...good, status: 'toString' },
      { ...good, cloudformationStatus: 'update complete' },
      { ...good, version: '' },
      { ...good, version: 20250101120000 },
      { ...good, version: 'v'.repeat(65) },
    ];
    const empty = { ...pair('globex', 1_000, []), racks: [{ name: 'x' }] };
    assert.deepEqual(parseLastSeen(stored([{ ...pair('acme-prod', 2_000, []), racks }, empty])), [
      pair('acme-prod', 2_000, [good]),
    ]);
  });

  it('drops a malformed pair alone', () => {
    const racks = [rack('production')];
    const good = pair('acme-prod', 2_000, racks);
    const bad: unknown[] = [
      null,
      [],
      { ...good, profile: '' },
      { ...good, profile: 7 },
      { ...good, organization: undefined },
      { ...good, region: 'moon-base-1x' },
      { ...good, seenAt: Number.NaN },
      { ...good, seenAt: -1 },
      { ...good, seenAt: '2025-06-01' },
      { ...good, racks: 'production' },
    ];
    assert.deepEqual(parseLastSeen(stored([...bad, good])), [good]);
  });

  it('keeps only the newest entry of a pair', () => {
    const older = pair('acme-prod', 1_000, [rack('old')]);
    const newer = pair('acme-prod', 2_000, [rack('production')]);
    assert.deepEqual(parseLastSeen(stored([newer, older])), [newer]);
    assert.deepEqual(parseLastSeen(stored([older, newer])), [newer]);
  });

  it('keeps at most the pairs and racks of its limits, dropping those seen longest ago', () => {
    const many = Array.from({ length: lastSeenLimits.pairs + 5 }, (_, index) =>
      pair(`profile-${index}`, index, [rack('production')]),
    );
    const kept = boundLastSeen(many);
    assert.equal(kept.length, lastSeenLimits.pairs);
    assert.deepEqual(
      kept.map((entry) => entry.seenAt),
      many
        .map((entry) => entry.seenAt)
        .reverse()
        .slice(0, lastSeenLimits.pairs),
      'newest first; the five oldest dropped',
    );

    const big = (profile: string, seenAt: number, count: number): SeenPair =>
      pair(
        profile,
        seenAt,
        Array.from({ length: count }, (_, index) => rack(`rack-${index}`)),
      );
    const newest = big('newest', 3, lastSeenLimits.racks - 10);
    const middle = big('middle', 2, 25);
    const oldest = big('oldest', 1, 5);
    const bounded = boundLastSeen([oldest, middle, newest]);
    assert.deepEqual(
      bounded.map((entry) => [entry.profile, entry.racks.length]),
      [
        ['newest', lastSeenLimits.racks - 10],
        ['middle', 10],
      ],
      'the racks budget ends within the middle pair; the oldest pair is dropped',
    );
    assert.equal(
      encodeLastSeen([oldest, middle, newest]).pairs.flatMap((entry) => entry.racks).length,
      lastSeenLimits.racks,
    );
    assert.equal(
      parseLastSeen(stored([oldest, middle, newest])).flatMap((entry) => entry.racks).length,
      lastSeenLimits.racks,
    );
  });
});

describe('what the last-seen cache keeps of a rack', () => {
  const [listed]: Rack[] = racksFromStacks(
    [
      {
        stackId: 'arn:stack/production/1',
        name: 'production',
        status: 'UPDATE_IN_PROGRESS',
        tags: { System: 'convox', Type: 'rack', Owner: 'ops@acme.example' },
        parameters: { Version: '20250101120000', Password: 'marker-password', InstanceType: 't3.large' },
        outputs: { Dashboard: 'rack.acme.example', Domain: 'router.acme.example', Secret: 'marker-output' },
        createdAt: new Date(0),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
  );

  it('is what its row shows: name, statuses, version; never a parameter, output or tag', () => {
    const kept = seenRackOf(listed);
    assert.deepEqual(kept, {
      stackId: 'arn:stack/production/1',
      name: 'production',
      status: 'updating',
      cloudformationStatus: 'UPDATE_IN_PROGRESS',
      version: '20250101120000',
    });
    const text = JSON.stringify(encodeLastSeen([pair('acme-prod', 1, [kept])]));
    for (const secret of ['marker-password', 'marker-output', 'rack.acme.example', 'ops@acme.example', 't3.large'])
      assert.ok(!text.includes(secret), secret);
  });

  it('leaves out a version the read-back check would refuse, keeping the rack', () => {
    assert.equal(seenRackOf({ ...listed, version: '' }).version, undefined);
    assert.equal(seenRackOf({ ...listed, version: 'v'.repeat(65) }).version, undefined);
    const kept = seenRackOf({ ...listed, version: 'v'.repeat(65) });
    assert.deepEqual(parseLastSeen(encodeLastSeen([pair('acme-prod', 1, [kept])]))[0].racks, [kept]);
  });
});
