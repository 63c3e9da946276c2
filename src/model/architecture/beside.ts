import { statusStyle } from '../statusStyle';
import { lastSegment } from './awsNames';
import { sceneComponent } from './component';
import { rackComponentStatus } from './componentStatus';
import { consoleUrl, type ConsoleResource } from './console';
import { containerGroups, type Placement } from './containerGroups';
import { resourceName, type SceneContext } from './sceneContext';
import type { ComponentKind, DetailRow, SceneComponent } from './sceneTypes';
import { resourceDetails, resourceParts } from './stackResources';
import { counted } from './words';

interface SideResource {
  logicalId: string;
  kind: ComponentKind;
  noun: string;
  /** What the rack uses it for, read after its status. */
  purpose: string;
  page: (physicalId: string) => ConsoleResource;
}

/** In the order they are drawn, below the stack and the clusters. */
const sideResources: readonly SideResource[] = [
  {
    logicalId: 'LogGroup',
    kind: 'logGroup',
    noun: 'log group',
    purpose: 'rack logs',
    page: (name) => ({ kind: 'logGroup', name }),
  },
  {
    logicalId: 'Settings',
    kind: 'bucket',
    noun: 'S3 bucket',
    purpose: 'settings',
    page: (name) => ({ kind: 'bucket', name }),
  },
  { logicalId: 'Logs', kind: 'bucket', noun: 'S3 bucket', purpose: 'logs', page: (name) => ({ kind: 'bucket', name }) },
  {
    logicalId: 'ELBLogs',
    kind: 'bucket',
    noun: 'S3 bucket',
    purpose: 'load balancer logs',
    page: (name) => ({ kind: 'bucket', name }),
  },
  {
    logicalId: 'DynamoBuilds',
    kind: 'table',
    noun: 'DynamoDB table',
    purpose: 'builds',
    page: (name) => ({ kind: 'table', name }),
  },
  {
    logicalId: 'DynamoReleases',
    kind: 'table',
    noun: 'DynamoDB table',
    purpose: 'releases',
    page: (name) => ({ kind: 'table', name }),
  },
  {
    logicalId: 'VolumeFilesystem',
    kind: 'fileSystem',
    noun: 'EFS volume',
    purpose: 'shared volumes',
    page: (id) => ({ kind: 'fileSystem', id }),
  },
  {
    logicalId: 'InstancesLifecycleHandler',
    kind: 'function',
    noun: 'Lambda function',
    purpose: 'drains servers before they stop',
    page: (name) => ({ kind: 'function', name }),
  },
  {
    logicalId: 'InstancesAutoscaler',
    kind: 'function',
    noun: 'Lambda function',
    purpose: 'scales servers',
    page: (name) => ({ kind: 'function', name }),
  },
  {
    logicalId: 'CustomTopic',
    kind: 'function',
    noun: 'Lambda function',
    purpose: 'custom resources',
    page: (name) => ({ kind: 'function', name }),
  },
];

/** The rack's own ECS services, by the name its containers carry; racks before release 20221202 have the older ids. */
const rackServices: ReadonlyArray<{ logicalId: string; name: string }> = [
  { logicalId: 'ServiceWebApi', name: 'web' },
  { logicalId: 'ApiWebService', name: 'web' },
  { logicalId: 'ServiceMonitorApi', name: 'monitor' },
  { logicalId: 'ApiMonitorService', name: 'monitor' },
];

const stackComponentId = 'stack';

function stackComponent(context: SceneContext): SceneComponent {
  const { rack } = context;
  const label = statusStyle(rack.status).label;
  const facts = [rack.cloudformationStatus, rack.version !== undefined ? `version ${rack.version}` : ''].filter(
    (fact) => fact !== '',
  );
  const details: DetailRow[] = [
    { label: 'Stack ID', value: rack.stackId },
    { label: 'Rack status', value: label },
    { label: 'CloudFormation status', value: rack.cloudformationStatus },
  ];
  if (rack.cloudformationReason) details.push({ label: 'Reason', value: rack.cloudformationReason });
  if (rack.version !== undefined) details.push({ label: 'Version', value: rack.version });
  details.push(
    { label: 'Resources', value: String(context.resources.size) },
    { label: 'Updated', value: context.data.resources.stackUpdatedAt },
  );
  return sceneComponent({
    id: stackComponentId,
    kind: 'stack',
    noun: 'CloudFormation stack',
    label: rack.name,
    awsId: rack.stackId,
    status: rackComponentStatus(rack.status),
    facts,
    details,
    consoleUrl: consoleUrl({ kind: 'stack', stackId: rack.stackId }, rack.region),
  });
}

