/**
 * One AWS profile (or the environment's credentials) in one region, with the organisation its racks are listed
 * under. Everything found by discovery is located by a pair; `pairKey` is the one key for it.
 */
export interface Pair {
  organization: string;
  profile: string;
  region: string;
}

/**
 * The source that stands for the credentials found in the environment (AWS_ACCESS_KEY_ID …), named so that no
 * profile can share the name: the AWS config parser ends a line at " #", so no section name can hold it.
 */
export const environmentProfile = 'environment #AWS_*';

export function pairKey(pair: Pick<Pair, 'profile' | 'region'>): string {
  return `${pair.profile}\u0000${pair.region}`;
}

/** How messages name a credential source: `profile "name"`, or the environment variables. */
export function sourceLabel(profile: string): string {
  return profile === environmentProfile ? 'the AWS_* environment variables' : `profile "${profile}"`;
}
