import * as assert from 'node:assert/strict';
import type { LogEvent, LogPage, LogQuery } from '../../../src/model/logs/events';
import { busyPollMs, LogFollower, maxPagesPerPoll, quietPollMs } from '../../../src/model/logs/follower';
import { defaultLogOptions, streamsOf, type LogOptions } from '../../../src/model/logs/options';
import { SteppedTimers } from '../../steppedTimers';

const event = (id: string, timestamp: number): LogEvent => ({ id, timestamp, stream: 'service/web/abc', message: id });

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { kind: 'throttled' });

/** One read of the log group, answered when the test says. */
interface Call {
  query: LogQuery;
  answer(page: LogPage): Promise<void>;
  fail(error: unknown): Promise<void>;
}

/** Lets the follower's awaits run. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A follower whose reads wait for the test to answer them, counting its calls of `changed`. */
function harness(options: LogOptions = defaultLogOptions, bufferLines = 100) {
  const timers = new SteppedTimers();
  const calls: Call[] = [];
  let changes = 0;
  const follower = new LogFollower(
    (query) =>
      new Promise<LogPage>((resolve, reject) => {
        calls.push({
          query,
          answer: async (page) => {
            resolve(page);
            await settled();
          },
          fail: async (error) => {
            reject(error);
            await settled();
          },
        });
      }),
    { logGroup: 'rack-LogGroup-X', options, bufferLines, deadlineMs: 1000, timers, changed: () => changes++ },
  );
  return {
    timers,
    calls,
    follower,
    changes: () => changes,
    /** Fires the due poll and lets it send its read. */
    async poll(): Promise<void> {
      assert.ok(timers.fire(), 'a poll was due');
      await settled();
    },
  };
}

const messages = (lines: string[]): Array<string | undefined> => lines.map((line) => line.split(' ').pop());

describe('log follower: what it reads and counts', () => {
  it('is following before its first poll, and counts the reads, polls and throttles following cost', async () => {
    const { follower, calls, poll, timers } = harness();
    assert.deepEqual(follower.state, { kind: 'following' });
    const now = timers.now();
    follower.start();
    await poll();
    await calls[0].answer({ events: [event('a', now - 2000), event('b', now - 1000)], nextToken: 't1' });
    await calls[1].answer({ events: [event('b', now - 1000)] });
    await poll();
    await calls[2].fail(throttled());
    assert.deepEqual(follower.state, { kind: 'throttled', retryInMs: 2 * quietPollMs });
    assert.deepEqual(follower.stats(), { calls: 3, polls: 2, throttles: 1, seenIds: 2, bufferedLines: 2 });
    await poll();
    await calls[3].answer({ events: [] });
    assert.deepEqual(follower.state, { kind: 'following' }, 'a read that works after a throttle is following again');
  });

  it('asks for the chosen streams and filter, and for every event when none is chosen', async () => {
    const { follower, calls, poll, timers } = harness();
    const startTime = timers.now() - defaultLogOptions.sinceMs;
    follower.start();
    await poll();
    assert.deepEqual(calls[0].query, {
      logGroup: 'rack-LogGroup-X',
      startTime,
      filterPattern: undefined,
      streamPrefix: undefined,
      streamNames: undefined,
      nextToken: undefined,
    });

    const web: LogOptions = {
      ...defaultLogOptions,
      filterPattern: 'ERROR',
      streams: { kind: 'prefix', prefix: 'service/web', label: 'service/web' },
    };
    follower.change(web);
    assert.equal(follower.logOptions, web);
    await poll();
    assert.deepEqual(
      { filterPattern: calls[1].query.filterPattern, prefix: calls[1].query.streamPrefix },
      { filterPattern: 'ERROR', prefix: 'service/web' },
    );
    assert.equal(calls[1].query.streamNames, undefined);

    const server = streamsOf('i-a000', [{ container: 'web', taskId: 'rackweb1' }]);
    follower.change({ ...defaultLogOptions, streams: server });
    await poll();
    assert.deepEqual(calls[2].query.streamNames, ['service/web/rackweb1']);
    assert.equal(calls[2].query.streamPrefix, undefined);
  });

  it('shows an event from the very start of the window, and none from before it', async () => {
    const { follower, calls, poll, timers } = harness();
    const startTime = timers.now() - defaultLogOptions.sinceMs;
    follower.start();
    await poll();
    await calls[0].answer({ events: [event('before', startTime - 1), event('first', startTime)] });
    assert.deepEqual(messages(follower.lines()), ['first']);
  });

  it('polls again in 2 s after reading up to the page guard, even with nothing new', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    for (let page = 0; page < maxPagesPerPoll; page++) await calls[page].answer({ events: [], nextToken: `t${page}` });
    assert.equal(calls.length, maxPagesPerPoll);
    assert.equal(timers.pendingDelay, busyPollMs);
  });

  it('stops on a rejection that is not an Error, saying what it was', async () => {
    const reasons: Array<[unknown, string]> = [
      [null, 'null'],
      [undefined, 'undefined'],
      ['socket hang up', 'socket hang up'],
    ];
    for (const [reason, message] of reasons) {
      const { follower, calls, poll, timers } = harness();
      follower.start();
      await poll();
      await calls[0].fail(reason);
      assert.deepEqual(follower.state, { kind: 'error', message });
      assert.equal(timers.fire(), false, 'no poll until Retry');
    }
  });
});

