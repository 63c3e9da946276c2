import * as assert from 'node:assert/strict';
import type { ProfileRegion } from '../../src/model/discoveryPlan';
import type { PairResult } from '../../src/model/inventory';
import { localRacks } from '../../src/model/local/localRacks';
import type { Pair } from '../../src/model/pair';
import type { Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import { lazyInstaller, lazyReleases, lazyStacks } from '../../src/model/store/lazyPorts';
import type { RackPorts } from '../../src/model/store/ports';
import { RackStore } from '../../src/model/store/rackStore';
import { rackNamed } from '../rackNamed';

/** One profile, one region, one rack, reported at once. */
function ports(): RackPorts {
  const production = {
    stackId: 'stack/production',
    name: 'production',
    status: 'UPDATE_COMPLETE',
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
    outputs: {},
    createdAt: new Date(0),
  };
  return {
    discovery: {
      profiles: async (): Promise<ProfileRegion[]> => [{ name: 'acme-prod', region: 'us-east-1' }],
      discover: async (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
        for (const pair of pairs) report({ ...pair, racks: racksFromStacks([production], pair), done: true });
      },
    },
    reader: {
      lifecycleStates: async () => new Map(),
      details: () => Promise.reject(new Error('not read here')),
      processes: () => Promise.reject(new Error('not read here')),
      architecture: () => Promise.reject(new Error('not read here')),
    },
    stacks: {
      ...lazyStacks(() => Promise.reject(new Error('no stack changes in these tests'))),
      events: async () => [],
    },
    releases: lazyReleases(() => Promise.reject(new Error('no releases in these tests'))),
    installer: lazyInstaller(() => Promise.reject(new Error('no installs in these tests'))),
    dispose: () => undefined,
  };
}

const settings = () => ({ regions: [], organizations: {} });

describe('local racks in the store', () => {
  it('come after the AWS racks, which never wait for them', async () => {
    let answer: (racks: Rack[]) => void = () => undefined;
    const store = new RackStore(ports(), settings, {
      intervalSeconds: 0,
      localRacks: () => new Promise((resolve) => (answer = resolve)),
    });
    const refreshed = store.refresh('manual');
    for (let waited = 0; store.racks().length === 0 && waited < 2_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(
      store.racks().map((rack) => rack.fullName),
      ['acme-prod/production'],
      'the AWS racks are listed while the cluster has not answered',
    );
    answer(localRacks({ context: 'kind', namespaces: [{ name: 'convox' }] }));
    await refreshed;
    assert.deepEqual(
      store.racks().map((rack) => rack.fullName),
      ['acme-prod/production', 'local/convox'],
    );
    assert.equal(rackNamed(store, 'local/convox')?.local?.context, 'kind');
    store.dispose();
  });

  it('a failed lookup means none, its reason logged once while it stays the same', async () => {
    const logged: string[] = [];
    let reason = 'no kubeconfig';
    const store = new RackStore(ports(), settings, {
      intervalSeconds: 0,
      log: (message) => logged.push(message),
      localRacks: () => Promise.reject(new Error(reason)),
    });
    await store.refresh('manual');
    await store.refresh('manual');
    reason = 'the cluster did not answer';
    await store.refresh('manual');
    assert.deepEqual(
      logged.filter((line) => line.startsWith('No local racks')),
      ['No local racks: no kubeconfig', 'No local racks: the cluster did not answer'],
    );
    assert.deepEqual(
      store.racks().map((rack) => rack.fullName),
      ['acme-prod/production'],
    );
    store.dispose();
  });
});
