import type { Inventory, PairResult } from './inventory';
import type { OrganizationMap } from './organizations';
import type { Location, Process, Rack, RackDetails, RackTask, StackEvent } from './rack';

export interface ScanSettings {
  regions: readonly string[];
  organizations: OrganizationMap;
}

export interface DiscoveryRun {
  inventory: Inventory;
  /** False when no AWS profile or credentials were found at all. */
  hasProfiles: boolean;
  finished: Promise<void>;
}

/** What the store needs from AWS; aws/ implements it, tests may too. */
export interface RackSource {
  startDiscovery(settings: ScanSettings, previous: Inventory | undefined, onChange: (result: PairResult) => void): Promise<DiscoveryRun>;
  /** Lifecycle states of the instances of each named auto-scaling group, in one call per location. */
  lifecycleStates(location: Location, groupNames: readonly string[]): Promise<Map<string, string[]>>;
  /** Instances and the rack's own tasks: what expanding a rack shows. */
  details(rack: Rack): Promise<RackDetails>;
  /** Process rows for tasks from `details`, which needs their task definitions. */
  processes(rack: Rack, tasks: readonly RackTask[]): Promise<Process[]>;
  events(rack: Rack, limit: number): Promise<StackEvent[]>;
}
