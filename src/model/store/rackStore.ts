import { planDiscovery, type ProfileRegion } from '../discoveryPlan';
import { withDisplayNames, type RackId } from '../identity';
import { Inventory } from '../inventory';
import type { Pair } from '../pair';
import type { ArchitectureData } from '../architecture/data';
import type { DiscoveryError, Process, Rack, RackDetails } from '../rack';
import type { StackEvent } from '../stackEvents';
import { settingDefaults, type ScanSettings } from '../settings';
import { notInServiceServers, withInstanceLifecycle, type ServerLifecycle } from '../status';
import { ArchitectureReads, type ArchitectureState } from './architectureReads';
import { ChangeAnnouncer, type Listener } from './changeAnnouncer';
import { DetailsReads } from './detailsReads';
import { LastSeenRacks, type LastSeenRack } from './lastSeenRacks';
import { LearnedStatuses } from './learnedStatuses';
import type { LastSeenKeeper, RackInstaller, RackPorts, StackOperations } from './ports';
import { ReleaseListReads, type ReleaseListKeeper, type SharedReleases } from './releaseListReads';
import type { Release } from '../install/releases';
import {
  realTimers,
  RefreshPolicy,
  type RackWatch,
  type RefreshReason,
  type Timers,
  type WatchedData,
} from './refreshPolicy';
import { messageOf, asError } from '../errorMessage';

export type { Listener } from './changeAnnouncer';

/** How long a refresh waits for AWS's first answer before looking up local racks anyway. */
const localLookupDelayMs = 1_000;

/** Bursts of pair results within this many milliseconds make one change notification after the first. */
const changeBatchMs = 50;
/** Refreshes that do not join one already running: their inputs or the person's action came after it began. */
const startsAgain: ReadonlySet<RefreshReason> = new Set<RefreshReason>(['settings changed', 'retry', 'manual']);

export interface StoreOptions {
  /** Seconds between automatic list refreshes while the list is visible; 0 = off. */
  intervalSeconds: number;
  /** Seconds one (profile, region) listing or one rack read may take before what is in flight is stopped. */
  requestTimeoutSeconds?: number;
  log?: (message: string) => void;
  timers?: Timers;
  /**
   * Local racks (Kubernetes namespaces), looked up alongside AWS with each list refresh; resolves within its own
   * short deadline. A failure means no local racks: its reason goes to the log only, as the CLI keeps it quiet.
   */
  localRacks?: () => Promise<Rack[]>;
  /** Where the release list is kept between sessions; in memory only without one. */
  releaseListKeeper?: ReleaseListKeeper;
  /**
   * Where the last known racks are kept between sessions, and whether to use it (the setting
   * convox.racks.cacheLastSeen); without it, nothing is shown before the first answer.
   */
  lastSeen?: { keeper: LastSeenKeeper; enabled: boolean };
}

/**
 * The one owner of AWS-backed state and of when it is read again. It keeps the last known racks per (profile,
 * region) with their errors, each rack's details with their age, and decides every refresh through its policy
 * (interval, visibility, settings, Retry, a switch), logging why each ran. Listeners hear what changed: the
 * list as a whole, or single racks' rows or details.
 */
