// The servers of a rack: EC2 instances in an auto-scaling group, registered in an ECS cluster that runs
// the tasks of some services, with CPU and memory bookkeeping that adds up.
import type {
  ContainerDefinition,
  ContainerInstance,
  CpuMemory,
  Ec2Instance,
  EcsTask,
  InstanceStateName,
  RegionData,
  TaskDefinition,
} from '../types';
import { addressIn, addSeconds, digits, ecsArn, hex, publicIpv4, uuid, type Place } from './ids';

/** What ECS registers for an instance type (CPU units, MiB). */
const capacities: Record<string, CpuMemory> = {
  't3.small': { cpu: 2048, memory: 1952 },
  't3.medium': { cpu: 2048, memory: 3904 },
  't3.large': { cpu: 2048, memory: 7953 },
  't3.xlarge': { cpu: 4096, memory: 15979 },
  'm5.large': { cpu: 2048, memory: 7681 },
  'c5.large': { cpu: 2048, memory: 3704 },
};

const capacityOf = (instanceType: string): CpuMemory => ({
  ...(capacities[instanceType] ?? { cpu: 2048, memory: 3904 }),
});

export interface ServicePlan {
  serviceName: string;
  family: string;
  container: ContainerDefinition;
  count: number;
  createdAt: Date;
}

/** Where a server goes: a subnet and the zone it is in. */
export interface Placement {
  subnetId: string;
  availabilityZone: string;
  /** The subnet's CIDR block, which the server's private address is in. */
  cidr: string;
}

/** One auto-scaling group of servers. */
export interface ServerGroup {
  asgName: string;
  /** The group's logical id in the rack's stack: Instances, SpotInstances or BuildInstances. */
  logicalId: string;
  instanceType: string;
  /** Auto-scaling lifecycle state of each instance, e.g. InService, Pending. */
  instanceStates: string[];
  /** Spot servers carry EC2's InstanceLifecycle `spot`. */
  spot?: boolean;
  /** Extra EC2 and group tags, e.g. Purpose=Build. */
  tags?: Record<string, string>;
}

export interface ClusterPlan {
  stackName: string;
  stackId: string;
  /** The rack stack's tags, which CloudFormation puts on its groups and they on their servers. */
  stackTags: Record<string, string>;
  clusterName: string;
  /** The groups whose servers join this cluster; terminated instances belong to the first. */
  groups: ServerGroup[];
  vpcId: string;
  /** Servers go round-robin over these. */
  placements: Placement[];
  /** Private instances have no public address. */
  private: boolean;
  launchedAt: Date;
  services: ServicePlan[];
  /** Tasks that exited, kept by ECS for an hour; ListTasks shows them only when asked for STOPPED. */
  stoppedTasks: number;
  /** Instances an earlier rolling update replaced, still visible to DescribeInstances as terminated. */
  terminatedInstances: number;
}

function ec2State(lifecycleState: string): InstanceStateName {
  if (lifecycleState.startsWith('Pending')) return 'pending';
  if (lifecycleState.startsWith('Terminating')) return 'shutting-down';
  return 'running';
}

