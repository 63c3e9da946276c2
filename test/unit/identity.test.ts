import * as assert from 'node:assert/strict';
import { displayNames } from '../../src/model/identity';

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
});
