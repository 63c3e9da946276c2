// One rack per cause Diagnose Rack finds, plus a healthy one, in one account and region, with times relative to
// `now` (the diagnosis compares them with the clock):
// - `converging`: a server that never joined the ECS cluster (and the monitor saying so), one still pending,
//   and the rack's monitor service unable to place its task for want of memory;
// - `rolledback`: UPDATE_ROLLBACK_COMPLETE after an update whose servers hit the vCPU limit, and an older failed
//   update before it whose cause is no longer the root cause;
// - `draining`: a server scaled in but still running tasks, one whose ECS agent disconnected, a launch failed
//   for want of EC2 capacity, the API unable to place a task for its port, the monitor for want of CPU;
// - `spot`: a spot rack without spot servers: the monitor's memberOf constraint matches no server, the API's
//   targets are unhealthy, and a launch failed on an instance type its zone does not offer;
// - `updating`: UPDATE_IN_PROGRESS (a note) while the API service starts its new task (not steady);
// - `rollingback`, `stuck`, `failedinstall`, `undeletable`: UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_FAILED,
//   ROLLBACK_COMPLETE and DELETE_FAILED, each with its failed resource;
// - `healthy`: nothing wrong, its services steady.
// And a 100-server rack for the bench's call count.
import type { EcsCluster, EcsService, RegionData, Scenario, Stack } from '../types';
import { addSeconds, hex, type Place } from './ids';
import { rackLogGroup, rackStreams } from './logs';
import { rack } from './rack';
import { rackNames } from './rackResources';
import { scenario } from './scenario';

export const diagnoseAccount = '999999999999';
export const diagnoseProfile = 'diagnose';
export const diagnoseRegion = 'us-east-1';
export const diagnoseRacks = {
  converging: 'converging',
  rolledBack: 'rolledback',
  draining: 'draining',
  spot: 'spot',
  updating: 'updating',
  rollingBack: 'rollingback',
  stuck: 'stuck',
  failedInstall: 'failedinstall',
  undeletable: 'undeletable',
  healthy: 'healthy',
  big: 'big',
} as const;

export const vcpuLimitMessage =
  'You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed.';
