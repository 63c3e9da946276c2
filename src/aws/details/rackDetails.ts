import { EC2Client, paginateDescribeInstances, type Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  paginateListContainerInstances,
  paginateListServices,
  paginateListTasks,
  type ContainerInstance,
  type KeyValuePair,
  type Task,
} from '@aws-sdk/client-ecs';
import { chunks, isRackService, processFromTask } from '../../model/processes';
import type { ContainerDefinition, Instance, Process, Rack, RackDetails, RackTask } from '../../model/rack';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';

/** What every call of one read is sent with: the signal that aborts it at the read's deadline. */
export type Abort = { abortSignal: AbortSignal };

/** API limits of the ECS Describe* calls, and the largest page the List* calls give. */
const describeBatch = 100;
const listPage = 100;

export function tag(instance: Ec2Instance, key: string): string | undefined {
  return instance.Tags?.find((entry) => entry.Key === key)?.Value;
}

export function usedShare(containerInstance: ContainerInstance | undefined, resource: string): number | undefined {
  const registered = containerInstance?.registeredResources?.find((entry) => entry.name === resource)?.integerValue;
  const remaining = containerInstance?.remainingResources?.find((entry) => entry.name === resource)?.integerValue;
  if (!registered || remaining === undefined) return undefined;
  return (registered - remaining) / registered;
}

function pairs(entries: readonly KeyValuePair[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { name, value } of entries ?? []) if (name) result[name] = value ?? '';
  return result;
}

function rackTask(task: Task): RackTask {
  const container = task.containers?.[0]?.name ?? '';
  const override = task.overrides?.containerOverrides?.find((entry) => entry.name === container);
  return {
    taskArn: task.taskArn ?? '',
    taskDefinitionArn: task.taskDefinitionArn,
    container,
    status: (task.lastStatus ?? 'unknown').toLowerCase(),
    started: task.startedAt,
    startedBy: task.startedBy,
    overrideCommand: override?.command,
    // `convox rack ps` reads APP, RELEASE and COMMAND from every container's override, not only this one's.
    overrideEnvironment: pairs(task.overrides?.containerOverrides?.flatMap((entry) => entry.environment ?? [])),
  };
}

/** Reads rack details from EC2 and ECS, batching Describe* calls to the API limits. */
export class RackDetailsLoader {
  /** Task definition revisions never change, so each is read once for the life of the extension. */
  private readonly taskDefinitions = new Map<string, Promise<ContainerDefinition[]>>();

  constructor(private readonly clients: AwsClients) {}

  ecs(profile: AwsProfile, region: string): ECSClient {
    return this.clients.client('ecs', profile, region, (config) => new ECSClient(config));
  }

  /** `signal` aborts every request still in flight (the store's deadline for one read). */
  async load(profile: AwsProfile, rack: Rack, signal: AbortSignal): Promise<RackDetails> {
    const abort = { abortSignal: signal };
    const [instances, tasks] = await Promise.all([
      this.instances(profile, rack, abort),
      this.tasks(profile, rack, abort),
    ]);
    return { instances, tasks, loadedAt: new Date() };
  }