/** The ECS cluster with the rack's own services in it, and the containers no known server runs. */
function clusterComponents(context: SceneContext, placement: Placement): SceneComponent[] {
  const { rack, resources, data } = context;
  const cluster = resources.get('Cluster');
  if (!cluster) return [];
  const appServers = data.runtime.servers.filter((server) => server.role !== 'build');
  const tasks = appServers.reduce(
    (sum, server) => sum + (placement.byServer.get(server.id)?.length ?? 0),
    placement.unplaced.length,
  );
  const parts = resourceParts(cluster);
  const name = resourceName(context, 'Cluster', 'Cluster');
  const components: SceneComponent[] = [
    sceneComponent({
      ...parts,
      kind: 'cluster',
      noun: 'ECS cluster',
      label: name ?? cluster.logicalId,
      facts: [counted(appServers.length, 'server'), counted(tasks, 'task')],
      details: [
        ...resourceDetails(cluster),
        { label: 'Servers', value: String(appServers.length) },
        { label: 'Tasks', value: String(tasks) },
      ],
      consoleUrl: name !== undefined ? consoleUrl({ kind: 'cluster', name }, rack.region) : undefined,
    }),
  ];
  for (const service of rackServices) {
    const resource = resources.get(service.logicalId);
    if (!resource) continue;
    const running = data.runtime.containers.filter(
      (container) => container.app === rack.name && container.service === service.name,
    ).length;
    components.push(
      sceneComponent({
        ...resourceParts(resource),
        kind: 'rackService',
        parent: parts.id,
        noun: 'rack service',
        label: service.name,
        awsName: resource.physicalId !== undefined ? lastSegment(resource.physicalId) : undefined,
        facts: [counted(running, 'task')],
        details: [...resourceDetails(resource), { label: 'Tasks', value: String(running) }],
        consoleUrl:
          name !== undefined && resource.physicalId !== undefined
            ? consoleUrl({ kind: 'ecsService', cluster: name, name: lastSegment(resource.physicalId) }, rack.region)
            : undefined,
      }),
    );
  }
  components.push(...containerGroups(parts.id, placement.unplaced, { cluster: name, region: rack.region }).components);
  return components;
}

function buildClusterComponent(context: SceneContext): SceneComponent[] {
  const cluster = context.resources.get('BuildCluster');
  if (!cluster) return [];
  const servers = context.data.runtime.servers.filter((server) => server.role === 'build').length;
  return [
    sceneComponent({
      ...resourceParts(cluster),
      kind: 'cluster',
      noun: 'build cluster',
      label: cluster.physicalId ?? cluster.logicalId,
      variant: 'build',
      facts: [counted(servers, 'server')],
      details: [...resourceDetails(cluster), { label: 'Servers', value: String(servers) }],
      consoleUrl:
        cluster.physicalId !== undefined
          ? consoleUrl({ kind: 'cluster', name: cluster.physicalId }, context.rack.region)
          : undefined,
    }),
  ];
}

function sideResourceComponent(context: SceneContext, side: SideResource): SceneComponent[] {
  const resource = context.resources.get(side.logicalId);
  if (!resource) return [];
  return [
    sceneComponent({
      ...resourceParts(resource),
      kind: side.kind,
      noun: side.noun,
      label: resource.physicalId ?? resource.logicalId,
      facts: [side.purpose],
      details: [...resourceDetails(resource), { label: 'Used for', value: side.purpose }],
      consoleUrl:
        resource.physicalId !== undefined ? consoleUrl(side.page(resource.physicalId), context.rack.region) : undefined,
    }),
  ];
}

/**
 * What is drawn beside the VPC, top to bottom: the CloudFormation stack, the ECS cluster with the rack's
 * services, the build cluster, the log group, buckets, tables, volume and functions the stack has.
 */
export function besideOf(context: SceneContext, placement: Placement): SceneComponent[] {
  return [
    stackComponent(context),
    ...clusterComponents(context, placement),
    ...buildClusterComponent(context),
    ...sideResources.flatMap((side) => sideResourceComponent(context, side)),
  ];
}
