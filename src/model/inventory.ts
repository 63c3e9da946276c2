import { pairKey, type Pair } from './pair';
import type { DiscoveryError, Rack } from './rack';

/** What one (profile, region) pair has given so far. `done` turns true after its last page or its error. */
export interface PairResult extends Pair {
  racks: Rack[];
  done: boolean;
  error?: DiscoveryError;
}

/**
 * One stack seen through two profiles (same stack id) is one rack. The profile that sorts first keeps it, so
 * the answer does not depend on which pair finished first.
 */
export function mergeRacks(racks: Iterable<Rack>): Rack[] {
  const byStack = new Map<string, Rack>();
  for (const rack of racks) {
    const kept = byStack.get(rack.stackId);
    if (!kept || rack.profile.localeCompare(kept.profile) < 0) byStack.set(rack.stackId, rack);
  }
  return [...byStack.values()].sort((a, b) => a.fullName.localeCompare(b.fullName) || a.region.localeCompare(b.region));
}

/** The latest result of every pair of one discovery run, merged into what the views show. */
export class Inventory {
  private readonly pairs = new Map<string, PairResult>();

  /**
   * Pairs not heard from yet show what they showed in the `previous` run, so a refresh does not blank the view.
   */
  constructor(expected: readonly Pair[], previous?: Inventory) {
    for (const pair of expected) {
      const key = pairKey(pair);
      const before = previous?.pairs.get(key);
      this.pairs.set(key, { ...pair, racks: before?.racks ?? [], error: before?.error, done: false });
    }
  }

  update(result: PairResult): void {
    this.pairs.set(pairKey(result), result);
  }

  racks(): Rack[] {
    return mergeRacks([...this.pairs.values()].flatMap((pair) => pair.racks));
  }

  errors(): DiscoveryError[] {
    return [...this.pairs.values()]
      .flatMap((pair) => (pair.error ? [pair.error] : []))
      .sort(
        (a, b) =>
          a.organization.localeCompare(b.organization) ||
          a.profile.localeCompare(b.profile) ||
          a.region.localeCompare(b.region),
      );
  }
}
