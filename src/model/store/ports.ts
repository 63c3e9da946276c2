import type { ArchitectureData } from '../architecture/data';
import type { ProfileRegion } from '../discoveryPlan';
import type { PairResult } from '../inventory';
import type { Pair } from '../pair';
import type { StackEvent } from '../stackEvents';
import type { TemplateParameter } from '../install/parameters';
import type { Release } from '../install/releases';
import type { PlanResource, UninstallPlan } from '../install/uninstallPlan';
import type { Process, Rack, RackDetails, RackTask } from '../rack';
import type { ServerLifecycle } from '../status';

/** Finding racks: which profiles exist, and what each (profile, region) pair holds. */
export interface RackDiscovery {
  /** The profiles of the AWS config files (and the environment's credentials), read fresh each time. */
  profiles(): Promise<ProfileRegion[]>;
  /**
   * Lists every pair's stacks, reporting each pair's racks as pages arrive and once more when it ends (with its
   * error, if any). Resolves when every pair has ended; each pair ends within `deadlineMs` of its start. Call
   * after `profiles()`, whose answer it uses.
   */
  discover(pairs: readonly Pair[], report: (result: PairResult) => void, deadlineMs: number): Promise<void>;
}

/**
 * Reading one rack's servers and containers, or its auto-scaling groups, beyond what discovery lists. Each read
 * ends within `deadlineMs`; a failure's message is safe to show as it is.
 */
export interface RackReader {
  /** The instances of each named auto-scaling group with their lifecycle states, in one call per pair. */
  lifecycleStates(
    pair: Pair,
    groupNames: readonly string[],
    deadlineMs: number,
  ): Promise<Map<string, ServerLifecycle[]>>;
  /** Instances and the rack's own tasks: what expanding a rack shows. */
  details(rack: Rack, deadlineMs: number): Promise<RackDetails>;
  /** Process rows for tasks from `details`, which needs their task definitions. */
  processes(rack: Rack, tasks: readonly RackTask[], deadlineMs: number): Promise<Process[]>;
  /** What the architecture view draws: the stack's resources and subnets, the servers and every container. */
  architecture(rack: Rack, deadlineMs: number): Promise<ArchitectureData>;
}

/** Where a rack is or will be: a profile, a region and the stack's name. */
export interface InstallTarget {
  profile: string;
  region: string;
  name: string;
}

/**
 * Whether a rack name is free in an account and region. A `leftover` is a stack a failed install left behind
 * (ROLLBACK_COMPLETE, or REVIEW_IN_PROGRESS after a failed change set): it blocks the name until deleted.
 */
export type NameAvailability =
  { kind: 'free' } | { kind: 'taken'; status: string } | { kind: 'leftover'; status: string; stackId: string };

/** Everything a rack's creation needs; `parameters` holds the password, which must go nowhere else. */
export interface InstallRequest extends InstallTarget {
  templateUrl: string;
  parameters: Readonly<Record<string, string>>;
  /** The user's tags; System=convox and Type=rack are added. */
  tags: Readonly<Record<string, string>>;
}

export interface StartedStack {
  stackId: string;
  /** Resources the change set adds: the total of the progress. */
  total: number;
}

/** The events newer than the last seen one, newest first, and how many calls reading them took. */
export interface NewEvents {
  events: StackEvent[];
  calls: number;
}

/** How long each call may take, and how often a wait looks again. */
export interface Timing {
  deadlineMs: number;
  pollMs: number;
}

/**
 * A CloudFormation stack (a rack's, or one of its apps' or resources'): its history and status, and deleting it.
 * Every call ends within its deadline with an error whose message is safe to show.
 */
export interface StackOperations {
  /** The rack stack's newest `limit` events, newest first. */
  events(rack: Rack, limit: number, deadlineMs: number): Promise<StackEvent[]>;
  /**
   * Events of the stack newer than `lastSeenId` (all of them, to a bound, when absent), reading at most
   * `maxPages` pages when given (1: just the newest events).
   */
  newEvents(
    target: InstallTarget,
    stackId: string,
    lastSeenId: string | undefined,
    deadlineMs: number,
    maxPages?: number,
  ): Promise<NewEvents>;
  /** The stack's status now, undefined once it is gone. */
  stackStatus(target: InstallTarget, stackId: string, deadlineMs: number): Promise<string | undefined>;
  /** Starts deleting the stack; the events tell how it goes. */
  deleteStack(target: InstallTarget, stackId: string, deadlineMs: number): Promise<void>;
}

/** What identifies a release list read before (HTTP ETag and Last-Modified), to ask only for a changed one. */
export interface ListValidators {
  etag?: string;
  lastModified?: string;
}

/** A release list read: the list with its validators, or `unchanged` (HTTP 304) when the validators still hold. */
export type ReleaseListRead =
  { kind: 'changed'; releases: Release[]; validators: ListValidators } | { kind: 'unchanged' };

/** What Convox releases exist, and what a release's template asks. */
export interface ReleaseCatalog {
  /**
   * The release list at `url`, parsed; with the `known` validators of a list read before, a conditional request
   * that may answer `unchanged`. A ReleaseListError says why it could not be had.
   */
  readReleases(url: string, deadlineMs: number, known?: ListValidators): Promise<ReleaseListRead>;
  /** The template's parameters, as CloudFormation reads them in `target`'s region, with the template's constraints. */
  templateParameters(
    target: Omit<InstallTarget, 'name'>,
    templateUrl: string,
    deadlineMs: number,
  ): Promise<TemplateParameter[]>;
}

/**
 * Creating racks and what an uninstall does besides deleting stacks (EventBridge, Auto Scaling). Every call ends
 * within its deadline with an error whose message is safe to show and says what to do next.
 */
export interface RackInstaller {
  checkName(target: InstallTarget, deadlineMs: number): Promise<NameAvailability>;
  /**
   * Creates the `init` change set, waits until it is ready (within `timing.deadlineMs` all told) and executes it.
   * A failed change set is deleted with its empty stack before a ChangeSetFailedError says why.
   */
  create(request: InstallRequest, timing: Timing): Promise<StartedStack>;
  /** What uninstalling the rack would delete and keep, and each stack's resources. */
  uninstallPlan(
    rack: Rack,
    deadlineMs: number,
  ): Promise<{ plan: UninstallPlan; resources: Map<string, PlanResource[]> }>;
  disableRule(target: InstallTarget, ruleName: string, deadlineMs: number): Promise<void>;
  forceDeleteAutoScalingGroup(target: InstallTarget, groupName: string, deadlineMs: number): Promise<void>;
  /** Whether anything answers HTTPS at the rack API host (any status; the certificate is not checked). */
  apiAnswers(host: string, deadlineMs: number): Promise<boolean>;
}

/** Everything the store asks of AWS, by job. */
export interface RackPorts {
  discovery: RackDiscovery;
  reader: RackReader;
  stacks: StackOperations;
  releases: ReleaseCatalog;
  installer: RackInstaller;
  /** Lets go of clients and cached credentials. */
  dispose(): void;
}

/**
 * The rack API's password, kept by the rack in the SSM parameter `<rack>RackApiSecret`: undefined when there is
 * none. Read only when needed and never stored; a refusal is an error whose `kind` is `access-denied`.
 */
export interface RackSecrets {
  apiPassword(rack: Rack, deadlineMs: number): Promise<string | undefined>;
}

/**
 * Where the last-seen racks are kept between sessions, on this machine only: one plain value, read once when the
 * store starts and written when fresh answers arrive; writing undefined clears it.
 */
export interface LastSeenKeeper {
  read(): unknown;
  write(value: unknown): void;
}
