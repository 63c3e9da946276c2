import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localInspectDocument } from '../../src/model/inspect/inspectDocument';
import { localRacks, localRacksDisabled } from '../../src/model/local/localRacks';
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
