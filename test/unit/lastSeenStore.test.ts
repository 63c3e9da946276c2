import * as assert from 'node:assert/strict';
import type { ProfileRegion } from '../../src/model/discoveryPlan';
import type { PairResult } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { DiscoveryError } from '../../src/model/rack';
import { organizationEntries } from '../../src/model/racks/lastSeenRows';
import type { ScanSettings } from '../../src/model/settings';
import { racksFromStacks, type StackDescription } from '../../src/model/stacks';
import type { StoreChange } from '../../src/model/store/changes';
import { encodeLastSeen, lastSeenVersion, type SeenPair, type SeenRack } from '../../src/model/store/lastSeenCache';
import { lastSeenWriteDelayMs } from '../../src/model/store/lastSeenRacks';
import { lazyInstaller, lazyReleases, lazyStacks } from '../../src/model/store/lazyPorts';
import type { LastSeenKeeper, RackPorts } from '../../src/model/store/ports';
import { RackStore } from '../../src/model/store/rackStore';
import type { ServerLifecycle } from '../../src/model/status';
import { VirtualClock } from '../virtualClock';

const acme: Pair = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };
const globex: Pair = { organization: 'globex', profile: 'globex', region: 'eu-west-1' };
const initech: Pair = { organization: 'initech', profile: 'initech', region: 'us-east-1' };
const scan: ScanSettings = { regions: [], organizations: { acme: ['acme-prod'] } };
const hourMs = 3_600_000;
/** When the cached answers were seen; the store's clock starts three hours later. */
const seenAt = Date.UTC(2025, 5, 1, 9);

const id = (name: string): string => `arn:stack/${name}`;

function seen(name: string, status: SeenRack['status'] = 'running', version = '20240101000000'): SeenRack {
  return { stackId: id(name), name, status, cloudformationStatus: 'UPDATE_COMPLETE', version };
}

function stack(name: string, status = 'UPDATE_COMPLETE'): StackDescription {
  return {
    stackId: id(name),
    name,
    status,
    tags: { System: 'convox', Type: 'rack' },
    parameters: { Version: '20250101120000', Password: 'not-kept' },
    outputs: { AutoscalingGroup: `${name}-Instances` },
    createdAt: new Date(0),
  };
}

/** The cache the last session left: acme's production and retired, globex's main, initech's legacy. */
const lastSession: SeenPair[] = [
  { ...acme, seenAt, racks: [seen('production', 'updating'), seen('retired')] },
  { ...globex, seenAt, racks: [seen('main')] },
  { ...initech, seenAt, racks: [seen('legacy')] },
];

class MemoryKeeper implements LastSeenKeeper {
  reads = 0;
  readonly writes: unknown[] = [];
  constructor(public value: unknown) {}
  read(): unknown {
    this.reads += 1;
    return this.value;
  }
  write(value: unknown): void {
    this.writes.push(value);
    this.value = value;
  }
}

/** Discovery the test drives: each pair answers when told, and the discovery ends when told. */
class DrivenDiscovery {
  profiles: ProfileRegion[] = [
    { name: 'acme-prod', region: 'us-east-1' },
    { name: 'globex', region: 'eu-west-1' },
    { name: 'initech', region: 'us-east-1' },
  ];
  private report: ((result: PairResult) => void) | undefined;
  private end: (() => void) | undefined;

  readonly port = {
    profiles: async (): Promise<ProfileRegion[]> => this.profiles,
    discover: (_pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
      this.report = report;
      return new Promise<void>((resolve) => (this.end = resolve));
    },
  };

  page(pair: Pair, stacks: StackDescription[]): void {
    this.report?.({ ...pair, racks: racksFromStacks(stacks, pair), done: false });
  }

  done(pair: Pair, stacks: StackDescription[]): void {
    this.report?.({ ...pair, racks: racksFromStacks(stacks, pair), done: true });
  }

  failed(pair: Pair): void {
    const error: DiscoveryError = { ...pair, kind: 'expired-credentials', message: 'The token expired.' };
    this.report?.({ ...pair, racks: [], done: true, error });
  }

  finish(): void {
    this.end?.();
  }
}

function setup(options: { cached?: unknown; enabled?: boolean; lifecycles?: Map<string, ServerLifecycle[]> } = {}) {
  const keeper = new MemoryKeeper(options.cached ?? encodeLastSeen(lastSession));
  const discovery = new DrivenDiscovery();
  const ports: RackPorts = {
    discovery: discovery.port,
    reader: {
      lifecycleStates: async () => options.lifecycles ?? new Map(),
      details: () => Promise.reject(new Error('not read here')),
      processes: () => Promise.reject(new Error('not read here')),
      architecture: () => Promise.reject(new Error('not read here')),
    },
    stacks: { ...lazyStacks(() => Promise.reject(new Error('not here'))), events: async () => [] },
    releases: lazyReleases(() => Promise.reject(new Error('not here'))),
    installer: lazyInstaller(() => Promise.reject(new Error('not here'))),
    dispose: () => undefined,
  };
  const clock = new VirtualClock();
  clock.advance(seenAt + 3 * hourMs);
  const store = new RackStore(ports, () => scan, {
    intervalSeconds: 0,
    timers: clock,
    lastSeen: { keeper, enabled: options.enabled ?? true },
  });
  const changes: StoreChange[] = [];
  store.onDidChange((change) => changes.push(change));
  /** Lets the store take in what was reported, past its change batching. */
  const settle = async (): Promise<void> => {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    clock.advance(60);
  };
  return { keeper, discovery, store, clock, changes, settle };
}

