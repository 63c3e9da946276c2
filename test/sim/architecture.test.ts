import * as assert from 'node:assert/strict';
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  paginateListStackResources,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  paginateListTasks,
  type ContainerInstance,
  type Task,
} from '@aws-sdk/client-ecs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, failure } from './clients';
import {
  architectureAccount,
  architectureProfile,
  architectureRegion,
  architectureScenario,
  hostileText,
} from './scenarios/architecture';
import { rackPassword } from './scenarios/rack';
import { installerAuth, rack2021Version } from './scenarios/rack2021';
import { startSimulator, type Simulator } from './server';

const tag = (tags: { Key?: string; Value?: string }[] | undefined, key: string): string | undefined =>
  tags?.find((found) => found.Key === key)?.Value;

/** The reads the architecture view makes of one rack, through the real SDK clients. */
class RackReader {
  readonly cloudFormation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly ecs: ECSClient;

  constructor(sim: Simulator) {
    this.cloudFormation = new CloudFormationClient(clientConfig(sim, architectureProfile));
    this.ec2 = new EC2Client(clientConfig(sim, architectureProfile));
    this.ecs = new ECSClient(clientConfig(sim, architectureProfile));
  }

  async stack(name: string): Promise<Stack> {
    return (
      (await this.cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0] ?? assert.fail(name)
    );
  }

  /** Every resource, page by page as the SDK's paginator asks; the page sizes too. */
  async resources(name: string): Promise<{ pages: number[]; resources: StackResourceSummary[] }> {
    const pages: number[] = [];
    const resources: StackResourceSummary[] = [];
    for await (const page of paginateListStackResources({ client: this.cloudFormation }, { StackName: name })) {
      pages.push(page.StackResourceSummaries?.length ?? 0);
      resources.push(...(page.StackResourceSummaries ?? []));
    }
    return { pages, resources };
  }

  async instances(rack: string): Promise<Instance[]> {
    const { Reservations = [] } = await this.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:Rack', Values: [rack] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    return Reservations.flatMap((reservation) => reservation.Instances ?? []);
  }

  async containerInstances(cluster: string): Promise<ContainerInstance[]> {
    const { containerInstanceArns = [] } = await this.ecs.send(new ListContainerInstancesCommand({ cluster }));
    if (containerInstanceArns.length === 0) return [];
    return (
      (
        await this.ecs.send(
          new DescribeContainerInstancesCommand({ cluster, containerInstances: containerInstanceArns }),
        )
      ).containerInstances ?? []
    );
  }

  /** The cluster's running tasks: ListTasks page by page, DescribeTasks 100 at a time. */
  async tasks(cluster: string): Promise<Task[]> {
    const arns: string[] = [];
    for await (const page of paginateListTasks({ client: this.ecs, pageSize: 100 }, { cluster }))
      arns.push(...(page.taskArns ?? []));
    const tasks: Task[] = [];
    for (let start = 0; start < arns.length; start += 100) {
      tasks.push(
        ...((await this.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(start, start + 100) }))).tasks ??
          []),
      );
    }
    return tasks;
  }
}

const output = (stack: Stack, key: string): string | undefined =>
  stack.Outputs?.find((found) => found.OutputKey === key)?.OutputValue;
const parameter = (stack: Stack, key: string): string | undefined =>
  stack.Parameters?.find((found) => found.ParameterKey === key)?.ParameterValue;

function byLogicalId(resources: StackResourceSummary[]): Map<string, StackResourceSummary> {
  return new Map(resources.map((resource) => [resource.LogicalResourceId ?? '', resource]));
}

