/** Timers the policy runs on; tests pass a virtual clock. */
export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Why a refresh ran; the log names it. */
export type RefreshReason =
  | 'first use'
  | 'interval'
  | 'view shown'
  | 'manual'
  | 'retry'
  | 'settings changed'
  | 'switch'
  | 'list refreshed'
  | 'inspect'
  | 'alert'
  | 'last-seen rack';

/** What a view watches of a rack: its details (servers, the rack's own containers) or its whole architecture. */
export type WatchedData = 'details' | 'architecture';

/** What the policy makes happen; the store implements it. */
export interface RefreshActions {
  refreshList(reason: RefreshReason): void;
  /** Reads again what visible watchers of the rack show. */
  reloadRack(stackId: string, reason: RefreshReason, data: ReadonlySet<WatchedData>): void;
  /** When the list last finished refreshing (ms on the timers' clock), undefined before the first. */
  listRefreshedAt(): number | undefined;
  /** When that data of the rack was last read, undefined if never. */
  rackReadAt(stackId: string, data: WatchedData): number | undefined;
}

/** A view's interest in one rack's live data; it costs nothing while hidden. */
export interface RackWatch {
  setVisible(visible: boolean): void;
  dispose(): void;
}

interface Watcher {
  stackId: string;
  data: WatchedData;
  intervalMs: number | undefined;
  visible: boolean;
}

/** Automatic refreshes triggered by settings or visibility within this window make one refresh. */
export const debounceMs = 250;

/**
 * When AWS is asked again, and why. The list refreshes every `intervalSeconds` only while a view that shows it is
 * visible (0 turns it off); becoming visible after the data went stale refreshes at once. A watched rack
 * refreshes at its watcher's interval while that watcher is visible (the shortest visible interval wins), and
 * with the list. Hidden, nothing is called at all.
 */
export class RefreshPolicy {
  private listVisible = false;
  private intervalMs: number;
  private listTimer: unknown;
  private debounceTimer: unknown;
  private readonly watchers = new Set<Watcher>();
  private readonly rackTimers = new Map<string, { handle: unknown; every: number }>();

  constructor(
    private readonly actions: RefreshActions,
    intervalSeconds: number,
    private readonly timers: Timers = realTimers,
  ) {
    this.intervalMs = Math.max(0, intervalSeconds) * 1000;
  }

  setListVisible(visible: boolean): void {
    if (visible === this.listVisible) return;
    this.listVisible = visible;
    if (visible && this.isStale(this.actions.listRefreshedAt(), this.intervalMs))
      this.actions.refreshList('view shown');
    this.scheduleList();
  }

  setListInterval(seconds: number): void {
    this.intervalMs = Math.max(0, seconds) * 1000;
    this.scheduleList();
  }

  /** An automatic refresh of the list: several within `debounceMs` become one, named after the first. */
  request(reason: RefreshReason): void {
    this.debounceTimer ??= this.timers.setTimeout(() => {
      this.debounceTimer = undefined;
      this.actions.refreshList(reason);
    }, debounceMs);
  }

  watch(stackId: string, intervalSeconds?: number, data: WatchedData = 'details'): RackWatch {
    const watcher: Watcher = {
      stackId,
      data,
      intervalMs: intervalSeconds ? intervalSeconds * 1000 : undefined,
      visible: false,
    };
    this.watchers.add(watcher);
    return {
      setVisible: (visible) => {
        if (watcher.visible === visible) return;
        watcher.visible = visible;
        if (visible && watcher.intervalMs && this.isStale(this.actions.rackReadAt(stackId, data), watcher.intervalMs))
          this.actions.reloadRack(stackId, 'view shown', new Set([data]));
        this.scheduleRack(stackId);
      },
      dispose: () => {
        this.watchers.delete(watcher);
        this.scheduleRack(stackId);
      },
    };
  }

  /** Racks that a visible watcher shows, with what it shows: they are read again whenever the list refreshes. */
  visiblyWatched(): Map<string, Set<WatchedData>> {
    const watched = new Map<string, Set<WatchedData>>();
    for (const watcher of this.watchers)
      if (watcher.visible) watched.set(watcher.stackId, (watched.get(watcher.stackId) ?? new Set()).add(watcher.data));
    return watched;
  }

  dispose(): void {
    this.timers.clearInterval(this.listTimer);
    this.timers.clearTimeout(this.debounceTimer);
    this.rackTimers.forEach((timer) => this.timers.clearInterval(timer.handle));
    this.rackTimers.clear();
    this.watchers.clear();
  }

  private isStale(at: number | undefined, intervalMs: number): boolean {
    if (at === undefined) return true;
    return intervalMs > 0 && this.timers.now() - at >= intervalMs;
  }

  private scheduleList(): void {
    this.timers.clearInterval(this.listTimer);
    this.listTimer = undefined;
    if (this.listVisible && this.intervalMs > 0)
      this.listTimer = this.timers.setInterval(() => this.actions.refreshList('interval'), this.intervalMs);
  }

  private scheduleRack(stackId: string): void {
    const intervals = [...this.watchers]
      .filter((watcher) => watcher.stackId === stackId && watcher.visible && watcher.intervalMs)
      .map((watcher) => watcher.intervalMs as number);
    const every = intervals.length > 0 ? Math.min(...intervals) : undefined;
    const existing = this.rackTimers.get(stackId);
    if (existing?.every === every) return;
    if (existing) this.timers.clearInterval(existing.handle);
    this.rackTimers.delete(stackId);
    const tick = (): void => {
      const data = this.visiblyWatched().get(stackId);
      if (data) this.actions.reloadRack(stackId, 'interval', data);
    };
    if (every !== undefined) this.rackTimers.set(stackId, { every, handle: this.timers.setInterval(tick, every) });
  }
}
