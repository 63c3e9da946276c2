import * as assert from 'node:assert/strict';
import {
  debounceMs,
  realTimers,
  RefreshPolicy,
  type RefreshActions,
  type RefreshReason,
} from '../../src/model/store/refreshPolicy';
import { VirtualClock } from '../virtualClock';

/** What the policy asked for, as `list <reason>` or `<stackId> <reason>`; data ages are set by the test. */
class Actions implements RefreshActions {
  calls: string[] = [];
  listAt: number | undefined;
  readAt = new Map<string, number>();
  refreshList(reason: RefreshReason): void {
    this.calls.push(`list ${reason}`);
  }
  reloadRack(stackId: string, reason: RefreshReason): void {
    this.calls.push(`${stackId} ${reason}`);
  }
  listRefreshedAt(): number | undefined {
    return this.listAt;
  }
  rackReadAt(stackId: string): number | undefined {
    return this.readAt.get(stackId);
  }
}

/** A virtual clock that also knows which intervals are still registered: with real timers each would cost. */
class CountingClock extends VirtualClock {
  readonly intervals = new Set<unknown>();
  setInterval(callback: () => void, ms: number): unknown {
    const handle = super.setInterval(callback, ms);
    this.intervals.add(handle);
    return handle;
  }
  clearInterval(handle: unknown): void {
    this.intervals.delete(handle);
    super.clearInterval(handle);
  }
}

function setup(intervalSeconds = 60) {
  const actions = new Actions();
  const clock = new CountingClock();
  const policy = new RefreshPolicy(actions, intervalSeconds, clock);
  /** Calls made while the clock moves `ms` on. */
  const during = (ms: number): string[] => {
    const before = actions.calls.length;
    clock.advance(ms);
    return actions.calls.slice(before);
  };
  return { actions, clock, policy, during };
}

const times = (count: number, call: string): string[] => Array.from({ length: count }, () => call);

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('refresh policy: the list', () => {
  it('refreshes when first shown, then at every interval while shown, saying why', () => {
    const { actions, policy, during } = setup();
    policy.setListVisible(true);
    assert.deepEqual(actions.calls, ['list view shown']);
    assert.deepEqual(during(120_000), times(2, 'list interval'));
    policy.dispose();
  });

  it('being shown again while shown changes nothing, not even when the next refresh is due', () => {
    const { actions, policy, during } = setup();
    policy.setListVisible(true);
    during(30_000);
    policy.setListVisible(true);
    assert.deepEqual(actions.calls, ['list view shown']);
    assert.deepEqual(during(30_000), ['list interval']);
    policy.dispose();
  });

  it('never refreshes on hiding, nor while hidden', () => {
    const { actions, policy, during } = setup();
    actions.listAt = 0;
    policy.setListVisible(true);
    during(120_000);
    policy.setListVisible(false);
    assert.deepEqual(during(600_000), []);
    assert.deepEqual(actions.calls, times(2, 'list interval'));
    policy.dispose();
  });

  it('refreshes on being shown only once the last refresh is an interval old', () => {
    const { actions, policy, during } = setup();
    during(100_000);
    actions.listAt = 50_000;
    policy.setListVisible(true);
    assert.deepEqual(actions.calls, [], '50 s old: fresh');
    policy.setListVisible(false);
    actions.listAt = 40_000;
    policy.setListVisible(true);
    assert.deepEqual(actions.calls, ['list view shown'], 'exactly 60 s old: stale');
    policy.dispose();
  });

  it('with the interval off, refreshes on being shown only if the list was never loaded', () => {
    const { actions, policy, during } = setup(0);
    policy.setListVisible(true);
    assert.deepEqual(actions.calls, ['list view shown']);
    actions.listAt = 0;
    policy.setListVisible(false);
    during(3_600_000);
    policy.setListVisible(true);
    assert.deepEqual(during(3_600_000), []);
    assert.deepEqual(actions.calls, ['list view shown']);
    policy.dispose();
  });

  it('applies a new interval at once, and 0 stops the timer', () => {
    const { clock, policy, during } = setup();
    policy.setListVisible(true);
    during(45_000);
    policy.setListInterval(30);
    assert.deepEqual(during(60_000), times(2, 'list interval'));
    policy.setListInterval(0);
    assert.deepEqual(during(600_000), []);
    assert.equal(clock.intervals.size, 0);
    policy.dispose();
  });

  it('makes one refresh of automatic requests within the debounce window, named by the first', () => {
    const { policy, during } = setup();
    policy.request('settings changed');
    during(debounceMs - 1);
    policy.request('retry');
    assert.deepEqual(during(1), ['list settings changed']);
    policy.request('switch');
    assert.deepEqual(during(debounceMs), ['list switch']);
    policy.dispose();
  });
});