  /** `convox rack ps` rows: the tasks with what their task definitions add (app, release, command). */
  async processes(
    profile: AwsProfile,
    rack: Rack,
    tasks: readonly RackTask[],
    signal: AbortSignal,
  ): Promise<Process[]> {
    const ecs = this.ecs(profile, rack.region);
    const abort = { abortSignal: signal };
    const processes = await Promise.all(
      tasks.map(async (task) =>
        processFromTask(
          task,
          task.taskDefinitionArn ? await this.taskDefinition(ecs, task.taskDefinitionArn, abort) : [],
          rack.name,
        ),
      ),
    );
    return processes.sort((a, b) => a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
  }

  /** `convox instances`: the rack's EC2 instances (not build servers) joined with their ECS container instances. */
  private async instances(profile: AwsProfile, rack: Rack, abort: Abort): Promise<Instance[]> {
    const [ec2Instances, containerInstances] = await Promise.all([
      this.ec2Instances(profile, rack, abort),
      this.containerInstances(profile, rack, abort),
    ]);
    const byEc2Id = new Map(containerInstances.map((entry) => [entry.ec2InstanceId, entry]));
    return ec2Instances
      .filter((instance) => tag(instance, 'Purpose') !== 'Build')
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

  /** Every EC2 instance tagged with the rack's name that is not terminated, build servers included. */
  async ec2Instances(profile: AwsProfile, rack: Rack, abort: Abort): Promise<Ec2Instance[]> {
    const client = this.clients.client('ec2', profile, rack.region, (config) => new EC2Client(config));
    const Filters = [
      { Name: 'tag:Rack', Values: [rack.name] },
      { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping'] },
    ];
    const found: Ec2Instance[] = [];
    for await (const page of paginateDescribeInstances({ client, stopOnSameToken: true }, { Filters }, abort)) {
      for (const reservation of page.Reservations ?? []) found.push(...(reservation.Instances ?? []));
    }
    return found;
  }

  /** The container instances of the rack's cluster, with their status and resources. */
  async containerInstances(profile: AwsProfile, rack: Rack, abort: Abort): Promise<ContainerInstance[]> {
    const cluster = rack.outputs.Cluster;
    if (!cluster) return [];
    const ecs = this.ecs(profile, rack.region);
    const arns: string[] = [];
    for await (const page of paginateListContainerInstances(
      { client: ecs, pageSize: listPage, stopOnSameToken: true },
      { cluster },
      abort,
    ))
      arns.push(...(page.containerInstanceArns ?? []));
    const answers = await Promise.all(
      chunks(arns, describeBatch).map((batch) =>
        ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch }), abort),
      ),
    );
    return answers.flatMap((answer) => answer.containerInstances ?? []);
  }

  /** Running tasks of the rack's own services; app services' tasks are never fetched. */
  private async tasks(profile: AwsProfile, rack: Rack, abort: Abort): Promise<RackTask[]> {
    const cluster = rack.outputs.Cluster;
    if (!cluster) return [];
    const ecs = this.ecs(profile, rack.region);
    const services: string[] = [];
    for await (const page of paginateListServices(
      { client: ecs, pageSize: listPage, stopOnSameToken: true },
      { cluster },
      abort,
    )) {
      for (const arn of page.serviceArns ?? []) {
        const name = arn.slice(arn.lastIndexOf('/') + 1);
        if (isRackService(name, rack.name)) services.push(name);
      }
    }
    const perService = await Promise.all(
      services.map(async (serviceName) => {
        const arns: string[] = [];
        for await (const page of paginateListTasks(
          { client: ecs, pageSize: listPage, stopOnSameToken: true },
          { cluster, serviceName, desiredStatus: 'RUNNING' },
          abort,
        ))
          arns.push(...(page.taskArns ?? []));
        return arns;
      }),
    );
    const answers = await Promise.all(
      chunks(perService.flat(), describeBatch).map((batch) =>
        ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }), abort),
      ),
    );
    return answers.flatMap((answer) => answer.tasks ?? []).map(rackTask);
  }

  private taskDefinition(ecs: ECSClient, arn: string, abort: Abort): Promise<ContainerDefinition[]> {
    let pending = this.taskDefinitions.get(arn);
    if (!pending) {
      pending = ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }), abort).then((answer) =>
        (answer.taskDefinition?.containerDefinitions ?? []).map((definition) => ({
          name: definition.name ?? '',
          command: definition.command ?? [],
          environment: pairs(definition.environment),
          labels: definition.dockerLabels ?? {},
        })),
      );
      pending.catch(() => this.taskDefinitions.delete(arn));
      this.taskDefinitions.set(arn, pending);
    }
    return pending;
  }
}
