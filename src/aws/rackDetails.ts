import { paginateDescribeInstances, type Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListContainerInstances,
  paginateListServices,
  paginateListTasks,
  type ContainerDefinition,
  type ContainerInstance,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import { chunks, isRackService, processId } from '../model/processes';
import type { Instance, Process, Rack, RackDetails } from '../model/rack';
import type { AwsClients } from './clients';
import type { AwsProfile } from './profiles';

/** API limits of the ECS Describe* calls. */
const describeBatch = 100;
const listPage = 100;

function tag(instance: Ec2Instance, key: string): string | undefined {
  return instance.Tags?.find((entry) => entry.Key === key)?.Value;
}

function usedShare(containerInstance: ContainerInstance | undefined, resource: string): number | undefined {
  const registered = containerInstance?.registeredResources?.find((entry) => entry.name === resource)?.integerValue;
  const remaining = containerInstance?.remainingResources?.find((entry) => entry.name === resource)?.integerValue;
  if (!registered || remaining === undefined) return undefined;
  return (registered - remaining) / registered;
}

/** Loads task definitions once per ARN for the life of the extension: a revision never changes. */
export class TaskDefinitionCache {
  private readonly byArn = new Map<string, Promise<ContainerDefinition[]>>();

  get(ecs: ECSClient, arn: string): Promise<ContainerDefinition[]> {
    let pending = this.byArn.get(arn);
    if (!pending) {
      pending = ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })).then((answer) => answer.taskDefinition?.containerDefinitions ?? []);
      pending.catch(() => this.byArn.delete(arn));
      this.byArn.set(arn, pending);
    }
    return pending;
  }
}

export class RackDetailsLoader {
  private readonly taskDefinitions = new TaskDefinitionCache();

  constructor(private readonly clients: AwsClients) {}

  async load(profile: AwsProfile, rack: Rack): Promise<RackDetails> {
    const [instances, processes] = await Promise.all([this.instances(profile, rack), this.processes(profile, rack)]);
    return { instances, processes, loadedAt: new Date() };
  }

  /** `convox instances`: the rack's EC2 instances (not build servers) joined with their ECS container instances. */
  private async instances(profile: AwsProfile, rack: Rack): Promise<Instance[]> {
    const ec2 = this.clients.ec2(profile, rack.region);
    const filters = [
      { Name: 'tag:Rack', Values: [rack.name] },
      { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping'] },
    ];
    const [ec2Instances, containerInstances] = await Promise.all([
      (async () => {
        const found: Ec2Instance[] = [];
        for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
          for (const reservation of page.Reservations ?? []) found.push(...(reservation.Instances ?? []));
        }
        return found.filter((instance) => tag(instance, 'Purpose') !== 'Build');
      })(),
      this.containerInstances(profile, rack),
    ]);
    const byEc2Id = new Map(containerInstances.map((entry) => [entry.ec2InstanceId, entry]));
    return ec2Instances
      .map((instance): Instance => {
        const container = byEc2Id.get(instance.InstanceId);
        return {
          id: instance.InstanceId ?? '',
          status: (container?.status ?? instance.State?.Name ?? 'unknown').toLowerCase(),
          started: instance.LaunchTime,
          processes: container?.runningTasksCount ?? 0,
          cpu: usedShare(container, 'CPU'),
          memory: usedShare(container, 'MEMORY'),
          publicIp: instance.PublicIpAddress,
          privateIp: instance.PrivateIpAddress,
          instanceType: instance.InstanceType,
          availabilityZone: instance.Placement?.AvailabilityZone,
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  private async containerInstances(profile: AwsProfile, rack: Rack): Promise<ContainerInstance[]> {
    const cluster = rack.outputs.Cluster;
    if (!cluster) return [];
    const ecs = this.clients.ecs(profile, rack.region);
    const arns: string[] = [];
    for await (const page of paginateListContainerInstances({ client: ecs, pageSize: listPage }, { cluster })) arns.push(...(page.containerInstanceArns ?? []));
    const batches = await Promise.all(
      chunks(arns, describeBatch).map((batch) => ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch }))),
    );
    return batches.flatMap((answer) => answer.containerInstances ?? []);
  }

  /** `convox rack ps`: the running tasks of the rack's own services; app services' tasks are never fetched. */
  private async processes(profile: AwsProfile, rack: Rack): Promise<Process[]> {
    const cluster = rack.outputs.Cluster;
    if (!cluster) return [];
    const ecs = this.clients.ecs(profile, rack.region);
    const services: string[] = [];
    for await (const page of paginateListServices({ client: ecs, pageSize: listPage }, { cluster })) {
      for (const arn of page.serviceArns ?? []) {
        const name = arn.slice(arn.lastIndexOf('/') + 1);
        if (isRackService(name, rack.name)) services.push(name);
      }
    }
    const taskArns = (
      await Promise.all(
        services.map(async (serviceName) => {
          const arns: string[] = [];
          for await (const page of paginateListTasks({ client: ecs, pageSize: listPage }, { cluster, serviceName, desiredStatus: 'RUNNING' })) arns.push(...(page.taskArns ?? []));
          return arns;
        }),
      )
    ).flat();
    const tasks = (await Promise.all(chunks(taskArns, describeBatch).map((batch) => ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }))))).flatMap(
      (answer) => answer.tasks ?? [],
    );
    const processes = await Promise.all(tasks.map((task) => this.process(ecs, rack, task)));
    return processes.sort((a, b) => a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
  }

  private async process(ecs: ECSClient, rack: Rack, task: Task): Promise<Process> {
    const container = task.containers?.[0];
    const definitions = task.taskDefinitionArn ? await this.taskDefinitions.get(ecs, task.taskDefinitionArn) : [];
    const definition = definitions.find((entry) => entry.name === container?.name) ?? definitions[0];
    const environment = new Map((definition?.environment ?? []).map((entry) => [entry.name, entry.value]));
    const override = task.overrides?.containerOverrides?.find((entry) => entry.name === container?.name);
    const command = override?.command ?? definition?.command ?? [];
    return {
      id: processId(task.taskArn ?? ''),
      app: definition?.dockerLabels?.['convox.app'] ?? environment.get('APP') ?? rack.name,
      service: container?.name ?? definition?.name ?? '',
      status: (task.lastStatus ?? 'unknown').toLowerCase(),
      release: definition?.dockerLabels?.['convox.release'] ?? environment.get('RELEASE') ?? '',
      started: task.startedAt,
      command: command.join(' '),
    };
  }
}