export class RackStore {
  private readonly progress = new Map<string, string>();
  private readonly learned = new LearnedStatuses();
  private inventory: Inventory | undefined;
  private readonly lifecycles = new Map<string, ServerLifecycle[]>();
  private running: Promise<void> | undefined;
  /** A refresh asked for while one ran, with inputs that one did not see: it runs when that one ends. */
  private rerun: { reason: RefreshReason; done: Promise<void> } | undefined;
  private profilesFound: boolean | undefined;
  private settingsFailure: Error | undefined;
  /** Merged, sorted racks with lifecycles applied; every view row reads them, so they are built once per change. */
  private merged: Rack[] | undefined;
  /** Sorted error rows, kept for the same reason until the inventory changes. */
  private sortedErrors: DiscoveryError[] | undefined;
  private readonly lastSeenRacks: LastSeenRacks;
  /** The racks shown from the cache, built from `merged` (which hides those listed again) until either changes. */
  private shownLastSeen: { for: Rack[]; racks: LastSeenRack[] } | undefined;
  private refreshedAt: number | undefined;
  private readonly policy: RefreshPolicy;
  private readonly timers: Timers;
  private readonly log: (message: string) => void;
  private deadlineMs: number;
  private readonly architectures: ArchitectureReads;
  private readonly detailsReads: DetailsReads;
  private readonly changes: ChangeAnnouncer;
  private readonly lookUpLocalRacks: () => Promise<Rack[]>;
  private local: Rack[] = [];
  /** Why the last lookup found no local racks, logged only when it changes. */
  private localProblem: string | undefined;
  private readonly releaseList: ReleaseListReads;
  private readonly sharedReleases: SharedReleases;

  constructor(
    private readonly ports: RackPorts,
    private readonly settings: () => ScanSettings,
    options: StoreOptions,
  ) {
    this.timers = options.timers ?? realTimers;
    this.log = options.log ?? (() => undefined);
    this.lookUpLocalRacks = options.localRacks ?? (() => Promise.resolve([]));
    this.deadlineMs = (options.requestTimeoutSeconds ?? settingDefaults.requestTimeout) * 1000;
    const now = (): number => this.timers.now();
    this.changes = new ChangeAnnouncer(
      () => ({ racks: this.racks(), errors: this.errors() }),
      this.timers,
      changeBatchMs,
    );
    this.architectures = new ArchitectureReads(
      (rack) => this.ports.reader.architecture(rack, this.deadlineMs),
      now,
      (stackId) => this.changes.rack(stackId, 'architecture'),
    );
    this.detailsReads = new DetailsReads(
      {
        details: (rack) => this.ports.reader.details(rack, this.deadlineMs),
        processes: (rack, tasks) => this.ports.reader.processes(rack, tasks, this.deadlineMs),
      },
      now,
      (stackId) => this.changes.rack(stackId, 'details'),
    );
    this.releaseList = new ReleaseListReads((...args) => this.ports.releases.readReleases(...args), {
      now,
      log: this.log,
      changed: () => this.racks().forEach((rack) => this.changes.rack(rack.stackId, 'summary')),
      keeper: options.releaseListKeeper,
    });
    this.sharedReleases = {
      releases: (url, deadlineMs) => this.releaseList.get(url, deadlineMs),
      templateParameters: (...args) => this.ports.releases.templateParameters(...args),
    };
    this.lastSeenRacks = new LastSeenRacks(
      options.lastSeen?.keeper,
      options.lastSeen?.enabled ?? false,
      this.timers,
      (stackId) => this.byId(stackId)?.status,
      () => {
        this.shownLastSeen = undefined;
        this.changes.schedule(true);
      },
    );
    this.policy = new RefreshPolicy(
      {
        refreshList: (reason) =>
          void this.refresh(reason).catch((error: unknown) =>
            this.log(`Refresh (${reason}) failed: ${messageOf(error)}`),
          ),
        reloadRack: (stackId, reason, data) => this.reloadById(stackId, reason, data),
        listRefreshedAt: () => this.refreshedAt,
        rackReadAt: (stackId, data) =>
          data === 'details' ? this.detailsReads.readAt(stackId) : this.architectures.state(stackId).readAt,
      },
      options.intervalSeconds,
      this.timers,
    );
  }

  onDidChange(listener: Listener): () => void {
    return this.changes.onDidChange(listener);
  }

  get loading(): boolean {
    return this.running !== undefined;
  }

  /** Undefined until the first discovery has read the AWS config. */
  get hasProfiles(): boolean | undefined {
    return this.profilesFound;
  }

  /** Whether a discovery has finished since the extension started. */
  get hasRefreshed(): boolean {
    return this.refreshedAt !== undefined;
  }

  /** Why the last refresh could not start (a malformed setting), until one can. */
  get settingsProblem(): Error | undefined {
    return this.settingsFailure;
  }

