/** Settings value `convox.organizations`: organisation name → AWS profile names. */
export type OrganizationMap = Record<string, string[]>;

/** The pseudo-profile that stands for the credentials found in the environment (AWS_ACCESS_KEY_ID …). */
export const environmentProfile = 'environment';

export class SettingsError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Validates a raw `convox.organizations` value; anything but `{name: [profile…]}` is refused with a reason. */
export function parseOrganizations(raw: unknown): OrganizationMap {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError('convox.organizations', 'must be an object mapping an organisation name to a list of AWS profile names, e.g. {"acme": ["acme-prod"]}');
  }
  const result: OrganizationMap = {};
  const owner = new Map<string, string>();
  for (const [organization, profiles] of Object.entries(raw)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(organization)) {
      throw new SettingsError('convox.organizations', `"${organization}" is not a valid organisation name: use letters, digits, ".", "_" or "-"`);
    }
    if (!Array.isArray(profiles) || profiles.some((profile) => typeof profile !== 'string' || profile === '')) {
      throw new SettingsError('convox.organizations', `the value of "${organization}" must be a list of AWS profile names`);
    }
    for (const profile of profiles as string[]) {
      const previous = owner.get(profile);
      if (previous !== undefined && previous !== organization) {
        throw new SettingsError('convox.organizations', `profile "${profile}" is mapped to both "${previous}" and "${organization}"`);
      }
      owner.set(profile, organization);
    }
    result[organization] = [...(profiles as string[])];
  }
  return result;
}

/** A profile mapped nowhere is an organisation of its own, named after the profile. */
export function organizationOf(profile: string, organizations: OrganizationMap): string {
  for (const [organization, profiles] of Object.entries(organizations)) {
    if (profiles.includes(profile)) return organization;
  }
  return profile;
}

const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

export function isRegionCode(value: string): boolean {
  return regionPattern.test(value);
}

/** Validates a raw `convox.regions` value: a list of region codes such as `us-east-1`. */
export function parseRegions(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new SettingsError('convox.regions', 'must be a list of AWS region codes, e.g. ["us-east-1", "eu-west-1"]');
  }
  const bad = raw.filter((region) => typeof region !== 'string' || !isRegionCode(region));
  if (bad.length > 0) {
    throw new SettingsError('convox.regions', `${bad.map((region) => JSON.stringify(region)).join(', ')} is not an AWS region code such as "us-east-1"`);
  }
  return [...new Set(raw as string[])];
}
