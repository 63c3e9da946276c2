import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../src/model/architecture/data';
import type { ProfileRegion } from '../../src/model/discoveryPlan';
import type { PairResult } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { Process, Rack, RackDetails, RackTask } from '../../src/model/rack';
import { SettingsError, type ScanSettings } from '../../src/model/settings';
import { racksFromStacks, type StackDescription } from '../../src/model/stacks';
import type { ServerLifecycle } from '../../src/model/status';
import type { StoreChange } from '../../src/model/store/changes';
import { lazy, lazyInstaller, lazyPorts, lazyReleases, lazyStacks } from '../../src/model/store/lazyPorts';
import type { RackPorts } from '../../src/model/store/ports';
import { RackStore } from '../../src/model/store/rackStore';
import { debounceMs } from '../../src/model/store/refreshPolicy';
import { VirtualClock } from '../virtualClock';

const pair: Pair = { organization: 'acme-prod', profile: 'acme-prod', region: 'us-east-1' };

function stack(name: string, status: string, updatedAt?: Date): StackDescription {
  return {
    stackId: `stack/${name}`,
    name,
    status,
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
    outputs: { AutoscalingGroup: `${name}-Instances` },
    createdAt: new Date(0),
    updatedAt,
  };
}

/** Ports that answer from memory, count what they were asked, and end each discovery when told. */
class FakePorts implements RackPorts {
  installer = lazyInstaller(() => Promise.reject(new Error('no installs in these tests')));
  releases = lazyReleases(() => Promise.reject(new Error('no releases in these tests')));
  stacks = {
    ...lazyStacks(() => Promise.reject(new Error('no stack changes in these tests'))),
    events: async (): Promise<[]> => [],
  };
  discoveries = 0;
  detailReads: string[] = [];
  lifecycleCalls: string[][] = [];
  processReads = 0;
  world: StackDescription[] = [stack('production', 'UPDATE_COMPLETE'), stack('staging', 'UPDATE_IN_PROGRESS')];
  release: (() => void) | undefined;
  failDetails = false;

  discovery = {
    profiles: async (): Promise<ProfileRegion[]> => [{ name: pair.profile, region: pair.region }],
    discover: (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
      this.discoveries += 1;
      return new Promise<void>((resolve) => {
        this.release = () => {
          for (const each of pairs) report({ ...each, racks: racksFromStacks(this.world, each), done: true });
          resolve();
        };
      });
    },
  };

  reader = {
    lifecycleStates: async (_pair: Pair, names: readonly string[]): Promise<Map<string, ServerLifecycle[]>> => {
      this.lifecycleCalls.push([...names]);
      return new Map([
        [
          'production-Instances',
          [
            { instanceId: 'i-0a', state: 'InService' },
            { instanceId: 'i-0b', state: 'Pending' },
          ],
        ],
      ]);
    },
    details: async (rack: Rack): Promise<RackDetails> => {
      this.detailReads.push(rack.name);
      if (this.failDetails) throw new Error('EC2 said no');
      return { instances: [], tasks: [], loadedAt: new Date() };
    },
    processes: async (_rack: Rack, _tasks: readonly RackTask[]): Promise<Process[]> => {
      this.processReads += 1;
      return [];
    },
    architecture: (): Promise<ArchitectureData> => Promise.reject(new Error('not drawn in these tests')),
  };

  dispose(): void {}
}

const settings = (): ScanSettings => ({ regions: [], organizations: {} });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Longer than the store's change batching. */
const batch = async (clock: VirtualClock): Promise<void> => {
  await tick();
  clock.advance(80);
  await tick();
};

function setup(options: { intervalSeconds?: number; settings?: () => ScanSettings } = {}) {
  const ports = new FakePorts();
  const clock = new VirtualClock();
  const logged: string[] = [];
  const store = new RackStore(ports, options.settings ?? settings, {
    intervalSeconds: options.intervalSeconds ?? 60,
    timers: clock,
    log: (message) => logged.push(message),
  });
  const changes: StoreChange[] = [];
  store.onDidChange((change) => changes.push(change));
  /** Starts a refresh, lets discovery finish, and waits for the refresh. */
  const refreshed = async (reason: Parameters<RackStore['refresh']>[0] = 'manual'): Promise<void> => {
    const refresh = store.refresh(reason);
    await tick();
    ports.release?.();
    await refresh;
  };
  return { ports, clock, store, logged, changes, refreshed };
}

