// Alerts against the simulator: the real AWS clients list the watched racks' stacks and read Auto Scaling, the
// simulator's world turns a rack into each kind of trouble, and each episode is told exactly once, resolved once,
// and not told again by a watcher started afresh on the same kept episodes (a reload).
import * as assert from 'node:assert/strict';
import type { AwsPorts } from '../../src/aws';
import {
  AlertEpisodes,
  type AlertKind,
  type EpisodeKeeper,
  type Observed,
  type ToldEpisode,
} from '../../src/model/alerts/episodes';
import { rootCauseLine } from '../../src/model/alerts/messages';
import { AlertWatcher, type PollSummary, type WatchedRack } from '../../src/model/alerts/watcher';
import { diagnose } from '../../src/model/diagnose/rules';
import type { Rack } from '../../src/model/rack';
import { realTimers } from '../../src/model/store/refreshPolicy';
import { alertsAccount, alertsRacks, alertsScenario, type Scenario } from '../sim';
import { simulatedAws, type SimulatedAws } from './helpers';

const minute = 60_000;

class MemoryKeeper implements EpisodeKeeper {
  episodes: ToldEpisode[] = [];
  load(): ToldEpisode[] {
    return this.episodes.map((episode) => ({ ...episode }));
  }
  save(episodes: readonly ToldEpisode[]): void {
    this.episodes = episodes.map((episode) => ({ ...episode }));
  }
}

