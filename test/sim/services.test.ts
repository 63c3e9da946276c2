import * as assert from 'node:assert/strict';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  paginateDescribeStacks,
  paginateListStackResources,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { clientConfig, failure } from './clients';
import { benchScenario, bigRackScenario } from './scenarios/bench';
import { defaultScenario } from './scenarios/default';
import { scenario } from './scenarios/scenario';
import { stack } from './scenarios/stack';
import { startSimulator, type Simulator } from './server';
import type { Ec2Subnet } from './types';

const output = (found: Stack, key: string): string => {
  const value = found.Outputs?.find((candidate) => candidate.OutputKey === key)?.OutputValue;
  assert.ok(value, `output ${key} of ${found.StackName}`);
  return value;
};

describe('simulator services through the real SDK clients', () => {
  let sim: Simulator;
  let cloudFormation: CloudFormationClient;
  let ecs: ECSClient;
  let production: Stack;

  before(async () => {
    sim = await startSimulator({ scenario: defaultScenario() });
    cloudFormation = new CloudFormationClient(clientConfig(sim, 'acme-prod'));
    ecs = new ECSClient(clientConfig(sim, 'acme-prod'));
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'production' }));
    production = answer.Stacks?.[0] ?? assert.fail('production');
  });
  after(() => sim.stop());

  describe('CloudFormation (awsQuery)', () => {
    it('DescribeStacks lists every stack of the region with tags, parameters, outputs and nesting', async () => {
      const { Stacks = [], NextToken } = await cloudFormation.send(new DescribeStacksCommand({}));
      assert.equal(NextToken, undefined);
      const byName = new Map(Stacks.map((found) => [found.StackName, found]));
      assert.deepEqual(byName.get('production')?.Tags, [
        { Key: 'System', Value: 'convox' },
        { Key: 'Type', Value: 'rack' },
      ]);
      assert.equal(byName.get('legacy')?.Tags?.length, 0);
      const nested = Stacks.filter((found) => found.ParentId);
      assert.deepEqual(
        nested.map((found) => found.StackName?.replace(/-[A-Z0-9]{6}$/, '')),
        ['production-web-ServiceWeb', 'production-worker-ServiceWorker', 'production-api-ServiceWeb'],
      );
      assert.equal(nested[0].ParentId, byName.get('production-web')?.StackId);
      assert.equal(nested[0].RootId, byName.get('production-web')?.StackId);
      assert.equal(byName.get('sandbox')?.Outputs, undefined, 'a stack being created has no outputs yet');
      assert.ok(production.CreationTime instanceof Date && production.LastUpdatedTime instanceof Date);
      assert.match(
        production.StackId ?? '',
        /^arn:aws:cloudformation:us-east-1:111111111111:stack\/production\/[0-9a-f-]{36}$/,
      );
    });

    it('masks NoEcho parameters as CloudFormation does', () => {
      const parameters = Object.fromEntries(
        (production.Parameters ?? []).map((item) => [item.ParameterKey, item.ParameterValue]),
      );
      assert.equal(parameters.Password, '****');
      assert.equal(parameters.HttpProxy, '****');
      assert.equal(parameters.InstanceType, 't3.large');
      assert.equal(parameters.Version, '20250101120000');
    });

    it('finds a stack by id, hides deleted stacks unless asked by id, and refuses unknown names', async () => {
      const byId = await cloudFormation.send(new DescribeStacksCommand({ StackName: production.StackId }));
      assert.equal(byId.Stacks?.[0].StackName, 'production');
      const missing = await failure(() => cloudFormation.send(new DescribeStacksCommand({ StackName: 'nope' })));
      assert.equal(missing.name, 'ValidationError');
      assert.equal(missing.message, 'Stack with id nope does not exist');

      const at = { account: '999999999999', region: 'us-east-1' };
      const gone = stack(at, { name: 'gone', status: 'DELETE_COMPLETE' });
      const other = await startSimulator({
        scenario: scenario({
          profiles: [{ name: 'p', account: at.account, region: at.region }],
          data: { [at.account]: { [at.region]: () => ({ stacks: [gone] }) } },
        }),
      });
      try {
        const client = new CloudFormationClient(clientConfig(other, 'p'));
        assert.deepEqual((await client.send(new DescribeStacksCommand({}))).Stacks, []);
        assert.equal(
          (await failure(() => client.send(new DescribeStacksCommand({ StackName: 'gone' })))).name,
          'ValidationError',
        );
        const deleted = await client.send(new DescribeStacksCommand({ StackName: gone.id }));
        assert.equal(deleted.Stacks?.[0].StackStatus, 'DELETE_COMPLETE');
        assert.ok(deleted.Stacks?.[0].DeletionTime instanceof Date);
      } finally {
        await other.stop();
      }
    });

    it('DescribeStackEvents answers newest first with resource details', async () => {
      const { StackEvents = [] } = await cloudFormation.send(
        new DescribeStackEventsCommand({ StackName: 'production' }),
      );
      assert.ok(StackEvents.length >= 20 && StackEvents.length <= 40, `${StackEvents.length} events`);
      const times = StackEvents.map((event) => event.Timestamp?.getTime() ?? 0);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.equal(StackEvents[0].ResourceStatus, 'UPDATE_COMPLETE');
      assert.equal(StackEvents[0].ResourceType, 'AWS::CloudFormation::Stack');
      assert.equal(StackEvents[StackEvents.length - 1].ResourceStatusReason, 'User Initiated');
    });

    it('ListStackResources (in pages of 100) and DescribeStackResources give the Instances group and the cluster', async () => {
      const pages: StackResourceSummary[][] = [];
      for await (const page of paginateListStackResources({ client: cloudFormation }, { StackName: 'production' }))
        pages.push(page.StackResourceSummaries ?? []);
      assert.equal(pages.length, 2, 'a private rack with an internal router has more than 100 resources');
      assert.equal(pages[0].length, 100);
      const logical = pages.flat().map((resource) => resource.LogicalResourceId);
      for (const id of [
        'Instances',
        'Cluster',
        'Vpc',
        'Subnet0',
        'Subnet1',
        'Subnet2',
        'ApiBalancer',
        'Router',
        'Settings',
        'Logs',
        'LogGroup',
      ]) {
        assert.ok(logical.includes(id), id);
      }
      const { StackResources = [] } = await cloudFormation.send(
        new DescribeStackResourcesCommand({ StackName: 'production', LogicalResourceId: 'Instances' }),
      );
      assert.equal(StackResources.length, 1);
      assert.equal(StackResources[0].ResourceType, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(StackResources[0].PhysicalResourceId, output(production, 'AutoscalingGroup'));
      assert.equal(StackResources[0].StackId, production.StackId);
    });

    it('pages DescribeStacks by 100: 250 stacks are 3 pages, with racks on the first', async () => {
      const bench = await startSimulator({
        scenario: benchScenario({ profiles: 1, regions: 1, stacksPerRegion: 250, racksPerRegion: 5 }),
      });
      try {
        const client = new CloudFormationClient(clientConfig(bench, 'bench-01'));
        const pages: Stack[][] = [];
        for await (const page of paginateDescribeStacks({ client }, {})) pages.push(page.Stacks ?? []);
        assert.deepEqual(
          pages.map((page) => page.length),
          [100, 100, 50],
        );
        assert.ok(pages[0].some((found) => found.Tags?.some((tag) => tag.Key === 'Type' && tag.Value === 'rack')));
        assert.equal(new Set(pages.flat().map((found) => found.StackId)).size, 250);
        assert.equal(bench.calls.count({ operation: 'DescribeStacks' }), 3);
        const badToken = await failure(() => client.send(new DescribeStacksCommand({ NextToken: 'not-a-token' })));
        assert.equal(badToken.name, 'ValidationError');
      } finally {
        await bench.stop();
      }
    });

    it('answers an operation it does not simulate with InvalidAction', async () => {
      const error = await failure(() => cloudFormation.send(new ListStacksCommand({})));
      assert.equal(error.name, 'InvalidAction');
      assert.equal(error.$metadata?.httpStatusCode, 400);
    });
  });

  describe('ECS (awsJson1_1)', () => {
    it('describes the rack cluster, its container instances with CPU/memory, and its services', async () => {
      const cluster = output(production, 'Cluster');
      const { clusters = [], failures = [] } = await ecs.send(
        new DescribeClustersCommand({ clusters: [cluster, 'missing'] }),
      );
      assert.equal(clusters[0].clusterName, cluster);
      assert.equal(clusters[0].registeredContainerInstancesCount, 3);
      assert.equal(failures[0].reason, 'MISSING');

      const { containerInstanceArns = [] } = await ecs.send(new ListContainerInstancesCommand({ cluster }));
      assert.equal(containerInstanceArns.length, 3);
      const { containerInstances = [] } = await ecs.send(
        new DescribeContainerInstancesCommand({ cluster, containerInstances: containerInstanceArns }),
      );
      const first = containerInstances[0];
      assert.match(first.ec2InstanceId ?? '', /^i-0[0-9a-f]{16}$/);
      assert.equal(first.status, 'ACTIVE');
      const cpu = (list: typeof first.registeredResources): number =>
        list?.find((resource) => resource.name === 'CPU')?.integerValue ?? -1;
      assert.equal(cpu(first.registeredResources), 2048);
      assert.ok(cpu(first.remainingResources) < 2048, 'tasks use CPU');
      assert.equal(
        containerInstances.reduce((total, instance) => total + (instance.runningTasksCount ?? 0), 0),
        7,
      );
      assert.ok(first.registeredAt instanceof Date);

      const { serviceArns = [] } = await ecs.send(new ListServicesCommand({ cluster }));
      const { services = [] } = await ecs.send(new DescribeServicesCommand({ cluster, services: serviceArns }));
      assert.deepEqual(
        services.map((service) => service.serviceName?.replace(/-[A-Z0-9]{6,12}$/, '')),
        [
          'production-ServiceWebApi',
          'production-ServiceMonitorApi',
          'production-web-ServiceWeb',
          'production-worker-ServiceWorker',
          'production-api-ServiceWeb',
        ],
      );
      assert.equal(services[0].runningCount, 2);
    });

    it('lists running tasks by service and status, and describes them with their task definitions', async () => {
      const cluster = output(production, 'Cluster');
      const running = await ecs.send(new ListTasksCommand({ cluster }));
      assert.equal(running.taskArns?.length, 7);
      const stopped = await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED' }));
      assert.equal(stopped.taskArns?.length, 1);
      const web = physicalId(
        await cloudFormation.send(
          new DescribeStackResourcesCommand({ StackName: 'production', LogicalResourceId: 'ServiceWebApi' }),
        ),
      );
      const rackWeb = await ecs.send(new ListTasksCommand({ cluster, serviceName: web }));
      assert.equal(rackWeb.taskArns?.length, 2);

      const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: running.taskArns }));
      const appTask = tasks.find((task) => task.group?.startsWith('service:production-web-'));
      assert.ok(appTask?.startedAt instanceof Date);
      assert.equal(appTask.lastStatus, 'RUNNING');
      assert.equal(appTask.containers?.[0].name, 'web');
      const { taskDefinition } = await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: appTask.taskDefinitionArn }),
      );
      const labels = taskDefinition?.containerDefinitions?.[0].dockerLabels ?? {};
      assert.equal(labels['convox.app'], 'web');
      assert.match(labels['convox.release'] ?? '', /^R[A-Z0-9]{10}$/);
      assert.ok(taskDefinition?.containerDefinitions?.[0].environment?.some((variable) => variable.name === 'RELEASE'));
      const byFamily = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinition?.family }));
      assert.equal(byFamily.taskDefinition?.taskDefinitionArn, taskDefinition?.taskDefinitionArn);
    });

    it('enforces the batch limits and refuses unknown clusters and operations', async () => {
      const cluster = output(production, 'Cluster');
      const many = Array.from(
        { length: 101 },
        (_, index) => `arn:aws:ecs:us-east-1:111111111111:task/${cluster}/${index}`,
      );
      for (const call of [
        () => ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: many })),
        () => ecs.send(new DescribeTasksCommand({ cluster, tasks: many })),
        () => ecs.send(new DescribeServicesCommand({ cluster, services: many.slice(0, 11) })),
      ]) {
        const error = await failure(call);
        assert.equal(error.name, 'InvalidParameterException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
      }
      assert.equal(
        (await failure(() => ecs.send(new ListTasksCommand({ cluster: 'nope' })))).name,
        'ClusterNotFoundException',
      );
      assert.equal((await failure(() => ecs.send(new ListClustersCommand({})))).name, 'UnknownOperationException');
    });

    it('pages ListTasks by 100 and ListServices by 10 on a big cluster', async () => {
      const big = await startSimulator({ scenario: bigRackScenario({ instances: 50, tasks: 200 }) });
      try {
        const client = new ECSClient(clientConfig(big, 'big'));
        const cf = new CloudFormationClient(clientConfig(big, 'big'));
        const rack = (await cf.send(new DescribeStacksCommand({ StackName: 'big' }))).Stacks?.[0] ?? assert.fail('big');
        const cluster = output(rack, 'Cluster');
        const taskPages: number[] = [];
        for await (const page of paginateListTasks({ client }, { cluster })) taskPages.push(page.taskArns?.length ?? 0);
        assert.deepEqual(taskPages, [100, 100]);
        const servicePages: number[] = [];
        for await (const page of paginateListServices({ client }, { cluster }))
          servicePages.push(page.serviceArns?.length ?? 0);
        assert.deepEqual(servicePages, [10]);
        const instances = await client.send(new ListContainerInstancesCommand({ cluster }));
        assert.equal(instances.containerInstanceArns?.length, 50);
        const ec2 = new EC2Client(clientConfig(big, 'big'));
        let pages = 0;
        for await (const page of paginateDescribeInstances(
          { client: ec2, pageSize: 20 },
          { Filters: [{ Name: 'tag:Rack', Values: ['big'] }] },
        )) {
          pages++;
          assert.ok((page.Reservations?.length ?? 0) <= 20);
        }
        assert.equal(pages, 3);
      } finally {
        await big.stop();
      }
    });
  });

  describe('EC2 (ec2Query)', () => {
    it('DescribeInstances filters by tag, state and id, like `convox instances` asks', async () => {
      const ec2 = new EC2Client(clientConfig(sim, 'acme-prod'));
      const { Reservations = [] } = await ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'tag:Rack', Values: ['production'] },
            { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping'] },
          ],
        }),
      );
      const instances = Reservations.flatMap((reservation) => reservation.Instances ?? []);
      assert.equal(instances.length, 4, '3 servers and the build instance; the replaced one is terminated');
      assert.equal(
        instances.filter((instance) => instance.Tags?.some((tag) => tag.Key === 'Purpose' && tag.Value === 'Build'))
          .length,
        1,
      );
      const first = instances[0];
      assert.equal(first.State?.Name, 'running');
      assert.equal(first.State?.Code, 16);
      assert.equal(first.InstanceType, 't3.large');
      assert.ok(first.LaunchTime instanceof Date);
      assert.match(first.PrivateIpAddress ?? '', /^10\.0\.\d+\.\d+$/);
      assert.equal(first.PublicIpAddress, undefined, 'a private rack has no public addresses');

      const withTerminated = await ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Rack', Values: ['production'] }] }),
      );
      assert.equal(withTerminated.Reservations?.length, 5);
      const byId = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [first.InstanceId ?? ''] }));
      assert.equal(byId.Reservations?.[0].Instances?.[0].InstanceId, first.InstanceId);
      const byFilter = await ec2.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: [first.InstanceId ?? ''] }] }),
      );
      assert.equal(byFilter.Reservations?.length, 1);
      assert.equal(
        (await failure(() => ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name,
        'InvalidInstanceID.NotFound',
      );
      assert.equal(
        (await failure(() => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] }))))
          .name,
        'InvalidParameterValue',
      );
    });
  });

  describe('EC2 subnets and VPCs (ec2Query)', () => {
    const at = { account: '777777777777', region: 'eu-west-1' };
    const vpc = { id: 'vpc-0aaaaaaaaaaaaaaaa', cidr: '10.1.0.0/16', tags: { Name: 'net' } };
    const subnet = (index: number, zone: string): Ec2Subnet => ({
      id: `subnet-0${String(index).repeat(16)}`,
      vpcId: vpc.id,
      availabilityZone: `eu-west-1${zone}`,
      cidr: `10.1.${index}.0/24`,
      mapPublicIpOnLaunch: index === 1,
      tags: { Name: `net ${index}` },
    });
    let network: Simulator;
    let ec2: EC2Client;

    before(async () => {
      network = await startSimulator({
        scenario: scenario({
          profiles: [{ name: 'net', ...at }],
          data: {
            [at.account]: {
              [at.region]: () => ({
                vpcs: [vpc, { ...vpc, id: 'vpc-0bbbbbbbbbbbbbbbb', cidr: '172.31.0.0/16' }],
                subnets: [subnet(1, 'a'), subnet(2, 'b'), subnet(3, 'c')],
              }),
            },
          },
        }),
      });
      ec2 = new EC2Client(clientConfig(network, 'net'));
    });
    after(() => network.stop());

    it('DescribeSubnets answers the named subnets with zone, CIDR, VPC and public-address setting', async () => {
      const { Subnets = [] } = await ec2.send(
        new DescribeSubnetsCommand({ SubnetIds: [subnet(2, 'b').id, subnet(1, 'a').id] }),
      );
      assert.deepEqual(
        Subnets.map((found) => [
          found.SubnetId,
          found.AvailabilityZone,
          found.CidrBlock,
          found.VpcId,
          found.MapPublicIpOnLaunch,
          found.State,
        ]),
        [
          [subnet(1, 'a').id, 'eu-west-1a', '10.1.1.0/24', vpc.id, true, 'available'],
          [subnet(2, 'b').id, 'eu-west-1b', '10.1.2.0/24', vpc.id, false, 'available'],
        ],
      );
      assert.equal(Subnets[0].AvailableIpAddressCount, 251);
      assert.deepEqual(Subnets[0].Tags, [{ Key: 'Name', Value: 'net 1' }]);
      const inZone = await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['eu-west-1c'] }] }),
      );
      assert.deepEqual(
        inZone.Subnets?.map((found) => found.SubnetId),
        [subnet(3, 'c').id],
      );
      assert.equal(
        (await failure(() => ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })))).name,
        'InvalidSubnetID.NotFound',
      );
      assert.equal(
        (await failure(() => ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['nope'] })))).name,
        'InvalidSubnetID.Malformed',
      );
    });

    it('DescribeVpcs answers the named VPCs with their CIDR, and refuses unknown ones', async () => {
      const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.id] }));
      assert.deepEqual(
        Vpcs.map((found) => [found.VpcId, found.CidrBlock, found.IsDefault, found.State]),
        [[vpc.id, '10.1.0.0/16', false, 'available']],
      );
      assert.equal((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length, 2);
      assert.equal(
        (await failure(() => ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })))).name,
        'InvalidVpcID.NotFound',
      );
    });
  });

  describe('Auto Scaling (awsQuery)', () => {
    it('DescribeAutoScalingGroups shows each instance lifecycle state, Pending while converging', async () => {
      const europe = new CloudFormationClient(clientConfig(sim, 'acme-prod', 'eu-west-1'));
      const resource = await europe.send(
        new DescribeStackResourcesCommand({ StackName: 'converge', LogicalResourceId: 'Instances' }),
      );
      const autoScaling = new AutoScalingClient(clientConfig(sim, 'acme-prod', 'eu-west-1'));
      const { AutoScalingGroups = [] } = await autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [physicalId(resource), 'unknown-group'] }),
      );
      assert.equal(AutoScalingGroups.length, 1);
      const instances = AutoScalingGroups[0].Instances ?? [];
      assert.deepEqual(
        instances.map((instance) => instance.LifecycleState),
        ['InService', 'InService', 'Pending'],
      );
      assert.equal(instances[0].HealthStatus, 'Healthy');
      assert.match(instances[0].AvailabilityZone ?? '', /^eu-west-1[abc]$/);
      assert.match(instances[0].InstanceId ?? '', /^i-0[0-9a-f]{16}$/);
    });
  });
});

function physicalId(answer: { StackResources?: { PhysicalResourceId?: string }[] }): string {
  return answer.StackResources?.[0].PhysicalResourceId ?? assert.fail('resource');
}