  racks(): Rack[] {
    this.merged ??= withDisplayNames([
      ...(this.inventory?.racks() ?? []).map((listed) => {
        const rack = this.learned.apply(listed);
        const servers = this.lifecycles.get(rack.stackId);
        return servers
          ? {
              ...rack,
              status: withInstanceLifecycle(
                rack.status,
                servers.map((server) => server.state),
              ),
            }
          : rack;
      }),
      ...this.local,
    ]);
    return this.merged;
  }

  /** The servers of a rack's `Instances` group not in service at the last look, as `i-… (Pending)`. */
  serversNotInService(rack: Rack): string[] {
    return notInServiceServers(this.lifecycles.get(rack.stackId) ?? []);
  }

  errors(): DiscoveryError[] {
    this.sortedErrors ??= this.inventory?.errors() ?? [];
    return this.sortedErrors;
  }

  /** The listed rack with this identity (never looked up by name: several racks can share one). */
  byId(id: RackId): Rack | undefined {
    return this.racks().find((rack) => rack.stackId === id);
  }

  /**
   * Racks known only from the last session, not listed by any answer yet, or under a (profile, region) that now
   * fails: drawn as last seen, never acted on. `racks()` and `byId()` never hold them.
   */
  lastSeen(): LastSeenRack[] {
    const fresh = this.racks();
    if (this.shownLastSeen?.for !== fresh) this.shownLastSeen = { for: fresh, racks: this.lastSeenRacks.racks(fresh) };
    return this.shownLastSeen.racks;
  }

  lastSeenById(id: RackId): LastSeenRack | undefined {
    return this.lastSeen().find((rack) => rack.stackId === id);
  }

  /** The setting convox.racks.cacheLastSeen changed: off clears what is kept and the rows drawn from it. */
  setCacheLastSeen(enabled: boolean): void {
    this.lastSeenRacks.setEnabled(enabled);
  }

  /** Something that shows the list is visible or not: the list refreshes on its interval only while visible. */
  setListVisible(visible: boolean): void {
    this.policy.setListVisible(visible);
  }

  setListInterval(seconds: number): void {
    this.policy.setListInterval(seconds);
  }

  /** The deadline of each listing and rack read from now on (reads in flight keep theirs). */
  setRequestTimeout(seconds: number): void {
    this.deadlineMs = seconds * 1000;
  }

  /**
   * What an install, update or uninstall under way says of a rack (e.g. `45%`), shown on its row; undefined when
   * it ends. Kept by stack id, so it shows as soon as a refresh lists the stack.
   */
  setProgress(stackId: string, text: string | undefined): void {
    if (this.progress.get(stackId) === text) return;
    if (text === undefined) this.progress.delete(stackId);
    else this.progress.set(stackId, text);
    this.changes.rack(stackId, 'summary');
  }

  progressOf(stackId: string): string | undefined {
    return this.progress.get(stackId);
  }

  /**
   * A stack's CloudFormation status learned between list refreshes (a followed operation's events, an alert's look):
   * every view shows it at once, until a list answer asked for later replaces it.
   */
  learnStackStatus(stackId: string, cloudformationStatus: string): void {
    if (!this.learned.learn(stackId, cloudformationStatus, this.timers.now())) return;
    this.merged = undefined;
    this.changes.schedule();
  }

  /** An automatic refresh (settings changed, …): debounced, and failures only logged. */
  requestRefresh(reason: RefreshReason): void {
    this.policy.request(reason);
  }

