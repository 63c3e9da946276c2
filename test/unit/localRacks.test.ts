import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localInspectDocument } from '../../src/model/inspect/inspectDocument';
import {
  findLocalRacks,
  localRackEndpoint,
  localRacks,
  localRackSummary,
  localRacksDisabled,
  v3RackOf,
  v3Refusal,
  type LocalLookup,
} from '../../src/model/local/localRacks';
import type { Rack } from '../../src/model/rack';
import { rackRow } from '../../src/model/racks/rows';
import { projectRoot } from '../projectRoot';

describe('local racks (as `convox racks` lists them)', () => {
  // Listed in each test, not once for all: a mutation of the listing then fails the tests that look at it.
  const listed = (): Rack[] =>
    localRacks({ context: 'docker-desktop', namespaces: [{ name: 'dev' }, { name: 'convox' }] });

  it('are local/<namespace>, running, under the organisation local, sorted by name', () => {
    const [convox, dev] = listed();
    assert.deepEqual([convox.fullName, dev.fullName], ['local/convox', 'local/dev']);
    assert.equal(convox.organization, 'local');
    assert.equal(convox.status, 'running');
    assert.deepEqual(convox.local, { namespace: 'convox', context: 'docker-desktop' });
    assert.notEqual(convox.stackId, dev.stackId);
  });

  it('show where they live, cannot be expanded, and say they are local to the menus', () => {
    const [convox] = listed();
    const row = rackRow(convox, true);
    assert.equal(row.description, '✓ current · running · docker-desktop');
    assert.equal(row.collapsible, 'none');
    assert.equal(row.contextValue, 'rack.current.running.local');
    assert.ok('markdown' in (row.tooltip ?? {}));
    const tooltip = row.tooltip && 'markdown' in row.tooltip ? row.tooltip.markdown : '';
    for (const shown of ['Namespace', 'Context', 'docker', 'Endpoint']) assert.ok(tooltip.includes(shown), shown);
  });

  it('keep AWS-only actions off their rows, and every rack action on AWS rows', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const offered = (command: string, contextValue: string): boolean =>
      manifest.contributes.menus['view/item/context']
        .filter((entry) => entry.command === command)
        .every((entry) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(entry.when ?? '')?.[1] ?? '$^').test(contextValue));
    for (const command of ['convox.showArchitecture', 'convox.copyRackUrl']) {
      assert.equal(offered(command, 'rack.current.running.local'), false, command);
      assert.equal(offered(command, 'rack.running'), true, command);
    }
    for (const command of ['convox.switchRack', 'convox.inspectRack', 'convox.openTerminal'])
      assert.equal(offered(command, 'rack.running.local'), true, command);
  });

  describe('a Convox v3 rack (its <rack>-system namespace matches the same selector)', () => {
    const v3Labels = { app: 'system', rack: 'shop', system: 'convox', type: 'rack' };
    const listedV3 = (): Rack[] =>
      localRacks({
        context: 'eks-prod',
        namespaces: [
          { name: 'shop-system', labels: v3Labels },
          { name: 'convox', labels: { system: 'convox', type: 'rack', rack: 'convox' } },
        ],
      });

    it('is known by app=system and a rack label; other labelled namespaces stay local/<namespace>', () => {
      const [plain] = listedV3();
      assert.equal(v3RackOf(v3Labels), 'shop');
      assert.equal(
        v3RackOf({ system: 'convox', type: 'rack', rack: 'convox' }),
        undefined,
        'a rack label without app=system',
      );
      assert.equal(
        v3RackOf({ app: 'system', system: 'convox', type: 'rack' }),
        undefined,
        'app=system without a rack label',
      );
      assert.equal(plain.fullName, 'local/convox');
      assert.equal(v3Refusal(plain), undefined);
    });

    it('is shown by its own name, as v3, with its context, and keeps its namespace as identity', () => {
      const [, shop] = listedV3();
      assert.equal(shop.name, 'shop');
      assert.equal(shop.fullName, 'shop (v3)');
      assert.deepEqual(shop.local, { namespace: 'shop-system', context: 'eks-prod', v3Rack: 'shop' });
      assert.equal(shop.stackId, 'kubernetes:eks-prod/shop-system');
      const row = rackRow(shop, false);
      assert.equal(row.label, 'shop');
      assert.equal(row.description, 'v3 · eks-prod');
      const tooltip = row.tooltip && 'markdown' in row.tooltip ? row.tooltip.markdown : '';
      assert.match(tooltip, /Generation: v3/);
      assert.ok(!tooltip.includes('Endpoint') && !tooltip.includes('https://rack.'), 'no v2 endpoint');
      assert.ok(!localInspectDocument(shop).includes('https://rack.'), 'Inspect offers no v2 endpoint either');
    });

    it('offers Inspect only: no switch, terminal, rack URL or AWS action in its menus', () => {
      const [, shop] = listedV3();
      const row = rackRow(shop, true);
      assert.equal(row.contextValue, 'v3rack', 'never current, whatever the caller says');
      const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
        contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
      };
      const entries = manifest.contributes.menus['view/item/context'];
      const offeredOn = (contextValue: string): string[] => [
        ...new Set(
          entries
            .filter((entry) =>
              new RegExp(/viewItem =~ \/(.*)\/$/.exec(entry.when ?? '')?.[1] ?? '$^').test(contextValue),
            )
            .map((entry) => entry.command),
        ),
      ];
      assert.deepEqual(offeredOn(row.contextValue ?? ''), ['convox.inspectRack']);
      assert.ok(
        offeredOn('rack.running.local').includes('convox.switchRack'),
        'a local v2 rack still can be switched to',
      );
    });

    it('says why it gets no switch or terminal, and what to use instead', () => {
      const [, shop] = listedV3();
      assert.match(
        v3Refusal(shop) ?? '',
        /^shop \(v3\) is a Convox v3 rack \(namespace shop-system, context eks-prod\): the v2 convox CLI .* cannot reach it.*convox switch shop/,
      );
    });
  });

  it('are inspected as what is known: namespace and context', () => {
    const [convox] = listed();
    const text = localInspectDocument(convox);
    assert.ok(text.startsWith('local/convox\n'));
    assert.match(text, /Namespace\s+convox/);
    assert.match(text, /Context\s+docker-desktop/);
  });

  it('are skipped with CONVOX_LOCAL=disable only', () => {
    assert.equal(localRacksDisabled({ CONVOX_LOCAL: 'disable' }), true);
    assert.equal(localRacksDisabled({ CONVOX_LOCAL: 'enable' }), false);
    assert.equal(localRacksDisabled({}), false);
  });

  it('are racks with no AWS side: no profile, region, apps, tags, parameters or outputs', () => {
    const createdAt = new Date('2025-03-01T10:00:00Z');
    const [rack] = localRacks({ context: 'kind-kind', namespaces: [{ name: 'dev', createdAt }] });
    assert.deepEqual(rack, {
      organization: 'local',
      profile: '',
      region: '',
      name: 'dev',
      fullName: 'local/dev',
      displayName: 'local/dev',
      stackId: 'kubernetes:kind-kind/dev',
      cloudformationStatus: '',
      status: 'running',
      highAvailability: false,
      private: false,
      createdAt,
      legacy: false,
      apps: [],
      tags: {},
      parameters: {},
      outputs: {},
      local: { namespace: 'dev', context: 'kind-kind' },
    });
  });

  it('without a creation time are dated at the epoch', () => {
    const [rack] = localRacks({ context: 'kind-kind', namespaces: [{ name: 'dev' }] });
    assert.equal(rack.createdAt.getTime(), 0);
  });

  it('are sorted by the name shown, v3 racks among the others', () => {
    const racks = localRacks({
      context: 'eks',
      namespaces: [
        { name: 'zeta' },
        { name: 'beta-system', labels: { app: 'system', rack: 'beta' } },
        { name: 'alpha' },
        { name: 'mid' },
      ],
    });
    assert.deepEqual(
      racks.map((rack) => rack.fullName),
      ['beta (v3)', 'local/alpha', 'local/mid', 'local/zeta'],
    );
  });

  it('are looked up unless CONVOX_LOCAL=disable, which asks the cluster nothing', async () => {
    let lookups = 0;
    const lookUp = (): Promise<LocalLookup> => {
      lookups++;
      return Promise.resolve({ context: 'docker-desktop', namespaces: [{ name: 'dev' }] });
    };
    assert.deepEqual(await findLocalRacks({ CONVOX_LOCAL: 'disable' }, lookUp), []);
    assert.equal(lookups, 0);
    const found = await findLocalRacks({}, lookUp);
    assert.equal(lookups, 1);
    assert.deepEqual(
      found.map((rack) => rack.fullName),
      ['local/dev'],
    );
  });

  it('are reached at https://rack.<namespace>', () => {
    assert.equal(localRackEndpoint('dev'), 'https://rack.dev');
  });

  it('are summed up as their name, provider, namespace, context, status and endpoint', () => {
    const [, dev] = listed();
    assert.deepEqual(localRackSummary(dev), [
      ['Name', 'local/dev'],
      ['Provider', 'local (Kubernetes)'],
      ['Namespace', 'dev'],
      ['Context', 'docker-desktop'],
      ['Status', 'running'],
      ['Endpoint', 'https://rack.dev'],
    ]);
  });

  it('a v3 rack is summed up with the CLI that reaches it, and no endpoint', () => {
    const [shop] = localRacks({
      context: 'eks-prod',
      namespaces: [{ name: 'shop-system', labels: { app: 'system', rack: 'shop' } }],
    });
    assert.deepEqual(localRackSummary(shop), [
      ['Name', 'shop'],
      ['Generation', 'v3 (Kubernetes)'],
      ['Namespace', 'shop-system'],
      ['Context', 'eks-prod'],
      ['CLI', 'the v3 convox CLI (its own rack list or the Console); the v2 CLI cannot reach it'],
    ]);
  });

  it('a rack on AWS has no local summary and no v3 refusal', () => {
    const aws = { fullName: 'acme/production', local: undefined };
    assert.equal(v3Refusal(aws), undefined);
    const [, dev] = listed();
    assert.deepEqual(localRackSummary({ ...dev, local: undefined }), []);
  });
});
