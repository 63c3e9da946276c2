import { lastSegment } from './awsNames';
import { sceneComponent } from './component';
import { containerStatus, statusTally } from './componentStatus';
import { consoleUrl } from './console';
import type { Container, RackRuntime } from './data';
import type { DetailRow, SceneComponent } from './sceneTypes';
import { compareText, counted } from './words';

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

function groupComponentId(parent: string, app: string, service: string): string {
  return `${parent}/group/${app}/${service}`;
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
    { label: 'ECS status', value: container.status },
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

/** One app's process in a group: the group's component id, and which app and service it runs. */
export interface ProcessGroup {
  id: string;
  app: string;
  service: string;
}

export interface ContainerGroups {
  /** Each group, then its containers, so parents come before children. */
  components: SceneComponent[];
  groups: ProcessGroup[];
}

/**
 * The containers inside `parent`, one group per app and service (in name order) holding its containers (in ARN
 * order), named as Convox names a process: `myapp web`.
 */
export function containerGroups(
  parent: string,
  containers: readonly Container[],
  address: ClusterAddress,
): ContainerGroups {
  const byProcess = new Map<string, Container[]>();
  for (const container of containers) {
    const key = `${container.app}\u0000${container.service}`;
    const group = byProcess.get(key);
    if (group) group.push(container);
    else byProcess.set(key, [container]);
  }
  const components: SceneComponent[] = [];
  const groups: ProcessGroup[] = [];
  for (const key of [...byProcess.keys()].sort(compareText)) {
    const members = (byProcess.get(key) ?? []).slice().sort((a, b) => compareText(a.taskArn, b.taskArn));
    const { app, service } = members[0];
    const id = groupComponentId(parent, app, service);
    const statuses = statusTally(members.map((container) => containerStatus(container.status)));
    groups.push({ id, app, service });
    components.push(
      sceneComponent({
        id,
        kind: 'serviceGroup',
        parent,
        noun: 'service',
        label: `${app} ${service}`,
        facts: [`${counted(members.length, 'task')}: ${statuses}`],
        // Its face counts the tasks beside its name.
        summary: [statuses],
        details: [
          { label: 'App', value: app },
          { label: 'Service', value: service },
          { label: 'Tasks', value: counted(members.length, 'task') },
          { label: 'Statuses', value: statuses },
        ],
      }),
    );
    for (const container of members) components.push(containerComponent(container, id, address));
  }
  return { components, groups };
}