describe('alerts against the simulator', function () {
  this.timeout(30_000);
  let scenario: Scenario;
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let racks: Rack[];
  /** Minutes the watchers' clock is ahead of the real one: how a test lets an update last too long. */
  let skewMs = 0;
  const clock = { ...realTimers, now: () => Date.now() + skewMs };

  before(async () => {
    scenario = alertsScenario();
    aws = await simulatedAws(scenario);
    ports = aws.ports();
    const store = aws.store(ports);
    await store.refresh('manual');
    racks = store.racks();
    store.dispose();
  });
  after(async () => {
    ports.dispose();
    await aws.stop();
  });
  beforeEach(() => {
    skewMs = 0;
  });

  function rackNamed(name: string): Rack {
    const rack = racks.find((candidate) => candidate.name === name);
    assert.ok(rack, `rack ${name} listed`);
    return rack;
  }

  function place(name: string): WatchedRack {
    const { stackId, displayName, organization, profile, region } = rackNamed(name);
    return { stackId, displayName, organization, profile, region };
  }

  /** A watcher of `names` on `keeper` (a new one for each session), with what each poll found and cost. */
  function watcherOf(names: string[], keeper: EpisodeKeeper, convergingLimitMs = 15 * minute) {
    const polls: { observed: Observed; summary: PollSummary }[] = [];
    const episodes = new AlertEpisodes(keeper, convergingLimitMs);
    const watcher = new AlertWatcher(ports, episodes, {
      intervalMs: minute,
      deadlineMs: 10_000,
      timers: clock,
      watched: () => names.map(place),
      report: (observed, summary) => polls.push({ observed, summary }),
      log: () => undefined,
    });
    const poll = async (): Promise<{ alerts: AlertKind[]; resolved: number; summary: PollSummary }> => {
      await watcher.poll();
      const { observed, summary } = polls[polls.length - 1];
      return { alerts: observed.alerts.map((alert) => alert.kind), resolved: observed.resolved.length, summary };
    };
    return { poll, episodes };
  }

  function serverOf(name: string): string {
    const group = scenario.accounts
      .find((account) => account.id === alertsAccount)
      ?.regions['us-east-1']?.autoScalingGroups.find((candidate) => candidate.name.startsWith(`${name}-`));
    assert.ok(group?.instances[0], `${name} has a server`);
    return group.instances[0].id;
  }

  it('costs one DescribeStacks per region and no Auto Scaling while every watched rack runs', async () => {
    const { poll } = watcherOf(Object.values(alertsRacks), new MemoryKeeper());
    aws.sim.calls.reset();
    const first = await poll();
    assert.deepEqual(first.alerts, []);
    assert.equal(aws.sim.calls.count({ operation: 'DescribeStacks' }), 1);
    assert.equal(aws.sim.calls.count({ service: 'autoscaling' }), 0);
    assert.equal(aws.sim.calls.all().length, 1);
    assert.deepEqual(
      { listings: first.summary.listings, lifecycleCalls: first.summary.lifecycleCalls },
      { listings: 1, lifecycleCalls: 0 },
    );
  });

  it('tells a rack rolling back once, its finished rollback not again, and its return to running once', async () => {
    const name = alertsRacks.rollingBack;
    const { poll } = watcherOf([name], new MemoryKeeper());
    assert.deepEqual((await poll()).alerts, []);
    aws.sim.world.setStackStatus(name, 'UPDATE_ROLLBACK_IN_PROGRESS', {
      updatedAt: new Date(),
      reason: 'The following resource(s) failed to update: [Instances].',
    });
    assert.deepEqual((await poll()).alerts, ['rolling-back']);
    assert.deepEqual((await poll()).alerts, []);
    aws.sim.world.setStackStatus(name, 'UPDATE_ROLLBACK_COMPLETE');
    assert.deepEqual(await poll().then((found) => [found.alerts, found.resolved]), [[], 0]);
    aws.sim.world.setStackStatus(name, 'UPDATE_COMPLETE', { updatedAt: new Date() });
    assert.deepEqual(await poll().then((found) => [found.alerts, found.resolved]), [[], 1]);
    assert.deepEqual(await poll().then((found) => [found.alerts, found.resolved]), [[], 0]);
  });

  it('tells a finished rollback with Diagnose’s root cause', async () => {
    const name = alertsRacks.rolledBack;
    const { poll } = watcherOf([name], new MemoryKeeper());
    aws.sim.world.setStackStatus(name, 'UPDATE_ROLLBACK_COMPLETE', { updatedAt: new Date() });
    assert.deepEqual((await poll()).alerts, ['rolled-back']);
    assert.deepEqual((await poll()).alerts, []);
    const cause = rootCauseLine(diagnose(await ports.diagnostics.evidence(rackNamed(name), 10_000)));
    assert.match(cause ?? '', /^The last update failed and was rolled back/);
  });

  it('tells a rack converging past the limit once, reading Auto Scaling only while it is not plainly running', async () => {
    const name = alertsRacks.converging;
    // A limit below the launching hook's ten minutes, so that the rack, not its pending server, is told.
    const { poll } = watcherOf([name], new MemoryKeeper(), 5 * minute);
    aws.sim.world.setStackStatus(name, 'UPDATE_COMPLETE', { updatedAt: new Date() });
    aws.sim.world.setServerState(serverOf(name), 'Pending');
    const early = await poll();
    assert.deepEqual([early.alerts, early.summary.lifecycleCalls], [[], 1]);
    skewMs = 4 * minute;
    assert.deepEqual((await poll()).alerts, []);
    skewMs = 6 * minute;
    assert.deepEqual((await poll()).alerts, ['too-long']);
    assert.deepEqual((await poll()).alerts, []);
    aws.sim.world.setServerState(serverOf(name), 'InService');
    assert.equal((await poll()).resolved, 1);
    skewMs = 60 * minute;
    const settled = await poll();
    assert.deepEqual([settled.alerts, settled.resolved, settled.summary.lifecycleCalls], [[], 0, 0]);
  });

  it('tells a server draining longer than its hook allows once', async () => {
    const name = alertsRacks.draining;
    const { poll } = watcherOf([name], new MemoryKeeper());
    aws.sim.world.setStackStatus(name, 'UPDATE_COMPLETE', { updatedAt: new Date() });
    aws.sim.world.setServerState(serverOf(name), 'Terminating:Wait');
    assert.deepEqual((await poll()).alerts, []);
    skewMs = 4 * minute;
    assert.deepEqual((await poll()).alerts, []);
    skewMs = 6 * minute;
    assert.deepEqual((await poll()).alerts, ['server']);
    assert.deepEqual((await poll()).alerts, []);
    aws.sim.world.setServerState(serverOf(name), 'InService');
    assert.equal((await poll()).resolved, 1);
  });

  it('tells a watched stack that was deleted once', async () => {
    const name = alertsRacks.deleted;
    const { poll } = watcherOf([name], new MemoryKeeper());
    assert.deepEqual((await poll()).alerts, []);
    aws.sim.world.deleteStack(name);
    assert.deepEqual((await poll()).alerts, ['gone']);
    assert.deepEqual((await poll()).alerts, []);
  });

  it('does not tell an episode again after a reload, and tells its end once', async () => {
    const name = alertsRacks.healthy;
    const keeper = new MemoryKeeper();
    aws.sim.world.setStackStatus(name, 'UPDATE_ROLLBACK_COMPLETE', { updatedAt: new Date() });
    assert.deepEqual((await watcherOf([name], keeper).poll()).alerts, ['rolled-back']);
    const reloaded = watcherOf([name], keeper);
    assert.equal(reloaded.episodes.needingAttention().get(place(name).stackId)?.kind, 'rolled-back');
    assert.deepEqual((await reloaded.poll()).alerts, []);
    aws.sim.world.setStackStatus(name, 'UPDATE_COMPLETE', { updatedAt: new Date() });
    const again = watcherOf([name], keeper);
    assert.deepEqual(await again.poll().then((found) => [found.alerts, found.resolved]), [[], 1]);
    assert.deepEqual(
      await watcherOf([name], keeper)
        .poll()
        .then((found) => [found.alerts, found.resolved]),
      [[], 0],
    );
  });
});
