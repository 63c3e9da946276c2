import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiscoveryError, Rack } from '../../src/model/rack';
import {
  lastSeenColor,
  lastSeenRackRow,
  lastSeenUnresolved,
  organizationEntries,
  seenAgo,
} from '../../src/model/racks/lastSeenRows';
import { organizationRow, rackRow } from '../../src/model/racks/rows';
import { racksFromStacks } from '../../src/model/stacks';
import type { LastSeenRack } from '../../src/model/store/lastSeenRacks';
import { projectRoot } from '../projectRoot';

const now = Date.UTC(2025, 5, 1, 12);
const minute = 60_000;

function lastSeen(name: string, overrides: Partial<LastSeenRack> = {}): LastSeenRack {
  return {
    stackId: `arn:stack/${name}`,
    name,
    status: 'updating',
    cloudformationStatus: 'UPDATE_IN_PROGRESS',
    version: '20240101000000',
    organization: 'acme',
    profile: 'acme-prod',
    region: 'us-east-1',
    seenAt: now - 3 * 60 * minute,
    fullName: `acme/${name}`,
    displayName: `acme/${name}`,
    ...overrides,
  };
}

function listed(name: string, region = 'us-east-1'): Rack {
  const [rack] = racksFromStacks(
    [
      {
        stackId: `arn:stack/${name}`,
        name,
        status: 'UPDATE_COMPLETE',
        tags: { System: 'convox', Type: 'rack' },
        parameters: {},
        outputs: {},
        createdAt: new Date(0),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region },
  );
  return rack;
}

describe('"seen … ago"', () => {
  it('says how long ago in the largest whole unit, short enough for a row', () => {
    const cases: Array<[number, string]> = [
      [0, 'seen just now'],
      [59_999, 'seen just now'],
      [minute, 'seen 1 min ago'],
      [59 * minute + 59_999, 'seen 59 min ago'],
      [60 * minute, 'seen 1 h ago'],
      [3 * 60 * minute + 5 * minute, 'seen 3 h ago'],
      [24 * 60 * minute - 1, 'seen 23 h ago'],
      [24 * 60 * minute, 'seen 1 d ago'],
      [40 * 24 * 60 * minute, 'seen 40 d ago'],
    ];
    for (const [age, text] of cases) assert.equal(seenAgo(now - age, now), text, String(age));
  });

  it('says "just now" for a time after now (a clock set back)', () => {
    assert.equal(seenAgo(now + 10 * minute, now), 'seen just now');
  });
});

describe('a last-seen rack row', () => {
  it('shows the row as last listed, dimmed, with how long ago, and nothing to expand', () => {
    const row = lastSeenRackRow(lastSeen('production'), false, now);
    assert.equal(row.id, 'rack/arn:stack/production', 'the id of its listed row, so the fresh row takes its place');
    assert.equal(row.label, 'production');
    assert.equal(row.description, 'updating · us-east-1 · 20240101000000 · seen 3 h ago');
    assert.deepEqual(row.icon, { id: 'sync', color: lastSeenColor }, 'the status codicon, dimmed and not spinning');
    assert.equal(row.collapsible, 'none');
    assert.equal(row.contextValue, 'rack.lastSeen.updating');
    assert.equal(row.accessibilityLabel, 'acme/production, seen 3 h ago: updating, us-east-1');
    assert.notEqual(lastSeenColor, rackRow(listed('production'), false).icon.color);
  });

  it('says in its tooltip when it was seen and what a command on it does, every AWS string escaped', () => {
    const row = lastSeenRackRow(lastSeen('production', { version: '1*2' }), false, now);
    const tooltip = row.tooltip && 'markdown' in row.tooltip ? row.tooltip.markdown : '';
    assert.match(tooltip, /^\*\*acme\/production\*\*\n\nLast seen: 3 hours ago {2}\nRegion: us\\-east\\-1/);
    assert.match(tooltip, /Version: 1\\\*2/);
    assert.match(tooltip, /until that profile and region answer again\\\. A command run on it waits for that answer/);
  });

  it('marks the current rack, and keeps a qualified name', () => {
    const row = lastSeenRackRow(
      lastSeen('production', { displayName: 'acme/production (eu-west-1)', region: 'eu-west-1', status: 'running' }),
      true,
      now,
    );
    assert.equal(row.label, 'production (eu-west-1)');
    assert.equal(row.description, '✓ current · running · eu-west-1 · 20240101000000 · seen 3 h ago');
    assert.deepEqual(row.icon, { id: 'pass-filled', color: lastSeenColor });
    assert.equal(row.contextValue, 'rack.current.lastSeen.running');
  });

  it('keeps the rack menus of package.json, whose commands wait for the fresh answer, but no stop-watching', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> };
    };
    const context = lastSeenRackRow(lastSeen('production'), false, now).contextValue ?? '';
    const offered = manifest.contributes.menus['view/item/context']
      .filter((entry) => {
        const pattern = /viewItem =~ \/(.*)\/$/.exec(entry.when ?? '')?.[1];
        return pattern !== undefined && new RegExp(pattern).test(context) && entry.group?.startsWith('inline') !== true;
      })
      .map((entry) => entry.command);
    assert.deepEqual(offered, [
      'convox.switchRack',
      'convox.inspectRack',
      'convox.showArchitecture',
      'convox.openTerminal',
      'convox.copyRackUrl',
      'convox.uninstallRack',
      'convox.updateRack',
      'convox.setRackParameters',
      'convox.scaleRack',
      'convox.showRackLogs',
      'convox.diagnoseRack',
      'convox.watchRack',
    ]);
  });
});

