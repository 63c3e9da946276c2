import { createHash } from 'node:crypto';
import { ApiError } from '../errors';
import type { JsonInput, JsonObject } from '../protocols/json';
import type {
  ContainerInstance,
  CpuMemory,
  EcsCluster,
  EcsService,
  EcsTask,
  RegionData,
  TaskDefinition,
} from '../types';
import { paginate } from './paging';
import type { Context, JsonService } from './service';

const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', message);
const invalidToken = (): ApiError => invalidParameter('Invalid token');

/** A name, a full ARN, or (for ids) the ARN's last path segment all designate the same thing. */
const designates = (arn: string, reference: string): boolean => arn === reference || arn.endsWith(`/${reference}`);

function findCluster(data: RegionData, input: JsonInput): EcsCluster {
  const reference = input.string('cluster') ?? 'default';
  const cluster = data.clusters.find((candidate) => candidate.name === reference || candidate.arn === reference);
  if (!cluster) throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

function maxResults(input: JsonInput, fallback: number): number {
  const value = input.integer('maxResults') ?? fallback;
  if (value < 1 || value > 100) throw invalidParameter('maxResults must be between 1 and 100.');
  return value;
}

/** The references of a Describe call, refused beyond the API's batch limit. */
function batch(input: JsonInput, member: string, limit: number): string[] {
  const references = input.strings(member);
  if (references === undefined || references.length === 0) throw invalidParameter(`${member} can not be empty.`);
  if (references.length > limit) {
    throw invalidParameter(`Too many ${member} were provided. The maximum is ${limit}.`);
  }
  return references;
}

function resources(amounts: CpuMemory, ports: string[]): JsonObject[] {
  return [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: amounts.cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: amounts.memory },
    { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ports },
    { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
  ];
}

function containerInstanceJson(instance: ContainerInstance, data: RegionData): JsonObject {
  const ec2 = data.instances.find((candidate) => candidate.id === instance.ec2InstanceId);
  const reservedPorts = ['22', '2375', '2376', '51678', '51679'];
  return {
    containerInstanceArn: instance.arn,
    ec2InstanceId: instance.ec2InstanceId,
    version: 1,
    versionInfo: {
      agentVersion: instance.agentVersion,
      agentHash: 'a1b2c3d4',
      dockerVersion: 'DockerVersion: 20.10.25',
    },
    remainingResources: resources(instance.remaining, reservedPorts),
    registeredResources: resources(instance.registered, reservedPorts),
    status: instance.status,
    agentConnected: instance.agentConnected,
    runningTasksCount: instance.runningTasksCount,
    pendingTasksCount: instance.pendingTasksCount,
    attributes: ec2
      ? [
          { name: 'ecs.instance-type', value: ec2.type },
          { name: 'ecs.availability-zone', value: ec2.availabilityZone },
          { name: 'ecs.os-type', value: 'linux' },
        ]
      : [],
    registeredAt: instance.registeredAt,
    attachments: [],
    tags: [],
  };
}

function taskJson(task: EcsTask, cluster: EcsCluster, data: RegionData): JsonObject {
  const definition = data.taskDefinitions.find((candidate) => candidate.arn === task.taskDefinitionArn);
  const sum = (pick: (amounts: CpuMemory) => number): string =>
    String(definition?.containerDefinitions.reduce((total, container) => total + pick(container), 0) ?? 0);
  return {
    taskArn: task.arn,
    clusterArn: cluster.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    containerInstanceArn: task.containerInstanceArn,
    overrides: {
      containerOverrides: task.overrides.containerOverrides.map((override) => ({
        name: override.name,
        command: override.command,
        environment: override.environment?.map((variable) => ({ ...variable })),
      })),
      inferenceAcceleratorOverrides: [],
    },
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    cpu: sum((amounts) => amounts.cpu),
    memory: sum((amounts) => amounts.memory),
    containers: task.containers.map((container) => ({
      containerArn: `${task.arn.replace(':task/', ':container/')}/${container.name}`,
      taskArn: task.arn,
      name: container.name,
      image: definition?.containerDefinitions.find((candidate) => candidate.name === container.name)?.image,
      lastStatus: container.lastStatus,
      exitCode: container.exitCode,
      networkBindings: [],
      networkInterfaces: [],
      healthStatus: 'UNKNOWN',
    })),
    startedBy: task.startedBy,
    version: 3,
    connectivity: 'CONNECTED',
    connectivityAt: task.createdAt,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    stoppedAt: task.stoppedAt,
    stoppedReason: task.stoppedReason,
    group: task.group,
    launchType: task.launchType,
    attachments: [],
    healthStatus: 'UNKNOWN',
    tags: [],
  };
}

function taskDefinitionJson(definition: TaskDefinition): JsonObject {
  return {
    taskDefinitionArn: definition.arn,
    family: definition.family,
    revision: definition.revision,
    status: definition.status,
    containerDefinitions: definition.containerDefinitions.map((container) => ({
      name: container.name,
      image: container.image,
      cpu: container.cpu,
      memory: container.memory,
      essential: container.essential,
      command: container.command,
      environment: container.environment.map((variable) => ({ ...variable })),
      dockerLabels: { ...container.dockerLabels },
      portMappings: [],
      mountPoints: [],
      volumesFrom: [],
    })),
    volumes: [],
    requiresAttributes: [],
    placementConstraints: [],
    compatibilities: ['EC2'],
    networkMode: 'bridge',
    registeredAt: definition.registeredAt,
  };
}

function serviceJson(service: EcsService, cluster: EcsCluster): JsonObject {
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: cluster.arn,
    loadBalancers: [],
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: service.runningCount,
    pendingCount: service.pendingCount,
    launchType: service.launchType,
    taskDefinition: service.taskDefinitionArn,
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 50 },
    deployments: [
      {
        id: `ecs-svc/${BigInt(`0x${createHash('sha1').update(service.arn).digest('hex').slice(0, 15)}`)}`,
        status: 'PRIMARY',
        taskDefinition: service.taskDefinitionArn,
        desiredCount: service.desiredCount,
        pendingCount: service.pendingCount,
        runningCount: service.runningCount,
        failedTasks: 0,
        createdAt: service.createdAt,
        updatedAt: service.createdAt,
        launchType: service.launchType,
        rolloutState: 'COMPLETED',
      },
    ],
    events: (service.events ?? []).map((event) => ({ id: event.id, createdAt: event.at, message: event.message })),
    createdAt: service.createdAt,
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: 'REPLICA',
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}

