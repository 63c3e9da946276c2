import * as assert from 'node:assert/strict';
import { LogBuffer } from '../../../src/model/logs/buffer';
import type { LogEvent, LogPage, LogQuery } from '../../../src/model/logs/events';
import { logLine } from '../../../src/model/logs/events';
import {
  busyPollMs,
  lateWindowMs,
  LogFollower,
  maxBackoffMs,
  maxPagesPerPoll,
  quietPollMs,
} from '../../../src/model/logs/follower';
import {
  defaultLogOptions,
  describeOptions,
  formatDuration,
  parseBufferLines,
  parseDuration,
  streamsOf,
} from '../../../src/model/logs/options';
import { SeenEvents } from '../../../src/model/logs/seenEvents';
import { SteppedTimers } from '../../steppedTimers';

const event = (id: string, timestamp: number, message = id): LogEvent => ({
  id,
  timestamp,
  stream: 'service/web/abc',
  message,
});

/** A reader answering from a list of scripted answers, recording the queries. */
function scripted(answers: Array<LogPage | Error>): {
  reader: (query: LogQuery) => Promise<LogPage>;
  queries: LogQuery[];
} {
  const queries: LogQuery[] = [];
  return {
    queries,
    reader: (query) => {
      queries.push(query);
      const answer = answers.shift() ?? { events: [] };
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

function follower(
  reader: (query: LogQuery) => Promise<LogPage>,
  timers: SteppedTimers,
  bufferLines = 100,
): { follower: LogFollower; poll(): Promise<void> } {
  let settle: (() => void) | undefined;
  const made = new LogFollower(reader, {
    logGroup: 'rack-LogGroup-X',
    options: defaultLogOptions,
    bufferLines,
    deadlineMs: 1000,
    timers,
    changed: () => {
      const done = settle;
      settle = undefined;
      done?.();
    },
  });
  made.start();
  return {
    follower: made,
    async poll() {
      const done = new Promise<void>((resolve) => (settle = resolve));
      assert.ok(timers.fire(), 'a poll was due');
      await done;
    },
  };
}

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { kind: 'throttled' });

describe('log lines and options', () => {
  it('prints a line as the CLI does: RFC3339 time to the second in UTC, stream, message without its newline', () => {
    assert.equal(
      logLine({
        id: '1',
        timestamp: Date.UTC(2025, 5, 1, 12, 0, 5, 789),
        stream: 'system/cloudformation',
        message: 'aws/cfm rack UPDATE_COMPLETE\n',
      }),
      '2025-06-01T12:00:05Z system/cloudformation aws/cfm rack UPDATE_COMPLETE',
    );
  });

  it('reads durations as --since takes them, with days, and refuses the rest', () => {
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration(' 1D '), 86_400_000);
    for (const bad of ['', '0m', '5', 'm5', '1w', '-2m', '1.5h']) assert.equal(parseDuration(bad), undefined, bad);
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(86_400_000), '1d');
  });

  it('keeps the newlines inside a message, dropping only its last one', () => {
    assert.equal(
      logLine({ id: '1', timestamp: Date.UTC(2025, 0, 2, 3, 4, 5), stream: 'build', message: 'step 1\nstep 2\r\n' }),
      '2025-01-02T03:04:05Z build step 1\nstep 2',
    );
  });

  it('refuses a duration with anything after its last unit, or longer than 10 years', () => {
    assert.equal(parseDuration('2m5'), undefined);
    assert.equal(parseDuration('2mx'), undefined);
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('3653d'), 3653 * 86_400_000, 'the longest a log group keeps events');
    assert.equal(parseDuration('3654d'), undefined);
  });

  it('writes seconds, and zero as 0s', () => {
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(45_000), '45s');
    assert.equal(formatDuration(0), '0s');
  });

  it('describes the options in a few words, the filter only when there is one', () => {
    assert.equal(describeOptions(defaultLogOptions), 'since 2m · all streams');
    assert.equal(
      describeOptions({
        sinceMs: 5_400_000,
        filterPattern: '"timed out"',
        streams: { kind: 'prefix', prefix: 'service/web', label: 'service/web' },
      }),
      'since 1h30m · service/web · filter "timed out"',
    );
  });

  it('keeps the buffer setting within bounds', () => {
    assert.equal(parseBufferLines(Number.NaN), 10_000);
    assert.equal(parseBufferLines(Number.POSITIVE_INFINITY), 10_000);
    assert.equal(parseBufferLines(undefined), 10_000);
    assert.equal(parseBufferLines('5'), 10_000);
    assert.equal(parseBufferLines(3), 100);
    assert.equal(parseBufferLines(2500.7), 2500);
    assert.equal(parseBufferLines(1e9), 1_000_000);
  });

  it('names the streams of a server’s rack containers, at most 100', () => {
    const choice = streamsOf('i-1', [
      { container: 'web', taskId: 'a' },
      { container: 'web', taskId: 'a' },
      { container: 'build', taskId: 'b' },
    ]);
    assert.deepEqual(choice, { kind: 'names', names: ['service/web/a', 'build/build/b'], label: 'i-1' });
    const many = streamsOf(
      'x',
      Array.from({ length: 150 }, (_, index) => ({ container: 'web', taskId: String(index) })),
    );
    assert.equal(many.kind === 'names' && many.names.length, 100);
  });
});

