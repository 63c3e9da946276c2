import type { DiscoveryError, Rack } from '../rack';
import { diffRacks, type RackAspect, type StoreChange } from './changes';
import type { Timers } from './refreshPolicy';

export type Listener = (change: StoreChange) => void;

/** What listeners are told about: the merged racks and error rows as they are now. */
export interface ListSnapshot {
  racks: readonly Rack[];
  errors: readonly DiscoveryError[];
}

/**
 * Tells the store's listeners what changed since they last heard, at most once per `batchMs` on the store's
 * clock: the first change of a quiet spell at once, the rest of a burst (discovery pages) gathered into one.
 */
export class ChangeAnnouncer {
  private readonly listeners = new Set<Listener>();
  private announced: ListSnapshot = { racks: [], errors: [] };
  private pendingAspects = new Map<string, Set<RackAspect>>();
  private pendingList = false;
  private timer: unknown;
  private flushedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly snapshot: () => ListSnapshot,
    private readonly timers: Timers,
    private readonly batchMs: number,
  ) {}

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The store's own state changed (loading, a settings problem): everything is drawn again, now. */
  list(): void {
    this.pendingList = true;
    this.flush();
  }

  /** One aspect of one rack changed (its progress, details, architecture). */
  rack(stackId: string, aspect: RackAspect): void {
    this.aspectsOf(stackId).add(aspect);
    this.schedule();
  }

  /**
   * The merged lists may have changed: listeners hear how, within the batch. `wholeList`: something drawn beside
   * them changed (the racks shown from the cache), so the list is drawn again whatever the diff says.
   */
  schedule(wholeList = false): void {
    if (wholeList) this.pendingList = true;
    if (this.timer !== undefined) return;
    const wait = this.flushedAt + this.batchMs - this.timers.now();
    if (wait <= 0) return this.flush();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  dispose(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private aspectsOf(stackId: string): Set<RackAspect> {
    let aspects = this.pendingAspects.get(stackId);
    if (!aspects) {
      aspects = new Set<RackAspect>();
      this.pendingAspects.set(stackId, aspects);
    }
    return aspects;
  }

  private flush(): void {
    this.flushedAt = this.timers.now();
    const now = this.snapshot();
    const diff = diffRacks(this.announced, now);
    this.announced = now;
    const list = this.pendingList || diff.list;
    for (const stackId of diff.changed) this.aspectsOf(stackId).add('summary');
    const racks = this.pendingAspects;
    this.pendingList = false;
    this.pendingAspects = new Map();
    if (!list && racks.size === 0) return;
    const change: StoreChange = { list, racks };
    this.listeners.forEach((listener) => listener(change));
  }
}