describe('rack store', () => {
  it('coalesces overlapping refreshes into one discovery', async () => {
    const { ports, store } = setup();
    const first = store.refresh('interval');
    const second = store.refresh('alert');
    assert.equal(first, second);
    await tick();
    ports.release?.();
    await first;
    assert.equal(ports.discoveries, 1);
    assert.equal(store.racks().length, 2);
    assert.equal(store.loading, false);
    assert.equal(store.hasRefreshed, true);
    store.dispose();
  });

  it('runs again after the current refresh when settings change during it, so the change is not lost', async () => {
    const { ports, store } = setup();
    const first = store.refresh('manual');
    const again = store.refresh('settings changed');
    assert.notEqual(first, again);
    await tick();
    ports.release?.();
    await first;
    await tick();
    assert.equal(ports.discoveries, 2, 'a second discovery started');
    ports.release?.();
    await again;
    store.dispose();
  });

  it('runs again when the person refreshes during an automatic refresh, which may have begun before their change', async () => {
    const { ports, store } = setup();
    const automatic = store.refresh('alert');
    const asked = store.refresh('manual');
    assert.notEqual(automatic, asked);
    await tick();
    ports.release?.();
    await automatic;
    await tick();
    assert.equal(ports.discoveries, 2, 'a second discovery started');
    ports.release?.();
    await asked;
    store.dispose();
  });

  it('logs why each refresh ran', async () => {
    const { store, logged, refreshed } = setup();
    await refreshed('retry');
    assert.ok(logged.includes('Refreshing racks (retry).'), logged.join('\n'));
    assert.match(logged.find((line) => line.startsWith('Refresh (retry) finished')) ?? '', /2 racks, 0 errors/);
    store.dispose();
  });

  it('marks a running rack converging from one batched lifecycle call, leaving others alone', async () => {
    const { ports, store, refreshed } = setup();
    await refreshed();
    assert.deepEqual(ports.lifecycleCalls, [['production-Instances']], 'only running racks are checked, in one call');
    assert.deepEqual(
      store.racks().map((rack) => `${rack.name}:${rack.status}`),
      ['production:converging', 'staging:updating'],
    );
    const [production, staging] = store.racks();
    assert.deepEqual(
      store.serversNotInService(production),
      ['i-0b (Pending)'],
      'the servers a converging rack is waiting for, by id and state',
    );
    assert.deepEqual(store.serversNotInService(staging), [], 'a rack not looked at has none');
    store.dispose();
  });

  it('rejects a malformed setting without starting discovery or changing what is shown', async () => {
    let bad = false;
    const { ports, store, refreshed, logged } = setup({
      settings: () => {
        if (bad) throw new SettingsError('convox.regions', 'is wrong');
        return settings();
      },
    });
    await refreshed();
    bad = true;
    await assert.rejects(store.refresh('settings changed'), SettingsError);
    assert.match(store.settingsProblem?.message ?? '', /is wrong/);
    assert.ok(logged.some((line) => line.includes('not started: is wrong')));
    assert.equal(ports.discoveries, 1);
    assert.equal(store.racks().length, 2);
    bad = false;
    await refreshed();
    assert.equal(store.settingsProblem, undefined);
    store.dispose();
  });

  it('reads details once, joins a read in flight, and reads again once a list refresh made them stale', async () => {
    const { ports, store, refreshed } = setup();
    await refreshed();
    const [rack] = store.racks();
    const [first, second] = await Promise.all([store.details(rack), store.details(rack)]);
    assert.equal(first, second);
    await store.details(rack);
    assert.deepEqual(ports.detailReads, ['production']);
    await refreshed();
    assert.deepEqual(ports.detailReads, ['production'], 'an unwatched rack is not read with the list');
    await store.details(rack);
    assert.deepEqual(
      ports.detailReads,
      ['production', 'production'],
      'stale details are read again when next asked for',
    );
    store.dispose();
  });

  it('does not keep a failed read: the next one tries again', async () => {
    const { ports, store, refreshed } = setup();
    await refreshed();
    const [rack] = store.racks();
    ports.failDetails = true;
    await assert.rejects(store.details(rack), /EC2 said no/);
    ports.failDetails = false;
    await store.details(rack);
    assert.equal(ports.detailReads.length, 2);
    store.dispose();
  });

  it('reads a watched, visible rack again with every list refresh and says which rack changed', async () => {
    const { ports, store, refreshed, changes, clock } = setup();
    await refreshed();
    const [rack] = store.racks();
    await store.details(rack);
    const watch = store.watch(rack);
    watch.setVisible(true);
    await refreshed();
    await batch(clock);
    assert.deepEqual(ports.detailReads, ['production', 'production']);
    const detailChanges = changes.filter((change) => change.racks.get(rack.stackId)?.has('details'));
    assert.ok(detailChanges.length > 0, 'a change names the rack and its details');
    watch.setVisible(false);
    await refreshed();
    assert.equal(ports.detailReads.length, 2, 'a hidden watcher keeps nothing fresh');
    watch.dispose();
    store.dispose();
  });

  it('reads a visible watched rack at its watcher interval, and never while hidden', async () => {
    const { ports, store, refreshed, clock } = setup({ intervalSeconds: 0 });
    await refreshed();
    const [rack] = store.racks();
    await store.details(rack);
    const watch = store.watch(rack, 10);
    clock.advance(60_000);
    assert.equal(ports.detailReads.length, 1, 'not visible yet');
    watch.setVisible(true);
    assert.equal(ports.detailReads.length, 2, 'shown with details older than its interval: read at once');
    for (let interval = 0; interval < 3; interval++) {
      await tick();
      clock.advance(10_000);
    }
    assert.equal(ports.detailReads.length, 5, 'three more intervals');
    watch.dispose();
    clock.advance(60_000);
    assert.equal(ports.detailReads.length, 5, 'a disposed watcher costs nothing');
    store.dispose();
  });

  it('tells listeners only the racks whose rows changed, or the whole list when racks come or go', async () => {
    const { ports, store, refreshed, changes, clock } = setup();
    await refreshed();
    await batch(clock);
    changes.length = 0;
    ports.world = [stack('production', 'UPDATE_COMPLETE'), stack('staging', 'UPDATE_COMPLETE', new Date(5))];
    await refreshed();
    await batch(clock);
    const rackChanges = changes.filter((change) => change.racks.size > 0);
    assert.ok(rackChanges.length > 0);
    for (const change of rackChanges)
      assert.deepEqual([...change.racks.keys()], ['stack/staging'], 'production did not change');
    assert.ok(rackChanges.some((change) => change.racks.get('stack/staging')?.has('summary')));
    changes.length = 0;
    ports.world = [stack('production', 'UPDATE_COMPLETE')];
    await refreshed();
    await batch(clock);
    assert.ok(
      changes.some((change) => change.list),
      'a rack that went away changes the list',
    );
    store.dispose();
  });

  it('shares one release list read by the rows, Install and Update, and redraws the rack rows when it arrives', async () => {
    const { ports, store, refreshed, changes, clock } = setup();
    let reads = 0;
    ports.releases = {
      readReleases: async () => {
        reads += 1;
        return {
          kind: 'changed',
          releases: [{ version: '20250101120000', description: '', published: true, required: false }],
          validators: {},
        };
      },
      templateParameters: () => Promise.reject(new Error('no templates in these tests')),
    };
    await refreshed();
    await batch(clock);
    changes.length = 0;
    const url = 'https://convox.s3.amazonaws.com/release/versions.json';
    assert.equal(store.knownReleases(url), undefined, 'the rows do not wait for it');
    assert.equal(store.knownReleases(url), undefined);
    const install = await store.releases.releases(url, 1_000);
    assert.equal(reads, 1, 'one read for two rows and Install');
    assert.equal(store.knownReleases(url), install);
    await batch(clock);
    const redrawn = changes.flatMap((change) =>
      [...change.racks].filter(([, aspects]) => aspects.has('summary')).map(([stackId]) => stackId),
    );
    assert.deepEqual(redrawn.sort(), ['stack/production', 'stack/staging']);
    store.dispose();
  });

  it('computes process rows once per details read', async () => {
    const { ports, store, refreshed } = setup();
    await refreshed();
    const [rack] = store.racks();
    await store.processes(rack);
    await store.processes(rack);
    assert.equal(ports.processReads, 1);
    await store.reloadDetails(rack, 'inspect');
    await store.processes(rack);
    assert.equal(ports.processReads, 2);
    store.dispose();
  });
});