describe('log buffer and seen events', () => {
  it('keeps time order with a late event, and drops the oldest past its capacity, counting them', () => {
    const buffer = new LogBuffer(3);
    buffer.add(event('a', 10));
    buffer.add(event('c', 30));
    buffer.add(event('b', 20));
    assert.deepEqual(
      buffer.lines().map((line) => line.split(' ').pop()),
      ['a', 'b', 'c'],
    );
    buffer.add(event('d', 40));
    buffer.add(event('e', 50));
    buffer.trim();
    assert.deepEqual(
      buffer.lines().map((line) => line.split(' ').pop()),
      ['c', 'd', 'e'],
    );
    assert.equal(buffer.dropped, 2);
  });

  it('keeps events of the same time in the order they came', () => {
    const buffer = new LogBuffer(10);
    buffer.add(event('first', 10));
    buffer.add(event('second', 10));
    buffer.add(event('third', 10));
    assert.deepEqual(
      buffer.lines().map((line) => line.split(' ').pop()),
      ['first', 'second', 'third'],
    );
  });

  it('drops the oldest lines at once when its capacity shrinks, and starts afresh when cleared', () => {
    const buffer = new LogBuffer(5);
    for (const [index, id] of ['a', 'b', 'c', 'd'].entries()) buffer.add(event(id, index));
    assert.equal(buffer.size, 4);
    buffer.setCapacity(2);
    assert.deepEqual(
      buffer.lines().map((line) => line.split(' ').pop()),
      ['c', 'd'],
    );
    assert.equal(buffer.dropped, 2);
    buffer.clear();
    assert.deepEqual([buffer.lines(), buffer.size, buffer.dropped], [[], 0, 0]);
  });

  it('remembers ids until their time leaves the window', () => {
    const seen = new SeenEvents();
    assert.ok(seen.add('a', 10));
    assert.ok(!seen.add('a', 10));
    assert.ok(seen.add('b', 20));
    seen.forgetBefore(15);
    assert.equal(seen.size, 1);
    assert.ok(!seen.add('b', 20));
  });

  it('remembers an id whose time is the window’s start, and nothing once cleared', () => {
    const seen = new SeenEvents();
    seen.add('a', 10);
    seen.add('b', 20);
    seen.forgetBefore(20);
    assert.ok(!seen.add('b', 20), 'still inside the window');
    seen.clear();
    assert.equal(seen.size, 0);
    assert.ok(seen.add('b', 20));
  });
});

