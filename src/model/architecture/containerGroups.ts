import { lastSegment } from './awsNames';
import { sceneComponent } from './component';
import { containerStatus } from './componentStatus';
import { consoleUrl } from './console';
import type { Container, RackRuntime } from './data';
import type { DetailRow, SceneComponent } from './sceneTypes';
import { compareText, counted, tally } from './words';

/** The containers on each server, and those on no server the runtime knows (Fargate, or not yet placed). */
export interface Placement {
  byServer: Map<string, Container[]>;
  unplaced: Container[];
}

export function placeContainers(runtime: RackRuntime): Placement {
  const byServer = new Map<string, Container[]>(runtime.servers.map((server) => [server.id, []]));
  const unplaced: Container[] = [];
  for (const container of runtime.containers) {
    const onServer = container.serverId === undefined ? undefined : byServer.get(container.serverId);
    if (onServer) onServer.push(container);
    else unplaced.push(container);
  }
  return { byServer, unplaced };
}

function containerComponentId(taskArn: string): string {
  return `task/${taskArn}`;
}

/** Where the containers run, for their console links: the ECS cluster's name and the region. */
export interface ClusterAddress {
  cluster?: string;
  region: string;
}

function containerComponent(container: Container, parent: string, address: ClusterAddress): SceneComponent {
  const taskId = lastSegment(container.taskArn);
  const status = containerStatus(container.status);
  const details: DetailRow[] = [
    { label: 'Task ARN', value: container.taskArn },
    { label: 'App', value: container.app },
    { label: 'Service', value: container.service },
    { label: 'Status', value: status.text },
  ];
  if (container.serverId !== undefined) details.push({ label: 'Server', value: container.serverId });
  if (container.startedAt !== undefined) details.push({ label: 'Started', value: container.startedAt.toISOString() });
  return sceneComponent({
    id: containerComponentId(container.taskArn),
    kind: 'container',
    parent,
    noun: 'task',
    label: taskId,
    awsId: container.taskArn,
    status,
    facts: [`app ${container.app}`, `service ${container.service}`],
    details,
    consoleUrl:
      address.cluster !== undefined
        ? consoleUrl({ kind: 'task', cluster: address.cluster, taskId }, address.region)
        : undefined,
  });
}

/**
 * The containers inside `parent`, one group per app and service (in name order) holding its containers (in ARN
 * order): each group, then its containers, so parents come before children.
 */
export function containerGroups(
  parent: string,
  containers: readonly Container[],
  address: ClusterAddress,
): SceneComponent[] {
  const groups = new Map<string, Container[]>();
  for (const container of containers) {
    const key = `${container.app}\u0000${container.service}`;
    const group = groups.get(key);
    if (group) group.push(container);
    else groups.set(key, [container]);
  }
  const components: SceneComponent[] = [];
  for (const key of [...groups.keys()].sort(compareText)) {
    const members = (groups.get(key) ?? []).slice().sort((a, b) => compareText(a.taskArn, b.taskArn));
    const { app, service } = members[0];
    const id = `${parent}/group/${app}/${service}`;
    const statuses = members.map((container) => containerStatus(container.status).text);
    components.push(
      sceneComponent({
        id,
        kind: 'serviceGroup',
        parent,
        noun: 'service',
        label: service,
        facts: [`app ${app}`, tally(statuses)],
        details: [
          { label: 'App', value: app },
          { label: 'Service', value: service },
          { label: 'Tasks', value: counted(members.length, 'task') },
          { label: 'Statuses', value: tally(statuses) },
        ],
      }),
    );
    for (const container of members) components.push(containerComponent(container, id, address));
  }
  return components;
}