describe('architecture scenario through the real SDK clients', () => {
  let sim: Simulator;
  let read: RackReader;

  before(async () => {
    sim = await startSimulator({ scenario: architectureScenario() });
    read = new RackReader(sim);
  });
  after(() => sim.stop());

  it('has every kind of rack in one account and region', async () => {
    const { Stacks = [] } = await read.cloudFormation.send(new DescribeStacksCommand({}));
    const racks = Stacks.filter((found) => tag(found.Tags, 'Type') === 'rack').map(
      (found) => `${found.StackName} ${found.StackStatus}`,
    );
    assert.deepEqual(racks, [
      'public CREATE_COMPLETE',
      'private CREATE_COMPLETE',
      'routers CREATE_COMPLETE',
      'spot CREATE_COMPLETE',
      'three-zones CREATE_COMPLETE',
      'creating CREATE_IN_PROGRESS',
      'rollback UPDATE_ROLLBACK_IN_PROGRESS',
      'vintage CREATE_COMPLETE',
      'vintage-alb CREATE_COMPLETE',
      'hostile CREATE_COMPLETE',
    ]);
  });

  describe('ListStackResources lists the logical ids the template creates for each rack, paged by 100', () => {
    const expected: Record<string, { pages: (count: number[]) => boolean; present: string[]; absent: string[] }> = {
      public: {
        pages: (pages) => pages.length === 1 && pages[0] > 80,
        present: [
          'Vpc',
          'Subnet0',
          'Subnet1',
          'VolumeTarget1',
          'ApiBalancer',
          'Router',
          'RouterListener80',
          'Cluster',
          'Instances',
          'BuildCluster',
          'BuildInstances',
          'InstancesAutoscaler',
          'LogGroup',
          'ServiceWebApi',
        ],
        absent: [
          'Subnet2',
          'VolumeTarget2',
          'SubnetPrivate0',
          'Nat0',
          'NatAddress0',
          'RouterInternal',
          'NLBRouter',
          'SpotInstances',
        ],
      },
      private: {
        pages: (pages) => pages.length === 2 && pages[0] === 100,
        present: [
          'Subnet2',
          'SubnetPrivate0',
          'SubnetPrivate1',
          'SubnetPrivate2',
          'Nat0',
          'Nat1',
          'Nat2',
          'NatAddress2',
          'RouteTablePrivate2',
          'SubnetPrivate2Routes',
          'Router',
        ],
        absent: ['RouterInternal', 'NLBRouter', 'NLBRouterInternal', 'SpotInstances'],
      },
      routers: {
        pages: (pages) => pages.length === 2 && pages[0] === 100,
        present: [
          'Router',
          'RouterInternal',
          'RouterInternalListener443',
          'NLBRouter',
          'NLBAddress0',
          'NLBAddress2',
          'NLBSecurity',
          'InstancesSecurityNLBIngress',
          'NLBRouterInternal',
          'NLBInternalSecurity',
        ],
        absent: ['SpotInstances'],
      },
      spot: {
        pages: (pages) => pages.length === 1,
        present: [
          'SpotInstances',
          'SpotInstanceLaunchTemplate',
          'SpotInstancesLifecycleLaunching',
          'SpotInstancesLifecycleTerminating',
          'BuildCluster',
          'BuildInstances',
          'Subnet2',
        ],
        absent: ['SubnetPrivate0', 'Nat0', 'NLBRouter', 'SpotFleet'],
      },
      'three-zones': {
        pages: (pages) => pages.length === 1,
        present: ['Subnet2', 'VolumeTarget2', 'Subnet2Routes'],
        absent: ['InstancesAutoscaler', 'InstancesAutoscalerEvent', 'LogGroup', 'SubnetPrivate2'],
      },
      vintage: {
        pages: (pages) => pages.length === 1,
        present: [
          'Balancer',
          'BalancerSecurity',
          'Router',
          'ApiWebService',
          'ApiMonitorService',
          'ApiWebTasks',
          'ApiMonitorTasks',
          'CustomerManagedKey',
          'EncryptionKey',
        ],
        absent: ['ApiBalancer', 'ApiBalancerListener443', 'ServiceWebApi', 'ServiceMonitorApi', 'RackApiSecret'],
      },
      'vintage-alb': {
        pages: (pages) => pages.length === 1,
        present: ['Router', 'RouterListener443', 'ApiWebService', 'ApiMonitorService'],
        absent: ['Balancer', 'ApiBalancer', 'ServiceWebApi', 'RackApiSecret', 'Subnet2'],
      },
    };
    for (const [rack, expectation] of Object.entries(expected)) {
      it(rack, async () => {
        const { pages, resources } = await read.resources(rack);
        assert.ok(expectation.pages(pages), `pages ${pages.join(', ')}`);
        const ids = resources.map((resource) => resource.LogicalResourceId ?? '');
        assert.equal(new Set(ids).size, ids.length, 'each logical id once');
        for (const id of expectation.present) assert.ok(ids.includes(id), `${rack} has ${id}`);
        for (const id of expectation.absent) assert.ok(!ids.includes(id), `${rack} has no ${id}`);
        for (const resource of resources) {
          assert.equal(resource.ResourceStatus, 'CREATE_COMPLETE', resource.LogicalResourceId);
          assert.ok(resource.PhysicalResourceId && resource.ResourceType?.includes('::'), resource.LogicalResourceId);
          assert.ok(resource.LastUpdatedTimestamp instanceof Date);
        }
      });
    }

    it('a private rack has more resources than DescribeStackResources answers', async () => {
      const { resources } = await read.resources('private');
      const { StackResources = [] } = await read.cloudFormation.send(
        new DescribeStackResourcesCommand({ StackName: 'private' }),
      );
      assert.ok(resources.length > 100, `${resources.length} resources`);
      assert.equal(StackResources.length, 100);
    });
  });

  describe('physical ids agree with the outputs and with what EC2 and ECS serve', () => {
    for (const rack of ['public', 'private', 'routers', 'spot', 'three-zones', 'hostile', 'vintage', 'vintage-alb']) {
      it(rack, async () => {
        const stack = await read.stack(rack);
        const resources = byLogicalId((await read.resources(rack)).resources);
        const physical = (logicalId: string): string =>
          resources.get(logicalId)?.PhysicalResourceId ?? assert.fail(`${rack} ${logicalId}`);
        const outputsToResources: Record<string, string> = {
          Vpc: 'Vpc',
          Cluster: 'Cluster',
          AutoscalingGroup: 'Instances',
          SettingsBucket: 'Settings',
          LogBucket: 'Logs',
          ELBLogBucket: 'ELBLogs',
          DynamoBuilds: 'DynamoBuilds',
          DynamoReleases: 'DynamoReleases',
          LogGroup: 'LogGroup',
          BuildCluster: 'BuildCluster',
        };
        for (const [key, logicalId] of Object.entries(outputsToResources)) {
          const value = output(stack, key);
          if (value !== undefined) assert.equal(value, physical(logicalId), key);
        }
        const isPrivate = output(stack, 'Private') === 'Yes';
        const zones = output(stack, 'AvailabilityZones')?.split(',') ?? assert.fail('AvailabilityZones');
        const publicIds = zones.map((_, index) => physical(`Subnet${index}`));
        const privateIds = isPrivate ? zones.map((_, index) => physical(`SubnetPrivate${index}`)) : [];
        assert.equal(output(stack, 'Subnets'), publicIds.join(','));
        assert.equal(output(stack, 'SubnetsPrivate'), isPrivate ? privateIds.join(',') : undefined);
        if (isPrivate) {
          assert.equal(output(stack, 'NatGateways'), zones.map((_, index) => physical(`Nat${index}`)).join(','));
          assert.equal(output(stack, 'NatIPs'), zones.map((_, index) => physical(`NatAddress${index}`)).join(','));
        }

        const { Subnets = [] } = await read.ec2.send(
          new DescribeSubnetsCommand({ SubnetIds: [...publicIds, ...privateIds] }),
        );
        const subnets = new Map(Subnets.map((subnet) => [subnet.SubnetId ?? '', subnet]));
        [publicIds, privateIds].forEach((ids, kind) =>
          ids.forEach((id, index) => {
            const subnet = subnets.get(id) ?? assert.fail(id);
            assert.equal(subnet.AvailabilityZone, zones[index]);
            assert.equal(subnet.VpcId, output(stack, 'Vpc'));
            assert.equal(subnet.CidrBlock, parameter(stack, `${kind === 0 ? 'Subnet' : 'SubnetPrivate'}${index}CIDR`));
          }),
        );
        const { Vpcs = [] } = await read.ec2.send(new DescribeVpcsCommand({ VpcIds: [physical('Vpc')] }));
        assert.equal(Vpcs[0].CidrBlock, output(stack, 'Vpccidr'));

        const instances = await read.instances(rack);
        assert.ok(instances.length > 0);
        for (const instance of instances) {
          const subnet =
            subnets.get(instance.SubnetId ?? '') ?? assert.fail(`${instance.InstanceId} in ${instance.SubnetId}`);
          assert.ok(
            (isPrivate ? privateIds : publicIds).includes(subnet.SubnetId ?? ''),
            'servers are in the private subnets of a private rack',
          );
          assert.equal(instance.Placement?.AvailabilityZone, subnet.AvailabilityZone);
          assert.equal(instance.VpcId, output(stack, 'Vpc'));
          assert.ok(
            instance.PrivateIpAddress?.startsWith(subnet.CidrBlock?.replace(/\.0\/24$/, '.') ?? '-'),
            `${instance.PrivateIpAddress} in ${subnet.CidrBlock}`,
          );
          assert.equal(instance.PublicIpAddress === undefined, isPrivate);
        }

        const cluster = physical('Cluster');
        const hosts = await read.containerInstances(cluster);
        const servers = instances.filter((instance) => tag(instance.Tags, 'Purpose') !== 'Build');
        assert.deepEqual(
          hosts.map((host) => host.ec2InstanceId).sort(),
          servers.map((instance) => instance.InstanceId).sort(),
        );
        const tasks = await read.tasks(cluster);
        assert.ok(tasks.length > 0);
        for (const task of tasks) {
          assert.ok(
            hosts.some((host) => host.containerInstanceArn === task.containerInstanceArn),
            `${task.taskArn} on a host of the cluster`,
          );
          assert.match(task.group ?? '', /^service:/);
          assert.equal(task.lastStatus, 'RUNNING');
          assert.ok(task.startedAt instanceof Date);
          assert.match(task.taskDefinitionArn ?? '', /:task-definition\//);
        }
        const rackWeb = physical(resources.has('ApiWebService') ? 'ApiWebService' : 'ServiceWebApi')
          .split('/')
          .pop();
        assert.ok(
          tasks.some((task) => task.group === `service:${rackWeb}`),
          'the rack API runs in its cluster',
        );
      });
    }
  });

  it('spot servers say InstanceLifecycle spot and join the rack cluster; the build server has its own', async () => {
    const stack = await read.stack('spot');
    const instances = await read.instances('spot');
    const logical = (instance: Instance): string | undefined => tag(instance.Tags, 'aws:cloudformation:logical-id');
    const spot = instances.filter((instance) => instance.InstanceLifecycle === 'spot');
    assert.equal(spot.length, 3);
    assert.ok(spot.every((instance) => logical(instance) === 'SpotInstances'));
    assert.deepEqual(
      instances
        .filter((instance) => instance.InstanceLifecycle === undefined)
        .map(logical)
        .sort(),
      ['BuildInstances', 'Instances', 'Instances', 'Instances'],
    );
    assert.equal(output(stack, 'SpotInstances'), 'Yes');
    assert.equal(parameter(stack, 'SpotInstanceBid'), '0.05');

    const hosts = await read.containerInstances(output(stack, 'Cluster') ?? '');
    assert.equal(hosts.length, 6);
    const spotHosts = hosts.filter((host) => spot.some((instance) => instance.InstanceId === host.ec2InstanceId));
    const tasks = await read.tasks(output(stack, 'Cluster') ?? '');
    assert.ok(
      tasks.some((task) => spotHosts.some((host) => host.containerInstanceArn === task.containerInstanceArn)),
      'some tasks run on spot servers',
    );

    const build = instances.filter((instance) => tag(instance.Tags, 'Purpose') === 'Build');
    assert.equal(build.length, 1);
    assert.equal(build[0].InstanceType, 't3.medium');
    const buildHosts = await read.containerInstances(output(stack, 'BuildCluster') ?? '');
    assert.deepEqual(
      buildHosts.map((host) => host.ec2InstanceId),
      [build[0].InstanceId],
    );
  });

  it('a private rack has an internal API load balancer and no public addresses', async () => {
    const stack = await read.stack('private');
    const resources = byLogicalId((await read.resources('private')).resources);
    assert.match(resources.get('ApiBalancer')?.PhysicalResourceId ?? '', /:loadbalancer\/app\/private-i\//);
    assert.match(output(stack, 'Dashboard') ?? '', /^internal-private-i-/);
    assert.equal(parameter(stack, 'PrivateApi'), 'Yes');
    assert.equal(output(stack, 'NatIPs')?.split(',').length, 3);
  });

  it('a rack with internal and network routers has their outputs', async () => {
    const stack = await read.stack('routers');
    assert.match(output(stack, 'DomainInternal') ?? '', /^internal-routers-rti-/);
    assert.match(output(stack, 'NLBHost') ?? '', /\.elb\.us-east-1\.amazonaws\.com$/);
    assert.match(output(stack, 'NLBInternalHost') ?? '', /^internal-/);
    const resources = byLogicalId((await read.resources('routers')).resources);
    for (const zone of ['0', '1', '2'])
      assert.equal(
        output(stack, `NLBEIP${zone}`),
        resources.get(`NLBAddress${zone}`)?.PhysicalResourceId,
        `NLBEIP${zone}`,
      );
    assert.ok(output(stack, 'Domain'));
  });

  it('a rack being created has part of its resources, some still being created, no outputs and one pending server', async () => {
    const stack = await read.stack('creating');
    assert.equal(stack.StackStatus, 'CREATE_IN_PROGRESS');
    assert.equal(stack.Outputs, undefined);
    const { pages, resources } = await read.resources('creating');
    assert.equal(pages.length, 1);
    const found = byLogicalId(resources);
    for (const id of ['Vpc', 'Subnet0', 'Subnet1', 'Cluster', 'Settings'])
      assert.equal(found.get(id)?.ResourceStatus, 'CREATE_COMPLETE', id);
    for (const id of ['ApiBalancer', 'Instances']) {
      assert.equal(found.get(id)?.ResourceStatus, 'CREATE_IN_PROGRESS', id);
      assert.equal(found.get(id)?.PhysicalResourceId, undefined, `${id} has no physical id yet`);
    }
    for (const id of ['Subnet2', 'ServiceWebApi', 'InstancesLifecycleHandler', 'BuildInstances'])
      assert.ok(!found.has(id), `${id} not begun`);

    const instances = await read.instances('creating');
    assert.deepEqual(
      instances.map((instance) => instance.State?.Name),
      ['pending'],
    );
    const { Subnets = [] } = await read.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [found.get('Subnet0')?.PhysicalResourceId ?? ''] }),
    );
    assert.equal(instances[0].SubnetId, Subnets[0].SubnetId);
    const cluster = found.get('Cluster')?.PhysicalResourceId ?? assert.fail('Cluster');
    assert.deepEqual(await read.containerInstances(cluster), []);
    assert.deepEqual(await read.tasks(cluster), []);
  });

  it('a rack rolling back says why, and its servers still run', async () => {
    const stack = await read.stack('rollback');
    assert.equal(stack.StackStatus, 'UPDATE_ROLLBACK_IN_PROGRESS');
    assert.match(stack.StackStatusReason ?? '', /failed to update: \[Instances\]/);
    const instancesGroup = byLogicalId((await read.resources('rollback')).resources).get('Instances');
    assert.equal(instancesGroup?.ResourceStatus, 'UPDATE_FAILED');
    assert.match(instancesGroup?.ResourceStatusReason ?? '', /FAILURE signal/);
    assert.ok((await read.instances('rollback')).length >= 3);
  });

  it('a 2021 rack: the classic Balancer known by its name and answering on Dashboard, no SSM secret; its installer holds the password', async () => {
    const place = { account: architectureAccount, region: architectureRegion };
    const ssm = new SSMClient(clientConfig(sim, architectureProfile));
    for (const [rack, entry] of [
      ['vintage', 'Balancer'],
      ['vintage-alb', 'Router'],
    ] as const) {
      const stack = await read.stack(rack);
      const resources = byLogicalId((await read.resources(rack)).resources);
      assert.equal(parameter(stack, 'Version'), rack2021Version);
      const auth = installerAuth(place, {
        name: rack,
        apiRouter: parameter(stack, 'ApiRouter') === 'ALB' ? 'ALB' : 'ELB',
      });
      assert.equal(
        output(stack, 'Dashboard'),
        auth.host,
        `${rack}: the installer's auth file is keyed by the Dashboard host`,
      );
      assert.ok(resources.has(entry), `${rack} is reached through ${entry}`);
      const missing = await failure(() =>
        ssm.send(new GetParameterCommand({ Name: `${rack}RackApiSecret`, WithDecryption: true })),
      );
      assert.equal(missing.name, 'ParameterNotFound', rack);
    }
    const balancer = byLogicalId((await read.resources('vintage')).resources).get('Balancer');
    assert.equal(balancer?.ResourceType, 'AWS::ElasticLoadBalancing::LoadBalancer');
    assert.equal(balancer?.PhysicalResourceId, 'vintage');
    assert.match(
      output(await read.stack('vintage'), 'Dashboard') ?? '',
      /^vintage-\d+\.us-east-1\.elb\.amazonaws\.com$/,
    );
    assert.match(
      output(await read.stack('vintage-alb'), 'Dashboard') ?? '',
      /^rack\.vintage-alb-router-\d+\.us-east-1\.convox\.site$/,
    );
    const current = await ssm.send(new GetParameterCommand({ Name: 'publicRackApiSecret', WithDecryption: true }));
    assert.equal(current.Parameter?.Value, rackPassword(place, 'public'), 'a current rack still has its secret');
  });

  it('hostile markup comes back verbatim in tags, outputs, app names and commands', async () => {
    const stack = await read.stack('hostile');
    assert.equal(tag(stack.Tags, 'Owner'), hostileText.image);
    assert.equal(tag(stack.Tags, hostileText.link), hostileText.script);
    assert.equal(output(stack, 'Domain'), `${hostileText.image}.example.com`);
    assert.equal(output(stack, 'Note'), `${hostileText.script}${hostileText.attribute}`);
    assert.equal(tag((await read.stack('hostile-xss')).Tags, 'Name'), hostileText.image);
    assert.equal(tag((await read.instances('hostile'))[0].Tags, 'Owner'), hostileText.image);

    const tasks = await read.tasks(output(stack, 'Cluster') ?? '');
    const definitions = await Promise.all(
      [...new Set(tasks.map((task) => task.taskDefinitionArn ?? ''))].map(
        async (arn) =>
          (await read.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition
            ?.containerDefinitions?.[0],
      ),
    );
    const labels = definitions.map((container) => container?.dockerLabels?.['convox.app']);
    assert.ok(labels.includes(hostileText.image) && labels.includes(hostileText.attribute), labels.join(' | '));
    const commands = definitions.map((container) => container?.command?.join(' '));
    assert.ok(
      commands.includes(`sh -c echo '${hostileText.script}'`) && commands.includes(hostileText.link),
      commands.join(' | '),
    );
  });
});

