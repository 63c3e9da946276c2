import * as assert from 'node:assert/strict';
import { AlertEpisodes, type EpisodeKeeper, type RackLook, type ToldEpisode } from '../../src/model/alerts/episodes';
import { AlertWatcher, type PollSummary, type WatchedRack } from '../../src/model/alerts/watcher';
import type { PairResult } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import type { ServerLifecycle } from '../../src/model/status';
import { VirtualClock } from '../virtualClock';

const origin = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };
/** The virtual clock starts at 0: a day before it is long ago. */
const dayBefore = new Date(-86_400_000);

function rack(name: string, status: string, updatedAt = dayBefore): Rack {
  const [built] = racksFromStacks(
    [
      {
        stackId: `stack/${name}`,
        name,
        status,
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '1' },
        outputs: { AutoscalingGroup: `${name}-Instances` },
        createdAt: dayBefore,
        updatedAt,
      },
    ],
    origin,
  );
  return built;
}

const watching = (name: string, pair: Pair = origin): WatchedRack => ({
  ...pair,
  stackId: `stack/${name}`,
  displayName: `${pair.organization}/${name}`,
});

class MemoryKeeper implements EpisodeKeeper {
  episodes: ToldEpisode[] = [];
  load(): ToldEpisode[] {
    return [...this.episodes];
  }
  save(episodes: readonly ToldEpisode[]): void {
    this.episodes = [...episodes];
  }
}

interface Answers {
  profiles?: () => Promise<string[]>;
  /** What each pair's listing reports, in order; by default one finished result with `racks`. */
  listing?: (pair: Pair) => PairResult[];
  racks?: () => Rack[];
  lifecycles?: (groups: readonly string[]) => Promise<Map<string, ServerLifecycle[]>>;
  /** Holds every listing until it is released. */
  gate?: Promise<void>;
  watched?: () => readonly WatchedRack[];
}

function setUp(answers: Answers) {
  const clock = new VirtualClock();
  const calls = { profiles: 0, listed: [] as string[], groups: [] as (readonly string[])[] };
  const logs: string[] = [];
  const reports: { summary: PollSummary; looks: readonly RackLook[]; alerts: string[] }[] = [];
  const ports = {
    discovery: {
      profiles: async () => {
        calls.profiles++;
        const names = await (answers.profiles?.() ?? Promise.resolve([origin.profile]));
        return names.map((name) => ({ name, region: origin.region }));
      },
      discover: async (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
        await answers.gate;
        for (const pair of pairs) {
          calls.listed.push(pair.profile);
          const results = answers.listing?.(pair) ?? [{ ...pair, racks: answers.racks?.() ?? [], done: true }];
          for (const result of results) report(result);
        }
      },
    },
    reader: {
      lifecycleStates: (_pair: Pair, groups: readonly string[]): Promise<Map<string, ServerLifecycle[]>> => {
        calls.groups.push(groups);
        return answers.lifecycles?.(groups) ?? Promise.resolve(new Map());
      },
    },
  };
  const watcher = new AlertWatcher(ports, new AlertEpisodes(new MemoryKeeper()), {
    intervalMs: 60_000,
    deadlineMs: 1_000,
    timers: clock,
    watched: answers.watched ?? (() => [watching('production')]),
    report: (observed, summary, looks) =>
      reports.push({ summary, looks, alerts: observed.alerts.map((alert) => `${alert.stackId} ${alert.kind}`) }),
    log: (message) => logs.push(message),
  });
  return { clock, calls, logs, reports, watcher };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the alert watcher’s timing', () => {
  it('does not poll before it is started, whatever the focus does', async () => {
    const { clock, calls, watcher } = setUp({});
    watcher.setFocused(false);
    watcher.setFocused(true);
    clock.advance(10 * 60_000);
    await settle();
    assert.deepEqual(calls.listed, []);
  });

  it('polls no more once stopped, even when the focus changes', async () => {
    const { clock, calls, watcher } = setUp({});
    watcher.start();
    clock.advance(0);
    await settle();
    watcher.stop();
    watcher.setFocused(false);
    watcher.setInterval(10_000);
    clock.advance(10 * 60_000);
    await settle();
    assert.equal(calls.listed.length, 1);
  });

  it('polls no more when stopped during a poll', async () => {
    let release = (): void => undefined;
    const { clock, calls, watcher } = setUp({ gate: new Promise((resolve) => (release = resolve)) });
    watcher.start();
    clock.advance(0);
    watcher.stop();
    release();
    await settle();
    clock.advance(10 * 60_000);
    await settle();
    assert.equal(calls.listed.length, 1);
  });

  it('keeps the poll a focus change asked for during a poll', async () => {
    let release = (): void => undefined;
    const { clock, calls, watcher } = setUp({ gate: new Promise((resolve) => (release = resolve)) });
    watcher.start();
    clock.advance(0);
    // Nothing polled yet when the focus goes: a poll is due now.
    watcher.setFocused(false);
    release();
    await settle();
    clock.advance(0);
    await settle();
    assert.equal(calls.listed.length, 2);
  });

  it('polls at once when the focus goes before the first poll', async () => {
    const { clock, calls, watcher } = setUp({});
    watcher.start();
    watcher.setFocused(false);
    clock.advance(0);
    await settle();
    assert.equal(calls.listed.length, 1);
  });

  it('an unfocused window waits the slower interval counted from the last poll', async () => {
    const { clock, calls, watcher } = setUp({});
    watcher.start();
    clock.advance(0);
    await settle();
    clock.advance(60_000);
    await settle();
    assert.equal(calls.listed.length, 2, 'polls at 0 and 60 s');
    clock.advance(30_000);
    watcher.setFocused(false);
    clock.advance(4 * 60_000 - 30_000 - 1);
    await settle();
    assert.equal(calls.listed.length, 2, 'not before 4 intervals after the last poll');
    clock.advance(1);
    await settle();
    assert.equal(calls.listed.length, 3);
  });

  it('a new interval applies at once while running', async () => {
    const { clock, calls, reports, watcher } = setUp({});
    watcher.start();
    clock.advance(0);
    await settle();
    watcher.setInterval(10_000);
    clock.advance(10_000);
    await settle();
    assert.equal(calls.listed.length, 2);
    assert.equal(reports[1].summary.nextInMs, 10_000);
  });
});

