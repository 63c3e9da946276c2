// Terse scenario assembly: profiles name their account, region data is built per (account, region).
import type { FaultRule, Profile, RegionData, Scenario } from '../types';
import { hex, physicalSuffix, type Place } from './ids';
import { merge } from './region';

export interface ProfileSpec {
  name: string;
  account: string;
  region: string;
  /** Derived from the name when absent. */
  accessKeyId?: string;
}

/** Builds one region's data; gets the place to build at. */
export type RegionBuilder = (place: Place) => Partial<RegionData> | Partial<RegionData>[];

export interface ScenarioSpec {
  profiles: ProfileSpec[];
  /** Suggested `convox.regions`; the profiles' own regions when absent. */
  regions?: string[];
  organizations?: Record<string, string[]>;
  /** Account id → region → builder. */
  data?: Record<string, Record<string, RegionBuilder>>;
  faults?: FaultRule[];
}

export const accessKeyIdFor = (profile: string): string => `AKIA${physicalSuffix(16, 'access-key', profile)}`;

export const secretFor = (profile: string): string => hex(40, 'secret', profile);

export function scenario(spec: ScenarioSpec): Scenario {
  const profiles: Profile[] = spec.profiles.map((profile) => ({
    name: profile.name,
    accessKeyId: profile.accessKeyId ?? accessKeyIdFor(profile.name),
    secretAccessKey: secretFor(profile.name),
    region: profile.region,
  }));
  const accountIds = [
    ...new Set([...spec.profiles.map((profile) => profile.account), ...Object.keys(spec.data ?? {})]),
  ];
  const accounts = accountIds.map((id) => ({
    id,
    accessKeyIds: spec.profiles.flatMap((profile, index) =>
      profile.account === id ? [profiles[index].accessKeyId] : [],
    ),
    regions: Object.fromEntries(
      Object.entries(spec.data?.[id] ?? {}).map(([region, build]): [string, RegionData] => {
        const parts = build({ account: id, region });
        return [region, Array.isArray(parts) ? merge(...parts) : merge(parts)];
      }),
    ),
  }));
  return {
    profiles,
    regions: spec.regions ?? [...new Set(spec.profiles.map((profile) => profile.region))],
    organizations: spec.organizations ?? {},
    accounts,
    faults: spec.faults ?? [],
  };
}
