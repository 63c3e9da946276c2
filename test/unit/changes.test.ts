import * as assert from 'node:assert/strict';
import type { DiscoveryError, Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import { diffRacks } from '../../src/model/store/changes';

const origin = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };

function rack(name: string, overrides: Partial<Rack> = {}): Rack {
  const [built] = racksFromStacks(
    [
      {
        stackId: `stack/${name}`,
        name,
        status: 'UPDATE_COMPLETE',
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '1' },
        outputs: {},
        createdAt: new Date(0),
      },
    ],
    origin,
  );
  return { ...built, ...overrides };
}

const denied: DiscoveryError = { ...origin, region: 'eu-west-1', kind: 'access-denied', message: 'denied' };
const app = { name: 'web', status: 'running' as const, cloudformationStatus: 'UPDATE_COMPLETE', generation: '2' };

describe('what changed between two rack lists', () => {
  it('nothing, when nothing a row shows changed', () => {
    const racks = [rack('production', { apps: [app] }), rack('staging')];
    assert.deepEqual(
      diffRacks({ racks, errors: [denied] }, { racks: racks.map((each) => ({ ...each })), errors: [{ ...denied }] }),
      { list: false, changed: [] },
    );
  });

  it('the racks whose rows changed, and only those', () => {
    const before = [rack('production'), rack('staging'), rack('sandbox')];
    const after = [
      rack('production', { cloudformationReason: 'Resource failed' }),
      rack('staging'),
      rack('sandbox', { version: '2' }),
    ];
    assert.deepEqual(diffRacks({ racks: before, errors: [] }, { racks: after, errors: [] }), {
      list: false,
      changed: ['stack/production', 'stack/sandbox'],
    });
  });

  it('each thing a rack row or tooltip shows counts as a change', () => {
    const changes: Array<[string, Partial<Rack>]> = [
      ['status', { status: 'updating' }],
      ['CloudFormation status', { cloudformationStatus: 'UPDATE_IN_PROGRESS' }],
      ['reason', { cloudformationReason: 'User Initiated' }],
      ['version', { version: '2' }],
      ['update time', { updatedAt: new Date(1) }],
      ['profile', { profile: 'acme-admin' }],
      ['a new app', { apps: [app] }],
    ];
    for (const [what, change] of changes) {
      const result = diffRacks(
        { racks: [rack('production')], errors: [] },
        { racks: [rack('production', change)], errors: [] },
      );
      assert.deepEqual(result, { list: false, changed: ['stack/production'] }, what);
    }
    for (const [what, change] of [
      ['app status', { cloudformationStatus: 'UPDATE_ROLLBACK_FAILED' }],
      ['app generation', { generation: '3' }],
    ] as const) {
      const result = diffRacks(
        { racks: [rack('production', { apps: [app] })], errors: [] },
        { racks: [rack('production', { apps: [{ ...app, ...change }] })], errors: [] },
      );
      assert.deepEqual(result, { list: false, changed: ['stack/production'] }, what);
    }
  });

  it('the whole list when racks come, go, move between organisations or swap places', () => {
    const both = [rack('production'), rack('staging')];
    const lists: Array<[string, Rack[]]> = [
      ['one more', [...both, rack('sandbox')]],
      ['one fewer', [both[0]]],
      ['one replaced', [both[0], rack('sandbox')]],
      ['swapped', [both[1], both[0]]],
      ['another organisation', [both[0], { ...both[1], organization: 'globex', fullName: 'globex/staging' }]],
    ];
    for (const [what, after] of lists)
      assert.deepEqual(
        diffRacks({ racks: both, errors: [] }, { racks: after, errors: [] }),
        { list: true, changed: [] },
        what,
      );
  });

  it('the whole list when error rows come, go or say something else', () => {
    const racks = [rack('production')];
    const errorLists: Array<[string, DiscoveryError[], DiscoveryError[]]> = [
      ['one more', [denied], [denied, { ...denied, region: 'us-west-2' }]],
      ['one fewer', [denied], []],
      ['another message', [denied], [{ ...denied, message: 'denied again' }]],
      ['another kind', [denied], [{ ...denied, kind: 'throttled' }]],
      ['another organisation', [denied], [{ ...denied, organization: 'globex' }]],
      ['another pair', [denied], [{ ...denied, profile: 'acme-admin' }]],
    ];
    for (const [what, before, after] of errorLists)
      assert.deepEqual(
        diffRacks({ racks, errors: before }, { racks, errors: after }),
        { list: true, changed: [] },
        what,
      );
  });
});