const names = (racks: ReadonlyArray<{ displayName: string }>): string[] => racks.map((rack) => rack.displayName);

describe('last-seen racks in the store', () => {
  it('are there from the start, drawn apart from the listed racks, which never hold them', () => {
    const { store, keeper } = setup();
    assert.equal(keeper.reads, 1);
    assert.deepEqual(names(store.lastSeen()), ['acme/production', 'acme/retired', 'globex/main', 'initech/legacy']);
    assert.deepEqual(store.racks(), []);
    assert.equal(store.byId(id('production')), undefined, 'nothing acts on a last-seen rack');
    assert.deepEqual(
      { ...store.lastSeenById(id('production')) },
      {
        ...seen('production', 'updating'),
        ...acme,
        seenAt,
        fullName: 'acme/production',
        displayName: 'acme/production',
      },
    );
  });

  it('are replaced row by row: a rack listed again at once, a gone one when its pair answers, a failing pair keeps its own', async () => {
    const { store, discovery, changes, settle } = setup();
    const refreshed = store.refresh('view shown');
    await settle();

    discovery.page(acme, [stack('production')]);
    await settle();
    assert.deepEqual(names(store.racks()), ['acme/production']);
    assert.equal(store.byId(id('production'))?.status, 'running', 'the listed state, not the cached one');
    assert.deepEqual(
      names(store.lastSeen()),
      ['acme/retired', 'globex/main', 'initech/legacy'],
      'retired may come on a later page',
    );

    discovery.done(acme, [stack('production')]);
    await settle();
    assert.deepEqual(names(store.lastSeen()), ['globex/main', 'initech/legacy'], 'retired is gone');
    assert.ok(changes.at(-1)?.list, 'the rows are drawn again');

    discovery.failed(initech);
    discovery.done(globex, [stack('main'), stack('new')]);
    discovery.finish();
    await refreshed;
    assert.deepEqual(names(store.racks()), ['acme/production', 'globex/main', 'globex/new']);
    assert.deepEqual(names(store.lastSeen()), ['initech/legacy'], 'kept under the failing pair');
    assert.deepEqual(
      organizationEntries(
        store.racks().filter((rack) => rack.organization === 'initech'),
        store.lastSeen(),
        store.errors(),
      ).map((entry) => (entry.kind === 'rack' ? entry.stackId : `error ${entry.error.profile}`)),
      ['error initech', id('legacy')],
      'the error row, then the rack last seen there',
    );
  });

  it('writes complete answers once, gathered, with the status shown and the failing pair’s last answer', async () => {
    const lifecycles = new Map([['production-Instances', [{ instanceId: 'i-1', state: 'Pending' }]]]);
    const { store, discovery, keeper, clock, settle } = setup({ lifecycles });
    const refreshed = store.refresh('view shown');
    await settle();
    discovery.done(acme, [stack('production')]);
    discovery.done(globex, []);
    discovery.failed(initech);
    discovery.finish();
    await refreshed;
    assert.deepEqual(keeper.writes, [], 'not on every answer');
    const now = clock.now();
    clock.advance(lastSeenWriteDelayMs);
    assert.equal(keeper.writes.length, 1);
    assert.deepEqual(keeper.writes[0], {
      version: lastSeenVersion,
      pairs: [
        {
          ...acme,
          seenAt: now,
          racks: [
            {
              stackId: id('production'),
              name: 'production',
              status: 'converging',
              cloudformationStatus: 'UPDATE_COMPLETE',
              version: '20250101120000',
            },
          ],
        },
        lastSession[2],
      ],
    });
  });

  it('writes again with each refresh, and what is still gathering when disposed', async () => {
    const { store, discovery, keeper, clock, settle } = setup();
    const refresh = async (): Promise<void> => {
      const refreshed = store.refresh('manual');
      await settle();
      discovery.done(acme, [stack('production')]);
      discovery.done(globex, [stack('main')]);
      discovery.done(initech, []);
      discovery.finish();
      await refreshed;
    };
    await refresh();
    clock.advance(lastSeenWriteDelayMs);
    assert.equal(keeper.writes.length, 1);
    await refresh();
    clock.advance(lastSeenWriteDelayMs);
    assert.equal(keeper.writes.length, 2, 'seen again later');
    const written = keeper.writes[1];
    assert.ok(typeof written === 'object' && written !== null);
    store.dispose();
    assert.equal(keeper.writes.length, 2, 'nothing pending');

    const second = setup({ cached: written });
    second.store.refresh('manual').catch(() => undefined);
    await second.settle();
    second.discovery.done(acme, [stack('production')]);
    await second.settle();
    second.store.dispose();
    assert.equal(second.keeper.writes.length, 1, 'written when disposed');
  });

  it('forgets pairs no longer scanned, and follows the organisations of the settings', async () => {
    const { store, discovery, settle } = setup();
    discovery.profiles = [
      { name: 'acme-prod', region: 'us-east-1' },
      { name: 'initech', region: 'us-east-1' },
    ];
    const moved = setup({
      cached: encodeLastSeen([{ ...initech, organization: 'initech-old', seenAt, racks: [seen('legacy')] }]),
    });
    store.refresh('manual').catch(() => undefined);
    moved.store.refresh('manual').catch(() => undefined);
    await settle();
    await moved.settle();
    assert.deepEqual(names(store.lastSeen()), ['acme/production', 'acme/retired', 'initech/legacy']);
    assert.deepEqual(names(moved.store.lastSeen()), ['initech/legacy']);
  });

  it('show one stack cached under two profiles once, and qualify names shared with listed racks', async () => {
    const readonly: Pair = { ...acme, profile: 'acme-readonly' };
    const europe: Pair = { ...acme, region: 'eu-west-1' };
    const { store, discovery, settle } = setup({
      cached: encodeLastSeen([
        { ...readonly, seenAt, racks: [seen('production')] },
        { ...acme, seenAt, racks: [seen('production')] },
        { ...europe, seenAt, racks: [{ ...seen('staging'), stackId: id('staging-eu') }] },
      ]),
    });
    assert.deepEqual(
      store.lastSeen().map((rack) => `${rack.displayName} ${rack.profile}`),
      ['acme/production acme-prod', 'acme/staging acme-prod'],
    );
    discovery.profiles = [
      { name: 'acme-prod', region: 'us-east-1' },
      { name: 'acme-prod', region: 'eu-west-1' },
    ];
    store.refresh('manual').catch(() => undefined);
    await settle();
    discovery.page(acme, [stack('staging')]);
    await settle();
    assert.deepEqual(names(store.lastSeen()), ['acme/production', 'acme/staging (eu-west-1)']);
  });

  it('turned off: nothing read or written, what was kept is cleared', async () => {
    const { store, keeper, discovery, clock, settle } = setup({ enabled: false });
    assert.equal(keeper.reads, 0);
    assert.deepEqual(keeper.writes, [undefined]);
    assert.deepEqual(store.lastSeen(), []);
    const refreshed = store.refresh('manual');
    await settle();
    discovery.done(acme, [stack('production')]);
    discovery.finish();
    await refreshed;
    clock.advance(lastSeenWriteDelayMs);
    assert.deepEqual(keeper.writes, [undefined]);
  });

  it('turned off on the way, the rows drawn from it go and it is cleared; turned on again, answers are kept', async () => {
    const { store, keeper, discovery, clock, changes, settle } = setup();
    const refreshed = store.refresh('manual');
    await settle();
    discovery.done(acme, [stack('production')]);
    await settle();
    const heard = changes.length;
    store.setCacheLastSeen(false);
    await settle();
    assert.deepEqual(store.lastSeen(), []);
    assert.ok(
      changes.slice(heard).some((change) => change.list),
      'the rows are drawn again',
    );
    assert.deepEqual(keeper.writes, [undefined]);
    clock.advance(lastSeenWriteDelayMs);
    assert.deepEqual(keeper.writes, [undefined], 'the pending write is dropped');
    store.setCacheLastSeen(true);
    discovery.done(globex, [stack('main')]);
    discovery.finish();
    await refreshed;
    clock.advance(lastSeenWriteDelayMs);
    assert.equal(keeper.writes.length, 2);
    assert.deepEqual(
      (keeper.value as { pairs: SeenPair[] }).pairs.map((pair) => pair.profile),
      ['globex'],
    );
  });

  it('ignores a cache of another version, and replaces it with the next answers', async () => {
    const { store, keeper, discovery, clock, settle } = setup({
      cached: { ...encodeLastSeen(lastSession), version: lastSeenVersion + 1 },
    });
    assert.deepEqual(store.lastSeen(), []);
    const refreshed = store.refresh('manual');
    await settle();
    discovery.done(acme, [stack('production')]);
    discovery.finish();
    await refreshed;
    clock.advance(lastSeenWriteDelayMs);
    assert.equal((keeper.value as { version: number }).version, lastSeenVersion);
  });
});
