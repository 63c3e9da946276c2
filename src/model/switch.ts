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
    return { error: `ambiguous rack name: ${wanted} (matches ${matches.map((rack) => rack.fullName).join(', ')})`, candidates: matches };
  }
  return { error: `could not find rack: ${wanted}`, candidates: [] };
}
