import * as assert from 'node:assert/strict';
import type { ArchitectureData } from '../../src/model/architecture/data';
import type { ProfileRegion } from '../../src/model/discoveryPlan';
import type { PairResult } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { DiscoveryError, Process, Rack, RackDetails, RackTask } from '../../src/model/rack';
import type { StackEvent } from '../../src/model/stackEvents';
import { SettingsError, type ScanSettings } from '../../src/model/settings';
import { racksFromStacks, type StackDescription } from '../../src/model/stacks';
import type { ServerLifecycle } from '../../src/model/status';
import type { StoreChange } from '../../src/model/store/changes';
import { lazyInstaller, lazyReleases, lazyStacks } from '../../src/model/store/lazyPorts';
import type { RackPorts } from '../../src/model/store/ports';
import { RackStore } from '../../src/model/store/rackStore';
import { debounceMs } from '../../src/model/store/refreshPolicy';
import { VirtualClock } from '../virtualClock';

function stack(name: string, status: string): StackDescription {
  return {
    stackId: `stack/${name}`,
    name,
    status,
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
    outputs: { AutoscalingGroup: `${name}-Instances` },
    createdAt: new Date(0),
  };
}

/** A promise settled from outside. */
class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

/** AWS from memory. Discovery runs until `finish()`; `page()` reports what a page would meanwhile. */
class Ports implements RackPorts {
  installer = lazyInstaller(() => Promise.reject(new Error('no installs in these tests')));
  releases = lazyReleases(() => Promise.reject(new Error('no releases in these tests')));
  profileList: ProfileRegion[] = [{ name: 'acme-prod', region: 'us-east-1' }];
  world: StackDescription[] = [stack('production', 'UPDATE_COMPLETE'), stack('staging', 'UPDATE_IN_PROGRESS')];
  discoveries = 0;
  lifecycles = new Map([['production-Instances', [{ instanceId: 'i-1', state: 'InService' }]]]);
  lifecycleCalls: string[][] = [];
  lifecycleFailure: Error | undefined;
  detailReads: string[] = [];
  detailDeadlines: number[] = [];
  /** Holds lifecycle reads until it settles. */
  lifecycleGate: Promise<void> | undefined;
  detailsFailure: Error | undefined;
  processReads: Array<Deferred<Process[]>> = [];
  eventReads: string[] = [];
  architectureReads: string[] = [];
  architectureFailure: Error | undefined;
  private running: { pairs: readonly Pair[]; report: (result: PairResult) => void; done: () => void } | undefined;

  discovery = {
    profiles: async (): Promise<ProfileRegion[]> => this.profileList,
    discover: (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
      this.discoveries += 1;
      return new Promise<void>((done) => (this.running = { pairs, report, done }));
    },
  };

  reader = {
    lifecycleStates: async (_pair: Pair, names: readonly string[]): Promise<Map<string, ServerLifecycle[]>> => {
      this.lifecycleCalls.push([...names]);
      await this.lifecycleGate;
      if (this.lifecycleFailure) throw this.lifecycleFailure;
      return this.lifecycles;
    },
    details: async (rack: Rack, deadlineMs: number): Promise<RackDetails> => {
      this.detailReads.push(rack.name);
      this.detailDeadlines.push(deadlineMs);
      if (this.detailsFailure) throw this.detailsFailure;
      return { instances: [], tasks: [], loadedAt: new Date(0) };
    },
    processes: (_rack: Rack, _tasks: readonly RackTask[]): Promise<Process[]> => {
      const read = new Deferred<Process[]>();
      this.processReads.push(read);
      return read.promise;
    },
    architecture: async (rack: Rack): Promise<ArchitectureData> => {
      this.architectureReads.push(rack.name);
      if (this.architectureFailure) throw this.architectureFailure;
      return {
        rack,
        resources: { stackUpdatedAt: '', resources: [], subnets: [] },
        runtime: { servers: [], containers: [], readAt: new Date(0) },
      };
    },
  };

  stacks = {
    ...lazyStacks(() => Promise.reject(new Error('no stack changes in these tests'))),
    events: async (rack: Rack, limit: number): Promise<StackEvent[]> => {
      this.eventReads.push(`${rack.name} ${limit}`);
      return [
        {
          id: 'e1',
          at: new Date(0),
          logicalId: rack.name,
          resourceType: 'AWS::CloudFormation::Stack',
          status: 'UPDATE_COMPLETE',
        },
      ];
    },
  };

