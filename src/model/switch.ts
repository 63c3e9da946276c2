/** How many matches an "ambiguous" message names before it just counts the rest. */
const maxListed = 4;

export type SwitchResolution<T> = { rack: T } | { error: string; candidates: T[] };

/** What resolving a typed name needs of a rack. */
export interface Resolvable {
  stackId: string;
  fullName: string;
  displayName: string;
}

function ambiguous<T extends Resolvable>(wanted: string, matches: T[]): SwitchResolution<T> {
  const shown = matches.slice(0, maxListed).map((rack) => rack.displayName);
  const more = matches.length > maxListed ? ` and ${matches.length - maxListed} more` : '';
  return { error: `ambiguous rack name: ${wanted} (matches ${shown.join(', ')}${more})`, candidates: matches };
}

/**
 * Resolves what a person (or a command argument) gave the way `convox switch` does: a rack id or an exact display
 * name wins; then an exact `org/rack`, which is ambiguous when racks in several regions or accounts share it
 * (asked, never guessed); otherwise the one rack whose name contains the text; more than one is ambiguous, none is
 * not found.
 */
export function resolveRack<T extends Resolvable>(query: string, racks: readonly T[]): SwitchResolution<T> {
  const wanted = query.trim();
  const exact = racks.find((rack) => rack.stackId === wanted || rack.displayName === wanted);
  if (exact) return { rack: exact };
  const sameName = racks.filter((rack) => rack.fullName === wanted);
  if (sameName.length === 1) return { rack: sameName[0] };
  if (sameName.length > 1) return ambiguous(wanted, sameName);
  const matches = wanted === '' ? [] : racks.filter((rack) => rack.displayName.includes(wanted));
  if (matches.length === 1) return { rack: matches[0] };
  if (matches.length > 1) return ambiguous(wanted, matches);
  return { error: `could not find rack: ${wanted}`, candidates: [] };
}
