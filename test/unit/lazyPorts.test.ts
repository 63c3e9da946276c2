import * as assert from 'node:assert/strict';
import type { ReleaseCatalog, RackInstaller, RackPorts, StackOperations } from '../../src/model/store/ports';
import { lazyInstaller, lazyPorts, lazyRackApi, lazyReleases, lazyStacks } from '../../src/model/store/lazyPorts';
import type { RackApi } from '../../src/model/update/ports';

/**
 * An object whose every method answers with its own name and the arguments it was called with; it has no `then`,
 * so that a promise can resolve to it.
 */
function echo<T extends object>(): T {
  return new Proxy({} as T, {
    get: (_target, name) => (name === 'then' ? undefined : (...args: unknown[]) => Promise.resolve({ name, args })),
  });
}

type Call = (...args: unknown[]) => Promise<unknown>;

/** Each lazily loaded port with every one of its methods, so that a method added to a port and not forwarded fails. */
const lazyPortMethods = {
  installer: {
    wrap: lazyInstaller as (load: () => Promise<unknown>) => unknown,
    methods: [
      'checkName',
      'create',
      'uninstallPlan',
      'disableRule',
      'forceDeleteAutoScalingGroup',
      'apiAnswers',
    ] as const satisfies readonly (keyof RackInstaller)[],
  },
  stacks: {
    wrap: lazyStacks as (load: () => Promise<unknown>) => unknown,
    methods: [
      'events',
      'newEvents',
      'stackStatus',
      'deleteStack',
    ] as const satisfies readonly (keyof StackOperations)[],
  },
  releases: {
    wrap: lazyReleases as (load: () => Promise<unknown>) => unknown,
    methods: ['readReleases', 'templateParameters'] as const satisfies readonly (keyof ReleaseCatalog)[],
  },
};

describe('implementations loaded on first use', () => {
  for (const [port, { wrap, methods }] of Object.entries(lazyPortMethods)) {
    it(`the ${port} port forwards every call, with its arguments, to the one it loads`, async () => {
      let loads = 0;
      const lazyPort = wrap(() => ((loads += 1), Promise.resolve(echo<object>()))) as Record<string, Call>;
      assert.equal(loads, 0, 'nothing is loaded before a call');
      assert.deepEqual(Object.keys(lazyPort).sort(), [...methods].sort(), 'every method of the port, no other');
      for (const name of methods)
        assert.deepEqual(await lazyPort[name]('target', 7), { name, args: ['target', 7] }, name);
      assert.equal(loads, methods.length);
    });
  }

  it("the ports' installer and architecture reads reach the loaded ports", async () => {
    const loaded = {
      reader: { architecture: (...args: unknown[]) => Promise.resolve({ name: 'architecture', args }) },
      installer: echo<RackInstaller>(),
    } as unknown as RackPorts;
    const ports = lazyPorts(() => Promise.resolve(loaded));
    assert.deepEqual(await (ports.reader.architecture as Call)('rack', 5), { name: 'architecture', args: ['rack', 5] });
    assert.deepEqual(await (ports.installer.apiAnswers as Call)('host', 9), { name: 'apiAnswers', args: ['host', 9] });
  });

  it('a rack API client forwards its reads and updates to the client it loads', async () => {
    const api = lazyRackApi(() => Promise.resolve(echo<RackApi>()));
    assert.deepEqual(await (api.system as Call)('target', 1), { name: 'system', args: ['target', 1] });
    assert.deepEqual(await (api.update as Call)('target', 'form', 2), { name: 'update', args: ['target', 'form', 2] });
  });
});