describe('what one watcher poll reads and reports', () => {
  it('asks nothing of AWS, logs nothing and reports an empty poll when no rack is watched', async () => {
    const { calls, logs, reports, watcher } = setUp({ watched: () => [] });
    await watcher.poll();
    assert.deepEqual([calls.profiles, calls.listed, logs], [0, [], []]);
    assert.deepEqual(reports[0].summary, {
      racks: 0,
      pairs: 0,
      listings: 0,
      lifecycleCalls: 0,
      throttled: false,
      nextInMs: 60_000,
    });
  });

  it('logs a failed look and reports nothing', async () => {
    const { logs, reports, watcher } = setUp({ profiles: () => Promise.reject(new Error('config unreadable')) });
    await watcher.poll();
    assert.deepEqual(logs, ['Watch: the look failed: config unreadable']);
    assert.equal(reports.length, 0);
  });

  it('does not list a profile gone from the AWS config, and says so', async () => {
    const other = { organization: 'globex', profile: 'globex', region: 'eu-west-1' };
    const { calls, logs, watcher } = setUp({
      watched: () => [watching('production'), watching('shop', other)],
      racks: () => [rack('production', 'UPDATE_COMPLETE')],
    });
    await watcher.poll();
    assert.deepEqual(calls.listed, ['acme-prod']);
    assert.equal(logs[0], 'Watch: profile globex is no longer in the AWS config; its racks are not looked at.');
  });

  it('looks only at the watched rack of a listing, and reads servers of the racks not plainly running', async () => {
    const states = new Map([['staging-Instances', [{ instanceId: 'i-1', state: 'Pending' }]]]);
    const { calls, reports, watcher } = setUp({
      watched: () => [watching('staging'), watching('production')],
      racks: () => [rack('production', 'UPDATE_COMPLETE'), rack('staging', 'UPDATE_IN_PROGRESS')],
      lifecycles: () => Promise.resolve(states),
    });
    await watcher.poll();
    assert.deepEqual(calls.groups, [['staging-Instances']]);
    const looks = reports[0].looks;
    assert.deepEqual(
      looks.map((look) => [look.stackId, look.rack?.stackId, look.servers]),
      [
        ['stack/staging', 'stack/staging', [{ instanceId: 'i-1', state: 'Pending' }]],
        ['stack/production', 'stack/production', undefined],
      ],
    );
    assert.equal(reports[0].summary.lifecycleCalls, 1);
  });

  it('a group Auto Scaling does not know has no servers', async () => {
    const { reports, watcher } = setUp({ racks: () => [rack('production', 'UPDATE_IN_PROGRESS')] });
    await watcher.poll();
    assert.deepEqual(reports[0].looks[0].servers, []);
  });

  it('tells a watched rack missing from its listing as gone', async () => {
    const { reports, watcher } = setUp({ racks: () => [rack('staging', 'UPDATE_COMPLETE')] });
    await watcher.poll();
    assert.deepEqual(reports[0].alerts, ['stack/production gone']);
  });

  it('looks at nothing of a listing that ends in an error, whatever it showed before', async () => {
    const { logs, reports, watcher } = setUp({
      listing: (pair) => [
        { ...pair, racks: [rack('production', 'UPDATE_ROLLBACK_COMPLETE')], done: false },
        { ...pair, racks: [], done: true, error: { ...pair, kind: 'access-denied', message: 'Access denied' } },
      ],
    });
    await watcher.poll();
    assert.deepEqual(reports[0].looks, []);
    assert.equal(reports[0].summary.throttled, false);
    assert.equal(logs[0], 'Watch: could not list acme-prod/us-east-1: Access denied');
  });

  it('a server read that fails leaves the servers unknown, and backs off when throttled', async () => {
    const refusal = Object.assign(new Error('Rate exceeded'), { kind: 'throttled' });
    const { logs, reports, watcher } = setUp({
      racks: () => [rack('production', 'UPDATE_IN_PROGRESS')],
      lifecycles: () => Promise.reject(refusal),
    });
    await watcher.poll();
    assert.equal(logs[0], 'Watch: could not read servers in acme-prod/us-east-1: Rate exceeded');
    assert.equal(reports[0].looks[0].servers, undefined);
    assert.equal(reports[0].summary.throttled, true);
    assert.equal(reports[0].summary.nextInMs, 120_000);
    assert.match(logs[1], /1 Auto Scaling calls, throttled; next in 120 s\.$/);
  });

  it('a server read that fails otherwise does not back off', async () => {
    const { reports, watcher } = setUp({
      racks: () => [rack('production', 'UPDATE_IN_PROGRESS')],
      lifecycles: () => Promise.reject(Object.assign(new Error('denied'), { kind: 'access-denied' })),
    });
    await watcher.poll();
    assert.equal(reports[0].summary.throttled, false);
  });
});
