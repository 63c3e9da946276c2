import * as assert from 'node:assert/strict';
import { escapeMarkdown, markdownRows } from '../../src/model/markdown';
import type { Release } from '../../src/model/install/releases';
import type { DiscoveryErrorKind, Rack, RackStatus } from '../../src/model/rack';
import { releaseStanding, withReleaseStanding } from '../../src/model/racks/releasesBehind';
import {
  appRow,
  errorRow,
  errorSummary,
  groupRow,
  instanceRow,
  organizationRow,
  parameterRows,
  problemRow,
  processRow,
  rackRow,
  type Row,
} from '../../src/model/racks/rows';
import { racksFromStacks } from '../../src/model/stacks';
import { statusStyle, worstStatus } from '../../src/model/statusStyle';

const allStatuses: RackStatus[] = [
  'new',
  'creating',
  'running',
  'converging',
  'updating',
  'rollback',
  'deleting',
  'failed',
  'unknown',
];
const allKinds: DiscoveryErrorKind[] = ['expired-credentials', 'access-denied', 'throttled', 'network', 'other'];
const now = new Date('2025-06-01T12:00:00Z');

function rackWith(status: RackStatus, overrides: Partial<Rack> = {}): Rack {
  const [rack] = racksFromStacks(
    [
      {
        stackId: 'arn:stack/production/1',
        name: 'production',
        status: 'UPDATE_COMPLETE',
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '20250101120000', Password: 'pw' },
        outputs: { Domain: 'router.example' },
        createdAt: new Date(0),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
  );
  return { ...rack, status, ...overrides };
}

describe('status styles', () => {
  const expected: Record<RackStatus, [string, string | undefined]> = {
    running: ['pass-filled', 'testing.iconPassed'],
    converging: ['sync~spin', 'charts.yellow'],
    creating: ['sync~spin', 'charts.yellow'],
    updating: ['sync~spin', 'charts.yellow'],
    rollback: ['history', 'charts.orange'],
    failed: ['error', 'errorForeground'],
    unknown: ['question', 'errorForeground'],
    deleting: ['trash', 'disabledForeground'],
    new: ['circle-large-outline', undefined],
  };
  for (const status of allStatuses) {
    it(`draws ${status} with its icon and theme colour, and names it`, () => {
      const style = statusStyle(status);
      assert.deepEqual([style.icon, style.color], expected[status]);
      assert.ok(
        style.label.startsWith(status === 'rollback' ? 'rolling back' : status === 'unknown' ? 'unknown' : status),
      );
    });
  }
  it('orders by how much a status needs looking at', () => {
    const order = [...allStatuses].sort((a, b) => statusStyle(a).severity - statusStyle(b).severity);
    assert.equal(order[0], 'running');
    assert.equal(order.at(-1), 'failed');
    assert.ok(statusStyle('rollback').severity > statusStyle('updating').severity);
    assert.ok(statusStyle('unknown').severity > statusStyle('rollback').severity);
    assert.ok(statusStyle('updating').severity > statusStyle('deleting').severity);
    assert.equal(statusStyle('new').severity, statusStyle('deleting').severity);
    assert.equal(worstStatus(['running', 'failed', 'updating']), 'failed');
    assert.equal(worstStatus(['running', 'converging']), 'converging');
    assert.equal(worstStatus([]), undefined);
    assert.equal(worstStatus(['running', 'new', 'deleting']), 'new', 'of equally bad ones, the first');
    assert.equal(worstStatus(['deleting', 'new']), 'deleting');
  });
});

describe('Racks view rows', () => {
  for (const status of allStatuses) {
    it(`a ${status} rack row: description, icon, contextValue, accessible name`, () => {
      const row = rackRow(rackWith(status), false);
      assert.equal(row.label, 'production');
      assert.equal(row.description, `${status} · us-east-1 · 20250101120000`);
      assert.deepEqual(row.icon, { id: statusStyle(status).icon, color: statusStyle(status).color });
      assert.equal(row.contextValue, `rack.${status}`);
      assert.equal(row.accessibilityLabel, `acme/production, ${statusStyle(status).label}, us-east-1`);
      assert.equal(row.collapsible, 'collapsed');
      assert.equal(row.id, 'rack/arn:stack/production/1');
    });
  }
  it('marks the current rack in description, contextValue and accessible name', () => {
    const row = rackRow(rackWith('running'), true);
    assert.equal(row.description, '✓ current · running · us-east-1 · 20250101120000');
    assert.equal(row.contextValue, 'rack.current.running');
    assert.match(row.accessibilityLabel ?? '', /, current rack, us-east-1$/);
  });
  it('shows the progress of an install, update or uninstall under way beside the status', () => {
    const row = rackRow(rackWith('creating'), false, '45%');
    assert.equal(row.description, 'creating 45% · us-east-1 · 20250101120000');
    assert.match(row.accessibilityLabel ?? '', /, creating 45%, us-east-1$/);
    assert.equal(row.contextValue, 'rack.creating');
  });
  it('leaves out a missing version', () => {
    assert.equal(rackRow(rackWith('new', { version: undefined }), false).description, 'new · us-east-1');
  });
  it('puts what `convox rack` shows in the tooltip, every AWS string escaped', () => {
    const row = rackRow(rackWith('running', { routerHost: '<img src=x onerror=alert(1)>' }), false);
    assert.ok(row.tooltip && 'markdown' in row.tooltip);
    assert.match(row.tooltip.markdown, /^\*\*acme\/production\*\*\n\nName: acme\/production {2}\nProvider: aws/);
    assert.ok(row.tooltip.markdown.includes('Router: \\<img src=x onerror=alert\\(1\\)\\>'));
  });
  it('ends the tooltip with the summary when nothing needs attention', () => {
    const row = rackRow(rackWith('running'), false, undefined, { watched: true });
    assert.ok(row.tooltip && 'markdown' in row.tooltip);
    assert.match(row.tooltip.markdown, /\nStack: UPDATE\\_COMPLETE$/);
  });
  for (const kind of allKinds) {
    it(`a ${kind} error row: summary, tooltip, icon and contextValue`, () => {
      const row = errorRow({
        organization: 'acme',
        profile: 'acme-prod',
        region: 'eu-west-1',
        kind,
        message: 'Full message. Do this.',
      });
      assert.equal(row.label, 'acme-prod · eu-west-1');
      assert.equal(row.description, errorSummary(kind));
      assert.deepEqual(row.tooltip, { text: 'Full message. Do this.' });
      assert.equal(row.contextValue, `discoveryError.${kind}`);
      assert.deepEqual(row.icon, {
        id: kind === 'throttled' || kind === 'network' ? 'warning' : 'error',
        color: 'errorForeground',
      });
      assert.equal(row.id, 'error/acme-prod/eu-west-1');
    });
  }
  it('says what to do in the error summaries that have an action', () => {
    assert.equal(errorSummary('expired-credentials'), 'credentials expired: sign in again, then Retry');
    assert.equal(errorSummary('throttled'), 'throttled by AWS: Retry in a minute');
    assert.equal(errorSummary('access-denied'), 'access denied');
    assert.equal(errorSummary('network'), 'AWS unreachable');
    assert.equal(errorSummary('other'), 'discovery failed');
  });
  it('an error row without a region names the profile alone', () => {
    assert.equal(errorRow({ organization: 'o', profile: 'p', region: '', kind: 'other', message: 'm' }).label, 'p');
  });
  it('an organisation row counts racks and errors, and takes the colour of a failing rack', () => {
    const healthy = organizationRow('acme', [rackWith('running'), rackWith('updating')], 0);
    assert.deepEqual(
      [healthy.label, healthy.description, healthy.icon, healthy.collapsible, healthy.contextValue],
      ['acme', '2 racks', { id: 'organization' }, 'expanded', 'organization'],
    );
    const troubled = organizationRow('acme', [rackWith('running'), rackWith('failed')], 1);
    assert.equal(troubled.description, '2 racks, 1 error');
    assert.deepEqual(troubled.icon, { id: 'organization', color: 'errorForeground' });
    assert.equal(organizationRow('acme', [rackWith('rollback')], 2).description, '1 rack, 2 errors');
    assert.deepEqual(organizationRow('acme', [rackWith('rollback')], 0).icon, {
      id: 'organization',
      color: 'charts.orange',
    });
    assert.equal(organizationRow('acme', [], 1).description, '0 racks, 1 error');
  });
  it('group rows: title, count, and expandable only with children', () => {
    const rack = rackWith('running');
    assert.deepEqual(groupRow(rack, 'instances', 3), {
      id: 'arn:stack/production/1/instances',
      label: 'Instances',
      description: '3',
      icon: { id: 'server' },
      contextValue: 'group.instances',
      collapsible: 'collapsed',
    });
    assert.equal(groupRow(rack, 'apps', 0).collapsible, 'none');
    assert.deepEqual(
      [groupRow(rack, 'processes', 1).label, groupRow(rack, 'parameters', 1).label, groupRow(rack, 'apps', 1).icon.id],
      ['Processes', 'Parameters', 'package'],
    );
  });
  it('instance, process, app, parameter and problem rows', () => {
    const rack = rackWith('running');
    const instance = instanceRow(
      rack,
      {
        id: 'i-1',
        status: 'active',
        processes: 2,
        cpu: 0.5,
        memory: undefined,
        privateIp: '10.0.0.1',
        started: new Date('2025-06-01T11:00:00Z'),
      },
      now,
    );
    assert.equal(instance.description, 'active · 2 ps · cpu 50.00% · mem - · 10.0.0.1 · 1 hour ago');
    assert.ok(
      instance.tooltip && 'markdown' in instance.tooltip && instance.tooltip.markdown.includes('CPU: 50\\.00%'),
    );
    const process = processRow(
      rack,
      { id: 'abc', app: 'production', service: 'web', status: 'running', release: 'R1', command: 'web' },
      now,
    );
    assert.equal(process.description, 'production · web · running · R1');
    assert.ok(process.tooltip && 'markdown' in process.tooltip && process.tooltip.markdown.includes('COMMAND: web'));
    assert.equal(
      appRow(rack, { name: 'api', status: 'running', cloudformationStatus: 'UPDATE_COMPLETE', generation: '2' })
        .description,
      'running · gen 2',
    );
    assert.deepEqual(
      parameterRows(rack).map((row) => `${row.label}=${row.description}`),
      ['Password=**********', 'Tags=System=convox,Type=rack', 'Version=20250101120000'],
    );
    assert.match(
      problemRow(rack, 'EC2 timed out.').label,
      /^Could not load instances and processes: EC2 timed out\. Collapse and expand the rack to retry\.$/,
    );
  });
});

describe('a rack row with how far behind its release is', () => {
  /** Published oldest first, as versions.json lists them. */
  const releases: Release[] = [
    { version: '20250101120000', description: '', published: true, required: false },
    { version: '20250201000000', description: '', published: true, required: false },
    { version: '20250301000000', description: '', published: true, required: true },
    { version: '20250315000000', description: 'Withdrawn', published: false, required: true },
    { version: '20250401000000', description: '', published: true, required: false },
    { version: '20250501000000', description: '', published: true, required: true },
    { version: '20250520000000', description: '', published: true, required: false },
  ];
  const shown = (rack: Rack, current = false): Row =>
    withReleaseStanding(rackRow(rack, current), releaseStanding(rack, releases, now));
  const tooltipOf = (row: Row): string => (row.tooltip && 'markdown' in row.tooltip ? row.tooltip.markdown : '');

  it('ends the description with how far behind, and the tooltip with the stop and its release notes', () => {
    const row = shown(rackWith('running'));
    assert.equal(row.description, 'running · us-east-1 · 20250101120000 · 5 behind (2 required) · release 151 d old');
    const [summary, standing] = tooltipOf(row).split('\n\n').slice(-2);
    assert.match(summary, /^Version: 20250101120000 {2}$/m);
    assert.equal(
      standing,
      'Release 20250101120000, 151 days old: **5 newer releases**, 2 of them required.  \n' +
        '`convox rack update` moves to 20250301000000 (required) ' +
        '([release notes](https://github.com/convox/rack/releases/tag/20250301000000)).',
    );
  });

  it('on the newest release, says so in a word', () => {
    const row = shown(rackWith('running', { version: '20250520000000' }), true);
    assert.equal(row.description, '✓ current · running · us-east-1 · 20250520000000 · latest');
    assert.ok(tooltipOf(row).endsWith('\n\nRelease 20250520000000 is the latest published, 12 days old.'));
  });

  it('on a version the list lacks, says it is unknown', () => {
    const row = shown(rackWith('updating', { version: '2025-custom' }));
    assert.equal(row.description, 'updating · us-east-1 · 2025-custom · unknown release');
    assert.ok(
      tooltipOf(row).endsWith(
        '\n\nRelease 2025\\-custom is not in the release list: how far behind it is, is unknown.',
      ),
    );
  });

  it('adds to a plain-text tooltip (escaped), and makes one for a row without', () => {
    const standing = releaseStanding(rackWith('running'), releases, now);
    const plain = withReleaseStanding({ ...rackRow(rackWith('running'), false), tooltip: { text: 'a *b*' } }, standing);
    assert.match(tooltipOf(plain), /^a \\\*b\\\*\n\nRelease 20250101120000, 151 days old: /);
    const bare = withReleaseStanding({ ...rackRow(rackWith('running'), false), tooltip: undefined }, standing);
    assert.match(tooltipOf(bare), /^Release 20250101120000, 151 days old: /);
  });

  it('is the row unchanged when the list could not be read, and for a local rack', () => {
    const unread = withReleaseStanding(
      rackRow(rackWith('running'), false),
      releaseStanding(rackWith('running'), undefined, now),
    );
    assert.deepEqual(unread, rackRow(rackWith('running'), false));
    const local = rackWith('running', { local: { namespace: 'convox', context: 'docker-desktop' } });
    assert.deepEqual(shown(local), rackRow(local, false));
  });
});

describe('Markdown from AWS strings', () => {
  it('escapes every character Markdown gives a meaning', () => {
    assert.equal(
      escapeMarkdown('*a* _b_ `c` [d](e) <f> #g +h -i .j !k |l ~m {n} \\o'),
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\<f\\> \\#g \\+h \\-i \\.j \\!k \\|l \\~m \\{n\\} \\\\o',
    );
  });
  it('keeps one value on one line', () => {
    assert.equal(escapeMarkdown('one\n  two \n three'), 'one, two, three');
  });
  it('builds a bold title and label: value lines', () => {
    assert.equal(
      markdownRows('a_b', [
        ['K', 'v'],
        ['L', 'w'],
      ]),
      '**a\\_b**\n\nK: v  \nL: w',
    );
  });
});
