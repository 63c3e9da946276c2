import type { RegionData } from '../types';

export const emptyRegion = (): RegionData => ({
  stacks: [],
  vpcs: [],
  subnets: [],
  instances: [],
  autoScalingGroups: [],
  clusters: [],
  taskDefinitions: [],
});

/** One region's data from the pieces builders return, in order. */
export function merge(...parts: Partial<RegionData>[]): RegionData {
  const region = emptyRegion();
  for (const part of parts) {
    region.stacks.push(...(part.stacks ?? []));
    region.vpcs.push(...(part.vpcs ?? []));
    region.subnets.push(...(part.subnets ?? []));
    region.instances.push(...(part.instances ?? []));
    region.autoScalingGroups.push(...(part.autoScalingGroups ?? []));
    region.clusters.push(...(part.clusters ?? []));
    region.taskDefinitions.push(...(part.taskDefinitions ?? []));
    if (part.logGroups) region.logGroups = [...(region.logGroups ?? []), ...part.logGroups];
  }
  return region;
}