/** ECS's event when no server can take a service's task; `closest` says what the closest server lacked. */
const unplaceable = (service: string, closest: string): string =>
  `(service ${service}) was unable to place a task because no container instance met all of its requirements. ${closest} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
export const unplaceableMessage = (service: string): string =>
  unplaceable(service, 'The closest matching (container-instance 5d9f1c2e) has insufficient memory available.');
export const noPortMessage = (service: string): string =>
  unplaceable(
    service,
    'The closest matching (container-instance 7a3e9b10) is already using a port required by your task.',
  );
export const noCpuMessage = (service: string): string =>
  unplaceable(service, 'The closest matching (container-instance 7a3e9b10) has insufficient CPU units available.');
export const memberOfMessage = (service: string): string =>
  unplaceable(service, 'No Container Instances were found in your cluster matching memberOf(attribute:asg == spot).');
/** ECS's words for a task failing its load balancer's health check, the target group in parentheses. */
export const unhealthyTargetMessage = (service: string, instance: string): string =>
  `(service ${service}) (task 3c1f0a7e9b2d4c6e8f0a1b2c3d4e5f60) (instance ${instance}) (port 32768) is unhealthy in (target-group arn:aws:elasticloadbalancing:${diagnoseRegion}:${diagnoseAccount}:targetgroup/spot-api/6d0ecf831eec9f09) due to (reason Health checks failed with these codes: [502]).`;
export const noCapacityMessage =
  'We currently do not have sufficient t3.large capacity in the Availability Zone you requested (us-east-1a). Our system will be working on provisioning additional capacity. You can currently get t3.large capacity by not specifying an Availability Zone in your request or choosing us-east-1b, us-east-1c. Launching EC2 instance failed.';
export const unsupportedZoneMessage =
  'Your requested instance type (t4g.small) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f. Launching EC2 instance failed.';
/** The reason of the rolledback rack's earlier failed update, before the last user-initiated one. */
export const olderUpdateReason =
  'Received 0 SUCCESS signal(s) out of 3. Unable to satisfy 100% MinSuccessfulInstancesPercent requirement';
const launchCause = 'An instance was started in response to a difference between desired and actual capacity.';

const steady = (service: string, at: Date): { id: string; at: Date; message: string } => ({
  id: hex(8, service, 'steady'),
  at,
  message: `(service ${service}) has reached a steady state.`,
});

function converging(place: Place, now: Date): Partial<RegionData>[] {
  const name = diagnoseRacks.converging;
  const names = rackNames(place, name, false);
  const data = rack(place, {
    name,
    createdAt: addSeconds(now, -90 * 86_400),
    instanceStates: ['InService', 'InService', 'InService', 'Pending'],
  });
  const group = data.autoScalingGroups.find((candidate) => candidate.name === names.asg);
  const [cluster] = data.clusters;
  if (!group || !cluster) throw new Error('the converging rack has no group or cluster');
  // The third server booted 40 minutes ago but its ECS agent never registered.
  const lost = group.instances[2].id;
  const lostEc2 = data.instances.find((instance) => instance.id === lost);
  if (lostEc2) lostEc2.launchTime = addSeconds(now, -40 * 60);
  const pending = data.instances.find((instance) => instance.id === group.instances[3].id);
  if (pending) pending.launchTime = addSeconds(now, -3 * 60);
  const lostHost = cluster.containerInstances.find((host) => host.ec2InstanceId === lost);
  cluster.containerInstances = cluster.containerInstances.filter((host) => host !== lostHost);
  cluster.tasks = cluster.tasks.filter((task) => task.containerInstanceArn !== lostHost?.arn);
  const monitor = cluster.services.find((service) => service.name === names.monitorService);
  if (monitor) {
    monitor.runningCount = 0;
    monitor.events = [
      { id: hex(8, 'unplaceable', '1'), at: addSeconds(now, -2 * 60), message: unplaceableMessage(monitor.name) },
      { id: hex(8, 'unplaceable', '2'), at: addSeconds(now, -8 * 60), message: unplaceableMessage(monitor.name) },
    ];
  }
  const web = cluster.services.find((service) => service.name === names.webService);
  if (web) web.events = [steady(web.name, addSeconds(now, -6 * 3600))];
  group.activities = [
    {
      id: hex(8, name, 'launch'),
      description: `Launching a new EC2 instance: ${group.instances[3].id}`,
      cause: launchCause,
      statusCode: 'InProgress',
      startTime: addSeconds(now, -3 * 60),
    },
  ];
  const heartbeat = `who="convox/monitor" what="instance ${lost} missed it's first heartbeat" why="ECS reported agent disconnected"`;
  return [
    data,
    {
      logGroups: [
        rackLogGroup(place, name, [
          { stream: rackStreams.monitor, timestamp: addSeconds(now, -10 * 60), message: heartbeat },
        ]),
      ],
    },
  ];
}

function rolledBack(place: Place, now: Date): Partial<RegionData>[] {
  const name = diagnoseRacks.rolledBack;
  const names = rackNames(place, name, false);
  const reason = `Resource handler returned message: "${vcpuLimitMessage}" (RequestToken: 0a1b2c3d-4e5f-6789-abcd-ef0123456789, HandlerErrorCode: ServiceLimitExceeded)`;
  const data = rack(place, {
    name,
    status: 'UPDATE_ROLLBACK_COMPLETE',
    createdAt: addSeconds(now, -200 * 86_400),
    updatedAt: addSeconds(now, -50 * 60),
    failure: { logicalId: 'Instances', reason },
  });
  const group = data.autoScalingGroups.find((candidate) => candidate.name === names.asg);
  if (group) {
    group.activities = [
      {
        id: hex(8, name, 'failed'),
        description: 'Launching a new EC2 instance.  Status Reason: vCPU limit',
        cause: launchCause,
        statusCode: 'Failed',
        statusMessage: vcpuLimitMessage,
        startTime: addSeconds(now, -45 * 60),
      },
    ];
  }
  for (const service of data.clusters[0]?.services ?? [])
    service.events = [steady(service.name, addSeconds(now, -40 * 60))];
  const rackStack = data.stacks.find((candidate) => candidate.name === name);
  if (!rackStack) throw new Error('the rolledback rack has no stack');
  earlierFailedUpdate(rackStack, names.asg, addSeconds(now, -10 * 86_400));
  return [data, { logGroups: [rackLogGroup(place, name, [])] }];
}

/** A whole update that failed on Instances and was rolled back, added to a stack's history at `at`. */
function earlierFailedUpdate(rackStack: Stack, groupName: string, at: Date): void {
  const event = (seconds: number, logicalId: string, status: string, reason?: string): void => {
    const group = logicalId === 'Instances';
    rackStack.events.push({
      eventId: group
        ? `${logicalId}-${status}-${addSeconds(at, seconds).toISOString()}`
        : hex(32, rackStack.id, status, String(seconds)),
      logicalId,
      physicalId: group ? groupName : rackStack.id,
      type: group ? 'AWS::AutoScaling::AutoScalingGroup' : 'AWS::CloudFormation::Stack',
      status,
      reason,
      timestamp: addSeconds(at, seconds),
    });
  };
  event(0, rackStack.name, 'UPDATE_IN_PROGRESS', 'User Initiated');
  event(5, 'Instances', 'UPDATE_IN_PROGRESS');
  event(905, 'Instances', 'UPDATE_FAILED', olderUpdateReason);
  event(
    906,
    rackStack.name,
    'UPDATE_ROLLBACK_IN_PROGRESS',
    'The following resource(s) failed to update: [Instances]. ',
  );
  event(1200, 'Instances', 'UPDATE_COMPLETE');
  event(1230, rackStack.name, 'UPDATE_ROLLBACK_COMPLETE');
}

/** The parts of a built rack a scenario changes in place. */
function partsOf(
  data: RegionData,
  name: string,
): { cluster: EcsCluster; service: (serviceName: string) => EcsService } {
  const [cluster] = data.clusters;
  if (!cluster) throw new Error(`the ${name} rack has no cluster`);
  return {
    cluster,
    service: (serviceName) => {
      const found = cluster.services.find((candidate) => candidate.name === serviceName);
      if (!found) throw new Error(`the ${name} rack has no service ${serviceName}`);
      return found;
    },
  };
}

/** Moves `count` running tasks onto the server `toEc2`, with the counts and the CPU and memory they use. */
function moveTasks(data: RegionData, cluster: EcsCluster, toEc2: string, count: number): void {
  const to = cluster.containerInstances.find((host) => host.ec2InstanceId === toEc2);
  if (!to) throw new Error(`no container instance for ${toEc2}`);
  const moved = cluster.tasks
    .filter((task) => task.lastStatus === 'RUNNING' && task.containerInstanceArn !== to.arn)
    .slice(0, count);
  for (const task of moved) {
    const from = cluster.containerInstances.find((host) => host.arn === task.containerInstanceArn);
    const containers =
      data.taskDefinitions.find((definition) => definition.arn === task.taskDefinitionArn)?.containerDefinitions ?? [];
    for (const container of containers) {
      if (from) {
        from.remaining.cpu += container.cpu;
        from.remaining.memory += container.memory;
      }
      to.remaining.cpu -= container.cpu;
      to.remaining.memory -= container.memory;
    }
    if (from) from.runningTasksCount--;
    to.runningTasksCount++;
    task.containerInstanceArn = to.arn;
  }
}

function draining(place: Place, now: Date): Partial<RegionData>[] {
  const name = diagnoseRacks.draining;
  const names = rackNames(place, name, false);
  const data = rack(place, {
    name,
    createdAt: addSeconds(now, -120 * 86_400),
    instanceType: 't3.large',
    instanceStates: ['InService', 'InService', 'InService', 'Terminating:Wait'],
  });
  const group = data.autoScalingGroups.find((candidate) => candidate.name === names.asg);
  if (!group) throw new Error('the draining rack has no group');
  const { cluster, service } = partsOf(data, name);
  // The fourth server is being scaled in: ECS drains it, but its two tasks have nowhere else to go.
  const leaving = group.instances[3].id;
  moveTasks(data, cluster, leaving, 2);
  // The second server's agent lost its connection to ECS.
  const lost = cluster.containerInstances.find((host) => host.ec2InstanceId === group.instances[1].id);
  if (lost) lost.agentConnected = false;
  const web = service(names.webService);
  web.events = [
    { id: hex(8, name, 'port', '1'), at: addSeconds(now, -60), message: noPortMessage(web.name) },
    { id: hex(8, name, 'port', '2'), at: addSeconds(now, -7 * 60), message: noPortMessage(web.name) },
    steady(web.name, addSeconds(now, -5 * 3600)),
  ];
  const monitor = service(names.monitorService);
  monitor.events = [{ id: hex(8, name, 'cpu'), at: addSeconds(now, -3 * 60), message: noCpuMessage(monitor.name) }];
  group.activities = [
    {
      id: hex(8, name, 'capacity'),
      description: `Launching a new EC2 instance.  Status Reason: ${noCapacityMessage}`,
      cause: launchCause,
      statusCode: 'Failed',
      statusMessage: noCapacityMessage,
      startTime: addSeconds(now, -4 * 60),
    },
    {
      id: hex(8, name, 'terminate'),
      description: `Terminating EC2 instance: ${leaving}`,
      cause: `At ${addSeconds(now, -12 * 60).toISOString()} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 4 to 3.`,
      statusCode: 'InProgress',
      startTime: addSeconds(now, -12 * 60),
    },
  ];
  return [data, { logGroups: [rackLogGroup(place, name, [])] }];
}

function spot(place: Place, now: Date): Partial<RegionData>[] {
  const name = diagnoseRacks.spot;
  const names = rackNames(place, name, false);
  const data = rack(place, {
    name,
    createdAt: addSeconds(now, -60 * 86_400),
    instanceType: 't4g.small',
    spotInstanceBid: '0.0042',
    spotInstanceCount: 0,
  });
  const group = data.autoScalingGroups.find((candidate) => candidate.name === names.asg);
  if (!group) throw new Error('the spot rack has no group');
  const { service } = partsOf(data, name);
  const monitor = service(names.monitorService);
  monitor.runningCount = 0;
  monitor.events = [
    { id: hex(8, name, 'memberOf'), at: addSeconds(now, -5 * 60), message: memberOfMessage(monitor.name) },
  ];
  const web = service(names.webService);
  web.events = [
    {
      id: hex(8, name, 'unhealthy', '1'),
      at: addSeconds(now, -2 * 60),
      message: unhealthyTargetMessage(web.name, group.instances[0].id),
    },
    {
      id: hex(8, name, 'unhealthy', '2'),
      at: addSeconds(now, -9 * 60),
      message: unhealthyTargetMessage(web.name, group.instances[1].id),
    },
    steady(web.name, addSeconds(now, -2 * 86_400)),
  ];
  group.activities = [
    {
      id: hex(8, name, 'zone'),
      description: `Launching a new EC2 instance.  Status Reason: ${unsupportedZoneMessage}`,
      cause: launchCause,
      statusCode: 'Failed',
      statusMessage: unsupportedZoneMessage,
      startTime: addSeconds(now, -15 * 60),
    },
  ];
  return [data, { logGroups: [rackLogGroup(place, name, [])] }];
}

function updating(place: Place, now: Date): Partial<RegionData>[] {
  const name = diagnoseRacks.updating;
  const names = rackNames(place, name, false);
  const data = rack(place, {
    name,
    status: 'UPDATE_IN_PROGRESS',
    createdAt: addSeconds(now, -30 * 86_400),
    updatedAt: addSeconds(now, -4 * 60),
  });
  const { service } = partsOf(data, name);
  // The update's new API task is starting: one of two runs, ECS has not said steady since.
  const web = service(names.webService);
  web.runningCount = 1;
  web.pendingCount = 1;
  web.events = [
    {
      id: hex(8, name, 'started'),
      at: addSeconds(now, -2 * 60),
      message: `(service ${web.name}) has started 1 tasks: (task 9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b).`,
    },
    steady(web.name, addSeconds(now, -3 * 3600)),
  ];
  service(names.monitorService).events = [steady(names.monitorService, addSeconds(now, -3 * 3600))];
  return [data, { logGroups: [rackLogGroup(place, name, [])] }];
}

/** A rack whose stack stopped in `status`, its services steady; no log group once the deletion removed it. */
function stackStatus(place: Place, now: Date, name: string, status: string): Partial<RegionData>[] {
  const data = rack(place, {
    name,
    status,
    createdAt: addSeconds(now, (status.startsWith('ROLLBACK') ? -2 : -80) * 86_400),
    updatedAt: addSeconds(now, -90 * 60),
  });
  for (const service of data.clusters[0]?.services ?? [])
    service.events = [steady(service.name, addSeconds(now, -5 * 3600))];
  return status.startsWith('DELETE_') || status.startsWith('ROLLBACK')
    ? [data]
    : [data, { logGroups: [rackLogGroup(place, name, [])] }];
}

function healthy(place: Place, now: Date, name: string, servers: number): Partial<RegionData>[] {
  const data = rack(place, { name, createdAt: addSeconds(now, -300 * 86_400), instanceCount: servers });
  for (const service of data.clusters[0]?.services ?? [])
    service.events = [steady(service.name, addSeconds(now, -3 * 3600))];
  const activity = `who="EC2/ASG" what="Launching a new EC2 instance: i-0${hex(16, name, 'old')}" why="An instance was started in response to a difference between desired and actual capacity."`;
  return [
    data,
    {
      logGroups: [
        rackLogGroup(place, name, [
          { stream: rackStreams.monitor, timestamp: addSeconds(now, -20 * 60), message: activity },
        ]),
      ],
    },
  ];
}

export interface DiagnoseScenarioOptions {
  /** Times are relative to this; now when absent. */
  now?: Date;
  /** Servers of the `big` rack; 100 when absent. */
  bigServers?: number;
}

export function diagnoseScenario(options: DiagnoseScenarioOptions = {}): Scenario {
  const now = options.now ?? new Date();
  return scenario({
    profiles: [{ name: diagnoseProfile, account: diagnoseAccount, region: diagnoseRegion }],
    organizations: {},
    data: {
      [diagnoseAccount]: {
        [diagnoseRegion]: (at) => [
          ...converging(at, now),
          ...rolledBack(at, now),
          ...draining(at, now),
          ...spot(at, now),
          ...updating(at, now),
          ...stackStatus(at, now, diagnoseRacks.rollingBack, 'UPDATE_ROLLBACK_IN_PROGRESS'),
          ...stackStatus(at, now, diagnoseRacks.stuck, 'UPDATE_ROLLBACK_FAILED'),
          ...stackStatus(at, now, diagnoseRacks.failedInstall, 'ROLLBACK_COMPLETE'),
          ...stackStatus(at, now, diagnoseRacks.undeletable, 'DELETE_FAILED'),
          ...healthy(at, now, diagnoseRacks.healthy, 3),
          ...healthy(at, now, diagnoseRacks.big, options.bigServers ?? 100),
        ],
      },
    },
  });
}
