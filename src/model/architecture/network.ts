import { sceneComponent } from './component';
import { componentStatus, serverStatus, statusTally } from './componentStatus';
import { consoleUrl } from './console';
import { containerGroups, type Placement, type ProcessGroup } from './containerGroups';
import type { Server, ServerRole, StackResource } from './data';
import { resourceName, type SceneContext } from './sceneContext';
import type { DetailRow, Meter, SceneComponent } from './sceneTypes';
import { resourceDetails, resourceParts } from './stackResources';
import { compareText, counted, wholePercent } from './words';

/** The stack's subnets and NAT gateways come in threes, one per zone, numbered alike (§7: the third with HA3). */
const zoneIndexes = [0, 1, 2];

interface ZonePlan {
  id: string;
  label: string;
  availabilityZone?: string;
  publicSubnet?: StackResource;
  privateSubnet?: StackResource;
  nat?: StackResource;
  natAddress?: StackResource;
  servers: Server[];
}

const roleOrder: Record<ServerRole, number> = { rack: 0, spot: 1, build: 2 };

/** Servers by role, then id: the order they stack in a zone, whatever order AWS listed them in. */
function serverOrder(a: Server, b: Server): number {
  return roleOrder[a.role] - roleOrder[b.role] || compareText(a.id, b.id);
}

function stackZones(context: SceneContext): ZonePlan[] {
  const { resources, data, rack } = context;
  const zoneOfSubnet = new Map(data.resources.subnets.map((subnet) => [subnet.id, subnet.availabilityZone]));
  const zoneOf = (subnet: StackResource | undefined): string | undefined =>
    subnet?.physicalId === undefined ? undefined : zoneOfSubnet.get(subnet.physicalId);
  const zonesOutput = rack.outputs.AvailabilityZones?.split(',').map((zone) => zone.trim());
  const zones: ZonePlan[] = [];
  for (const index of zoneIndexes) {
    const publicSubnet = resources.get(`Subnet${index}`);
    const privateSubnet = resources.get(`SubnetPrivate${index}`);
    if (!publicSubnet && !privateSubnet) continue;
    const availabilityZone = zoneOf(publicSubnet) ?? zoneOf(privateSubnet) ?? (zonesOutput?.[index] || undefined);
    // A NAT gateway lives in its zone's public subnet, so it is drawn only where that subnet is.
    const nat = publicSubnet ? resources.get(`Nat${index}`) : undefined;
    zones.push({
      id: `zone/${index}`,
      label: availabilityZone ?? String(index + 1),
      availabilityZone,
      publicSubnet,
      privateSubnet,
      nat,
      natAddress: nat ? resources.get(`NatAddress${index}`) : undefined,
      servers: [],
    });
  }
  return zones;
}

/**
 * The stack's zones with each server in its own: by its subnet, else by its zone's name. A server in neither
 * (a zone the subnets were not read for, or none known) gets a zone of its own after them, so none is hidden.
 */
function zonesWithServers(context: SceneContext): ZonePlan[] {
  const zones = stackZones(context);
  const bySubnet = new Map<string, ZonePlan>();
  const byName = new Map<string, ZonePlan>();
  for (const zone of zones) {
    for (const subnet of [zone.publicSubnet, zone.privateSubnet])
      if (subnet?.physicalId) bySubnet.set(subnet.physicalId, zone);
    if (zone.availabilityZone !== undefined) byName.set(zone.availabilityZone, zone);
  }
  const extra = new Map<string, ZonePlan>();
  for (const server of context.data.runtime.servers.slice().sort(serverOrder)) {
    const known =
      (server.subnetId !== undefined ? bySubnet.get(server.subnetId) : undefined) ??
      (server.availabilityZone !== undefined ? byName.get(server.availabilityZone) : undefined);
    if (known) {
      known.servers.push(server);
      continue;
    }
    const label = server.availabilityZone ?? 'unknown';
    let zone = extra.get(label);
    if (!zone) {
      zone = { id: `zone/${label}`, label, availabilityZone: server.availabilityZone, servers: [] };
      extra.set(label, zone);
    }
    zone.servers.push(server);
  }
  const extraInOrder = [...extra.entries()].sort(([a], [b]) => compareText(a, b)).map(([, zone]) => zone);
  return [...zones, ...extraInOrder];
}

