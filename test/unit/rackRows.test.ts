import * as assert from 'node:assert/strict';
import type { Rack } from '../../src/model/rack';
import {
  appRow,
  errorRow,
  groupRow,
  instanceRow,
  organizationRow,
  parameterRows,
  problemRow,
  processRow,
  rackRow,
  type Group,
  type Row,
} from '../../src/model/racks/rows';
import { racksFromStacks } from '../../src/model/stacks';

const now = new Date('2025-06-01T12:00:00Z');
const groups: Group[] = ['apps', 'instances', 'processes', 'parameters'];

function rack(name: string, organization: string): Rack {
  const [built] = racksFromStacks(
    [
      {
        stackId: `arn:${organization}:stack/${name}/1`,
        name,
        status: 'UPDATE_COMPLETE',
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '1', Password: 'pw' },
        outputs: {},
        createdAt: new Date(0),
      },
    ],
    { organization, profile: organization, region: 'us-east-1' },
  );
  return built;
}

/** Every row the Racks view can show for two organisations, each with a rack with two of everything. */
function everyRow(): Row[] {
  const racks = [rack('production', 'acme'), rack('production', 'globex')];
  const rows: Row[] = [organizationRow('acme', [racks[0]], 1), organizationRow('globex', [racks[1]], 1)];
  for (const each of racks) {
    rows.push(
      rackRow(each, false),
      problemRow(each, 'EC2 timed out.'),
      ...parameterRows(each),
      ...groups.map((group) => groupRow(each, group, 2)),
    );
    for (const id of ['a', 'b']) {
      rows.push(
        appRow(each, {
          name: `app-${id}`,
          status: 'running',
          cloudformationStatus: 'UPDATE_COMPLETE',
          generation: '1',
        }),
      );
      rows.push(instanceRow(each, { id: `i-${id}`, status: 'active', processes: 1 }, now));
      rows.push(
        processRow(
          each,
          { id: `task-${id}`, app: 'production', service: 'web', status: 'running', release: 'R1', command: 'web' },
          now,
        ),
      );
    }
    rows.push(
      errorRow({
        organization: each.organization,
        profile: each.profile,
        region: 'eu-west-1',
        kind: 'throttled',
        message: 'slow down',
      }),
    );
  }
  return rows;
}

describe('Racks view rows: ids, icons and leaves', () => {
  it('gives every row an id of its own, the same on every refresh, so VS Code keeps expansion and selection', () => {
    const ids = everyRow().map((row) => row.id);
    assert.ok(ids.every((id) => id !== ''));
    assert.equal(new Set(ids).size, ids.length, ids.join('\n'));
    assert.deepEqual(
      everyRow().map((row) => row.id),
      ids,
    );
  });

  it('groups: title and icon of each', () => {
    const production = rack('production', 'acme');
    assert.deepEqual(
      groups.map((group) => [groupRow(production, group, 1).label, groupRow(production, group, 1).icon]),
      [
        ['Apps', { id: 'package' }],
        ['Instances', { id: 'server' }],
        ['Processes', { id: 'pulse' }],
        ['Parameters', { id: 'settings' }],
      ],
    );
  });

  it('leaves cannot be expanded, and draw their own icon', () => {
    const production = rack('production', 'acme');
    assert.deepEqual(problemRow(production, 'EC2 timed out.'), {
      id: 'arn:acme:stack/production/1/problem',
      label: 'Could not load instances and processes: EC2 timed out. Collapse and expand the rack to retry.',
      description: '',
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      tooltip: {
        text: 'Could not load instances and processes: EC2 timed out. Collapse and expand the rack to retry.',
      },
      collapsible: 'none',
    });
    assert.deepEqual(
      appRow(production, {
        name: 'web',
        status: 'failed',
        cloudformationStatus: 'UPDATE_ROLLBACK_FAILED',
        generation: '2',
      }),
      {
        id: 'arn:acme:stack/production/1/app/web',
        label: 'web',
        description: 'failed · gen 2',
        icon: { id: 'package' },
        tooltip: { text: 'web: failed (UPDATE_ROLLBACK_FAILED)' },
        collapsible: 'none',
      },
    );
    assert.deepEqual(parameterRows(production)[0], {
      id: 'arn:acme:stack/production/1/parameter/Password',
      label: 'Password',
      description: '**********',
      icon: { id: 'symbol-property' },
      collapsible: 'none',
    });
    const instance = instanceRow(production, { id: 'i-1', status: 'draining', processes: 0 }, now);
    assert.deepEqual(
      [instance.label, instance.description, instance.icon, instance.collapsible],
      ['i-1', 'draining · 0 ps · cpu - · mem -', { id: 'vm' }, 'none'],
    );
    const process = processRow(
      production,
      { id: 'abc', app: 'production', service: 'web', status: 'running', release: '', command: 'web' },
      now,
    );
    assert.deepEqual(
      [process.label, process.description, process.icon, process.collapsible],
      ['abc', 'production · web · running', { id: 'symbol-event' }, 'none'],
    );
    assert.equal(
      errorRow({ organization: 'acme', profile: 'acme', region: 'eu-west-1', kind: 'other', message: 'm' }).collapsible,
      'none',
    );
  });
});
