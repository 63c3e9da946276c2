import * as assert from 'node:assert/strict';
import { displayNames, withDisplayNames } from '../../src/model/identity';
import type { Rack } from '../../src/model/rack';

const rack = (fullName: string, region: string, profile: string) => ({ fullName, region, profile });

describe('display names: `org/rack` while unique, qualified once not', () => {
  it('a unique name is shown as it is', () => {
    assert.deepEqual(
      displayNames([rack('acme/production', 'us-east-1', 'acme-prod'), rack('acme/staging', 'us-east-1', 'acme-prod')]),
      ['acme/production', 'acme/staging'],
    );
  });
  it('the same name in two regions of one profile is qualified by region', () => {
    assert.deepEqual(
      displayNames([
        rack('acme/production', 'us-east-1', 'acme-prod'),
        rack('acme/production', 'eu-west-1', 'acme-prod'),
        rack('acme/staging', 'us-east-1', 'acme-prod'),
      ]),
      ['acme/production (us-east-1)', 'acme/production (eu-west-1)', 'acme/staging'],
    );
  });
  it('the same name in two accounts of one organisation and region adds the profile', () => {
    assert.deepEqual(
      displayNames([
        rack('acme/production', 'us-east-1', 'acme-prod'),
        rack('acme/production', 'us-east-1', 'acme-prod-2'),
        rack('acme/production', 'eu-west-1', 'acme-prod'),
      ]),
      [
        'acme/production (us-east-1, acme-prod)',
        'acme/production (us-east-1, acme-prod-2)',
        'acme/production (eu-west-1)',
      ],
    );
  });
  it('a local rack is told apart by its Kubernetes context', () => {
    const local = {
      fullName: 'local/convox',
      region: '',
      profile: '',
      local: { namespace: 'convox', context: 'kind' },
    };
    assert.deepEqual(displayNames([local, { ...local, local: { namespace: 'convox', context: 'minikube' } }]), [
      'local/convox (kind)',
      'local/convox (minikube)',
    ]);
  });

  it('racks get their display names, a rack already shown by its name being passed on as it is', () => {
    const listed = (name: string, region: string) =>
      ({ ...rack(name, region, 'acme-prod'), displayName: name }) as Rack;
    const [east, west, staging] = [
      listed('acme/production', 'us-east-1'),
      listed('acme/production', 'eu-west-1'),
      listed('acme/staging', 'us-east-1'),
    ];
    const named = withDisplayNames([east, west, staging]);
    assert.deepEqual(
      named.map((each) => [each.fullName, each.region, each.displayName]),
      [
        ['acme/production', 'us-east-1', 'acme/production (us-east-1)'],
        ['acme/production', 'eu-west-1', 'acme/production (eu-west-1)'],
        ['acme/staging', 'us-east-1', 'acme/staging'],
      ],
    );
    assert.equal(named[2], staging, 'the same object');
    assert.equal(east.displayName, 'acme/production', 'the rack given is left as it was');
  });
});
