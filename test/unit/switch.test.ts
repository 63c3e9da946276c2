import * as assert from 'node:assert/strict';
import { resolveRack } from '../../src/model/switch';

const named = (
  fullName: string,
  displayName = fullName,
  stackId = `arn:aws:cloudformation:us-east-1:1:stack/${fullName}`,
) => ({ fullName, displayName, stackId });

describe('switch resolution (like `convox switch`)', () => {
  const racks = [
    named('acme/production'),
    named('acme/production-eu'),
    named('acme/staging'),
    named('globex/staging-2'),
  ];

  it('an exact name wins even when it is also part of another', () => {
    assert.deepEqual(resolveRack('acme/production', racks), { rack: racks[0] });
  });
  it('otherwise the one rack whose name contains the text', () => {
    assert.deepEqual(resolveRack('eu', racks), { rack: racks[1] });
    assert.deepEqual(resolveRack('  globex/  ', racks), { rack: racks[3] }, 'typed spaces around the name are ignored');
    assert.deepEqual(resolveRack(' acme/production\t', racks), { rack: racks[0] });
  });
  it('several matches are ambiguous and name them', () => {
    const resolution = resolveRack('staging', racks);
    assert.ok('error' in resolution);
    assert.equal(resolution.error, 'ambiguous rack name: staging (matches acme/staging, globex/staging-2)');
    assert.equal(resolution.candidates.length, 2);
  });
  it('names a few matches and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, index) => named(`acme/rack-${index}`));
    const resolution = resolveRack('rack', many);
    assert.ok('error' in resolution);
    assert.equal(
      resolution.error,
      'ambiguous rack name: rack (matches acme/rack-0, acme/rack-1, acme/rack-2, acme/rack-3 and 3 more)',
    );
  });
  it('names all of four matches, with nothing more to count', () => {
    const four = Array.from({ length: 4 }, (_, index) => named(`acme/rack-${index}`));
    const resolution = resolveRack('rack', four);
    assert.ok('error' in resolution);
    assert.equal(
      resolution.error,
      'ambiguous rack name: rack (matches acme/rack-0, acme/rack-1, acme/rack-2, acme/rack-3)',
    );
  });
  it('no match is not found', () => {
    assert.deepEqual(resolveRack('nope', racks), { error: 'could not find rack: nope', candidates: [] });
    assert.deepEqual(resolveRack('', racks), { error: 'could not find rack: ', candidates: [] });
  });

  describe('racks sharing a name (two regions, two accounts)', () => {
    const east = named(
      'acme/production',
      'acme/production (us-east-1)',
      'arn:aws:cloudformation:us-east-1:111111111111:stack/production/a',
    );
    const west = named(
      'acme/production',
      'acme/production (eu-west-1)',
      'arn:aws:cloudformation:eu-west-1:111111111111:stack/production/b',
    );
    const shared = [east, west, named('acme/staging')];

    it('the shared `org/rack` is ambiguous and lists the qualified names: asked, never guessed', () => {
      const resolution = resolveRack('acme/production', shared);
      assert.ok('error' in resolution);
      assert.equal(
        resolution.error,
        'ambiguous rack name: acme/production (matches acme/production (us-east-1), acme/production (eu-west-1))',
      );
      assert.deepEqual(resolution.candidates, [east, west]);
      assert.ok('error' in resolveRack('production', shared), 'part of the name matches both too');
    });
    it('a qualified name, or a stack id, names exactly one', () => {
      assert.deepEqual(resolveRack('acme/production (eu-west-1)', shared), { rack: west });
      assert.deepEqual(resolveRack(east.stackId, shared), { rack: east });
      assert.deepEqual(
        resolveRack('eu-west', shared),
        { rack: west },
        'the qualifier is part of the name a person sees',
      );
    });

    it('an `org/rack` that only one rack has names it, though it is part of other names', () => {
      const prod = named('acme/prod');
      assert.deepEqual(resolveRack('acme/prod', [...shared, prod]), { rack: prod });
    });

    it('a shared `org/rack` lists only the racks of that name, not those it is part of', () => {
      const prodEast = named('acme/prod', 'acme/prod (us-east-1)', 'east');
      const prodWest = named('acme/prod', 'acme/prod (eu-west-1)', 'west');
      const resolution = resolveRack('acme/prod', [prodEast, east, prodWest]);
      assert.deepEqual(resolution, {
        error: 'ambiguous rack name: acme/prod (matches acme/prod (us-east-1), acme/prod (eu-west-1))',
        candidates: [prodEast, prodWest],
      });
    });

    it('an exact display name wins though it is part of another rack’s', () => {
      // Two accounts in one region: the profile qualifies, and `prod` is part of `prod-2`.
      const first = named('acme/production', 'acme/production (us-east-1, prod)', 'first');
      const second = named('acme/production', 'acme/production (us-east-1, prod-2)', 'second');
      assert.deepEqual(resolveRack('acme/production (us-east-1, prod)', [second, first]), { rack: first });
    });
  });
});
