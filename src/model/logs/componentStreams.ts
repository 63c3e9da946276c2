import type { ArchitectureData } from '../architecture/data';
import type { SceneComponent } from '../architecture/sceneTypes';
import { allStreams, streamsOf, type StreamChoice } from './options';

/** What the logs of an architecture component are: streams of the rack's group, or why they are elsewhere. */
export type ComponentLogs = { kind: 'streams'; streams: StreamChoice } | { kind: 'elsewhere'; message: string };

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * The log group's node: every stream. A server: the streams of the rack's own containers on it (app containers
 * write to their app's group). One of the rack's containers: its stream.
 */
export function componentLogs(
  component: Pick<SceneComponent, 'kind' | 'awsId' | 'label'>,
  data: ArchitectureData | undefined,
): ComponentLogs | undefined {
  if (component.kind === 'logGroup') return { kind: 'streams', streams: allStreams };
  const rackName = data?.rack.name;
  const rackContainers = (data?.runtime.containers ?? []).filter((container) => container.app === rackName);
  if (component.kind === 'server' && component.awsId) {
    const own = rackContainers.filter((container) => container.serverId === component.awsId);
    if (own.length === 0)
      return {
        kind: 'elsewhere',
        message: `None of the rack's own services runs on ${component.awsId}: its apps' logs are in each app's log group (convox logs -a APP).`,
      };
    return {
      kind: 'streams',
      streams: streamsOf(
        component.awsId,
        own.map((container) => ({ container: container.service, taskId: lastSegment(container.taskArn) })),
      ),
    };
  }
  if (component.kind === 'container' && component.awsId) {
    const own = rackContainers.find((container) => container.taskArn === component.awsId);
    if (!own)
      return {
        kind: 'elsewhere',
        message: `Task ${component.label} belongs to an app: its logs are in the app's log group (convox logs -a APP).`,
      };
    return {
      kind: 'streams',
      streams: streamsOf(`${own.service} ${component.label}`, [
        { container: own.service, taskId: lastSegment(own.taskArn) },
      ]),
    };
  }
  return undefined;
}
