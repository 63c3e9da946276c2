import * as assert from 'node:assert/strict';
import type { RackInstaller, RackPorts } from '../../src/model/store/ports';
import { lazyInstaller, lazyPorts, lazyRackApi } from '../../src/model/store/lazyPorts';
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

const installerMethods = [
  'checkName',
  'releases',
  'templateParameters',
  'create',
  'newEvents',
  'stackStatus',
  'deleteStack',
  'uninstallPlan',
  'disableRule',
  'forceDeleteAutoScalingGroup',
  'apiAnswers',
] as const satisfies readonly (keyof RackInstaller)[];

describe('implementations loaded on first use', () => {
  it('an installer forwards every call, with its arguments, to the installer it loads', async () => {
    let loads = 0;
    const installer = lazyInstaller(() => ((loads += 1), Promise.resolve(echo<RackInstaller>())));
    assert.equal(loads, 0, 'nothing is loaded before a call');
    for (const name of installerMethods) {
      assert.deepEqual(await (installer[name] as Call)('target', 7), { name, args: ['target', 7] }, name);
    }
    assert.equal(loads, installerMethods.length);
  });

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
