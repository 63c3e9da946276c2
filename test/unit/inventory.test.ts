import * as assert from 'node:assert/strict';
import { Inventory, mergeRacks } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { DiscoveryError, Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';

const acmeProd: Pair = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };
const acmeProdEu: Pair = { organization: 'acme', profile: 'acme-prod', region: 'eu-west-1' };
const acmeDev: Pair = { organization: 'acme', profile: 'acme-dev', region: 'us-east-1' };
const globex: Pair = { organization: 'globex', profile: 'globex', region: 'us-east-1' };

function rack(name: string, pair: Pair): Rack {
  const stack = {
    stackId: `arn:aws:cloudformation:${pair.region}:${pair.profile}:stack/${name}/1`,
    name,
    status: 'UPDATE_COMPLETE',
    tags: { System: 'convox', Type: 'rack' },
    parameters: {},
    outputs: {},
    createdAt: new Date(0),
  };
  return racksFromStacks([stack], pair)[0];
}

function failure(pair: Pair, message: string): DiscoveryError {
  return { ...pair, kind: 'access-denied', message };
}

const shown = (racks: readonly Rack[]): string[] => racks.map((each) => `${each.fullName} ${each.region}`);

describe('inventory', () => {
  it('lists racks by full name, then region, in whatever order they arrived', () => {
    const racks = [
      rack('zeta', acmeProd),
      rack('production', acmeProd),
      rack('production', acmeProdEu),
      rack('alpha', globex),
      rack('beta', acmeDev),
    ];
    assert.deepEqual(shown(mergeRacks(racks)), [
      'acme/beta us-east-1',
      'acme/production eu-west-1',
      'acme/production us-east-1',
      'acme/zeta us-east-1',
      'globex/alpha us-east-1',
    ]);
  });

  it("keeps every pair's racks, those of one profile in two regions too", () => {
    const inventory = new Inventory([acmeProd, acmeProdEu, acmeDev]);
    inventory.update({ ...acmeProd, racks: [rack('production', acmeProd)], done: true });
    inventory.update({ ...acmeProdEu, racks: [rack('production', acmeProdEu)], done: true });
    inventory.update({ ...acmeDev, racks: [rack('sandbox', acmeDev)], done: false });
    assert.deepEqual(shown(inventory.racks()), [
      'acme/production eu-west-1',
      'acme/production us-east-1',
      'acme/sandbox us-east-1',
    ]);
  });

  it('shows what each pair showed in the previous run until it answers, so a refresh does not blank the view', () => {
    const previous = new Inventory([acmeProd, acmeDev]);
    previous.update({ ...acmeProd, racks: [rack('production', acmeProd)], done: true });
    previous.update({ ...acmeDev, racks: [], done: true, error: failure(acmeDev, 'denied') });
    const next = new Inventory([acmeProd, acmeDev, globex], previous);
    assert.deepEqual(shown(next.racks()), ['acme/production us-east-1']);
    assert.deepEqual(
      next.errors().map((error) => error.message),
      ['denied'],
    );
    next.update({ ...acmeProd, racks: [], done: true });
    next.update({ ...acmeDev, racks: [rack('sandbox', acmeDev)], done: true });
    assert.deepEqual(shown(next.racks()), ['acme/sandbox us-east-1'], 'an answer replaces what the pair showed');
    assert.deepEqual(next.errors(), [], 'an answer without an error clears it');
    assert.deepEqual(shown(new Inventory([acmeProd]).racks()), [], 'nothing before the first answer');
  });

  it('lists errors by organisation, then profile, then region', () => {
    const pairs = [globex, acmeProd, acmeDev, acmeProdEu];
    const inventory = new Inventory(pairs);
    for (const pair of pairs)
      inventory.update({ ...pair, racks: [], done: true, error: failure(pair, `${pair.profile} ${pair.region}`) });
    assert.deepEqual(
      inventory.errors().map((error) => error.message),
      ['acme-dev us-east-1', 'acme-prod eu-west-1', 'acme-prod us-east-1', 'globex us-east-1'],
    );
  });
});
