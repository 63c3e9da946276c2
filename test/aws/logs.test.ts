import * as assert from 'node:assert/strict';
import { busyPollMs, lateWindowMs, LogFollower, quietPollMs } from '../../src/model/logs/follower';
import { defaultLogOptions } from '../../src/model/logs/options';
import type { Rack } from '../../src/model/rack';
import { logsGroupOf, logsPageSize, logsRack, logsScenario, rackLogLines, rackStreams } from '../sim';
import { SteppedTimers } from '../steppedTimers';
import { refreshedStoreHooks, type RefreshedStore } from './helpers';

/** A follower on the rack's group through the real SDK and the simulator, polled one step at a time. */
function follow(
  world: RefreshedStore,
  rack: Rack,
  timers: SteppedTimers,
  bufferLines = 10_000,
): { follower: LogFollower; poll(): Promise<void> } {
  let settle: (() => void) | undefined;
  const follower = new LogFollower((query, deadlineMs) => world.ports.logs.page(rack, query, deadlineMs), {
    logGroup: rack.outputs.LogGroup,
    options: defaultLogOptions,
    bufferLines,
    deadlineMs: 10_000,
    timers,
    changed: () => {
      const done = settle;
      settle = undefined;
      done?.();
    },
  });
  follower.start();
  return {
    follower,
    async poll() {
      const done = new Promise<void>((resolve) => (settle = resolve));
      assert.ok(timers.fire(), 'a poll was due');
      await done;
    },
  };
}

const messages = (lines: readonly string[]): string[] => lines.map((line) => line.split(' ').slice(2).join(' '));