/** Instances, their auto-scaling groups, the ECS cluster with its services and tasks, and task definitions. */
export function cluster(
  place: Place,
  plan: ClusterPlan,
): Pick<RegionData, 'instances' | 'autoScalingGroups' | 'clusters' | 'taskDefinitions'> {
  const clusterArn = ecsArn(place, 'cluster', plan.clusterName);
  const image = `ami-0${hex(16, 'ecs-optimized', place.region)}`;

  const instance = (group: ServerGroup, index: number, state: InstanceStateName, launchTime: Date): Ec2Instance => {
    const id = `i-0${hex(16, place.account, place.region, group.asgName, String(index))}`;
    const placement = plan.placements[index % plan.placements.length];
    return {
      id,
      type: group.instanceType,
      state,
      launchTime,
      availabilityZone: placement.availabilityZone,
      imageId: image,
      privateIp: addressIn(placement.cidr, id),
      publicIp: plan.private || state === 'terminated' ? undefined : publicIpv4(id),
      subnetId: placement.subnetId,
      vpcId: plan.vpcId,
      lifecycle: group.spot ? 'spot' : undefined,
      tags: {
        ...plan.stackTags,
        Name: plan.stackName,
        Rack: plan.stackName,
        ...group.tags,
        'aws:autoscaling:groupName': group.asgName,
        'aws:cloudformation:stack-name': plan.stackName,
        'aws:cloudformation:stack-id': plan.stackId,
        'aws:cloudformation:logical-id': group.logicalId,
      },
    };
  };

  const [firstGroup] = plan.groups;
  const terminated = firstGroup
    ? Array.from({ length: plan.terminatedInstances }, (_, index) =>
        instance(firstGroup, 1000 + index, 'terminated', addSeconds(plan.launchedAt, -7 * 24 * 3600)),
      )
    : [];
  const groupMembers = plan.groups.map((group) =>
    group.instanceStates.map((lifecycleState, index) => ({
      lifecycleState,
      ec2: instance(group, index, ec2State(lifecycleState), addSeconds(plan.launchedAt, index * 90)),
    })),
  );
  const members = groupMembers.flat();

  const containerInstances: ContainerInstance[] = members
    .filter(({ ec2 }) => ec2.state !== 'pending')
    .map(({ ec2, lifecycleState }) => ({
      arn: ecsArn(place, 'container-instance', `${plan.clusterName}/${hex(32, ec2.id, 'container-instance')}`),
      ec2InstanceId: ec2.id,
      status: lifecycleState.startsWith('Terminating') ? 'DRAINING' : 'ACTIVE',
      agentConnected: true,
      registered: capacityOf(ec2.type),
      remaining: capacityOf(ec2.type),
      runningTasksCount: 0,
      pendingTasksCount: 0,
      registeredAt: addSeconds(ec2.launchTime, 45),
      agentVersion: '1.89.2',
    }));
  const hosts = containerInstances.filter((host) => host.status === 'ACTIVE');

  const taskDefinitions: TaskDefinition[] = plan.services.map((service) => ({
    arn: ecsArn(place, 'task-definition', `${service.family}:1`),
    family: service.family,
    revision: 1,
    status: 'ACTIVE',
    containerDefinitions: [service.container],
    registeredAt: service.createdAt,
  }));

  const tasks: EcsTask[] = [];
  /** Places tasks round-robin on the active hosts; only running tasks use CPU and memory. */
  const schedule = (task: Omit<EcsTask, 'containerInstanceArn'>, running: boolean): void => {
    const host = hosts[tasks.length % hosts.length];
    tasks.push({ ...task, containerInstanceArn: host.arn });
    if (!running) return;
    const definition = taskDefinitions.find((candidate) => candidate.arn === task.taskDefinitionArn);
    for (const container of definition?.containerDefinitions ?? []) {
      host.remaining.cpu = Math.max(0, host.remaining.cpu - container.cpu);
      host.remaining.memory = Math.max(0, host.remaining.memory - container.memory);
    }
    host.runningTasksCount++;
  };
  const taskArn = (...parts: string[]): string =>
    ecsArn(place, 'task', `${plan.clusterName}/${hex(32, plan.clusterName, ...parts)}`);

  plan.services.forEach((service, serviceIndex) => {
    const definition = taskDefinitions[serviceIndex];
    for (let index = 0; index < service.count && hosts.length > 0; index++) {
      const startedAt = addSeconds(plan.launchedAt, 300 + serviceIndex * 40 + index * 7);
      schedule(
        {
          arn: taskArn(service.serviceName, String(index)),
          taskDefinitionArn: definition.arn,
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          createdAt: addSeconds(startedAt, -20),
          startedAt,
          group: `service:${service.serviceName}`,
          startedBy: `ecs-svc/${digits(19, service.serviceName)}`,
          launchType: 'EC2',
          containers: [{ name: service.container.name, lastStatus: 'RUNNING' }],
          overrides: { containerOverrides: [{ name: service.container.name }] },
        },
        true,
      );
    }
  });

  const crashing = plan.services[plan.services.length - 1] as ServicePlan | undefined;
  for (let index = 0; crashing && index < plan.stoppedTasks && hosts.length > 0; index++) {
    const startedAt = addSeconds(plan.launchedAt, 200 + index * 30);
    schedule(
      {
        arn: taskArn(crashing.serviceName, 'stopped', String(index)),
        taskDefinitionArn: taskDefinitions[taskDefinitions.length - 1].arn,
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        createdAt: addSeconds(startedAt, -20),
        startedAt,
        stoppedAt: addSeconds(startedAt, 12),
        stoppedReason: 'Essential container in task exited',
        group: `service:${crashing.serviceName}`,
        launchType: 'EC2',
        containers: [{ name: crashing.container.name, lastStatus: 'STOPPED', exitCode: 1 }],
        overrides: { containerOverrides: [{ name: crashing.container.name }] },
      },
      false,
    );
  }

  return {
    instances: [...members.map(({ ec2 }) => ec2), ...terminated],
    autoScalingGroups: plan.groups.map((group, groupIndex) => ({
      name: group.asgName,
      arn: `arn:aws:autoscaling:${place.region}:${place.account}:autoScalingGroup:${uuid(group.asgName)}:autoScalingGroupName/${group.asgName}`,
      minSize: group.spot ? 0 : group.instanceStates.length,
      maxSize: Math.max(group.instanceStates.length * 2, 1),
      desiredCapacity: group.instanceStates.length,
      availabilityZones: [...new Set(plan.placements.map((placement) => placement.availabilityZone))],
      subnets: plan.placements.map((placement) => placement.subnetId),
      createdAt: plan.launchedAt,
      tags: { ...plan.stackTags, Name: plan.stackName, Rack: plan.stackName, ...group.tags },
      instances: groupMembers[groupIndex].map(({ ec2, lifecycleState }) => ({
        id: ec2.id,
        type: ec2.type,
        lifecycleState,
        healthStatus: 'Healthy',
        availabilityZone: ec2.availabilityZone,
      })),
    })),
    clusters: [
      {
        name: plan.clusterName,
        arn: clusterArn,
        status: 'ACTIVE',
        containerInstances,
        tasks,
        services: plan.services.map((service, index) => {
          const running = tasks.filter(
            (task) => task.group === `service:${service.serviceName}` && task.lastStatus === 'RUNNING',
          ).length;
          return {
            name: service.serviceName,
            arn: ecsArn(place, 'service', `${plan.clusterName}/${service.serviceName}`),
            status: 'ACTIVE',
            desiredCount: service.count,
            runningCount: running,
            pendingCount: 0,
            taskDefinitionArn: taskDefinitions[index].arn,
            launchType: 'EC2',
            createdAt: service.createdAt,
          };
        }),
      },
    ],
    taskDefinitions,
  };
}
