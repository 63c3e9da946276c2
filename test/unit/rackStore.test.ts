import * as assert from 'node:assert/strict';
import { AutoRefresh } from '../../src/model/autoRefresh';
import { Inventory, type PairResult } from '../../src/model/inventory';
import { SettingsError } from '../../src/model/organizations';
import type { Location, RackDetails } from '../../src/model/rack';
import { RackStore } from '../../src/model/rackStore';
import type { DiscoveryRun, RackSource, ScanSettings } from '../../src/model/source';
import { racksFromStacks } from '../../src/model/stacks';
import { VirtualClock } from '../virtualClock';

const location = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };
const racks = racksFromStacks(
  ['production', 'staging'].map((name, index) => ({
    stackId: `stack/${name}`,
    name,
    status: index === 0 ? 'UPDATE_COMPLETE' : 'UPDATE_IN_PROGRESS',
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
    outputs: { AutoscalingGroup: `${name}-Instances` },
    createdAt: new Date(0),
  })),
  location,
);

/** A source that answers from memory and counts what it was asked. */
class FakeSource implements RackSource {
  discoveries = 0;
  detailLoads = 0;
  lifecycleCalls: string[][] = [];
  release: (() => void) | undefined;

  async startDiscovery(_settings: ScanSettings, previous: Inventory | undefined, onChange: (result: PairResult) => void): Promise<DiscoveryRun> {
    this.discoveries += 1;
    const inventory = new Inventory([location], previous);
    const finished = new Promise<void>((resolve) => {
      this.release = () => {
        const result = { ...location, racks, done: true };
        inventory.update(result);
        onChange(result);
        resolve();
      };
    });
    return { inventory, hasProfiles: true, finished };
  }
  async lifecycleStates(_location: Location, names: readonly string[]): Promise<Map<string, string[]>> {
    this.lifecycleCalls.push([...names]);
    return new Map([['production-Instances', ['InService', 'Pending']]]);
  }
  async details(): Promise<RackDetails> {
    this.detailLoads += 1;
    return { instances: [], tasks: [], loadedAt: new Date() };
  }
  async processes(): Promise<[]> {
    return [];
  }
  async events(): Promise<[]> {
    return [];
  }
}

const settings = (): ScanSettings => ({ regions: [], organizations: {} });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('rack store', () => {
  it('coalesces overlapping refreshes into one discovery', async () => {
    const source = new FakeSource();
    const store = new RackStore(source, settings);
    const first = store.refresh();
    const second = store.refresh();
    assert.equal(first, second);
    await tick();
    source.release?.();
    await first;
    assert.equal(source.discoveries, 1);
    assert.equal(store.racks().length, 2);
    assert.equal(store.loading, false);
    store.dispose();
  });

  it('marks a running rack converging from one batched lifecycle call, leaving others alone', async () => {
    const source = new FakeSource();
    const store = new RackStore(source, settings);
    const refresh = store.refresh();
    await tick();
    source.release?.();
    await refresh;
    assert.deepEqual(source.lifecycleCalls, [['production-Instances']], 'only running racks are checked, in one call');
    assert.deepEqual(store.racks().map((rack) => `${rack.name}:${rack.status}`), ['production:converging', 'staging:updating']);
    store.dispose();
  });

  it('rejects a malformed setting without starting discovery or changing what is shown', async () => {
    const source = new FakeSource();
    let bad = false;
    const store = new RackStore(source, () => {
      if (bad) throw new SettingsError('convox.regions', 'is wrong');
      return settings();
    });
    const refresh = store.refresh();
    await tick();
    source.release?.();
    await refresh;
    bad = true;
    await assert.rejects(store.refresh(), SettingsError);
    assert.match(store.settingsProblem?.message ?? '', /is wrong/);
    assert.equal(source.discoveries, 1);
    assert.equal(store.racks().length, 2);
    store.dispose();
  });

  it('loads details once per rack until the next refresh, and tells listeners of changes', async () => {
    const source = new FakeSource();
    const store = new RackStore(source, settings);
    let changes = 0;
    store.onDidChange(() => (changes += 1));
    const refresh = store.refresh();
    await tick();
    source.release?.();
    await refresh;
    const [rack] = store.racks();
    await store.details(rack);
    await store.details(rack);
    assert.equal(source.detailLoads, 1);
    assert.ok(changes >= 2, 'start and end of the refresh are announced');
    const again = store.refresh();
    await tick();
    assert.equal(store.racks().length, 2, 'a refresh keeps showing the last racks until new ones arrive');
    source.release?.();
    await again;
    await store.details(rack);
    assert.equal(source.detailLoads, 2);
    store.dispose();
  });
});

describe('automatic refresh', () => {
  function setup(interval = 60) {
    const timers = new VirtualClock();
    let last: Date | undefined;
    let refreshes = 0;
    const auto = new AutoRefresh(
      () => {
        refreshes += 1;
        last = new Date(timers.now);
      },
      () => last,
      interval,
      timers,
      () => timers.now,
    );
    return { timers, auto, count: () => refreshes };
  }

  it('makes no refresh while hidden, however long', () => {
    const { timers, count } = setup();
    timers.advance(5 * 60_000);
    assert.equal(count(), 0);
  });
  it('refreshes on first show, then every interval while visible', () => {
    const { timers, auto, count } = setup();
    auto.setVisible(true);
    assert.equal(count(), 1);
    timers.advance(5 * 60_000);
    assert.equal(count(), 6);
  });
  it('stops when hidden and catches up only if stale when shown again', () => {
    const { timers, auto, count } = setup();
    auto.setVisible(true);
    auto.setVisible(false);
    timers.advance(30_000);
    auto.setVisible(true);
    assert.equal(count(), 1, 'data 30 s old is fresh enough');
    auto.setVisible(false);
    timers.advance(5 * 60_000);
    assert.equal(count(), 1);
    auto.setVisible(true);
    assert.equal(count(), 2);
  });
  it('0 turns it off', () => {
    const { timers, auto, count } = setup(0);
    auto.setVisible(true);
    timers.advance(5 * 60_000);
    assert.equal(count(), 1, 'only the first load');
  });
});
