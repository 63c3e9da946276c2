import * as assert from 'node:assert/strict';
import { pause, pollUntil, type PollOptions } from '../../src/model/pollUntil';

/** A clock that moves only when the poll waits, and records each wait. */
function steppedClock(): Required<Pick<PollOptions, 'now' | 'wait'>> & { waits: number[] } {
  let time = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    wait: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  };
}

describe('pollUntil: the one "wait until …" loop', () => {
  it('looks until a look is ready, pausing between looks, and gives the ready look', async () => {
    const clock = steppedClock();
    const looks = ['creating', 'creating', 'running'];
    let calls = 0;
    const result = await pollUntil(
      async () => looks[calls++],
      (status) => status === 'running',
      { everyMs: 100, withinMs: 1_000, ...clock },
    );
    assert.deepEqual(result, { ready: true, value: 'running' });
    assert.equal(calls, 3);
    assert.deepEqual(clock.waits, [100, 100]);
  });

  it('starts no look after its time and says it timed out, with the last look; the last pause ends at the limit', async () => {
    const clock = steppedClock();
    let calls = 0;
    const result = await pollUntil(
      async () => ++calls,
      () => false,
      { everyMs: 400, withinMs: 1_000, ...clock },
    );
    assert.deepEqual(result, { ready: false, ended: 'timed out', last: 3 });
    assert.deepEqual(clock.waits, [400, 400, 200]);
  });

  it('stops when its signal aborts, before the next look', async () => {
    const clock = steppedClock();
    const stop = new AbortController();
    let calls = 0;
    const result = await pollUntil(
      async () => {
        if (++calls === 2) stop.abort();
        return calls;
      },
      () => false,
      { everyMs: 10, withinMs: 1_000, signal: stop.signal, ...clock },
    );
    assert.deepEqual(result, { ready: false, ended: 'stopped', last: 2 });
  });

  it('looks not at all when stopped before it starts', async () => {
    const stop = new AbortController();
    stop.abort();
    let calls = 0;
    const result = await pollUntil(
      async () => ++calls,
      () => true,
      { everyMs: 10, withinMs: 1_000, signal: stop.signal, ...steppedClock() },
    );
    assert.deepEqual(result, { ready: false, ended: 'stopped', last: undefined });
    assert.equal(calls, 0);
  });

  it('ends with the error of a look, or of the readiness check, that throws', async () => {
    const clock = steppedClock();
    await assert.rejects(
      pollUntil(
        () => Promise.reject(new Error('throttled')),
        () => true,
        { everyMs: 10, withinMs: 100, ...clock },
      ),
      /throttled/,
    );
    await assert.rejects(
      pollUntil(
        async () => 'DELETE_FAILED',
        (status) => {
          throw new Error(`stack ${status}`);
        },
        { everyMs: 10, withinMs: 100, ...clock },
      ),
      /stack DELETE_FAILED/,
    );
  });

  it('pauses on the real clock by default, and a pause ends early when its signal aborts', async () => {
    const started = Date.now();
    const result = await pollUntil(
      async () => Date.now() - started,
      (elapsed) => elapsed >= 20,
      { everyMs: 25, withinMs: 5_000 },
    );
    assert.equal(result.ready, true);
    const stop = new AbortController();
    const before = Date.now();
    const paused = pause(10_000, stop.signal);
    stop.abort();
    await paused;
    assert.ok(Date.now() - before < 1_000);
    const aborted = new AbortController();
    aborted.abort();
    const at = Date.now();
    await pause(10_000, aborted.signal);
    assert.ok(Date.now() - at < 1_000);
  });
});