describe('log follower: pause, resume, retry', () => {
  it('paused before it starts, polls nothing until resumed', async () => {
    const { follower, calls, timers, poll } = harness();
    follower.pause();
    follower.start();
    timers.fire();
    await settled();
    assert.equal(calls.length, 0);
    assert.deepEqual(follower.state, { kind: 'paused' });
    follower.resume();
    assert.deepEqual(follower.state, { kind: 'following' });
    await poll();
    assert.equal(calls.length, 1);
  });

  it('says nothing when paused again, or when paused after an error', async () => {
    const { follower, calls, poll, changes } = harness();
    follower.pause();
    follower.pause();
    assert.equal(changes(), 1);
    follower.resume();
    await poll();
    await calls[0].fail(new Error('AccessDenied'));
    const before = changes();
    follower.pause();
    assert.deepEqual(follower.state, { kind: 'error', message: 'AccessDenied' });
    assert.equal(changes(), before);
  });

  it('ignores Resume and Retry while following', async () => {
    const { follower, calls, poll, timers, changes } = harness();
    follower.start();
    await poll();
    await calls[0].answer({ events: [] });
    const before = changes();
    follower.resume();
    follower.retry();
    assert.equal(timers.pendingDelay, quietPollMs, 'the next poll stays where it was');
    assert.equal(changes(), before);
  });

  it('on Retry while throttled, polls at once and backs off from the start again', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    await calls[0].fail(throttled());
    await poll();
    await calls[1].fail(throttled());
    assert.deepEqual(follower.state, { kind: 'throttled', retryInMs: 4 * quietPollMs });
    follower.retry();
    assert.deepEqual(follower.state, { kind: 'following' });
    assert.equal(timers.pendingDelay, 0);
    await poll();
    await calls[2].fail(throttled());
    assert.deepEqual(follower.state, { kind: 'throttled', retryInMs: 2 * quietPollMs });
  });

  it('on Retry after an error, is following again before the poll answers', async () => {
    const { follower, calls, poll } = harness();
    follower.start();
    await poll();
    await calls[0].fail(new Error('AccessDenied'));
    follower.retry();
    assert.deepEqual(follower.state, { kind: 'following' });
  });

  it('paused while a poll waits, shows its answer but stays paused and polls nothing more', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    follower.pause();
    await calls[0].answer({ events: [event('a', timers.now())] });
    assert.deepEqual(follower.state, { kind: 'paused' });
    assert.deepEqual(messages(follower.lines()), ['a']);
    assert.equal(timers.pendingDelay, undefined);
  });

  it('paused while a poll waits, stays paused when that poll is throttled', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    follower.pause();
    await calls[0].fail(throttled());
    assert.deepEqual(follower.state, { kind: 'paused' });
    assert.equal(timers.pendingDelay, undefined);
  });

  it('resumed while a poll waits, reads once at a time and polls again as soon as that poll ends', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    follower.pause();
    follower.resume();
    await poll();
    assert.equal(calls.length, 1, 'no second read while the first waits');
    await calls[0].answer({ events: [] });
    assert.equal(timers.pendingDelay, 0, 'at once, not in 5 s');
    await poll();
    assert.equal(calls.length, 2);
  });

  it('resumed while a poll waits that then fails, polls nothing more until Retry', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    follower.pause();
    follower.resume();
    await calls[0].fail(new Error('AccessDenied'));
    assert.deepEqual(follower.state, { kind: 'error', message: 'AccessDenied' });
    timers.fire();
    await settled();
    assert.equal(calls.length, 1, 'the poll Resume asked for reads nothing');
  });

  it('asked to poll again while a poll waits that then fails, polls nothing more until Retry', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    follower.pause();
    follower.resume();
    await poll();
    await calls[0].fail(new Error('AccessDenied'));
    assert.equal(timers.fire(), false);
    assert.equal(calls.length, 1);
  });
});

