import * as assert from 'node:assert/strict';
import { organizationOf } from '../../src/model/discoveryPlan';
import { isRegionCode, parseOrganizations, parseRegions, SettingsError } from '../../src/model/settings';

describe('organisations', () => {
  const organizations = parseOrganizations({ acme: ['acme-prod', 'acme-staging'], globex: ['globex'] });

  it('maps a profile to the organisation that lists it', () => {
    assert.equal(organizationOf('acme-staging', organizations), 'acme');
    assert.equal(organizationOf('globex', organizations), 'globex');
  });
  it('a profile mapped nowhere is its own organisation', () => {
    assert.equal(organizationOf('initech', organizations), 'initech');
  });
  it('takes an empty or missing setting as no mapping', () => {
    assert.deepEqual(parseOrganizations(undefined), {});
    assert.deepEqual(parseOrganizations({}), {});
  });
  it('refuses malformed values with the setting named', () => {
    for (const bad of [[], 'acme', 42, { acme: 'acme-prod' }, { acme: [1] }, { acme: [''] }, { 'a/b': ['x'] }]) {
      assert.throws(() => parseOrganizations(bad), (error: unknown) => error instanceof SettingsError && error.setting === 'convox.organizations');
    }
  });
  it('refuses a profile mapped to two organisations', () => {
    assert.throws(() => parseOrganizations({ a: ['p'], b: ['p'] }), /mapped to both "a" and "b"/);
  });
});

describe('regions setting', () => {
  it('accepts region codes and drops repeats', () => {
    assert.deepEqual(parseRegions(['us-east-1', 'eu-west-1', 'us-east-1', 'us-gov-west-1', 'ap-southeast-2']), ['us-east-1', 'eu-west-1', 'us-gov-west-1', 'ap-southeast-2']);
  });
  it('refuses what is not a region code, naming it', () => {
    assert.throws(() => parseRegions(['us-east-1', 'moon-base-1x']), /"moon-base-1x" is not an AWS region code/);
    assert.throws(() => parseRegions('us-east-1'), SettingsError);
    assert.throws(() => parseRegions([3]), SettingsError);
  });
  it('knows region codes', () => {
    assert.ok(isRegionCode('ca-central-1'));
    assert.ok(!isRegionCode('US-EAST-1'));
    assert.ok(!isRegionCode('us-east'));
  });
});
