import type { DiscoveryError } from './rack';
import { environmentProfile, type Pair } from './pair';
import { isRegionCode, reservedOrganization, type OrganizationMap, type ScanSettings } from './settings';

/** What discovery needs to know of a profile from the AWS config files. */
export interface ProfileRegion {
  name: string;
  /** The profile's own `region`, if any. */
  region?: string;
}

export interface DiscoveryPlan {
  pairs: Pair[];
  /** Profiles that cannot be scanned at all (no region anywhere), as error entries. */
  problems: DiscoveryError[];
}

/**
 * A profile mapped nowhere is an organisation of its own, named after the profile; the environment's
 * credentials, unless mapped, are the organisation `environment`.
 */
export function organizationOf(profile: string, organizations: OrganizationMap): string {
  for (const [organization, profiles] of Object.entries(organizations)) {
    if (profiles.includes(profile)) return organization;
  }
  return profile === environmentProfile ? 'environment' : profile;
}

/** Every (profile, region) pair to scan: each profile's own region plus the regions of `convox.regions`. */
export function planDiscovery(profiles: readonly ProfileRegion[], settings: ScanSettings): DiscoveryPlan {
  const plan: DiscoveryPlan = { pairs: [], problems: [] };
  for (const profile of profiles) {
    const organization = organizationOf(profile.name, settings.organizations);
    if (organization === reservedOrganization) {
      plan.problems.push({
        organization,
        profile: profile.name,
        region: profile.region ?? '',
        kind: 'configuration',
        message: `Profile "${profile.name}" would make the organisation "${reservedOrganization}", which is reserved for local racks. Fix the configuration: map the profile to an organisation in the setting convox.organizations, then refresh.`,
      });
      continue;
    }
    const ownRegion = profile.region !== undefined && isRegionCode(profile.region) ? [profile.region] : [];
    if (profile.region !== undefined && ownRegion.length === 0) {
      plan.problems.push({
        organization,
        profile: profile.name,
        region: profile.region,
        kind: 'configuration',
        message: `Profile "${profile.name}" has region "${profile.region}", which is not an AWS region code such as us-east-1. Fix the configuration: correct "region = …" in your AWS config, then refresh.`,
      });
    }
    const regions = [...new Set([...ownRegion, ...settings.regions])];
    if (regions.length === 0 && profile.region === undefined) {
      plan.problems.push({
        organization,
        profile: profile.name,
        region: '',
        kind: 'configuration',
        message: `Profile "${profile.name}" has no region. Fix the configuration: add "region = …" to it in your AWS config, or list regions in the setting convox.regions.`,
      });
    }
    for (const region of regions) plan.pairs.push({ organization, profile: profile.name, region });
  }
  return plan;
}