describe('log follower', () => {
  it('polls in 2 s while events come and 5 s when quiet, reading again from the late window', async () => {
    const timers = new SteppedTimers();
    const start = timers.now();
    const { reader, queries } = scripted([
      { events: [event('1', start - 1000)] },
      { events: [event('1', start - 1000)] },
    ]);
    const { follower: made, poll } = follower(reader, timers);
    await poll();
    assert.equal(queries[0].startTime, start - defaultLogOptions.sinceMs);
    assert.equal(timers.pendingDelay, busyPollMs);
    timers.advance(busyPollMs);
    await poll();
    assert.equal(queries[1].startTime, start - lateWindowMs, 'from where the last poll began, minus the window');
    assert.equal(made.lines().length, 1, 'the event read twice is shown once');
    assert.equal(timers.pendingDelay, quietPollMs);
  });

  it('reads at most 10 pages a poll, and goes on from the token at the next', async () => {
    const timers = new SteppedTimers();
    const pages = Array.from({ length: maxPagesPerPoll + 2 }, (_, index): LogPage => ({
      events: [event(String(index), timers.now() - 1000 + index)],
      nextToken: index < maxPagesPerPoll + 1 ? `t${index}` : undefined,
    }));
    const { reader, queries } = scripted(pages);
    const { follower: made, poll } = follower(reader, timers);
    await poll();
    assert.equal(queries.length, maxPagesPerPoll);
    assert.equal(timers.pendingDelay, busyPollMs);
    await poll();
    assert.equal(queries[maxPagesPerPoll].nextToken, `t${maxPagesPerPoll - 1}`);
    assert.equal(queries[maxPagesPerPoll].startTime, queries[0].startTime, 'the same query, continued');
    assert.equal(made.lines().length, maxPagesPerPoll + 2);
  });

  it('backs off on throttling up to a minute, and stops on another error until Retry', async () => {
    const timers = new SteppedTimers();
    const { reader } = scripted([
      throttled(),
      throttled(),
      throttled(),
      throttled(),
      throttled(),
      new Error('AccessDenied'),
      { events: [] },
    ]);
    const { follower: made, poll } = follower(reader, timers);
    const delays: Array<number | undefined> = [];
    for (let index = 0; index < 5; index++) {
      await poll();
      delays.push(timers.pendingDelay);
    }
    assert.deepEqual(delays, [10_000, 20_000, 40_000, maxBackoffMs, maxBackoffMs]);
    await poll();
    assert.deepEqual(made.state, { kind: 'error', message: 'AccessDenied' });
    assert.equal(timers.pendingDelay, undefined);
    made.retry();
    await poll();
    assert.deepEqual(made.state, { kind: 'following' });
  });

  it('polls nothing while paused and catches up from where it stopped when resumed', async () => {
    const timers = new SteppedTimers();
    const { reader, queries } = scripted([{ events: [] }, { events: [event('late', timers.now() + 60_000)] }]);
    const { follower: made, poll } = follower(reader, timers);
    await poll();
    const begun = timers.now();
    made.pause();
    assert.equal(timers.pendingDelay, undefined, 'no poll while paused');
    timers.advance(10 * 60_000);
    made.resume();
    assert.equal(timers.pendingDelay, 0, 'at once');
    await poll();
    assert.equal(queries[1].startTime, begun - lateWindowMs, 'everything since the last poll');
    assert.equal(made.lines().length, 1);
  });

  it('drops an answer to a poll made before the options changed', async () => {
    const timers = new SteppedTimers();
    let release: ((page: LogPage) => void) | undefined;
    const queries: LogQuery[] = [];
    const made = new LogFollower(
      (query) => {
        queries.push(query);
        return queries.length === 1
          ? new Promise<LogPage>((resolve) => (release = resolve))
          : Promise.resolve({ events: [event('new', timers.now())] });
      },
      {
        logGroup: 'g',
        options: defaultLogOptions,
        bufferLines: 10,
        deadlineMs: 1000,
        timers,
        changed: () => undefined,
      },
    );
    made.start();
    timers.fire();
    made.change({ ...defaultLogOptions, filterPattern: 'error' });
    timers.fire();
    await new Promise((resolve) => setImmediate(resolve));
    release?.({ events: [event('old', timers.now())] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(queries[1].filterPattern, 'error');
    assert.deepEqual(
      made.lines().map((line) => line.split(' ').pop()),
      ['new'],
    );
  });

  it('says how many older lines were dropped', async () => {
    const timers = new SteppedTimers();
    const now = timers.now();
    const { reader } = scripted([
      { events: Array.from({ length: 150 }, (_, index) => event(String(index), now - 10_000 + index)) },
    ]);
    const { follower: made, poll } = follower(reader, timers, 100);
    await poll();
    const lines = made.lines();
    assert.equal(lines.length, 101);
    assert.match(lines[0], /^… 50 older lines dropped \(the buffer keeps 100/);
    assert.match(lines[1], / 50$/);
  });
});