  /**
   * Runs discovery now, or joins the one already running. A refresh for new inputs (settings changed, Retry) or
   * one the person asked for (its answer must be newer than their action) starts again when the running one ends. Settings are read (and validated) first: a bad value
   * rejects before anything changes.
   */
  refresh(reason: RefreshReason): Promise<void> {
    if (this.running) {
      if (!startsAgain.has(reason)) return this.running;
      this.rerun ??= { reason, done: this.running.catch(() => undefined).then(() => this.refresh(reason)) };
      return this.rerun.done;
    }
    this.rerun = undefined;
    let settings: ScanSettings;
    try {
      settings = this.settings();
    } catch (error) {
      this.settingsFailure = asError(error);
      this.log(`Refresh (${reason}) not started: ${this.settingsFailure.message}`);
      this.changes.list();
      return Promise.reject(error);
    }
    this.settingsFailure = undefined;
    this.log(`Refreshing racks (${reason}).`);
    this.running = this.run(settings, reason).finally(() => {
      this.running = undefined;
      this.changes.list();
    });
    this.changes.list();
    return this.running;
  }

  /** Keeps one rack's details fresh while `setVisible(true)`: at the interval given, and with every list refresh. */
  watch(rack: Rack, intervalSeconds?: number): RackWatch {
    return this.policy.watch(rack.stackId, intervalSeconds);
  }

  /** Keeps one rack's architecture fresh while `setVisible(true)`: at the interval given, and with every list refresh. */
  watchArchitecture(rack: Rack, intervalSeconds: number): RackWatch {
    return this.policy.watch(rack.stackId, intervalSeconds, 'architecture');
  }

  /**
   * The rack's architecture as last read (kept when a later read fails), with its age and the last failure; the rack
   * in it is the rack as listed now, so the diagram's banner says what its row says.
   */
  architectureState(rack: Rack): ArchitectureState {
    const state = this.architectures.state(rack.stackId);
    const listed = this.byId(rack.stackId);
    return state.data && listed ? { ...state, data: { ...state.data, rack: listed } } : state;
  }

  /** Reads the rack's architecture now (first show, Retry), or joins the read in flight; listeners hear when it ends. */
  loadArchitecture(rack: Rack, reason: RefreshReason): Promise<ArchitectureData> {
    this.log(`Reading the architecture of ${rack.displayName} (${reason}).`);
    return this.architectures.load(rack);
  }

  /** Instances and the rack's own tasks: read on first use, again once stale or when watched; a read in flight is joined. */
  details(rack: Rack): Promise<RackDetails> {
    return this.detailsReads.get(rack);
  }

  /** `convox rack ps` rows of a rack: its tasks plus what their task definitions say. */
  processes(rack: Rack): Promise<Process[]> {
    return this.detailsReads.processes(rack);
  }

  /** Creating racks and the uninstall's own steps: the views reach AWS only through the store. */
  get installer(): RackInstaller {
    return this.ports.installer;
  }

  /** Following a stack's events and status, and deleting it. */
  get stacks(): StackOperations {
    return this.ports.stacks;
  }

  /** The Convox releases (one list, read at most once a day, shared by all), and what a release's template asks. */
  get releases(): SharedReleases {
    return this.sharedReleases;
  }

  /** The release list at `url` as last read, for the rows: never waits, undefined until a read succeeded. */
  knownReleases(url: string): readonly Release[] | undefined {
    return this.releaseList.known(url, this.deadlineMs);
  }

  /** The AWS profiles, read fresh, for choosing where to install. */
  profiles(): Promise<ProfileRegion[]> {
    return this.ports.discovery.profiles();
  }

  /** Milliseconds one call may take (the setting convox.requestTimeout). */
  get requestDeadlineMs(): number {
    return this.deadlineMs;
  }

  events(rack: Rack, limit: number): Promise<StackEvent[]> {
    return this.ports.stacks.events(rack, limit, this.deadlineMs);
  }

  /** Reads one rack's details again now (Inspect's Refresh, a rack view's Retry). */
  reloadDetails(rack: Rack, reason: RefreshReason): Promise<RackDetails> {
    this.log(`Reading ${rack.displayName} again (${reason}).`);
    return this.detailsReads.reload(rack);
  }

  dispose(): void {
    this.lastSeenRacks.dispose();
    this.changes.dispose();
    this.policy.dispose();
  }

