// The `last-seen` session's world: the default scenario with acme's us-east-1 listing slow (so the cached rows can
// be watched before and after it answers), and the cache an earlier session left: a rack that is still there in
// another state, one that is gone, one under a profile and region that now fail, and the current rack's identity.
import { encodeLastSeen } from '../../src/model/store/lastSeenCache';
import { defaultAccounts, defaultScenario, type Scenario } from '../sim';
import { stackArn } from '../sim/scenarios/ids';

const acmeEast = { account: defaultAccounts.acme, region: 'us-east-1' };
const stagingApac = { account: defaultAccounts.acmeStaging, region: 'ap-southeast-2' };
const globexEurope = { account: defaultAccounts.globex, region: 'eu-west-1' };

/** The cached racks' stack ids. */
export const lastSeenIds = {
  /** Cached as updating; listed as running. */
  production: stackArn(acmeEast, 'production'),
  /** No longer in the world. */
  retired: stackArn(acmeEast, 'retired'),
  /** Under acme-staging in ap-southeast-2, which the scenario denies. */
  apac: stackArn(stagingApac, 'apac'),
  /** Cached as running; listed as failed (ROLLBACK_COMPLETE). */
  globexMain: stackArn(globexEurope, 'globex-main'),
};

/** How long before the session the cache was written. */
export const lastSeenAgeMs = 3 * 3_600_000;
/** How long acme's listing of us-east-1 takes, for each of its two profiles, in the first refresh. */
export const slowListingMs = 5_000;

export function lastSeenScenario(): Scenario {
  const world = defaultScenario();
  world.faults.push({
    ...acmeEast,
    service: 'cloudformation',
    operation: 'DescribeStacks',
    kind: 'latency',
    latencyMs: slowListingMs,
    times: 2,
  });
  return world;
}

/** The extension's globalState at the start: the last-seen racks, and acme/production as the current rack. */
export function lastSeenState(now = Date.now()): Record<string, unknown> {
  const seenAt = now - lastSeenAgeMs;
  const running = { status: 'running', cloudformationStatus: 'UPDATE_COMPLETE' } as const;
  return {
    'convox.racks.lastSeen': encodeLastSeen([
      {
        organization: 'acme',
        profile: 'acme-prod',
        region: 'us-east-1',
        seenAt,
        racks: [
          {
            stackId: lastSeenIds.production,
            name: 'production',
            status: 'updating',
            cloudformationStatus: 'UPDATE_IN_PROGRESS',
            version: '20240601000000',
          },
          { stackId: lastSeenIds.retired, name: 'retired', ...running, version: '20230101000000' },
        ],
      },
      {
        organization: 'acme',
        profile: 'acme-staging',
        region: 'ap-southeast-2',
        seenAt,
        racks: [{ stackId: lastSeenIds.apac, name: 'apac', ...running, version: '20250101120000' }],
      },
      {
        organization: 'globex',
        profile: 'globex',
        region: 'eu-west-1',
        seenAt,
        racks: [{ stackId: lastSeenIds.globexMain, name: 'globex-main', ...running, version: '20250301000000' }],
      },
    ]),
    'convox.current': { id: lastSeenIds.production, name: 'acme/production' },
  };
}
