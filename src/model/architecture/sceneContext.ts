import type { Rack } from '../rack';
import type { ArchitectureData, StackResource } from './data';
import { presentResources } from './stackResources';

/** What every part of the scene is built from: the data, and the stack's resources that exist, by logical id. */
export interface SceneContext {
  data: ArchitectureData;
  rack: Rack;
  resources: ReadonlyMap<string, StackResource>;
}

export function sceneContext(data: ArchitectureData): SceneContext {
  return { data, rack: data.rack, resources: presentResources(data.resources.resources) };
}

/** A resource's name as AWS gave it: its physical id, else what the stack output of that name says. */
export function resourceName(context: SceneContext, logicalId: string, output: string): string | undefined {
  return context.resources.get(logicalId)?.physicalId ?? context.rack.outputs[output];
}