function listContainerInstances({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const status = input.string('status');
  const instances = cluster.containerInstances.filter((instance) => status === undefined || instance.status === status);
  const page = paginate(
    instances,
    maxResults(input, 100),
    input.string('nextToken'),
    `ListContainerInstances ${cluster.arn}`,
    invalidToken,
  );
  return { containerInstanceArns: page.items.map((instance) => instance.arn), nextToken: page.nextToken };
}

/** ECS Describe* answer parts: the items named by `references` as JSON, and a MISSING failure for each unknown one. */
function described<T extends { arn: string }>(
  items: readonly T[],
  references: readonly string[],
  toJson: (item: T) => JsonObject,
): { found: JsonObject[]; failures: JsonObject[] } {
  const found = references.map((reference) => items.find((item) => designates(item.arn, reference)));
  return {
    found: found.flatMap((item) => (item ? [toJson(item)] : [])),
    failures: references.filter((_, index) => !found[index]).map((arn) => ({ arn, reason: 'MISSING' })),
  };
}

function describeContainerInstances({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const { found, failures } = described(
    cluster.containerInstances,
    batch(input, 'containerInstances', 100),
    (instance) => containerInstanceJson(instance, data),
  );
  return { containerInstances: found, failures };
}

function listTasks({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const serviceName = input.string('serviceName');
  if (serviceName !== undefined && !cluster.services.some((service) => designates(service.arn, serviceName))) {
    throw new ApiError('ServiceNotFoundException', 'Service not found.');
  }
  // ListTasks shows RUNNING tasks unless another desired status is asked for.
  const desiredStatus = input.string('desiredStatus') ?? 'RUNNING';
  const containerInstance = input.string('containerInstance');
  const family = input.string('family');
  const startedBy = input.string('startedBy');
  const launchType = input.string('launchType');
  const tasks = cluster.tasks.filter(
    (task) =>
      task.desiredStatus === desiredStatus &&
      (serviceName === undefined || task.group === `service:${serviceName.split('/').pop()}`) &&
      (containerInstance === undefined ||
        (task.containerInstanceArn !== undefined && designates(task.containerInstanceArn, containerInstance))) &&
      (family === undefined || task.taskDefinitionArn.includes(`:task-definition/${family}:`)) &&
      (startedBy === undefined || task.startedBy === startedBy) &&
      (launchType === undefined || task.launchType === launchType),
  );
  const page = paginate(
    tasks,
    maxResults(input, 100),
    input.string('nextToken'),
    `ListTasks ${cluster.arn}`,
    invalidToken,
  );
  return { taskArns: page.items.map((task) => task.arn), nextToken: page.nextToken };
}

function describeTasks({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const { found, failures } = described(cluster.tasks, batch(input, 'tasks', 100), (task) =>
    taskJson(task, cluster, data),
  );
  return { tasks: found, failures };
}

function describeTaskDefinition({ data }: Context, input: JsonInput): JsonObject {
  const reference = input.string('taskDefinition');
  if (reference === undefined) throw new ApiError('ClientException', 'TaskDefinition can not be blank.');
  const [family, revision] = (reference.startsWith('arn:') ? (reference.split('/').pop() ?? '') : reference).split(':');
  const candidates = data.taskDefinitions
    .filter((definition) => definition.family === family)
    .filter((definition) =>
      revision === undefined ? definition.status === 'ACTIVE' : definition.revision === Number(revision),
    );
  const definition = candidates.sort((a, b) => b.revision - a.revision)[0];
  if (!definition) throw new ApiError('ClientException', 'Unable to describe task definition.');
  return { taskDefinition: taskDefinitionJson(definition), tags: [] };
}

function listServices({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const launchType = input.string('launchType');
  const services = cluster.services.filter((service) => launchType === undefined || service.launchType === launchType);
  const page = paginate(
    services,
    maxResults(input, 10),
    input.string('nextToken'),
    `ListServices ${cluster.arn}`,
    invalidToken,
  );
  return { serviceArns: page.items.map((service) => service.arn), nextToken: page.nextToken };
}

function describeServices({ data }: Context, input: JsonInput): JsonObject {
  const cluster = findCluster(data, input);
  const { found, failures } = described(cluster.services, batch(input, 'services', 10), (service) =>
    serviceJson(service, cluster),
  );
  return { services: found, failures };
}

function describeClusters({ account, region, data }: Context, input: JsonInput): JsonObject {
  const references = input.strings('clusters') ?? ['default'];
  if (references.length > 100) throw invalidParameter('Too many clusters were provided. The maximum is 100.');
  const found = references.map((reference) =>
    data.clusters.find((cluster) => cluster.name === reference || cluster.arn === reference),
  );
  return {
    clusters: found.flatMap((cluster) =>
      cluster
        ? [
            {
              clusterArn: cluster.arn,
              clusterName: cluster.name,
              status: cluster.status,
              registeredContainerInstancesCount: cluster.containerInstances.length,
              runningTasksCount: cluster.tasks.filter((task) => task.lastStatus === 'RUNNING').length,
              pendingTasksCount: cluster.tasks.filter((task) => task.lastStatus === 'PENDING').length,
              activeServicesCount: cluster.services.filter((service) => service.status === 'ACTIVE').length,
              statistics: [],
              tags: [],
              settings: [{ name: 'containerInsights', value: 'disabled' }],
              capacityProviders: [],
              defaultCapacityProviderStrategy: [],
            },
          ]
        : [],
    ),
    failures: references
      .filter((_, index) => !found[index])
      .map((reference) => ({
        arn: reference.startsWith('arn:') ? reference : `arn:aws:ecs:${region}:${account}:cluster/${reference}`,
        reason: 'MISSING',
      })),
  };
}

export const ecs: JsonService = {
  wire: 'awsJson1_1',
  signingName: 'ecs',
  targetPrefix: 'AmazonEC2ContainerServiceV20141113',
  operations: {
    ListContainerInstances: listContainerInstances,
    DescribeContainerInstances: describeContainerInstances,
    ListTasks: listTasks,
    DescribeTasks: describeTasks,
    DescribeTaskDefinition: describeTaskDefinition,
    ListServices: listServices,
    DescribeServices: describeServices,
    DescribeClusters: describeClusters,
  },
};