describe('world changes a test makes while the simulator runs', () => {
  let sim: Simulator;
  let read: RackReader;
  let cluster: string;

  beforeEach(async () => {
    sim = await startSimulator({ scenario: architectureScenario() });
    read = new RackReader(sim);
    cluster = output(await read.stack('public'), 'Cluster') ?? assert.fail('Cluster');
  });
  afterEach(() => sim.stop());

  it('drainServer: the next DescribeContainerInstances says DRAINING, and ListContainerInstances for ACTIVE leaves it out', async () => {
    const [host] = await read.containerInstances(cluster);
    sim.world.drainServer(host.ec2InstanceId ?? '');
    const after = await read.containerInstances(cluster);
    assert.equal(after.find((found) => found.ec2InstanceId === host.ec2InstanceId)?.status, 'DRAINING');
    const active = await read.ecs.send(new ListContainerInstancesCommand({ cluster, status: 'ACTIVE' }));
    assert.ok(!active.containerInstanceArns?.includes(host.containerInstanceArn ?? ''));
    assert.throws(() => sim.world.drainServer('i-0000000000000000f'), /no ECS container instance/);
  });

  it('stopTask: the task leaves ListTasks, DescribeTasks says STOPPED, and its server and service count one task less', async () => {
    const tasks = await read.tasks(cluster);
    const task =
      tasks.find((candidate) => candidate.group?.startsWith('service:public-web-')) ?? assert.fail('an app task');
    const host =
      (await read.containerInstances(cluster)).find(
        (candidate) => candidate.containerInstanceArn === task.containerInstanceArn,
      ) ?? assert.fail('host');
    const cpu = (found: ContainerInstance): number =>
      found.remainingResources?.find((resource) => resource.name === 'CPU')?.integerValue ?? -1;

    sim.world.stopTask(task.taskArn ?? '');
    const running = await read.tasks(cluster);
    assert.equal(running.length, tasks.length - 1);
    assert.ok(!running.some((candidate) => candidate.taskArn === task.taskArn));
    const stopped = (await read.ecs.send(new DescribeTasksCommand({ cluster, tasks: [task.taskArn ?? ''] })))
      .tasks?.[0];
    assert.equal(stopped?.lastStatus, 'STOPPED');
    assert.equal(stopped?.desiredStatus, 'STOPPED');
    assert.equal(stopped?.stoppedReason, 'Task stopped by user');
    assert.ok(stopped?.stoppedAt instanceof Date);
    const hostAfter =
      (await read.containerInstances(cluster)).find(
        (candidate) => candidate.containerInstanceArn === host.containerInstanceArn,
      ) ?? assert.fail('host');
    assert.equal(hostAfter.runningTasksCount, (host.runningTasksCount ?? 0) - 1);
    assert.ok(cpu(hostAfter) > cpu(host), 'its CPU is free again');
    const { services = [] } = await read.ecs.send(
      new DescribeServicesCommand({ cluster, services: [task.group?.replace('service:', '') ?? ''] }),
    );
    assert.deepEqual([services[0].desiredCount, services[0].runningCount], [2, 1]);

    sim.world.stopTask(task.taskArn ?? '');
    assert.equal((await read.tasks(cluster)).length, tasks.length - 1, 'stopping a stopped task changes nothing');
    assert.throws(() => sim.world.stopTask('arn:aws:ecs:us-east-1:666666666666:task/none/0'), /no task/);
  });

  it('startUpdate: the next DescribeStacks says UPDATE_IN_PROGRESS with the new update time, and the events begin with it', async () => {
    const at = new Date('2025-06-01T12:30:00Z');
    sim.world.startUpdate('public', { at });
    const stack = await read.stack('public');
    assert.equal(stack.StackStatus, 'UPDATE_IN_PROGRESS');
    assert.equal(stack.LastUpdatedTime?.toISOString(), at.toISOString());
    const { StackEvents = [] } = await read.cloudFormation.send(
      new DescribeStackEventsCommand({ StackName: 'public' }),
    );
    assert.deepEqual(
      [StackEvents[0].ResourceStatus, StackEvents[0].ResourceStatusReason, StackEvents[0].Timestamp?.toISOString()],
      ['UPDATE_IN_PROGRESS', 'User Initiated', at.toISOString()],
    );
    const { Stacks = [] } = await read.cloudFormation.send(new DescribeStacksCommand({}));
    assert.equal(
      Stacks.find((found) => found.StackName === 'public')?.StackStatus,
      'UPDATE_IN_PROGRESS',
      'the listing sees it too',
    );
    assert.throws(() => sim.world.startUpdate('nope'), /0 live stacks named nope/);
  });
});