describe('refresh policy', () => {
  it('makes no refresh while nothing shows the list, however long', async () => {
    const { ports, store, clock } = setup();
    clock.advance(5 * 60_000);
    assert.equal(ports.discoveries, 0);
    store.dispose();
  });

  it('refreshes when first shown, then every interval while visible', async () => {
    const { ports, store, clock } = setup();
    store.setListVisible(true);
    await tick();
    assert.equal(ports.discoveries, 1);
    ports.release?.();
    await tick();
    for (let minute = 0; minute < 5; minute++) {
      clock.advance(60_000);
      await tick();
      ports.release?.();
      await tick();
    }
    assert.equal(ports.discoveries, 6);
    store.dispose();
  });

  it('catches up when shown again only if the list went stale', async () => {
    const { ports, store, clock, refreshed } = setup();
    await refreshed();
    store.setListVisible(true);
    assert.equal(ports.discoveries, 1, 'fresh: no refresh');
    store.setListVisible(false);
    clock.advance(5 * 60_000);
    assert.equal(ports.discoveries, 1, 'hidden: none');
    store.setListVisible(true);
    await tick();
    assert.equal(ports.discoveries, 2, 'stale when shown: refreshed at once');
    store.dispose();
  });

  it('0 turns the interval off', async () => {
    const { ports, store, clock } = setup({ intervalSeconds: 0 });
    store.setListVisible(true);
    await tick();
    ports.release?.();
    await tick();
    clock.advance(5 * 60_000);
    await tick();
    assert.equal(ports.discoveries, 1, 'only the first load');
    store.setListInterval(60);
    clock.advance(60_000);
    await tick();
    assert.equal(ports.discoveries, 2, 'a new interval applies at once');
    store.dispose();
  });

  it('makes one refresh of several automatic requests close together', async () => {
    const { ports, store, clock, logged } = setup();
    store.requestRefresh('settings changed');
    store.requestRefresh('settings changed');
    clock.advance(debounceMs - 1);
    await tick();
    assert.equal(ports.discoveries, 0);
    clock.advance(1);
    await tick();
    assert.equal(ports.discoveries, 1);
    assert.ok(logged.includes('Refreshing racks (settings changed).'));
    store.dispose();
  });
});

