import * as assert from 'node:assert/strict';
import { AlertEpisodes, type EpisodeKeeper, type RackLook, type ToldEpisode } from '../../src/model/alerts/episodes';
import { resolvedMessage } from '../../src/model/alerts/messages';
import type { Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import type { ServerLifecycle } from '../../src/model/status';

const minute = 60_000;
const start = Date.parse('2026-12-01T10:00:00Z');
const longAgo = new Date(start - 86_400_000);

function rack(status: string, updatedAt = longAgo): Rack {
  const [built] = racksFromStacks(
    [
      {
        stackId: 'stack/production',
        name: 'production',
        status,
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '1' },
        outputs: { AutoscalingGroup: 'production-Instances' },
        createdAt: longAgo,
        updatedAt,
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
  );
  return built;
}

/** Keeps told episodes in memory, counting saves. */
class CountingKeeper implements EpisodeKeeper {
  saves = 0;
  constructor(public episodes: ToldEpisode[] = []) {}
  load(): ToldEpisode[] {
    return [...this.episodes];
  }
  save(episodes: readonly ToldEpisode[]): void {
    this.saves += 1;
    this.episodes = [...episodes];
  }
}

const look = (listed: Rack | undefined, servers?: readonly ServerLifecycle[]): RackLook => ({
  stackId: 'stack/production',
  displayName: 'acme/production',
  rack: listed,
  servers,
});
const inService = [{ instanceId: 'i-1', state: 'InService' }];
const pending = [{ instanceId: 'i-2', state: 'Pending:Wait' }];

describe('alert episodes: what each alert says', () => {
  it('an update past the limit says how long it has lasted, in whole minutes', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 15 * minute);
    const late = episodes.observe([look(rack('UPDATE_IN_PROGRESS', new Date(start)))], start + 20 * minute + 20_000);
    assert.equal(late.alerts[0].detail, 'UPDATE_IN_PROGRESS for 20 min');
  });

  it('a limit changed later applies, and under a minute is said as 1 min', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 15 * minute);
    episodes.setConvergingLimit(0);
    const late = episodes.observe([look(rack('UPDATE_IN_PROGRESS', new Date(start)))], start + 10_000);
    assert.deepEqual(
      late.alerts.map((alert) => [alert.kind, alert.detail]),
      [['too-long', 'UPDATE_IN_PROGRESS for 1 min']],
    );
  });

  it('a stack gone says so', () => {
    const episodes = new AlertEpisodes(new CountingKeeper());
    assert.equal(episodes.observe([look(undefined)], start).alerts[0].detail, 'The stack is gone.');
  });

  it('converging past the limit says for how long', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 5 * minute);
    const running = rack('UPDATE_COMPLETE');
    episodes.observe([look(running, pending)], start);
    const late = episodes.observe([look(running, pending)], start + 6 * minute);
    assert.deepEqual(
      late.alerts.map((alert) => [alert.kind, alert.since, alert.detail]),
      [['too-long', start, 'converging for 6 min']],
    );
  });

  it('servers overdue in their hooks are named, since the first one began to wait', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 60 * minute);
    const running = rack('UPDATE_COMPLETE');
    const draining = (ids: string[]) => [
      ...inService,
      ...ids.map((id) => ({ instanceId: id, state: 'Terminating:Wait' })),
    ];
    episodes.observe([look(running, draining(['i-8']))], start);
    episodes.observe([look(running, draining(['i-8', 'i-9']))], start + minute);
    const late = episodes.observe([look(running, draining(['i-8', 'i-9']))], start + 7 * minute);
    assert.deepEqual(late.alerts, [
      {
        stackId: 'stack/production',
        displayName: 'acme/production',
        kind: 'server',
        severity: 'warning',
        since: start,
        detail: 'i-8 (Terminating:Wait), i-9 (Terminating:Wait) for 7 min, longer than its lifecycle hook allows',
      },
    ]);
  });

  it('several racks running again are named in one line', () => {
    assert.equal(
      resolvedMessage([
        { stackId: 'a', displayName: 'acme/a', kind: 'failed' },
        { stackId: 'b', displayName: 'acme/b', kind: 'gone' },
      ]),
      'Convox: acme/a, acme/b are running again.',
    );
  });
});

describe('alert episodes: when they end', () => {
  it('a rack no longer converging because it is being deleted ends its too-long episode', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 5 * minute);
    episodes.observe([look(rack('UPDATE_IN_PROGRESS', new Date(start)))], start + 6 * minute);
    const deleting = episodes.observe([look(rack('DELETE_IN_PROGRESS', new Date(start)))], start + 7 * minute);
    assert.deepEqual(deleting.resolved, [
      { stackId: 'stack/production', displayName: 'acme/production', kind: 'too-long' },
    ]);
    assert.equal(episodes.needingAttention().size, 0);
  });

  it('a running rack looked at without its servers ends a rollback episode', () => {
    const episodes = new AlertEpisodes(new CountingKeeper());
    episodes.observe([look(rack('UPDATE_ROLLBACK_COMPLETE'))], start);
    const running = episodes.observe([look(rack('UPDATE_COMPLETE', new Date(start + minute)))], start + 2 * minute);
    assert.equal(running.resolved.length, 1);
  });

  it('a converging rack looked at without its servers stays in its episode', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 5 * minute);
    const running = rack('UPDATE_COMPLETE');
    episodes.observe([look(running, pending)], start);
    episodes.observe([look(running, pending)], start + 6 * minute);
    assert.equal(episodes.observe([look(running)], start + 7 * minute).resolved.length, 0);
    assert.equal(episodes.needingAttention().get('stack/production')?.kind, 'too-long');
  });

  it('a rack no longer watched needs no attention, and its told episode is not told again', () => {
    const episodes = new AlertEpisodes(new CountingKeeper());
    episodes.observe([look(undefined)], start);
    episodes.forget('stack/production');
    assert.equal(episodes.needingAttention().size, 0);
    assert.equal(episodes.observe([look(undefined)], start + minute).alerts.length, 0);
  });

  it('keeps told episodes only when something was told or ended', () => {
    const keeper = new CountingKeeper();
    const episodes = new AlertEpisodes(keeper);
    episodes.observe([look(rack('UPDATE_COMPLETE'), inService)], start);
    assert.equal(keeper.saves, 0);
    episodes.observe([look(undefined)], start + minute);
    assert.equal(keeper.saves, 1);
  });
});

describe('alert episodes: when servers are read', () => {
  it('for a running rack still converging at the last look', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 5 * minute);
    const running = rack('UPDATE_COMPLETE');
    episodes.observe([look(running, pending)], start);
    assert.equal(episodes.needingAttention().size, 0, 'converging within the limit needs no attention yet');
    assert.equal(episodes.wantsServers(running, start + minute), true);
  });

  it('for a running rack with an episode told before a reload', () => {
    const keeper = new CountingKeeper([
      { stackId: 'stack/production', displayName: 'acme/production', kind: 'server', since: start, toldAt: start },
    ]);
    assert.equal(new AlertEpisodes(keeper).wantsServers(rack('UPDATE_COMPLETE'), start + minute), true);
  });

  it('not once its last change is exactly the limit ago', () => {
    const episodes = new AlertEpisodes(new CountingKeeper(), 15 * minute);
    assert.equal(episodes.wantsServers(rack('UPDATE_COMPLETE', new Date(start)), start + 15 * minute), false);
    assert.equal(episodes.wantsServers(rack('UPDATE_COMPLETE', new Date(start)), start + 15 * minute - 1), true);
  });
});
