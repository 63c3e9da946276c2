import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localInspectDocument } from '../../src/model/inspect/inspectDocument';
import { localRacks, localRacksDisabled, v3RackOf, v3Refusal } from '../../src/model/local/localRacks';
import { rackRow } from '../../src/model/racks/rows';
import { projectRoot } from '../projectRoot';

describe('local racks (as `convox racks` lists them)', () => {
  const [convox, dev] = localRacks({ context: 'docker-desktop', namespaces: [{ name: 'dev' }, { name: 'convox' }] });

  it('are local/<namespace>, running, under the organisation local, sorted by name', () => {
    assert.deepEqual([convox.fullName, dev.fullName], ['local/convox', 'local/dev']);
    assert.equal(convox.organization, 'local');
    assert.equal(convox.status, 'running');
    assert.deepEqual(convox.local, { namespace: 'convox', context: 'docker-desktop' });
    assert.notEqual(convox.stackId, dev.stackId);
  });

  it('show where they live, cannot be expanded, and say they are local to the menus', () => {
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
    const [plain, shop] = localRacks({
      context: 'eks-prod',
      namespaces: [
        { name: 'shop-system', labels: v3Labels },
        { name: 'convox', labels: { system: 'convox', type: 'rack', rack: 'convox' } },
      ],
    });

    it('is known by app=system and a rack label; other labelled namespaces stay local/<namespace>', () => {
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
      assert.match(
        v3Refusal(shop) ?? '',
        /^shop \(v3\) is a Convox v3 rack \(namespace shop-system, context eks-prod\): the v2 convox CLI .* cannot reach it.*convox switch shop/,
      );
    });
  });

  it('are inspected as what is known: namespace and context', () => {
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
});
