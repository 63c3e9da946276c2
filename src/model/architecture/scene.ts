import type { RackStatus } from '../rack';
import { statusStyle } from '../statusStyle';
import { besideOf } from './beside';
import { rackComponentStatus } from './componentStatus';
import { placeContainers } from './containerGroups';
import type { ArchitectureData } from './data';
import { entrancesOf } from './entrances';
import { networkOf, vpcComponentId } from './network';
import { requestPaths } from './requestPaths';
import { sceneContext } from './sceneContext';
import type { Banner, Scene } from './sceneTypes';

/** The rack states in which the picture may be out of date or wrong, and says so above it. */
const unsettled: ReadonlySet<RackStatus> = new Set<RackStatus>([
  'updating',
  'converging',
  'rollback',
  'failed',
  'deleting',
]);

function bannerOf(data: ArchitectureData): Banner | undefined {
  const { rack } = data;
  if (!unsettled.has(rack.status)) return undefined;
  const label = statusStyle(rack.status).label;
  const reason = rack.cloudformationReason ? `. ${rack.cloudformationReason}` : '';
  return { status: rackComponentStatus(rack.status), text: `${rack.displayName}: ${label}${reason}` };
}

/**
 * The rack's architecture: the ways in, the VPC with its zones, subnets, servers and containers, the services
 * beside it, and the paths of requests from the internet and you to the processes on the servers. Only what the
 * stack has (or had so far, while it is created) is in it.
 */
export function sceneOf(data: ArchitectureData): Scene {
  const context = sceneContext(data);
  const placement = placeContainers(data.runtime);
  const network = networkOf(context, placement);
  const entrances = entrancesOf(context);
  const vpc = network.components.length > 0 ? vpcComponentId : undefined;
  const scene: Scene = {
    components: [...entrances.components, ...network.components, ...besideOf(context, placement)],
    edges: [...entrances.edges, ...requestPaths(entrances.entries, network.processes, data.rack.name, vpc)],
  };
  const banner = bannerOf(data);
  if (banner) scene.banner = banner;
  return scene;
}
