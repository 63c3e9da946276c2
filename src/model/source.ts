import type { Inventory, PairResult } from './inventory';
import type { OrganizationMap } from './organizations';
import type { Location, Rack, RackDetails, StackEvent } from './rack';

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
  details(rack: Rack): Promise<RackDetails>;
  events(rack: Rack, limit: number): Promise<StackEvent[]>;
}
