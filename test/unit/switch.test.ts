import * as assert from 'node:assert/strict';
import { resolveRack } from '../../src/model/switch';

describe('switch resolution (like `convox switch`)', () => {
  const racks = [{ fullName: 'acme/production' }, { fullName: 'acme/production-eu' }, { fullName: 'acme/staging' }, { fullName: 'globex/staging-2' }];

  it('an exact name wins even when it is also part of another', () => {
    assert.deepEqual(resolveRack('acme/production', racks), { rack: { fullName: 'acme/production' } });
  });
  it('otherwise the one rack whose name contains the text', () => {
    assert.deepEqual(resolveRack('eu', racks), { rack: { fullName: 'acme/production-eu' } });
    assert.deepEqual(resolveRack('  globex/  ', racks), { rack: { fullName: 'globex/staging-2' } }, 'typed spaces around the name are ignored');
    assert.deepEqual(resolveRack(' acme/production\t', racks), { rack: { fullName: 'acme/production' } });
  });
  it('several matches are ambiguous and name them', () => {
    const resolution = resolveRack('staging', racks);
    assert.ok('error' in resolution);
    assert.equal(resolution.error, 'ambiguous rack name: staging (matches acme/staging, globex/staging-2)');
    assert.equal(resolution.candidates.length, 2);
  });
  it('names a few matches and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, index) => ({ fullName: `acme/rack-${index}` }));
    const resolution = resolveRack('rack', many);
    assert.ok('error' in resolution);
    assert.equal(resolution.error, 'ambiguous rack name: rack (matches acme/rack-0, acme/rack-1, acme/rack-2, acme/rack-3 and 3 more)');
  });
  it('names all of four matches, with nothing more to count', () => {
    const four = Array.from({ length: 4 }, (_, index) => ({ fullName: `acme/rack-${index}` }));
    const resolution = resolveRack('rack', four);
    assert.ok('error' in resolution);
    assert.equal(resolution.error, 'ambiguous rack name: rack (matches acme/rack-0, acme/rack-1, acme/rack-2, acme/rack-3)');
  });
  it('no match is not found', () => {
    assert.deepEqual(resolveRack('nope', racks), { error: 'could not find rack: nope', candidates: [] });
    assert.deepEqual(resolveRack('', racks), { error: 'could not find rack: ', candidates: [] });
  });
});
