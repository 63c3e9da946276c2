import { displayNames } from '../identity';
import type { PairResult } from '../inventory';
import { pairKey, type Pair } from '../pair';
import type { Rack, RackStatus } from '../rack';
import { encodeLastSeen, parseLastSeen, seenRackOf, type SeenPair, type SeenRack } from './lastSeenCache';
import type { LastSeenKeeper } from './ports';
import type { Timers } from './refreshPolicy';

/** A rack drawn from the last-seen cache until its (profile, region) answers: what its row showed, and when. */
export interface LastSeenRack extends SeenRack, Pair {
  fullName: string;
  displayName: string;
  /** When its pair's answer listed it, in ms since the epoch. */
  seenAt: number;
}

/** Fresh answers arriving within this many milliseconds of the first are written together. */
export const lastSeenWriteDelayMs = 2_000;

function byName(a: LastSeenRack, b: LastSeenRack): number {
  return a.fullName.localeCompare(b.fullName) || a.region.localeCompare(b.region) || a.profile.localeCompare(b.profile);
}

/**
 * The last known racks of each (profile, region), kept between sessions so that the Racks view has rows at once.
 * Read once at the start (when the setting allows); each cached pair's racks are shown until that pair answers in
 * full, which replaces them, gone racks included, or until the pair is no longer scanned. A pair that fails keeps
 * them. Complete answers are written back, gathered over `lastSeenWriteDelayMs`; turned off, the stored value is
 * cleared and nothing is read or written.
 */
export class LastSeenRacks {
  /** Cached pairs whose racks are still shown, by pair key. */
  private readonly shownPairs = new Map<string, SeenPair>();
  /** The last complete answer of each pair: what the next write stores. */
  private readonly kept = new Map<string, SeenPair>();
  private enabled: boolean;
  private writeTimer: unknown;

  constructor(
    private readonly keeper: LastSeenKeeper | undefined,
    enabled: boolean,
    private readonly timers: Timers,
    /** The status a listed rack is shown with now (servers rolling make a running rack converging), if listed. */
    private readonly shownStatus: (stackId: string) => RackStatus | undefined,
    /** The racks shown from the cache changed. */
    private readonly changed: () => void,
  ) {
    this.enabled = enabled && keeper !== undefined;
    if (!keeper) return;
    if (!enabled) {
      keeper.write(undefined);
      return;
    }
    for (const pair of parseLastSeen(keeper.read())) {
      this.shownPairs.set(pairKey(pair), pair);
      this.kept.set(pairKey(pair), pair);
    }
  }

  /**
   * The racks shown from the cache, sorted like listed racks, without those `fresh` lists (by stack id); one stack
   * cached under two profiles is shown once, under the profile that sorts first, as a listed one is. Display names
   * are qualified among the fresh racks and these together.
   */
  racks(fresh: readonly Rack[]): LastSeenRack[] {
    const listed = new Set(fresh.map((rack) => rack.stackId));
    const byStack = new Map<string, LastSeenRack>();
    for (const pair of this.shownPairs.values()) {
      for (const rack of pair.racks) {
        const kept = byStack.get(rack.stackId);
        if (listed.has(rack.stackId) || (kept && kept.profile.localeCompare(pair.profile) <= 0)) continue;
        const fullName = `${pair.organization}/${rack.name}`;
        byStack.set(rack.stackId, {
          ...rack,
          organization: pair.organization,
          profile: pair.profile,
          region: pair.region,
          seenAt: pair.seenAt,
          fullName,
          displayName: fullName,
        });
      }
    }
    const seen = [...byStack.values()].sort(byName);
    const names = displayNames([...fresh, ...seen]);
    return seen.map((rack, index) => ({ ...rack, displayName: names[fresh.length + index] }));
  }

  /**
   * The pairs a refresh scans: the cached racks of any other pair are no longer shown or kept, and shown ones
   * move to the organisation the settings give their profile now.
   */
  planned(pairs: readonly Pair[]): void {
    const planned = new Map(pairs.map((pair) => [pairKey(pair), pair]));
    let changed = false;
    for (const [key, pair] of this.shownPairs) {
      const organization = planned.get(key)?.organization;
      if (organization === undefined) this.shownPairs.delete(key);
      else if (organization !== pair.organization) this.shownPairs.set(key, { ...pair, organization });
      changed ||= organization !== pair.organization;
    }
    let dropped = false;
    for (const key of this.kept.keys()) {
      if (planned.has(key)) continue;
      this.kept.delete(key);
      dropped = true;
    }
    if (changed) this.changed();
    if (dropped) this.scheduleWrite();
  }

  /**
   * One pair's answer. Complete, it replaces the pair's cached racks (those it no longer lists are gone) and is
   * kept for the next session; failed, the cached racks stay, still shown as last seen. A page on its way changes
   * nothing here: the racks it lists hide their cached rows by stack id.
   */
  answered(result: PairResult): void {
    if (!result.done || result.error) return;
    const key = pairKey(result);
    if (this.shownPairs.delete(key)) this.changed();
    if (!this.enabled) return;
    const racks = result.racks.filter((rack) => !rack.local);
    if (racks.length > 0)
      this.kept.set(key, {
        organization: result.organization,
        profile: result.profile,
        region: result.region,
        seenAt: this.timers.now(),
        racks: racks.map(seenRackOf),
      });
    else this.kept.delete(key);
    this.scheduleWrite();
  }

  /** Turned off, the stored value is cleared and the cached rows go; turned on, the next answers are kept. */
  setEnabled(enabled: boolean): void {
    if (!this.keeper || enabled === this.enabled) return;
    this.enabled = enabled;
    if (enabled) return;
    this.timers.clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.kept.clear();
    this.keeper.write(undefined);
    if (this.shownPairs.size === 0) return;
    this.shownPairs.clear();
    this.changed();
  }

  /** A write still gathering answers is made now, so that the last answers of a session are not lost. */
  dispose(): void {
    if (this.writeTimer === undefined) return;
    this.timers.clearTimeout(this.writeTimer);
    this.write();
  }

  private scheduleWrite(): void {
    if (!this.enabled || this.writeTimer !== undefined) return;
    this.writeTimer = this.timers.setTimeout(() => this.write(), lastSeenWriteDelayMs);
  }

  private write(): void {
    this.writeTimer = undefined;
    if (!this.keeper || !this.enabled) return;
    const pairs = [...this.kept.values()].map((pair) => ({
      ...pair,
      racks: pair.racks.map((rack) => ({ ...rack, status: this.shownStatus(rack.stackId) ?? rack.status })),
    }));
    this.keeper.write(encodeLastSeen(pairs));
  }
}