describe('refresh policy: watched racks', () => {
  it('reads a shown rack at once when its details are missing or an interval old, then at its interval', () => {
    const { actions, clock, policy, during } = setup();
    const watch = policy.watch('a', 10);
    watch.setVisible(true);
    assert.deepEqual(actions.calls, ['a view shown']);
    assert.deepEqual(during(30_000), times(3, 'a interval'));
    watch.setVisible(false);
    actions.readAt.set('a', clock.now() - 5_000);
    watch.setVisible(true);
    assert.deepEqual(actions.calls.slice(4), [], 'details 5 s old are fresh');
    policy.dispose();
  });

  it('being shown twice is being shown once: no second read, and the interval keeps its pace', () => {
    const { actions, policy, during } = setup();
    const watch = policy.watch('a', 10);
    watch.setVisible(true);
    during(5_000);
    watch.setVisible(true);
    assert.deepEqual(actions.calls, ['a view shown']);
    assert.deepEqual(during(5_000), ['a interval']);
    policy.dispose();
  });

  it('never reads on hiding, nor while hidden, and keeps no timer then', () => {
    const { actions, clock, policy, during } = setup();
    actions.readAt.set('a', 0);
    const watch = policy.watch('a', 10);
    watch.setVisible(true);
    during(20_000);
    watch.setVisible(false);
    assert.deepEqual(during(60_000), []);
    assert.deepEqual(actions.calls, times(2, 'a interval'));
    assert.equal(clock.intervals.size, 0);
    policy.dispose();
  });

  it('a watcher without an interval reads nothing by itself and keeps no timer', () => {
    const { actions, clock, policy, during } = setup();
    policy.watch('a').setVisible(true);
    assert.deepEqual(during(600_000), []);
    assert.deepEqual(actions.calls, []);
    assert.equal(clock.intervals.size, 0);
    policy.dispose();
  });

  it('the shortest interval of the visible watchers of a rack wins; hidden watchers and other racks do not count', () => {
    const { actions, clock, policy, during } = setup();
    actions.readAt.set('a', 0);
    actions.readAt.set('b', 0);
    const slow = policy.watch('a', 30);
    const fast = policy.watch('a', 10);
    slow.setVisible(true);
    policy.watch('a').setVisible(true);
    policy.watch('b', 5).setVisible(true);
    assert.deepEqual(
      during(60_000).filter((call) => call.startsWith('a')),
      times(2, 'a interval'),
      'the fast watcher is hidden',
    );
    fast.setVisible(true);
    assert.deepEqual(
      during(60_000).filter((call) => call.startsWith('a')),
      times(6, 'a interval'),
    );
    assert.equal(clock.intervals.size, 2, 'one timer per rack');
    fast.dispose();
    assert.deepEqual(
      during(60_000).filter((call) => call.startsWith('a')),
      times(2, 'a interval'),
      'back to the slow one',
    );
    assert.equal(clock.intervals.size, 2);
    policy.dispose();
  });

  it('a watcher shown with the same interval as the one running leaves its pace alone', () => {
    const { actions, policy, during } = setup();
    actions.readAt.set('a', 0);
    policy.watch('a', 10).setVisible(true);
    during(5_000);
    policy.watch('a', 30).setVisible(true);
    assert.deepEqual(during(5_000), ['a interval']);
    policy.dispose();
  });

  it('lists the racks that a visible watcher shows', () => {
    const { policy } = setup();
    policy.watch('a', 10).setVisible(true);
    policy.watch('b');
    const hidden = policy.watch('c', 10);
    hidden.setVisible(true);
    hidden.setVisible(false);
    policy.watch('a', 10, 'architecture').setVisible(true);
    policy.watch('d', 10, 'architecture').setVisible(true);
    assert.deepEqual(
      [...policy.visiblyWatched()].map(([stackId, data]) => [stackId, [...data]]),
      [
        ['a', ['details', 'architecture']],
        ['d', ['architecture']],
      ],
    );
    policy.dispose();
  });

  it('a disposed watcher, or a disposed policy, costs nothing', () => {
    const { clock, policy, during } = setup();
    const watch = policy.watch('a', 10);
    watch.setVisible(true);
    watch.dispose();
    assert.deepEqual(during(60_000), []);
    assert.equal(clock.intervals.size, 0);
    policy.setListVisible(true);
    policy.watch('b', 10).setVisible(true);
    policy.request('settings changed');
    policy.dispose();
    assert.deepEqual(during(600_000), []);
    assert.equal(clock.intervals.size, 0);
    assert.deepEqual([...policy.visiblyWatched()], []);
  });
});

describe('real timers', () => {
  it('run a timeout once and an interval until cleared, cancel a cleared timeout, and tell the time', async () => {
    const fired: string[] = [];
    realTimers.setTimeout(() => fired.push('timeout'), 1);
    realTimers.clearTimeout(realTimers.setTimeout(() => fired.push('cancelled'), 1));
    const interval = realTimers.setInterval(() => fired.push('interval'), 1);
    await until(() => fired.includes('timeout') && fired.filter((entry) => entry === 'interval').length >= 2);
    realTimers.clearInterval(interval);
    const count = fired.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fired.length, count, 'nothing after clearing');
    assert.deepEqual(
      fired.filter((entry) => entry !== 'interval'),
      ['timeout'],
    );
    const before = Date.now();
    const now = realTimers.now();
    assert.ok(now >= before && now <= Date.now());
  });
});
