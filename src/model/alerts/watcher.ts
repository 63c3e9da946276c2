import { messageOf } from '../errorMessage';
import { pairKey, type Pair } from '../pair';
import type { Rack } from '../rack';
import type { ServerLifecycle } from '../status';
import type { RackDiscovery, RackReader } from '../store/ports';
import type { Timers } from '../store/refreshPolicy';
import type { AlertEpisodes, Observed, RackLook } from './episodes';

/** A rack to watch: its identity and where it lives, enough to find it again after it is gone from the store. */
export interface WatchedRack extends Pair {
  stackId: string;
  displayName: string;
}

/** What the watcher asks of AWS: stack listings per (profile, region), and Auto Scaling lifecycles. */
export interface WatcherPorts {
  discovery: Pick<RackDiscovery, 'profiles' | 'discover'>;
  reader: Pick<RackReader, 'lifecycleStates'>;
}

export interface WatcherOptions {
  intervalMs: number;
  deadlineMs: number;
  timers: Timers;
  /** The racks to watch now, read at every poll. */
  watched: () => readonly WatchedRack[];
  /** Every poll's outcome, after the episodes saw it, with the looks it rests on. */
  report: (observed: Observed, poll: PollSummary, looks: readonly RackLook[]) => void;
  log: (message: string) => void;
}

/** What one poll cost and found. */
export interface PollSummary {
  racks: number;
  pairs: number;
  /** Stack listings (DescribeStacks, one per pair unless a region has more than 100 stacks) and Auto Scaling calls. */
  listings: number;
  lifecycleCalls: number;
  throttled: boolean;
  /** When the next poll is due, in ms from the end of this one. */
  nextInMs: number;
}

/** The slowest a throttled watch gets: this many intervals between polls. */
export const maxBackoff = 8;
/** While the window is not focused, polls come this many intervals apart. */
export const unfocusedFactor = 4;

/**
 * Polls the watched racks on its own timer, whatever view is visible: one stack listing per (profile, region) of a
 * watched rack, and Auto Scaling only for the racks the episodes say are not plainly running. Throttling doubles
 * the wait (up to `maxBackoff` intervals) until a poll goes through; an unfocused window waits `unfocusedFactor`
 * intervals.
 */
export class AlertWatcher {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private backoff = 1;
  private focused = true;
  private lastPollAt: number | undefined;
  private stopped = true;

  constructor(
    private readonly ports: WatcherPorts,
    private readonly episodes: AlertEpisodes,
    private readonly options: WatcherOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  setInterval(ms: number): void {
    this.options.intervalMs = ms;
    if (!this.stopped) this.schedule(this.waitMs());
  }

  /** Focus regained: a poll now if one is overdue at the focused pace, else at that pace. */
  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    if (this.stopped) return;
    const since = this.lastPollAt === undefined ? Infinity : this.options.timers.now() - this.lastPollAt;
    this.schedule(Math.max(0, this.waitMs() - since));
  }

  /** One poll now (the watch list changed, a test); joins the one running. */
  poll(): Promise<void> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private waitMs(): number {
    return this.options.intervalMs * Math.max(this.backoff, this.focused ? 1 : unfocusedFactor);
  }

  private schedule(ms: number): void {
    this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      void this.poll().finally(() => {
        if (!this.stopped && this.timer === undefined) this.schedule(this.waitMs());
      });
    }, ms);
  }

  private async pollOnce(): Promise<void> {
    try {
      await this.look();
    } catch (error) {
      this.options.log(`Watch: the look failed: ${messageOf(error)}`);
    }
  }

  private async look(): Promise<void> {
    const { timers, deadlineMs, log } = this.options;
    const watched = this.options.watched();
    const byPair = new Map<string, { pair: Pair; racks: WatchedRack[] }>();
    for (const rack of watched) {
      const key = pairKey(rack);
      const entry = byPair.get(key) ?? {
        pair: { organization: rack.organization, profile: rack.profile, region: rack.region },
        racks: [],
      };
      entry.racks.push(rack);
      byPair.set(key, entry);
    }
    const listed = new Map<string, Rack[]>();
    let throttled = false;
    if (byPair.size > 0) {
      // The AWS config files, read again (no AWS call): a profile removed since is not listed.
      const profiles = new Set((await this.ports.discovery.profiles()).map((profile) => profile.name));
      for (const [key, { pair }] of byPair)
        if (!profiles.has(pair.profile)) {
          log(`Watch: profile ${pair.profile} is no longer in the AWS config; its racks are not looked at.`);
          byPair.delete(key);
        }
      await this.ports.discovery.discover(
        [...byPair.values()].map((entry) => entry.pair),
        (result) => {
          if (!result.done) return;
          if (result.error) {
            if (result.error.kind === 'throttled') throttled = true;
            log(`Watch: could not list ${result.profile}/${result.region}: ${result.error.message}`);
            return;
          }
          listed.set(pairKey(result), result.racks);
        },
        deadlineMs,
      );
    }
    const now = timers.now();
    const looks: RackLook[] = [];
    let lifecycleCalls = 0;
    for (const [key, { pair, racks }] of byPair) {
      const found = listed.get(key);
      if (!found) continue;
      const present = racks.map((watchedRack) => ({
        watchedRack,
        rack: found.find((candidate) => candidate.stackId === watchedRack.stackId),
      }));
      const wanting = present.flatMap(({ rack }) =>
        rack?.outputs.AutoscalingGroup && this.episodes.wantsServers(rack, now) ? [rack] : [],
      );
      let states: Map<string, ServerLifecycle[]> | undefined;
      if (wanting.length > 0) {
        lifecycleCalls += 1;
        try {
          states = await this.ports.reader.lifecycleStates(
            pair,
            wanting.map((rack) => rack.outputs.AutoscalingGroup),
            deadlineMs,
          );
        } catch (error) {
          if ((error as { kind?: unknown }).kind === 'throttled') throttled = true;
          log(`Watch: could not read servers in ${pair.profile}/${pair.region}: ${messageOf(error)}`);
        }
      }
      for (const { watchedRack, rack } of present) {
        const read = rack && states && wanting.includes(rack);
        looks.push({
          stackId: watchedRack.stackId,
          displayName: watchedRack.displayName,
          rack,
          servers: read ? (states?.get(rack.outputs.AutoscalingGroup) ?? []) : undefined,
        });
      }
    }
    this.lastPollAt = timers.now();
    this.backoff = throttled ? Math.min(maxBackoff, this.backoff * 2) : 1;
    const observed = this.episodes.observe(looks, this.options.timers.now());
    const summary: PollSummary = {
      racks: watched.length,
      pairs: byPair.size,
      listings: byPair.size,
      lifecycleCalls,
      throttled,
      nextInMs: this.waitMs(),
    };
    if (watched.length > 0)
      log(
        `Watch: ${summary.racks} racks in ${summary.pairs} regions: ${summary.listings} DescribeStacks listings, ${lifecycleCalls} Auto Scaling calls${throttled ? ', throttled' : ''}; next in ${Math.round(summary.nextInMs / 1000)} s.`,
      );
    this.options.report(observed, summary, looks);
  }
}