describe('log follower: changes and disposal', () => {
  const errors: LogOptions = { ...defaultLogOptions, filterPattern: 'error' };

  it('changed while paused, starts over but stays paused, polling nothing until resumed', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    await calls[0].answer({ events: [event('a', timers.now())] });
    follower.pause();
    follower.change(errors);
    assert.deepEqual(follower.state, { kind: 'paused' });
    assert.deepEqual(follower.lines(), []);
    assert.equal(timers.pendingDelay, undefined);
    follower.resume();
    await poll();
    assert.equal(calls[1].query.filterPattern, 'error');
  });

  it('changed after an error, follows again at once', async () => {
    const { follower, calls, poll, timers } = harness();
    follower.start();
    await poll();
    await calls[0].fail(new Error('AccessDenied'));
    follower.change(errors);
    assert.deepEqual(follower.state, { kind: 'following' });
    assert.equal(timers.pendingDelay, 0);
  });

  it('drops the answer and the failure of a poll made before a change, saying nothing of them', async () => {
    const { follower, calls, poll, timers, changes } = harness();
    follower.start();
    await poll();
    follower.change(errors);
    await poll();
    const afterChange = changes();
    await calls[0].answer({ events: [event('old', timers.now())] });
    assert.equal(changes(), afterChange);
    await calls[1].answer({ events: [event('new', timers.now())] });
    assert.deepEqual(messages(follower.lines()), ['new']);

    follower.change(defaultLogOptions);
    await poll();
    follower.change(errors);
    await poll();
    await calls[2].fail(new Error('AccessDenied'));
    assert.deepEqual(follower.state, { kind: 'following' }, 'an old failure stops nothing');
  });

  it('keeps fewer lines at once when the buffer setting shrinks, saying how many were dropped', async () => {
    const { follower, calls, poll, timers, changes } = harness(defaultLogOptions, 200);
    const now = timers.now();
    follower.start();
    await poll();
    await calls[0].answer({
      events: Array.from({ length: 150 }, (_, index) => event(String(index), now - 1000 + index)),
    });
    assert.equal(follower.lines().length, 150);
    const before = changes();
    follower.setBufferLines(100);
    assert.equal(changes(), before + 1);
    const lines = follower.lines();
    assert.equal(lines.length, 101);
    assert.equal(lines[0], '… 50 older lines dropped (the buffer keeps 100: setting convox.logs.bufferLines)');
    assert.match(lines[1], / 50$/);
  });

  it('disposed, cancels its next poll and polls nothing after, whatever is asked', async () => {
    const { follower, timers } = harness();
    follower.start();
    follower.dispose();
    assert.equal(timers.fire(), false);
    follower.change(errors);
    follower.retry();
    assert.equal(timers.pendingDelay, undefined);
  });

  it('disposed while a poll waits, drops its answer and says nothing', async () => {
    const { follower, calls, poll, timers, changes } = harness();
    follower.start();
    await poll();
    const before = changes();
    follower.dispose();
    await calls[0].answer({ events: [event('a', timers.now())] });
    assert.deepEqual(follower.lines(), []);
    assert.equal(changes(), before);
    assert.equal(timers.pendingDelay, undefined);
  });
});
