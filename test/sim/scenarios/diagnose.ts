// One rack per cause Diagnose Rack finds, plus a healthy one, in one account and region, with times relative to
// `now` (the diagnosis compares them with the clock):
// - `converging`: a server that never joined the ECS cluster (and the monitor saying so), one still pending,
//   and the rack's monitor service unable to place its task for want of memory;
// - `rolledback`: UPDATE_ROLLBACK_COMPLETE after an update whose servers hit the vCPU limit;
// - `healthy`: nothing wrong, its services steady.
// And a 100-server rack for the bench's call count.
import type { RegionData, Scenario } from '../types';
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
  healthy: 'healthy',
  big: 'big',
} as const;

export const vcpuLimitMessage =
  'You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed.';
export const unplaceableMessage = (service: string): string =>
  `(service ${service}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5d9f1c2e) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;

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
      cause: 'An instance was started in response to a difference between desired and actual capacity.',
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
        cause: 'An instance was started in response to a difference between desired and actual capacity.',
        statusCode: 'Failed',
        statusMessage: vcpuLimitMessage,
        startTime: addSeconds(now, -45 * 60),
      },
    ];
  }
  for (const service of data.clusters[0]?.services ?? [])
    service.events = [steady(service.name, addSeconds(now, -40 * 60))];
  return [data, { logGroups: [rackLogGroup(place, name, [])] }];
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
          ...healthy(at, now, diagnoseRacks.healthy, 3),
          ...healthy(at, now, diagnoseRacks.big, options.bigServers ?? 100),
        ],
      },
    },
  });
}