function tasksOn(server: Server, placement: Placement): number {
  return placement.byServer.get(server.id)?.length ?? 0;
}

function subnetComponent(
  context: SceneContext,
  subnet: StackResource,
  parent: string,
  visibility: 'public' | 'private',
): SceneComponent {
  const known = context.data.resources.subnets.find((candidate) => candidate.id === subnet.physicalId);
  const details: DetailRow[] = resourceDetails(subnet);
  if (known) details.push({ label: 'Zone', value: known.availabilityZone });
  if (known?.cidr) details.push({ label: 'CIDR', value: known.cidr });
  return sceneComponent({
    ...resourceParts(subnet),
    kind: 'subnet',
    parent,
    noun: `${visibility} subnet`,
    label: subnet.physicalId ?? subnet.logicalId,
    variant: visibility,
    facts: known?.cidr ? [known.cidr] : [],
    details,
    consoleUrl:
      subnet.physicalId !== undefined
        ? consoleUrl({ kind: 'subnet', id: subnet.physicalId }, context.rack.region)
        : undefined,
  });
}

function natComponent(
  context: SceneContext,
  nat: StackResource,
  address: StackResource | undefined,
  parent: string,
): SceneComponent {
  // An elastic IP's physical id is its address.
  const ip = address?.physicalId;
  const details = resourceDetails(nat);
  if (ip !== undefined) details.push({ label: 'Elastic IP', value: ip });
  return sceneComponent({
    ...resourceParts(nat),
    kind: 'natGateway',
    parent,
    noun: 'NAT gateway',
    label: nat.physicalId ?? nat.logicalId,
    facts: ip !== undefined ? [`IP ${ip}`] : [],
    details,
    consoleUrl:
      nat.physicalId !== undefined
        ? consoleUrl({ kind: 'natGateway', id: nat.physicalId }, context.rack.region)
        : undefined,
  });
}

const roleNouns: Record<ServerRole, string> = { rack: 'server', spot: 'spot server', build: 'build server' };

function serverComponent(context: SceneContext, server: Server, parent: string, tasks: number): SceneComponent {
  const status = serverStatus(server.status);
  const facts = [counted(tasks, 'task')];
  const details: DetailRow[] = [
    { label: 'Instance ID', value: server.id },
    { label: 'Role', value: roleNouns[server.role] },
    { label: 'Status', value: status.text },
    { label: 'ECS status', value: server.status },
    { label: 'Tasks', value: String(tasks) },
  ];
  if (server.availabilityZone !== undefined) {
    facts.push(server.availabilityZone);
    details.push({ label: 'Zone', value: server.availabilityZone });
  }
  if (server.instanceType !== undefined) {
    facts.push(server.instanceType);
    details.push({ label: 'Instance type', value: server.instanceType });
  }
  const meters: Meter[] = [];
  if (server.cpu !== undefined) {
    meters.push({ label: 'CPU', share: server.cpu });
    details.push({ label: 'CPU in use', value: wholePercent(server.cpu) });
  }
  if (server.memory !== undefined) {
    meters.push({ label: 'memory', share: server.memory });
    details.push({ label: 'Memory in use', value: wholePercent(server.memory) });
  }
  if (server.subnetId !== undefined) details.push({ label: 'Subnet', value: server.subnetId });
  if (server.launchedAt !== undefined) details.push({ label: 'Launched', value: server.launchedAt.toISOString() });
  return sceneComponent({
    id: `server/${server.id}`,
    kind: 'server',
    parent,
    noun: roleNouns[server.role],
    label: server.id,
    variant: server.role,
    awsId: server.id,
    status,
    facts,
    meters: meters.length > 0 ? meters : undefined,
    details,
    consoleUrl: consoleUrl({ kind: 'instance', id: server.id }, context.rack.region),
  });
}

