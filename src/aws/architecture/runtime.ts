import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, paginateListTasks, type Task } from '@aws-sdk/client-ecs';
import type { Container, RackRuntime, Server, Subnet } from '../../model/architecture/data';
import { appOfService, chunks } from '../../model/processes';
import type { Rack } from '../../model/rack';
import type { AwsClients } from '../clients';
import { tag, usedShare, type Abort, type RackDetailsLoader } from '../details/rackDetails';
import type { AwsProfile } from '../profiles';

/** API limit of DescribeTasks, and the largest ListTasks page. */
const taskBatch = 100;

function container(task: Task, serverOf: ReadonlyMap<string, string>, rackName: string): Container {
  const service = task.group?.startsWith('service:') ? task.group.slice('service:'.length) : '';
  return {
    taskArn: task.taskArn ?? '',
    serverId: task.containerInstanceArn ? serverOf.get(task.containerInstanceArn) : undefined,
    app: appOfService(service, rackName) ?? '',
    service: task.containers?.[0]?.name ?? service,
    status: (task.lastStatus ?? 'unknown').toLowerCase(),
    startedAt: task.startedAt,
  };
}

/**
 * What runs in a rack now: its servers (build and spot ones marked) and every container of its cluster. A task
 * is described once and kept while it is listed as running; only new tasks, and tasks not yet running, are
 * described again, so a refresh in which nothing changed costs four calls plus one per 100 tasks.
 */
export class RuntimeReader {
  private readonly seen = new Map<string, Map<string, Container>>();

  constructor(
    private readonly clients: AwsClients,
    private readonly details: RackDetailsLoader,
  ) {}

  async runtime(profile: AwsProfile, rack: Rack, abort: Abort): Promise<RackRuntime> {
    const [instances, containerInstances, taskArns] = await Promise.all([
      this.details.ec2Instances(profile, rack, abort),
      this.details.containerInstances(profile, rack, abort),
      this.taskArns(profile, rack, abort),
    ]);
    const byEc2Id = new Map(containerInstances.map((entry) => [entry.ec2InstanceId, entry]));
    const serverOf = new Map(
      containerInstances.flatMap((entry) =>
        entry.containerInstanceArn && entry.ec2InstanceId
          ? [[entry.containerInstanceArn, entry.ec2InstanceId] as const]
          : [],
      ),
    );
    const servers = instances.map((instance): Server => {
      const registered = byEc2Id.get(instance.InstanceId);
      return {
        id: instance.InstanceId ?? '',
        status: (registered?.status ?? instance.State?.Name ?? 'unknown').toLowerCase(),
        role: tag(instance, 'Purpose') === 'Build' ? 'build' : instance.InstanceLifecycle === 'spot' ? 'spot' : 'rack',
        instanceType: instance.InstanceType,
        availabilityZone: instance.Placement?.AvailabilityZone,
        subnetId: instance.SubnetId,
        cpu: usedShare(registered, 'CPU'),
        memory: usedShare(registered, 'MEMORY'),
        launchedAt: instance.LaunchTime,
      };
    });
    const containers = await this.containers(profile, rack, taskArns, serverOf, abort);
    return { servers: servers.sort((a, b) => a.id.localeCompare(b.id)), containers, readAt: new Date() };
  }

  /** The subnets the stack names, with their zones and address ranges. */
  async subnets(profile: AwsProfile, region: string, subnetIds: readonly string[], abort: Abort): Promise<Subnet[]> {
    if (subnetIds.length === 0) return [];
    const ec2 = this.clients.client('ec2', profile, region, (config) => new EC2Client(config));
    const answer = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...subnetIds] }), abort);
    return (answer.Subnets ?? []).flatMap((subnet) =>
      subnet.SubnetId && subnet.AvailabilityZone
        ? [{ id: subnet.SubnetId, availabilityZone: subnet.AvailabilityZone, cidr: subnet.CidrBlock }]
        : [],
    );
  }

  private async taskArns(profile: AwsProfile, rack: Rack, abort: Abort): Promise<string[]> {
    const cluster = rack.outputs.Cluster;
    if (!cluster) return [];
    const arns: string[] = [];
    const pages = paginateListTasks(
      { client: this.details.ecs(profile, rack.region), pageSize: taskBatch, stopOnSameToken: true },
      { cluster, desiredStatus: 'RUNNING' },
      abort,
    );
    for await (const page of pages) arns.push(...(page.taskArns ?? []));
    return arns;
  }

  private async containers(
    profile: AwsProfile,
    rack: Rack,
    arns: readonly string[],
    serverOf: ReadonlyMap<string, string>,
    abort: Abort,
  ): Promise<Container[]> {
    const known = this.seen.get(rack.stackId) ?? new Map<string, Container>();
    const unsettled = arns.filter((arn) => known.get(arn)?.status !== 'running');
    const cluster = rack.outputs.Cluster;
    const ecs = this.details.ecs(profile, rack.region);
    const answers = await Promise.all(
      chunks(unsettled, taskBatch).map((tasks) => ecs.send(new DescribeTasksCommand({ cluster, tasks }), abort)),
    );
    for (const task of answers.flatMap((answer) => answer.tasks ?? [])) {
      if (task.taskArn) known.set(task.taskArn, container(task, serverOf, rack.name));
    }
    const listed = new Set(arns);
    for (const arn of known.keys()) if (!listed.has(arn)) known.delete(arn);
    this.seen.set(rack.stackId, known);
    return [...known.values()].sort((a, b) => a.taskArn.localeCompare(b.taskArn));
  }
}