  /** Every pair reports its racks, the page of a discovery still running. */
  page(): void {
    this.report(false);
  }

  /** Every pair reports its last page, or `error` for every pair, and discovery ends. */
  finish(error?: Omit<DiscoveryError, keyof Pair>): void {
    this.report(true, error);
    this.running?.done();
    this.running = undefined;
  }

  dispose(): void {}

  private report(done: boolean, error?: Omit<DiscoveryError, keyof Pair>): void {
    for (const pair of this.running?.pairs ?? []) {
      this.running?.report({
        ...pair,
        racks: error ? [] : racksFromStacks(this.world, pair),
        done,
        error: error && { ...pair, ...error },
      });
    }
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Longer than the store gathers changes for. */
const batch = async (clock: VirtualClock): Promise<void> => {
  await tick();
  clock.advance(80);
  await tick();
};

function setup(
  options: {
    settings?: () => ScanSettings;
    intervalSeconds?: number;
    requestTimeoutSeconds?: number;
    localRacks?: () => Promise<Rack[]>;
  } = {},
) {
  const ports = new Ports();
  const clock = new VirtualClock();
  const logged: string[] = [];
  const store = new RackStore(ports, options.settings ?? (() => ({ regions: [], organizations: {} })), {
    intervalSeconds: options.intervalSeconds ?? 60,
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    localRacks: options.localRacks,
    timers: clock,
    log: (message) => logged.push(message),
  });
  const changes: StoreChange[] = [];
  store.onDidChange((change) => changes.push(change));
  /** A whole refresh: started, discovery finished, awaited. */
  const refreshed = async (reason: Parameters<RackStore['refresh']>[0] = 'manual'): Promise<void> => {
    const refresh = store.refresh(reason);
    await tick();
    ports.finish();
    await refresh;
  };
  const rack = (name: string): Rack => {
    const found = store.racks().find((each) => each.name === name);
    assert.ok(found, `no rack ${name}`);
    return found;
  };
  return { ports, clock, store, logged, changes, refreshed, rack };
}

const described = (change: StoreChange): string =>
  `list=${change.list} ${[...change.racks].map(([stackId, aspects]) => `${stackId}:${[...aspects].join('+')}`).join(' ')}`.trim();

describe('rack store: what it shows', () => {
  it('shows nothing, and knows nothing of profiles, before the first refresh', () => {
    const { store } = setup();
    assert.deepEqual(
      [store.racks(), store.errors(), store.loading, store.hasRefreshed, store.hasProfiles],
      [[], [], false, false, undefined],
    );
    store.dispose();
  });

  it('is loading while discovery runs, and says so to listeners at once', async () => {
    const { ports, store, changes } = setup();
    const refresh = store.refresh('manual');
    assert.equal(store.loading, true);
    assert.deepEqual(changes.map(described), ['list=true']);
    await tick();
    ports.finish();
    await refresh;
    assert.equal(store.loading, false);
    assert.equal(store.hasRefreshed, true);
    assert.deepEqual(changes.map(described), ['list=true', 'list=true']);
    store.dispose();
  });

  it('tells whether the AWS config has any profile', async () => {
    const { ports, store, refreshed } = setup();
    ports.profileList = [];
    await refreshed();
    assert.equal(store.hasProfiles, false);
    ports.profileList = [{ name: 'acme-prod', region: 'us-east-1' }];
    await refreshed();
    assert.equal(store.hasProfiles, true);
    store.dispose();
  });

  it('shows a profile without any region as an error row, with no racks', async () => {
    const { ports, store, refreshed } = setup();
    ports.profileList = [{ name: 'solo' }];
    await refreshed();
    assert.deepEqual(store.racks(), []);
    assert.deepEqual(
      store.errors().map((error) => [error.profile, error.kind, error.message.slice(0, 28)]),
      [['solo', 'configuration', 'Profile "solo" has no region']],
    );
    store.dispose();
  });

  it('finds a rack by its identity, never by its name', async () => {
    const { store, refreshed } = setup();
    await refreshed();
    const staging = store.racks().find((rack) => rack.fullName === 'acme-prod/staging');
    assert.ok(staging);
    assert.equal(store.byId(staging.stackId)?.name, 'staging');
    assert.equal(store.byId('acme-prod/staging'), undefined, 'a name is not an identity');
    store.dispose();
  });

  it('shows pages while discovery runs, tells listeners once per batch, and not at all when nothing changed', async () => {
    const { ports, store, changes, clock } = setup();
    const refresh = store.refresh('manual');
    await tick();
    ports.page();
    await batch(clock);
    assert.deepEqual(
      store.racks().map((rack) => rack.name),
      ['production', 'staging'],
      'before discovery ends',
    );
    assert.deepEqual(changes.map(described), ['list=true', 'list=true']);
    ports.page();
    ports.page();
    await batch(clock);
    assert.deepEqual(changes.map(described), ['list=true', 'list=true'], 'the same page again changes nothing');
    ports.finish();
    await refresh;
    assert.deepEqual(changes.map(described), ['list=true', 'list=true', 'list=true']);
    store.dispose();
  });

  it("keeps an install's or update's progress by stack id and tells the rack's row, only when it changes", async () => {
    const { store, refreshed, changes, rack, clock } = setup();
    await refreshed();
    const { stackId } = rack('production');
    await batch(clock);
    changes.length = 0;
    store.setProgress(stackId, '45%');
    store.setProgress(stackId, '45%');
    await batch(clock);
    assert.equal(store.progressOf(stackId), '45%');
    assert.deepEqual(changes.map(described), [`list=false ${stackId}:summary`]);
    store.setProgress(stackId, undefined);
    await batch(clock);
    assert.equal(store.progressOf(stackId), undefined);
    assert.deepEqual(changes.map(described), [`list=false ${stackId}:summary`, `list=false ${stackId}:summary`]);
    store.dispose();
  });

  it('stops telling a listener once it unsubscribed', async () => {
    const { store } = setup();
    const heard: StoreChange[] = [];
    const unsubscribe = store.onDidChange((change) => heard.push(change));
    unsubscribe();
    void store.refresh('manual');
    assert.deepEqual(heard, []);
    store.dispose();
  });

  it('logs how long a refresh took on its clock', async () => {
    const { ports, store, clock, logged } = setup();
    clock.advance(1_000);
    const refresh = store.refresh('manual');
    await tick();
    clock.advance(500);
    ports.finish();
    await refresh;
    assert.ok(logged.includes('Refresh (manual) finished in 500 ms: 2 racks, 0 errors.'), logged.join('\n'));
    store.dispose();
  });
});

describe('rack store: a stack status learned between refreshes', () => {
  it('shows it on the rack at once and tells its row, only when it changes', async () => {
    const { store, refreshed, changes, rack, clock } = setup();
    await refreshed();
    const { stackId } = rack('staging');
    await batch(clock);
    changes.length = 0;
    store.learnStackStatus(stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
    assert.equal(rack('staging').status, 'rollback', 'before any batch: the next notification may follow at once');
    assert.equal(rack('staging').cloudformationStatus, 'UPDATE_ROLLBACK_IN_PROGRESS');
    store.learnStackStatus(stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
    await batch(clock);
    assert.deepEqual(changes.map(described), [`list=false ${stackId}:summary`]);
    assert.equal(rack('production').status, 'running', 'other racks keep their listed status');
    store.dispose();
  });

  it('gives way to a list answer asked for after it, but not to one asked for before', async () => {
    const { ports, store, refreshed, rack, clock } = setup();
    await refreshed();
    const { stackId } = rack('staging');
    clock.advance(1_000);
    const older = store.refresh('manual');
    await tick();
    clock.advance(1_000);
    store.learnStackStatus(stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
    ports.finish();
    await older;
    assert.equal(rack('staging').status, 'rollback', 'the answer to a refresh asked for earlier is older');
    clock.advance(1_000);
    ports.world = [stack('production', 'UPDATE_COMPLETE'), stack('staging', 'UPDATE_ROLLBACK_COMPLETE')];
    await refreshed();
    assert.equal(rack('staging').cloudformationStatus, 'UPDATE_ROLLBACK_COMPLETE');
    ports.world = [stack('production', 'UPDATE_COMPLETE'), stack('staging', 'UPDATE_IN_PROGRESS')];
    await refreshed();
    assert.equal(rack('staging').status, 'updating', 'once replaced, the learned status is gone for good');
    store.dispose();
  });

  it('waits for a stack not listed yet, and shows on it once a refresh asked for earlier lists it', async () => {
    const { ports, store, refreshed, clock } = setup();
    ports.world = [stack('production', 'UPDATE_COMPLETE')];
    await refreshed();
    clock.advance(1_000);
    const older = store.refresh('manual');
    await tick();
    clock.advance(1_000);
    store.learnStackStatus('stack/fresh', 'ROLLBACK_IN_PROGRESS');
    ports.world = [stack('production', 'UPDATE_COMPLETE'), stack('fresh', 'CREATE_IN_PROGRESS')];
    ports.finish();
    await older;
    assert.equal(store.byId('stack/fresh')?.status, 'rollback');
    store.dispose();
  });
});

describe('rack store: refreshes asked for while one runs', () => {
  it('a Retry during a refresh runs discovery again once it ends', async () => {
    const { ports, store } = setup();
    const first = store.refresh('manual');
    const retry = store.refresh('retry');
    assert.notEqual(retry, first);
    await tick();
    ports.finish();
    await first;
    await tick();
    assert.equal(ports.discoveries, 2);
    ports.finish();
    await retry;
    store.dispose();
  });

  it('logs an automatic refresh that could not start', async () => {
    const { store, clock, logged } = setup({
      settings: () => {
        throw new SettingsError('convox.regions', 'is wrong');
      },
    });
    store.requestRefresh('settings changed');
    clock.advance(debounceMs);
    await tick();
    assert.ok(logged.includes('Refresh (settings changed) failed: is wrong'), logged.join('\n'));
    store.dispose();
  });

  it('does not refresh a list shown while it is fresh', async () => {
    const { store, logged, refreshed } = setup();
    await refreshed();
    store.setListVisible(true);
    assert.deepEqual(
      logged.filter((line) => line.startsWith('Refreshing')),
      ['Refreshing racks (manual).'],
    );
    store.dispose();
  });
});

describe('rack store: instance lifecycles', () => {
  it('asks once a pair has finished, for its running racks only', async () => {
    const { ports, store, refreshed } = setup();
    const refresh = store.refresh('manual');
    await tick();
    ports.page();
    await tick();
    assert.deepEqual(ports.lifecycleCalls, [], 'not after a page');
    ports.finish();
    await refresh;
    assert.deepEqual(ports.lifecycleCalls, [['production-Instances']]);
    ports.world = [stack('staging', 'UPDATE_IN_PROGRESS')];
    await refreshed();
    assert.deepEqual(ports.lifecycleCalls, [['production-Instances']], 'no running rack: no call');
    store.dispose();
  });

  it('asks nothing of a pair that failed', async () => {
    const { ports, store } = setup();
    const refresh = store.refresh('manual');
    await tick();
    ports.finish({ kind: 'throttled', message: 'slow down' });
    await refresh;
    assert.deepEqual(ports.lifecycleCalls, []);
    assert.deepEqual(
      store.errors().map((error) => error.kind),
      ['throttled'],
    );
    store.dispose();
  });

  it('keeps a rack running when its group is missing from the answer', async () => {
    const { ports, store, refreshed } = setup();
    ports.lifecycles = new Map();
    await refreshed();
    assert.equal(store.racks()[0].status, 'running');
    store.dispose();
  });

  it('logs a failed lifecycle read and keeps the statuses', async () => {
    const { ports, store, refreshed, logged } = setup();
    ports.lifecycleFailure = new Error('ASG said no');
    await refreshed();
    assert.deepEqual(
      store.racks().map((rack) => rack.status),
      ['running', 'updating'],
    );
    assert.ok(
      logged.includes('Could not read instance lifecycles in acme-prod/us-east-1: ASG said no'),
      logged.join('\n'),
    );
    store.dispose();
  });
});

describe('rack store: details', () => {
  it('tells listeners when a rack is read again, not when a view reads it', async () => {
    const { store, refreshed, changes, rack, logged, clock } = setup();
    await refreshed();
    await batch(clock);
    changes.length = 0;
    await store.details(rack('production'));
    await batch(clock);
    assert.deepEqual(changes, []);
    await store.reloadDetails(rack('production'), 'inspect');
    await batch(clock);
    assert.deepEqual(changes.map(described), ['list=false stack/production:details']);
    assert.ok(logged.includes('Reading acme-prod/production again (inspect).'));
    store.dispose();
  });

  it('tells listeners when reading a rack again failed, so the view can say so', async () => {
    const { ports, store, refreshed, changes, rack, clock } = setup();
    await refreshed();
    await batch(clock);
    changes.length = 0;
    ports.detailsFailure = new Error('EC2 said no');
    await assert.rejects(store.details(rack('production')), /EC2 said no/);
    await batch(clock);
    assert.deepEqual(changes, [], 'the view that asked has the rejection');
    await assert.rejects(store.reloadDetails(rack('production'), 'inspect'), /EC2 said no/);
    await batch(clock);
    assert.deepEqual(changes.map(described), ['list=false stack/production:details']);
    store.dispose();
  });

  it('reads the stack events of a rack', async () => {
    const { ports, store, refreshed, rack } = setup();
    await refreshed();
    assert.deepEqual(
      (await store.events(rack('staging'), 5)).map((event) => event.logicalId),
      ['staging'],
    );
    assert.deepEqual(ports.eventReads, ['staging 5']);
    store.dispose();
  });
});

describe('rack store: process rows', () => {
  it('does not keep a failed read, also when two views asked for it at once, and leaves no rejection unhandled', async () => {
    const { ports, store, refreshed, rack } = setup();
    const unhandled: unknown[] = [];
    const record = (reason: unknown): number => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await refreshed();
      const [first, second] = [store.processes(rack('production')), store.processes(rack('production'))];
      await tick();
      assert.equal(ports.processReads.length, 1, 'one read for both');
      ports.processReads[0].reject(new Error('ECS said no'));
      await assert.rejects(first, /ECS said no/);
      await assert.rejects(second, /ECS said no/);
      await tick();
      const again = store.processes(rack('production'));
      await tick();
      assert.equal(ports.processReads.length, 2, 'asked again');
      ports.processReads[1].resolve([]);
      assert.deepEqual(await again, []);
    } finally {
      process.off('unhandledRejection', record);
    }
    assert.deepEqual(unhandled, []);
    store.dispose();
  });

  it('keeps the rows of newer details when an older read fails late', async () => {
    const { ports, store, refreshed, rack } = setup();
    await refreshed();
    const old = store.processes(rack('production'));
    await tick();
    await store.reloadDetails(rack('production'), 'inspect');
    const current = store.processes(rack('production'));
    await tick();
    ports.processReads[1].resolve([]);
    await current;
    ports.processReads[0].reject(new Error('late'));
    await assert.rejects(old, /late/);
    await tick();
    await store.processes(rack('production'));
    assert.equal(ports.processReads.length, 2);
    store.dispose();
  });
});

describe('rack store: watched racks', () => {
  it('reads a rack shown for the first time, but not one whose details are fresh', async () => {
    const { ports, store, refreshed, rack } = setup();
    await refreshed();
    store.watch(rack('staging'), 10).setVisible(true);
    assert.deepEqual(ports.detailReads, ['staging'], 'never read: read when shown');
    await store.details(rack('production'));
    store.watch(rack('production'), 10).setVisible(true);
    assert.deepEqual(ports.detailReads, ['staging', 'production'], 'just read: not again');
    store.dispose();
  });

  it('reads the watched rack, and stops once it left the list', async () => {
    const { ports, store, clock, refreshed, rack } = setup({ intervalSeconds: 0 });
    await refreshed();
    await store.details(rack('staging'));
    store.watch(rack('staging'), 10).setVisible(true);
    clock.advance(10_000);
    assert.deepEqual(ports.detailReads, ['staging', 'staging']);
    ports.world = [stack('production', 'UPDATE_COMPLETE')];
    await refreshed();
    clock.advance(60_000);
    assert.deepEqual(ports.detailReads, ['staging', 'staging']);
    store.dispose();
  });

  it('reads a visible watched rack with the list, and logs why and what failed', async () => {
    const { ports, store, clock, refreshed, rack, logged } = setup({ intervalSeconds: 0 });
    await refreshed();
    await store.details(rack('production'));
    store.watch(rack('production'), 10).setVisible(true);
    await refreshed();
    assert.ok(logged.includes('Reading acme-prod/production again (list refreshed).'), logged.join('\n'));
    await tick();
    ports.detailsFailure = new Error('EC2 said no');
    clock.advance(10_000);
    await tick();
    assert.ok(logged.includes('Reading acme-prod/production failed (interval): EC2 said no'), logged.join('\n'));
    store.dispose();
  });

  it('once disposed, tells nobody and refreshes nothing', async () => {
    const { ports, store, clock, refreshed, changes, rack } = setup();
    await refreshed();
    await batch(clock);
    store.setListVisible(true);
    await store.reloadDetails(rack('production'), 'inspect');
    // After a quiet spell the read is told at once; what is gathered after that must never be told.
    changes.length = 0;
    store.dispose();
    await batch(clock);
    clock.advance(600_000);
    await tick();
    assert.deepEqual(changes, []);
    assert.equal(ports.discoveries, 1);
  });
});

describe('rack store: architecture', () => {
  it('reads a watched architecture at its interval while visible, and nothing while hidden, never the tree details', async () => {
    const { ports, store, clock, refreshed, rack } = setup({ intervalSeconds: 0 });
    await refreshed();
    const watch = store.watchArchitecture(rack('production'), 10);
    clock.advance(30_000);
    assert.deepEqual(ports.architectureReads, [], 'hidden: no call');
    watch.setVisible(true);
    await tick();
    assert.deepEqual(ports.architectureReads, ['production'], 'shown for the first time: read at once');
    for (const _ of [1, 2]) {
      clock.advance(10_000);
      await tick();
    }
    assert.deepEqual(ports.architectureReads, ['production', 'production', 'production']);
    await refreshed();
    assert.deepEqual(
      ports.architectureReads,
      ['production', 'production', 'production', 'production'],
      'and with the list',
    );
    watch.setVisible(false);
    clock.advance(60_000);
    await refreshed();
    assert.equal(ports.architectureReads.length, 4);
    assert.deepEqual(ports.detailReads, []);
    watch.dispose();
    store.dispose();
  });

  it('keeps the last architecture when a read fails, with the reason, and tells listeners either way', async () => {
    const { ports, store, refreshed, rack, changes, clock } = setup({ intervalSeconds: 0 });
    await refreshed();
    await batch(clock);
    changes.length = 0;
    const first = await store.loadArchitecture(rack('production'), 'first use');
    await batch(clock);
    assert.deepEqual(
      changes.map((change) => [...(change.racks.get('stack/production') ?? [])]),
      [['architecture']],
    );
    ports.architectureFailure = new Error('ECS said no');
    const joined = [
      store.loadArchitecture(rack('production'), 'retry'),
      store.loadArchitecture(rack('production'), 'retry'),
    ];
    assert.equal(store.architectureState(rack('production')).reading, true);
    await Promise.all(joined.map((read) => assert.rejects(read, /ECS said no/)));
    assert.equal(ports.architectureReads.length, 2, 'the second call joined the first');
    const state = store.architectureState(rack('production'));
    assert.equal(state.data?.runtime, first.runtime);
    assert.equal(state.data?.rack, rack('production'), 'the rack as listed now');
    assert.equal(state.error?.message, 'ECS said no');
    assert.equal(state.reading, false);
    ports.architectureFailure = undefined;
    await store.loadArchitecture(rack('production'), 'retry');
    assert.equal(store.architectureState(rack('production')).error, undefined);
    store.learnStackStatus('stack/production', 'UPDATE_ROLLBACK_IN_PROGRESS');
    assert.equal(
      store.architectureState(rack('production')).data?.rack.status,
      'rollback',
      'a status learned since the read is what the diagram shows',
    );
    ports.world = [stack('staging', 'UPDATE_COMPLETE')];
    await refreshed();
    assert.equal(
      store.architectureState({ ...rack('staging'), stackId: 'stack/production' }).data,
      undefined,
      'forgotten once the rack left the list',
    );
    store.dispose();
  });
});

describe('rack store: what it hands on', () => {
  it('gives every read the request deadline, and a new one from then on', async () => {
    const { ports, store, refreshed, rack } = setup({ requestTimeoutSeconds: 20 });
    assert.equal(store.requestDeadlineMs, 20_000);
    await refreshed();
    await store.details(rack('production'));
    store.setRequestTimeout(5);
    assert.equal(store.requestDeadlineMs, 5_000);
    await store.reloadDetails(rack('production'), 'manual');
    assert.deepEqual(ports.detailDeadlines, [20_000, 5_000]);
    store.dispose();
  });

  it("hands on the ports' installer and the AWS profiles, read fresh", async () => {
    const { ports, store } = setup();
    assert.equal(store.installer, ports.installer);
    ports.profileList = [{ name: 'globex', region: 'eu-west-1' }];
    assert.deepEqual(await store.profiles(), [{ name: 'globex', region: 'eu-west-1' }]);
    store.dispose();
  });
});

describe('rack store: telling listeners', () => {
  it('tells the first change after a quiet spell at once', async () => {
    const { store, refreshed, changes, rack, clock } = setup();
    await refreshed();
    // A batch gathered at the end of the refresh can be told up to a batch later; then it is quiet.
    await batch(clock);
    await batch(clock);
    changes.length = 0;
    store.setProgress(rack('production').stackId, '10%');
    assert.deepEqual(changes.map(described), ['list=false stack/production:summary']);
    store.dispose();
  });

  it('tells progress shown before any refresh as a change of its rack only, not of the list', () => {
    const { store, changes } = setup();
    store.setProgress('stack/fresh', '5%');
    assert.deepEqual(changes.map(described), ['list=false stack/fresh:summary']);
    store.dispose();
  });

  it('does not tell progress that did not change, also after a while', async () => {
    const { store, refreshed, changes, rack, clock } = setup();
    await refreshed();
    store.setProgress(rack('production').stackId, '10%');
    await batch(clock);
    changes.length = 0;
    store.setProgress(rack('production').stackId, '10%');
    await batch(clock);
    assert.deepEqual(changes, []);
    store.dispose();
  });
});

describe('rack store: refresh ends', () => {
  it('once the instance lifecycles it asked for are read, with their statuses', async () => {
    const { ports, store, rack } = setup();
    let release = (): void => undefined;
    ports.lifecycleGate = new Promise((resolve) => (release = resolve));
    ports.lifecycles = new Map([['production-Instances', [{ instanceId: 'i-1', state: 'Pending' }]]]);
    let ended = false;
    const refresh = store.refresh('manual').then(() => (ended = true));
    await tick();
    ports.finish();
    await tick();
    assert.equal(ended, false);
    release();
    await refresh;
    assert.equal(rack('production').status, 'converging');
    store.dispose();
  });

  it('with local racks looked up after a while even when AWS is slow', async () => {
    const [local] = racksFromStacks([stack('dev', 'CREATE_COMPLETE')], {
      organization: 'local',
      profile: 'local',
      region: 'local',
    });
    let lookups = 0;
    const { ports, store, clock } = setup({ localRacks: () => ((lookups += 1), Promise.resolve([local])) });
    const refresh = store.refresh('manual');
    await tick();
    clock.advance(999);
    assert.equal(lookups, 0);
    clock.advance(1);
    await tick();
    assert.deepEqual(
      store.racks().map((each) => each.name),
      ['dev'],
      'before AWS answered',
    );
    ports.finish();
    await refresh;
    assert.equal(lookups, 1);
    store.dispose();
  });
});

describe('rack store: reads with the list', () => {
  it('reads only the details of a rack whose details are watched, not its architecture', async () => {
    const { ports, store, refreshed, rack, logged } = setup({ intervalSeconds: 0 });
    await refreshed();
    await store.details(rack('production'));
    store.watch(rack('production'), 10).setVisible(true);
    await refreshed();
    await tick();
    assert.deepEqual([ports.detailReads, ports.architectureReads], [['production', 'production'], []]);
    assert.ok(!logged.some((line) => line.startsWith('Reading the architecture')));
    store.dispose();
  });

  it('does not read an architecture again when its diagram is shown just after a read', async () => {
    const { ports, store, refreshed, rack } = setup({ intervalSeconds: 0 });
    await refreshed();
    await store.loadArchitecture(rack('production'), 'first use');
    store.watchArchitecture(rack('production'), 10).setVisible(true);
    await tick();
    assert.deepEqual(ports.architectureReads, ['production']);
    store.dispose();
  });

  it('logs an architecture read and keeps it while the rack stays in the list', async () => {
    const { store, refreshed, rack, logged, clock } = setup({ intervalSeconds: 0 });
    await refreshed();
    clock.advance(5_000);
    await store.loadArchitecture(rack('production'), 'first use');
    assert.ok(logged.includes('Reading the architecture of acme-prod/production (first use).'), logged.join('\n'));
    await refreshed();
    const state = store.architectureState(rack('production'));
    assert.ok(state.data);
    assert.equal(state.readAt, 5_000);
    store.dispose();
  });
});