function zoneComponent(zone: ZonePlan, parent: string, placement: Placement): SceneComponent {
  const tasks = zone.servers.reduce((sum, server) => sum + tasksOn(server, placement), 0);
  const statuses = statusTally(zone.servers.map((server) => serverStatus(server.status)));
  const servers =
    zone.servers.length > 0 ? `${counted(zone.servers.length, 'server')}: ${statuses}` : counted(0, 'server');
  const details: DetailRow[] = [{ label: 'Zone', value: zone.availabilityZone ?? 'not known yet' }];
  for (const [label, resource] of [
    ['Public subnet', zone.publicSubnet],
    ['Private subnet', zone.privateSubnet],
    ['NAT gateway', zone.nat],
  ] as const) {
    if (resource?.physicalId !== undefined) details.push({ label, value: resource.physicalId });
  }
  details.push({ label: 'Servers', value: servers }, { label: 'Tasks', value: String(tasks) });
  return sceneComponent({
    id: zone.id,
    kind: 'zone',
    parent,
    noun: 'zone',
    label: zone.label,
    facts: [servers, counted(tasks, 'task')],
    summary: [counted(zone.servers.length, 'server'), counted(tasks, 'task')],
    details,
  });
}

export const vpcComponentId = 'vpc';

/** An app's process running on a server of a zone: where a request to it enters the zone. */
export interface ZoneProcess extends ProcessGroup {
  zone: string;
}

export interface Network {
  components: SceneComponent[];
  /** Every process group on a server, with its zone, in drawing order. */
  processes: ZoneProcess[];
}

/**
 * The VPC (the stack's own, or the existing one it was installed into) holding a zone per availability zone:
 * the zone's public subnet with its NAT gateway, its private subnet, and its servers, each holding its
 * containers grouped by app and service. Empty while the rack has none of these yet.
 */
export function networkOf(context: SceneContext, placement: Placement): Network {
  const { rack, resources, data } = context;
  const zones = zonesWithServers(context);
  const vpcResource = resources.get('Vpc');
  const vpcAwsId =
    resourceName(context, 'Vpc', 'Vpc') ?? data.resources.vpc?.id ?? (rack.parameters.ExistingVpc || undefined);
  if (!vpcResource && vpcAwsId === undefined && zones.length === 0) return { components: [], processes: [] };

  const cidr = data.resources.vpc?.cidr ?? rack.outputs.Vpccidr;
  const details: DetailRow[] = vpcResource
    ? resourceDetails(vpcResource)
    : [{ label: 'Made by', value: 'not this rack: installed into an existing VPC' }];
  if (vpcAwsId !== undefined) details.unshift({ label: 'VPC ID', value: vpcAwsId });
  if (cidr !== undefined) details.push({ label: 'CIDR', value: cidr });
  const components: SceneComponent[] = [
    sceneComponent({
      // A VPC the rack was installed into is not the stack's: it has no CloudFormation status, it is just there.
      ...(vpcResource ? resourceParts(vpcResource) : { status: componentStatus('running') }),
      id: vpcComponentId,
      kind: 'vpc',
      noun: 'VPC',
      label: vpcAwsId ?? '',
      awsId: vpcAwsId,
      facts: [...(cidr !== undefined ? [cidr] : []), counted(zones.length, 'zone')],
      details,
      consoleUrl: vpcAwsId !== undefined ? consoleUrl({ kind: 'vpc', id: vpcAwsId }, rack.region) : undefined,
    }),
  ];

  const processes: ZoneProcess[] = [];
  const clusters = {
    rack: resourceName(context, 'Cluster', 'Cluster'),
    build: resourceName(context, 'BuildCluster', 'BuildCluster'),
  };
  for (const zone of zones) {
    components.push(zoneComponent(zone, vpcComponentId, placement));
    if (zone.publicSubnet) {
      const subnet = subnetComponent(context, zone.publicSubnet, zone.id, 'public');
      components.push(subnet);
      if (zone.nat) components.push(natComponent(context, zone.nat, zone.natAddress, subnet.id));
    }
    if (zone.privateSubnet) components.push(subnetComponent(context, zone.privateSubnet, zone.id, 'private'));
    for (const server of zone.servers) {
      const containers = placement.byServer.get(server.id) ?? [];
      const component = serverComponent(context, server, zone.id, containers.length);
      components.push(component);
      const cluster = server.role === 'build' ? clusters.build : clusters.rack;
      const grouped = containerGroups(component.id, containers, { cluster, region: rack.region });
      components.push(...grouped.components);
      for (const { id, app, service } of grouped.groups) processes.push({ id, app, service, zone: zone.id });
    }
  }
  return { components, processes };
}