  private reloadById(stackId: string, reason: RefreshReason, data: ReadonlySet<WatchedData>): void {
    const rack = this.racks().find((candidate) => candidate.stackId === stackId);
    if (!rack) return;
    const failed = (error: unknown): void =>
      this.log(`Reading ${rack.displayName} failed (${reason}): ${messageOf(error)}`);
    if (data.has('details')) this.reloadDetails(rack, reason).catch(failed);
    if (data.has('architecture')) this.loadArchitecture(rack, reason).catch(failed);
  }

  private async run(settings: ScanSettings, reason: RefreshReason): Promise<void> {
    const started = this.timers.now();
    // Loading the Kubernetes client takes the thread for a moment: it starts once AWS has answered, or after a while.
    let local: Promise<void> | undefined;
    const startLocal = (): Promise<void> => (local ??= this.refreshLocalRacks());
    const localTimer = this.timers.setTimeout(() => void startLocal(), localLookupDelayMs);
    const profiles = await this.ports.discovery.profiles();
    const plan = planDiscovery(profiles, settings);
    const inventory = new Inventory(plan.pairs, this.inventory);
    for (const problem of plan.problems) inventory.update({ ...problem, racks: [], done: true, error: problem });
    this.inventory = inventory;
    this.lastSeenRacks.planned(plan.pairs);
    this.profilesFound = profiles.length > 0;
    this.merged = undefined;
    this.sortedErrors = undefined;
    this.changes.schedule();
    const lifecycleChecks: Array<Promise<void>> = [];
    await this.ports.discovery.discover(
      plan.pairs,
      (result) => {
        void startLocal();
        this.learned.listed(result.racks, started);
        inventory.update(result);
        this.lastSeenRacks.answered(result);
        this.merged = undefined;
        this.sortedErrors = undefined;
        this.changes.schedule();
        if (result.done && !result.error) lifecycleChecks.push(this.checkLifecycles(result, result.racks));
      },
      this.deadlineMs,
    );
    this.timers.clearTimeout(localTimer);
    await Promise.all([...lifecycleChecks, startLocal()]);
    this.refreshedAt = this.timers.now();
    this.afterListRefresh();
    this.log(
      `Refresh (${reason}) finished in ${this.timers.now() - started} ms: ${this.racks().length} racks, ${this.errors().length} errors.`,
    );
  }

  /** Local racks, in the list as soon as they are known, whatever AWS is doing. */
  private async refreshLocalRacks(): Promise<void> {
    try {
      this.local = await this.lookUpLocalRacks();
      this.localProblem = undefined;
    } catch (error) {
      this.local = [];
      const problem = messageOf(error);
      if (problem !== this.localProblem) this.log(`No local racks: ${problem}`);
      this.localProblem = problem;
    }
    this.merged = undefined;
    this.changes.schedule();
  }

  /** Watched, visible racks are read again with the list; the rest are read again when next shown. */
  private afterListRefresh(): void {
    const watched = this.policy.visiblyWatched();
    const present = new Set(this.racks().map((rack) => rack.stackId));
    this.detailsReads.listRefreshed(present, (stackId) => watched.get(stackId)?.has('details') === true);
    for (const [stackId, data] of watched) this.reloadById(stackId, 'list refreshed', data);
    this.architectures.keepOnly(present);
  }

  /** One Auto Scaling call per (profile, region) tells which running racks are rolling their instances. */
  private async checkLifecycles(pair: Pair, racks: readonly Rack[]): Promise<void> {
    const running = racks.filter((rack) => rack.status === 'running' && rack.outputs.AutoscalingGroup);
    if (running.length === 0) return;
    try {
      const states = await this.ports.reader.lifecycleStates(
        pair,
        running.map((rack) => rack.outputs.AutoscalingGroup),
        this.deadlineMs,
      );
      for (const rack of running) this.lifecycles.set(rack.stackId, states.get(rack.outputs.AutoscalingGroup) ?? []);
      this.merged = undefined;
      this.changes.schedule();
    } catch (error) {
      this.log(`Could not read instance lifecycles in ${pair.profile}/${pair.region}: ${messageOf(error)}`);
    }
  }
}
