import type { ArchitectureData } from '../architecture/data';
import type { ProfileRegion } from '../discoveryPlan';
import type { PairResult } from '../inventory';
import type { Pair } from '../pair';
import type { Process, Rack, RackDetails, RackTask, StackEvent } from '../rack';

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
  /** Lifecycle states of the instances of each named auto-scaling group, in one call per pair. */
  lifecycleStates(pair: Pair, groupNames: readonly string[], deadlineMs: number): Promise<Map<string, string[]>>;
  /** Instances and the rack's own tasks: what expanding a rack shows. */
  details(rack: Rack, deadlineMs: number): Promise<RackDetails>;
  /** Process rows for tasks from `details`, which needs their task definitions. */
  processes(rack: Rack, tasks: readonly RackTask[], deadlineMs: number): Promise<Process[]>;
  /** What the architecture view draws: the stack's resources and subnets, the servers and every container. */
  architecture(rack: Rack, deadlineMs: number): Promise<ArchitectureData>;
}

/** The rack's CloudFormation stack itself: its history now; creating and deleting it come with installs. */
export interface StackOperations {
  events(rack: Rack, limit: number, deadlineMs: number): Promise<StackEvent[]>;
}

/** Everything the store asks of AWS, by job. */
export interface RackPorts {
  discovery: RackDiscovery;
  reader: RackReader;
  stacks: StackOperations;
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