describe('lazy ports', () => {
  it('loads on first use only, once, and again after a failed load', async () => {
    let loads = 0;
    let fail = true;
    const load = lazy(async () => {
      loads += 1;
      if (fail) throw new Error('no bundle');
      return 'loaded';
    });
    assert.equal(loads, 0);
    await assert.rejects(load(), /no bundle/);
    fail = false;
    assert.equal(await load(), 'loaded');
    assert.equal(await load(), 'loaded');
    assert.equal(loads, 2);
  });

  it('forwards every port call to the loaded ports, and disposes them only once loaded', async () => {
    const fake = new FakePorts();
    let disposed = 0;
    fake.dispose = () => (disposed += 1);
    let loads = 0;
    const ports = lazyPorts(async () => {
      loads += 1;
      return fake;
    });
    ports.dispose();
    assert.equal(disposed, 0, 'nothing loaded, nothing to dispose');
    assert.deepEqual(await ports.discovery.profiles(), [{ name: pair.profile, region: pair.region }]);
    const [rack] = racksFromStacks(fake.world, pair);
    await ports.reader.details(rack, 1_000);
    await ports.reader.processes(rack, [], 1_000);
    await ports.reader.lifecycleStates(pair, ['x'], 1_000);
    assert.deepEqual(await ports.stacks.events(rack, 1, 1_000), []);
    const discovering = ports.discovery.discover([pair], () => undefined, 1_000);
    await tick();
    fake.release?.();
    await discovering;
    assert.deepEqual(
      [fake.detailReads, fake.processReads, fake.lifecycleCalls, fake.discoveries],
      [['production'], 1, [['x']], 1],
    );
    assert.equal(loads, 1);
    ports.dispose();
    assert.equal(disposed, 1);
  });
});
