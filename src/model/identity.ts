import type { Rack } from './rack';

/**
 * What identifies a rack everywhere (current rack, certificate pins, install records, panels, command
 * arguments): its CloudFormation stack id, or for a local rack `kubernetes:<context>/<namespace>`. Never its name:
 * the same stack name lives in several regions and accounts.
 */
export type RackId = string;

/** The parts of a rack its display name is made of. */
export type Nameable = Pick<Rack, 'fullName' | 'region' | 'profile' | 'local'>;

/** What tells one rack from others of the same `org/rack`: its region, else its region and profile (a local rack: its context). */
function qualifier(rack: Nameable, sameName: readonly Nameable[]): string {
  if (rack.local) return rack.local.context;
  const sameRegion = sameName.filter((other) => !other.local && other.region === rack.region);
  return sameRegion.length > 1 ? `${rack.region}, ${rack.profile}` : rack.region;
}

/**
 * The name each rack is shown by: `org/rack` while no other rack has it, else qualified by what tells them apart,
 * `acme/production (eu-west-1)` or `acme/production (eu-west-1, acme-prod-2)`. Same order as given.
 */
export function displayNames(racks: readonly Nameable[]): string[] {
  const byName = new Map<string, Nameable[]>();
  for (const rack of racks) byName.set(rack.fullName, [...(byName.get(rack.fullName) ?? []), rack]);
  return racks.map((rack) => {
    const sameName = byName.get(rack.fullName) ?? [];
    return sameName.length > 1 ? `${rack.fullName} (${qualifier(rack, sameName)})` : rack.fullName;
  });
}

/** The racks with their display names set; a rack whose name needs no qualifier is passed on as it is. */
export function withDisplayNames(racks: readonly Rack[]): Rack[] {
  const names = displayNames(racks);
  return racks.map((rack, index) =>
    rack.displayName === names[index] ? rack : { ...rack, displayName: names[index] },
  );
}
