import type { Inventory } from './inventory';
import type { DiscoveryError, Process, Rack, RackDetails, StackEvent } from './rack';
import type { RackSource, ScanSettings } from './source';
import { withInstanceLifecycle } from './status';

export type Listener = () => void;

/** Keeps a load's promise under its key; a failed load is dropped so the next read retries. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** How long bursts of pair results are gathered into one change notification. */
const changeBatchMs = 50;

/**
 * The one place views read racks from: the last known racks per (profile, region) with their errors, refreshed
 * on demand. Overlapping refreshes share one run; rack details load lazily and are kept until the next refresh.
 */
export class RackStore {
  private readonly listeners = new Set<Listener>();
  private inventory: Inventory | undefined;
  private readonly lifecycles = new Map<string, string[]>();
  private readonly detailCache = new Map<string, Promise<RackDetails>>();
  private readonly processCache = new Map<string, Promise<Process[]>>();
  private running: Promise<void> | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private profilesFound: boolean | undefined;
  private settingsFailure: Error | undefined;
  /** Merged, sorted racks with lifecycles applied; every view row reads them, so they are built once per change. */
  private merged: Rack[] | undefined;
  private refreshedAt: Date | undefined;

  constructor(
    private readonly source: RackSource,
    private readonly settings: () => ScanSettings,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get loading(): boolean {
    return this.running !== undefined;
  }

  /** Undefined until the first discovery has read the AWS config. */
  get hasProfiles(): boolean | undefined {
    return this.profilesFound;
  }

  get lastRefresh(): Date | undefined {
    return this.refreshedAt;
  }

  /** Why the last refresh could not start (a malformed setting), until one can. */
  get settingsProblem(): Error | undefined {
    return this.settingsFailure;
  }

  racks(): Rack[] {
    this.merged ??= (this.inventory?.racks() ?? []).map((rack) => {
      const states = this.lifecycles.get(rack.stackId);
      return states ? { ...rack, status: withInstanceLifecycle(rack.status, states) } : rack;
    });
    return this.merged;
  }

  errors(): DiscoveryError[] {
    return this.inventory?.errors() ?? [];
  }

  find(fullName: string): Rack | undefined {
    return this.racks().find((rack) => rack.fullName === fullName);
  }

  /**
   * Runs discovery, or joins the one already running. Settings are read (and validated) first: a bad value
   * rejects before anything changes.
   */
  refresh(): Promise<void> {
    if (this.running) return this.running;
    let settings: ScanSettings;
    try {
      settings = this.settings();
    } catch (error) {
      this.settingsFailure = error instanceof Error ? error : new Error(String(error));
      this.notify();
      return Promise.reject(error);
    }
    this.settingsFailure = undefined;
    this.running = this.run(settings).finally(() => {
      this.running = undefined;
      this.notify();
    });
    this.notify();
    return this.running;
  }

  /** Instances and the rack's own tasks, loaded on first use and kept until the next refresh. */
  details(rack: Rack): Promise<RackDetails> {
    return cached(this.detailCache, rack.stackId, () => this.source.details(rack));
  }

  /** `convox rack ps` rows of a rack: its tasks plus what their task definitions say. */
  processes(rack: Rack): Promise<Process[]> {
    return cached(this.processCache, rack.stackId, async () => this.source.processes(rack, (await this.details(rack)).tasks));
  }

  events(rack: Rack, limit: number): Promise<StackEvent[]> {
    return this.source.events(rack, limit);
  }

  /** Forgets one rack's details so the next read loads them again. */
  forgetDetails(rack: Rack): void {
    this.detailCache.delete(rack.stackId);
    this.processCache.delete(rack.stackId);
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.listeners.clear();
  }

  private async run(settings: ScanSettings): Promise<void> {
    const started = Date.now();
    const lifecycleChecks: Array<Promise<void>> = [];
    const run = await this.source.startDiscovery(settings, this.inventory, (result) => {
      this.merged = undefined;
      this.scheduleChange();
      if (result.done && !result.error) lifecycleChecks.push(this.checkLifecycles(result.racks));
    });
    this.inventory = run.inventory;
    this.merged = undefined;
    this.profilesFound = run.hasProfiles;
    this.detailCache.clear();
    this.processCache.clear();
    this.scheduleChange();
    await run.finished;
    await Promise.all(lifecycleChecks);
    this.refreshedAt = new Date();
    this.log(`Discovery finished in ${Date.now() - started} ms: ${this.racks().length} racks, ${this.errors().length} errors.`);
  }

  /** One Auto Scaling call per (profile, region) tells which running racks are rolling their instances. */
  private async checkLifecycles(racks: readonly Rack[]): Promise<void> {
    const running = racks.filter((rack) => rack.status === 'running' && rack.outputs.AutoscalingGroup);
    if (running.length === 0) return;
    const { profile, region } = running[0];
    try {
      const states = await this.source.lifecycleStates({ profile, region }, running.map((rack) => rack.outputs.AutoscalingGroup));
      for (const rack of running) this.lifecycles.set(rack.stackId, states.get(rack.outputs.AutoscalingGroup) ?? []);
      this.merged = undefined;
      this.scheduleChange();
    } catch (error) {
      this.log(`Could not read instance lifecycles in ${profile}/${region}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private scheduleChange(): void {
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = undefined;
      this.notify();
    }, changeBatchMs);
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}
