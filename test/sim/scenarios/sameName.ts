// Racks that share a stack name, so that `org/rack` no longer tells them apart: the same name in two regions of
// one profile, and the same name in two accounts mapped to one organisation.
import type { Scenario } from '../types';
import { rack } from './rack';
import { scenario } from './scenario';

export const sameNameAccounts = { acme: '111111111111', acmeDr: '555555555555' } as const;

/** acme/production in us-east-1 and in eu-west-1 of the profile acme-prod (different releases), and acme/staging. */
export function sameNameRegionsScenario(): Scenario {
  return scenario({
    profiles: [{ name: 'acme-prod', account: sameNameAccounts.acme, region: 'us-east-1' }],
    regions: ['us-east-1', 'eu-west-1'],
    organizations: { acme: ['acme-prod'] },
    data: {
      [sameNameAccounts.acme]: {
        'us-east-1': (at) => [
          rack(at, { name: 'production', version: '20250101120000' }),
          rack(at, { name: 'staging', version: '20250101120000' }),
        ],
        'eu-west-1': (at) => rack(at, { name: 'production', version: '20250301000000' }),
      },
    },
  });
}

/** acme/production in us-east-1 of two accounts (profiles acme-prod and acme-dr, both of the organisation acme). */
export function sameNameAccountsScenario(): Scenario {
  return scenario({
    profiles: [
      { name: 'acme-prod', account: sameNameAccounts.acme, region: 'us-east-1' },
      { name: 'acme-dr', account: sameNameAccounts.acmeDr, region: 'us-east-1' },
    ],
    regions: ['us-east-1'],
    organizations: { acme: ['acme-prod', 'acme-dr'] },
    data: {
      [sameNameAccounts.acme]: { 'us-east-1': (at) => rack(at, { name: 'production', version: '20250101120000' }) },
      [sameNameAccounts.acmeDr]: { 'us-east-1': (at) => rack(at, { name: 'production', version: '20250301000000' }) },
    },
  });
}