describe('an organisation with last-seen racks', () => {
  const denied: DiscoveryError = {
    organization: 'acme',
    profile: 'acme-staging',
    region: 'ap-southeast-2',
    kind: 'access-denied',
    message: 'denied',
  };

  it('lists its racks by name, listed and last seen alike, then each failed pair with its last-seen racks under it', () => {
    const entries = organizationEntries(
      [listed('production'), listed('europe', 'eu-west-1')],
      [lastSeen('sandbox'), lastSeen('apac', { profile: 'acme-staging', region: 'ap-southeast-2' }), lastSeen('alpha')],
      [denied, { ...denied, profile: 'acme-other' }],
    );
    assert.deepEqual(
      entries.map((entry) => (entry.kind === 'rack' ? entry.stackId : `error ${entry.error.profile}`)),
      [
        'arn:stack/alpha',
        'arn:stack/europe',
        'arn:stack/production',
        'arn:stack/sandbox',
        'error acme-staging',
        'arn:stack/apac',
        'error acme-other',
      ],
    );
  });

  it('counts its last-seen racks among its racks', () => {
    const row = organizationRow('acme', [listed('production')], 1, 2);
    assert.equal(row.description, '3 racks, 1 error');
    assert.deepEqual(row.icon, { id: 'organization' });
    assert.equal(organizationRow('acme', [], 0, 1).description, '1 rack');
    assert.equal(organizationRow('acme', [listed('production')], 0).description, '1 rack');
  });

  it('says why a command on a last-seen rack did nothing: gone, or its pair failing again', () => {
    const apac = lastSeen('apac', { profile: 'acme-staging', region: 'ap-southeast-2' });
    assert.equal(
      lastSeenUnresolved(lastSeen('retired'), false, [denied], now),
      'acme/retired is gone: acme-prod · us-east-1 no longer lists its stack',
    );
    assert.equal(
      lastSeenUnresolved(apac, true, [denied], now),
      'acme/apac was last seen 3 h ago, and acme-staging · ap-southeast-2 could not be listed again (access denied)',
    );
    assert.equal(
      lastSeenUnresolved(apac, true, [], now),
      'acme/apac was last seen 3 h ago, and acme-staging · ap-southeast-2 could not be listed again',
    );
  });
});
