import { edge, type Entry } from './entrances';
import type { ZoneProcess } from './network';
import type { SceneEdge } from './sceneTypes';

/** The rack's own service that answers the rack API, among its containers' services. */
const apiService = 'web';

/** What an entry takes requests to: the rack's own API service, or the apps' processes. */
function reaches(entry: Entry, process: ZoneProcess, rackName: string): boolean {
  const own = process.app === rackName;
  return own ? entry.api && process.service === apiService : entry.apps;
}

/**
 * How a request goes from each load balancer to the processes that answer it on the servers: an edge from the
 * balancer to each zone running one of them, and one from that zone to each of them (drawn as a line down the
 * zone's side with a branch into each process). A balancer with nothing to reach yet (no servers, no apps) points
 * at the VPC, if there is one.
 */
export function requestPaths(
  entries: readonly Entry[],
  processes: readonly ZoneProcess[],
  rackName: string,
  vpcId: string | undefined,
): SceneEdge[] {
  const trunks: SceneEdge[] = [];
  const branches = new Map<string, SceneEdge>();
  for (const entry of entries) {
    const reached = processes.filter((process) => reaches(entry, process, rackName));
    if (reached.length === 0) {
      if (vpcId !== undefined) trunks.push(edge(entry.id, vpcId));
      continue;
    }
    for (const zone of new Set(reached.map((process) => process.zone))) trunks.push(edge(entry.id, zone));
    for (const process of reached) branches.set(process.id, edge(process.zone, process.id));
  }
  return [...trunks, ...branches.values()];
}