describe('rack logs against the simulator (FilterLogEvents)', function () {
  this.timeout(60_000);
  let world: RefreshedStore;
  let rack: Rack;

  refreshedStoreHooks(
    () => logsScenario({ lines: 60 }),
    {},
    (built) => {
      world = built;
      const found = built.store.racks().find((candidate) => candidate.name === logsRack);
      assert.ok(found, 'the logs rack was discovered');
      rack = found;
    },
  );

  beforeEach(() => {
    world.aws.sim.faults.clear();
    world.aws.sim.calls.reset();
  });

  it('shows every event exactly once, in time order, across pages, polls and a late event inside the window', async () => {
    const group = logsGroupOf(world.aws.sim.scenario);
    const timers = new SteppedTimers();
    const { follower, poll } = follow(world, rack, timers);
    await poll();
    assert.equal(follower.lines().length, 60, 'the 60 lines of the last 2 minutes');
    assert.ok(
      world.aws.sim.calls.count({ operation: 'FilterLogEvents' }) >= Math.ceil(60 / logsPageSize),
      'read in pages',
    );
    assert.equal(timers.pendingDelay, busyPollMs, 'events came: next poll in 2 s');

    const now = Date.now();
    group.events.push(
      ...rackLogLines(new Date(now), 10, 100).map((event, index) => ({
        ...event,
        message: `${event.message} new ${index}`,
      })),
    );
    // Written 10 s ago but searchable only now: inside the late window, so shown, in its place.
    const lateAt = new Date(now - 10_000);
    group.events.push({ stream: rackStreams.web, timestamp: lateAt, message: 'late event' });
    timers.advance(busyPollMs);
    await poll();
    const lines = follower.lines();
    assert.equal(lines.length, 71);
    assert.equal(new Set(lines).size, 71, 'no line twice');
    assert.equal(lines.filter((line) => line.endsWith('late event')).length, 1);
    const times = lines.map((line) => Date.parse(line.split(' ')[0]));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'in time order, the late event included',
    );
    assert.match(
      lines[lines.length - 1],
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ .* new 9$/,
      '`<RFC3339> <stream> <message>`, newest at the bottom',
    );

    timers.advance(busyPollMs);
    await poll();
    assert.equal(follower.lines().length, 71, 'a quiet poll adds nothing');
    assert.equal(timers.pendingDelay, quietPollMs, 'quiet: next poll in 5 s');
    assert.ok(follower.stats().seenIds <= 71);
    follower.dispose();
  });

  it('reads only the chosen streams and filter pattern, changed without reopening', async () => {
    const timers = new SteppedTimers();
    const { follower, poll } = follow(world, rack, timers);
    await poll();
    follower.change({
      ...defaultLogOptions,
      streams: { kind: 'prefix', prefix: 'service/monitor', label: 'service/monitor' },
    });
    await poll();
    assert.ok(follower.lines().length > 0);
    assert.ok(
      follower.lines().every((line) => line.split(' ')[1].startsWith('service/monitor/')),
      'only the monitor',
    );
    follower.change({ ...defaultLogOptions, filterPattern: '"line 4"' });
    await poll();
    assert.ok(follower.lines().length > 0);
    assert.ok(messages(follower.lines()).every((message) => message.includes('line 4')));
    follower.dispose();
  });

  it('keeps memory flat over 100,000 events: ids within the window, lines within the buffer, each shown once', async () => {
    const group = logsGroupOf(world.aws.sim.scenario);
    const savedEvents = group.events;
    group.events = [];
    group.pageSize = undefined;
    const timers = new SteppedTimers();
    const bufferLines = 10_000;
    const { follower, poll } = follow(world, rack, timers, bufferLines);
    await poll();
    const perPoll = 1_000;
    const stepMs = 10_000;
    let largestSeen = 0;
    try {
      for (let sent = 0; sent < 100_000; sent += perPoll) {
        timers.advance(stepMs);
        const end = new Date(timers.now());
        group.events.push(
          ...rackLogLines(end, perPoll, stepMs / perPoll).map((event, index) => ({
            ...event,
            message: `event ${sent + index}`,
          })),
        );
        await poll();
        largestSeen = Math.max(largestSeen, follower.stats().seenIds);
        assert.ok(follower.stats().bufferedLines <= bufferLines);
      }
      const lines = follower.lines();
      assert.match(lines[0], /^… 90000 older lines dropped/);
      assert.equal(lines.length, bufferLines + 1);
      assert.deepEqual(
        messages(lines.slice(1)),
        Array.from({ length: bufferLines }, (_, index) => `event ${90_000 + index}`),
        'the newest 10,000, each once, in order',
      );
      const perWindow = (perPoll * (lateWindowMs + stepMs)) / stepMs;
      assert.ok(largestSeen <= perWindow, `at most the window's ids kept (${largestSeen} ≤ ${perWindow})`);
    } finally {
      follower.dispose();
      group.events = savedEvents;
      group.pageSize = logsPageSize;
    }
  });

  it('backs off when throttled, doubling the wait, and polls at its pace again once AWS answers', async () => {
    const timers = new SteppedTimers();
    const { follower, poll } = follow(world, rack, timers);
    await poll();
    // Each poll's call is tried 3 times by the SDK (maxAttempts 3): two polls in a row are throttled.
    world.aws.sim.faults.add({ service: 'logs', operation: 'FilterLogEvents', kind: 'throttle', times: 6 });
    await poll();
    assert.deepEqual(follower.state, { kind: 'throttled', retryInMs: 2 * quietPollMs });
    assert.equal(timers.pendingDelay, 2 * quietPollMs);
    await poll();
    assert.deepEqual(follower.state, { kind: 'throttled', retryInMs: 4 * quietPollMs });
    assert.equal(timers.pendingDelay, 4 * quietPollMs);
    await poll();
    assert.deepEqual(follower.state, { kind: 'following' });
    assert.ok(timers.pendingDelay === busyPollMs || timers.pendingDelay === quietPollMs);
    assert.equal(follower.stats().throttles, 2);
    follower.dispose();
  });

  it('stops on an error other than throttling, and Retry starts it again', async () => {
    const timers = new SteppedTimers();
    const { follower, poll } = follow(world, rack, timers);
    world.aws.sim.faults.add({ service: 'logs', operation: 'FilterLogEvents', kind: 'denied', times: 1 });
    await poll();
    assert.equal(follower.state.kind, 'error');
    assert.match(follower.state.kind === 'error' ? follower.state.message : '', /logs:FilterLogEvents/);
    assert.equal(timers.pendingDelay, undefined, 'no poll until Retry');
    follower.retry();
    await poll();
    assert.equal(follower.state.kind, 'following');
    assert.ok(follower.lines().length > 0);
    follower.dispose();
  });
});
