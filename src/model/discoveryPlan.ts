import type { DiscoveryError } from './rack';
import type { Pair } from './pair';
import type { OrganizationMap, ScanSettings } from './settings';

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

/** A profile mapped nowhere is an organisation of its own, named after the profile. */
export function organizationOf(profile: string, organizations: OrganizationMap): string {
  for (const [organization, profiles] of Object.entries(organizations)) {
    if (profiles.includes(profile)) return organization;
  }
  return profile;
}

/** Every (profile, region) pair to scan: each profile's own region plus the regions of `convox.regions`. */
export function planDiscovery(profiles: readonly ProfileRegion[], settings: ScanSettings): DiscoveryPlan {
  const plan: DiscoveryPlan = { pairs: [], problems: [] };
  for (const profile of profiles) {
    const organization = organizationOf(profile.name, settings.organizations);
    const regions = [...new Set([...(profile.region ? [profile.region] : []), ...settings.regions])];
    if (regions.length === 0) {
      plan.problems.push({
        organization,
        profile: profile.name,
        region: '',
        kind: 'other',
        message: `Profile "${profile.name}" has no region. Add "region = …" to it in your AWS config, or list regions in the setting convox.regions.`,
      });
    }
    for (const region of regions) plan.pairs.push({ organization, profile: profile.name, region });
  }
  return plan;
}
