/**
 * One AWS profile (or the environment's credentials) in one region, with the organisation its racks are listed
 * under. Everything found by discovery is located by a pair; `pairKey` is the one key for it.
 */
export interface Pair {
  organization: string;
  profile: string;
  region: string;
}

/** The pseudo-profile that stands for the credentials found in the environment (AWS_ACCESS_KEY_ID …). */
export const environmentProfile = 'environment';

export function pairKey(pair: Pick<Pair, 'profile' | 'region'>): string {
  return `${pair.profile}\u0000${pair.region}`;
}
