/** How many matches an "ambiguous" message names before it just counts the rest. */
const maxListed = 4;

export type SwitchResolution<T> = { rack: T } | { error: string; candidates: T[] };

/**
 * Resolves what a person typed the way `convox switch` does: an exact full name wins; otherwise the one rack
 * whose name contains the text; more than one is ambiguous, none is not found.
 */
export function resolveRack<T extends { fullName: string }>(query: string, racks: readonly T[]): SwitchResolution<T> {
  const wanted = query.trim();
  const exact = racks.find((rack) => rack.fullName === wanted);
  if (exact) return { rack: exact };
  const matches = wanted === '' ? [] : racks.filter((rack) => rack.fullName.includes(wanted));
  if (matches.length === 1) return { rack: matches[0] };
  if (matches.length > 1) {
    const shown = matches.slice(0, maxListed).map((rack) => rack.fullName);
    const more = matches.length > maxListed ? ` and ${matches.length - maxListed} more` : '';
    return { error: `ambiguous rack name: ${wanted} (matches ${shown.join(', ')}${more})`, candidates: matches };
  }
  return { error: `could not find rack: ${wanted}`, candidates: [] };
}
