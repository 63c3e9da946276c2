import type { ArchitectureData, Container, Server, StackResource, Subnet } from '../../../src/model/architecture/data';
import { racksFromStacks } from '../../../src/model/stacks';

export const account = '123456789012';
export const region = 'us-east-1';

/** A rack as the template would make it with these parameters (§7), and its servers and containers. */
export interface RackOptions {
  /** 2 or 3. */
  zones?: number;
  /** `Private=Yes`: private subnets and NAT gateways. */
  privateNetwork?: boolean;
  /** `PrivateApi=Yes`: the API balancer is internal. */
  privateApi?: boolean;
  /** `Internal=Yes`: an internal router. */
  internalRouter?: boolean;
  /** `InternalOnly=Yes`: no public router. */
  internalOnly?: boolean;
  nlb?: boolean;
  nlbInternal?: boolean;
  /** `SpotInstanceBid` set. */
  spot?: boolean;
  /** `BuildInstance` set with the ec2 build method (the default). */
  build?: boolean;
  /** `Autoscale=Yes` (the default). */
  autoscale?: boolean;
  /** `LogDriver=CloudWatch` (the default). */
  cloudWatchLogs?: boolean;
  existingVpc?: string;
  stackStatus?: string;
  reason?: string;
  /** Keep only these logical ids, as a stack still being created has only some. */
  only?: readonly string[];
  /** Every resource's CloudFormation status. */
  resourceStatus?: string;
  serversPerZone?: number;
  /** App containers (app `shop`, services `web` and `worker` in turn) on each server. */
  tasksPerServer?: number;
  spotServers?: number;
  buildServers?: number;
  /**
   * A release before 20221202 (20210701000000): no ApiBalancer, the rack services ApiWebService/ApiMonitorService,
   * no RackApiSecret, and the API through the classic ELB `Balancer` (ApiRouter=ELB) or through Router (ALB).
   */
  classicApi?: 'ELB' | 'ALB';
}

const zoneLetters = 'abc';

export function zoneName(index: number): string {
  return `${region}${zoneLetters[index]}`;
}

export function serverId(zone: number, index: number, role = 'rack'): string {
  return `i-${role === 'rack' ? '' : role}${zoneLetters[zone]}${String(index).padStart(3, '0')}`;
}

export function taskArn(cluster: string, id: string): string {
  return `arn:aws:ecs:${region}:${account}:task/${cluster}/${id}`;
}

function balancerArn(kind: 'app' | 'net', name: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${kind}/${name}/0123456789abcdef`;
}

function logicalIds(options: RackOptions, name: string): Array<[string, string, string]> {
  const zones = options.zones ?? 2;
  const ids: Array<[string, string, string]> = [];
  const add = (logicalId: string, type: string, physicalId: string): void => {
    ids.push([logicalId, type, physicalId]);
  };
  if (!options.existingVpc) {
    add('Vpc', 'AWS::EC2::VPC', 'vpc-0abc');
    add('Gateway', 'AWS::EC2::InternetGateway', 'igw-0abc');
  }
  for (let index = 0; index < zones; index++) {
    add(`Subnet${index}`, 'AWS::EC2::Subnet', `subnet-public${index}`);
    if (options.privateNetwork) {
      add(`SubnetPrivate${index}`, 'AWS::EC2::Subnet', `subnet-private${index}`);
      add(`Nat${index}`, 'AWS::EC2::NatGateway', `nat-0${index}`);
      add(`NatAddress${index}`, 'AWS::EC2::EIP', `52.0.0.${index + 1}`);
    }
  }
  const apiBalancerName = options.privateApi ? `${name}-i` : name;
  if (options.classicApi === undefined)
    add('ApiBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('app', apiBalancerName));
  if (options.classicApi === 'ELB') add('Balancer', 'AWS::ElasticLoadBalancing::LoadBalancer', apiBalancerName);
  if (!options.internalOnly)
    add('Router', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('app', `${name}-router`));
  if (options.internalRouter)
    add('RouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('app', `${name}-ri`));
  if (options.nlb) add('NLBRouter', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('net', `${name}-nlb`));
  if (options.nlbInternal)
    add('NLBRouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('net', `${name}-nlbi`));
  add('Cluster', 'AWS::ECS::Cluster', `${name}-Cluster-C1`);
  const [web, monitor] = options.classicApi
    ? ['ApiWebService', 'ApiMonitorService']
    : ['ServiceWebApi', 'ServiceMonitorApi'];
  add(web, 'AWS::ECS::Service', `arn:aws:ecs:${region}:${account}:service/${name}-Cluster-C1/${name}-${web}-W1`);
  add(
    monitor,
    'AWS::ECS::Service',
    `arn:aws:ecs:${region}:${account}:service/${name}-Cluster-C1/${name}-${monitor}-M1`,
  );
  add('Instances', 'AWS::AutoScaling::AutoScalingGroup', `${name}-Instances-I1`);
  if (options.spot) add('SpotInstances', 'AWS::AutoScaling::AutoScalingGroup', `${name}-SpotInstances-S1`);
  if (options.build ?? true) {
    add('BuildCluster', 'AWS::ECS::Cluster', `${name}-BuildCluster-B1`);
    add('BuildInstances', 'AWS::AutoScaling::AutoScalingGroup', `${name}-BuildInstances-B1`);
  }
  add('Settings', 'AWS::S3::Bucket', `${name}-settings-s1`);
  add('Logs', 'AWS::S3::Bucket', `${name}-logs-l1`);
  add('ELBLogs', 'AWS::S3::Bucket', `${name}-elblogs-e1`);
  add('DynamoBuilds', 'AWS::DynamoDB::Table', `${name}-builds`);
  add('DynamoReleases', 'AWS::DynamoDB::Table', `${name}-releases`);
  add('VolumeFilesystem', 'AWS::EFS::FileSystem', 'fs-0abc');
  if (options.cloudWatchLogs ?? true) add('LogGroup', 'AWS::Logs::LogGroup', `${name}-LogGroup-G1`);
  add('CustomTopic', 'AWS::Lambda::Function', `${name}-CustomTopic-T1`);
  add('InstancesLifecycleHandler', 'AWS::Lambda::Function', `${name}-InstancesLifecycleHandler-H1`);
  if (options.autoscale ?? true) add('InstancesAutoscaler', 'AWS::Lambda::Function', `${name}-InstancesAutoscaler-A1`);
  add('HostedZone', 'AWS::Route53::HostedZone', 'Z0123');
  if (!options.classicApi) add('RackApiSecret', 'AWS::SSM::Parameter', `${name}RackApiSecret`);
  add('ApiRole', 'AWS::IAM::Role', `${name}-ApiRole-R1`);
  return ids;
}

function subnetsOf(options: RackOptions): Subnet[] {
  const subnets: Subnet[] = [];
  for (let index = 0; index < (options.zones ?? 2); index++) {
    subnets.push({ id: `subnet-public${index}`, availabilityZone: zoneName(index), cidr: `10.0.${index + 1}.0/24` });
    if (options.privateNetwork)
      subnets.push({ id: `subnet-private${index}`, availabilityZone: zoneName(index), cidr: `10.0.${index + 4}.0/24` });
  }
  return subnets;
}

function runtimeOf(options: RackOptions, name: string): { servers: Server[]; containers: Container[] } {
  const zones = options.zones ?? 2;
  const servers: Server[] = [];
  const containers: Container[] = [];
  const cluster = `${name}-Cluster-C1`;
  const subnet = (zone: number): string => (options.privateNetwork ? `subnet-private${zone}` : `subnet-public${zone}`);
  for (let zone = 0; zone < zones; zone++) {
    for (let index = 0; index < (options.serversPerZone ?? 1); index++) {
      const id = serverId(zone, index);
      servers.push({
        id,
        status: 'active',
        role: 'rack',
        instanceType: 't3.small',
        availabilityZone: zoneName(zone),
        subnetId: subnet(zone),
        cpu: 0.25,
        memory: 0.5,
      });
      for (let task = 0; task < (options.tasksPerServer ?? 2); task++) {
        containers.push({
          taskArn: taskArn(cluster, `${id}t${task}`),
          serverId: id,
          app: 'shop',
          service: task % 2 === 0 ? 'web' : 'worker',
          status: 'running',
        });
      }
    }
  }
  for (let index = 0; index < (options.spotServers ?? 0); index++) {
    servers.push({
      id: serverId(1, index, 'spot'),
      status: 'active',
      role: 'spot',
      instanceType: 'm5.large',
      availabilityZone: zoneName(1),
      subnetId: subnet(1),
    });
  }
  for (let index = 0; index < (options.buildServers ?? 0); index++) {
    servers.push({
      id: serverId(0, index, 'build'),
      status: 'active',
      role: 'build',
      instanceType: 't3.small',
      availabilityZone: zoneName(0),
      subnetId: subnet(0),
    });
  }
  if (servers.length > 0) {
    const first = servers[0].id;
    containers.push(
      { taskArn: taskArn(cluster, 'rackweb1'), serverId: first, app: name, service: 'web', status: 'running' },
      { taskArn: taskArn(cluster, 'rackmonitor1'), serverId: first, app: name, service: 'monitor', status: 'running' },
    );
  }
  return { servers, containers };
}

/** A rack named `production` of organisation `acme` in us-east-1, with everything the options say and no more. */
export function rackData(options: RackOptions = {}): ArchitectureData {
  const name = 'production';
  const stackId = `arn:aws:cloudformation:${region}:${account}:stack/${name}/0a1b2c`;
  const apiHost = options.privateApi
    ? `internal-${name}-i.${region}.elb.amazonaws.com`
    : `${name}.${region}.elb.amazonaws.com`;
  const outputs: Record<string, string> = {
    Dashboard: options.classicApi === 'ALB' ? `rack.${name}-router.${region}.convox.site` : apiHost,
    Cluster: `${name}-Cluster-C1`,
    Vpc: options.existingVpc ?? 'vpc-0abc',
    Vpccidr: '10.0.0.0/16',
    AvailabilityZones: [0, 1, 2]
      .slice(0, options.zones ?? 2)
      .map(zoneName)
      .join(','),
  };
  if (!options.internalOnly) outputs.Domain = `${name}-router.${region}.elb.amazonaws.com`;
  if (options.internalRouter) outputs.DomainInternal = `internal-${name}-ri.${region}.elb.amazonaws.com`;
  if (options.nlb) outputs.NLBHost = `${name}-nlb.elb.${region}.amazonaws.com`;
  if (options.nlbInternal) outputs.NLBInternalHost = `${name}-nlbi.elb.${region}.amazonaws.com`;
  const [rack] = racksFromStacks(
    [
      {
        stackId,
        name,
        status: options.stackStatus ?? 'UPDATE_COMPLETE',
        statusReason: options.reason,
        tags: { System: 'convox', Type: 'rack' },
        parameters: {
          Version: options.classicApi ? '20210701000000' : '20250101120000',
          ApiRouter: options.classicApi ?? 'ELB',
          Private: options.privateNetwork ? 'Yes' : 'No',
          PrivateApi: options.privateApi ? 'Yes' : 'No',
          ExistingVpc: options.existingVpc ?? '',
        },
        outputs,
        createdAt: new Date('2025-01-01T00:00:00Z'),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region },
  );
  const resources: StackResource[] = logicalIds(options, name)
    .filter(([logicalId]) => options.only === undefined || options.only.includes(logicalId))
    .map(([logicalId, type, physicalId]) => ({
      logicalId,
      type,
      physicalId,
      status: options.resourceStatus ?? 'CREATE_COMPLETE',
    }));
  return {
    rack,
    resources: {
      stackUpdatedAt: '2025-06-01T00:00:00.000Z',
      resources,
      subnets: subnetsOf(options),
      vpc: options.existingVpc
        ? { id: options.existingVpc, cidr: '172.31.0.0/16' }
        : { id: 'vpc-0abc', cidr: '10.0.0.0/16' },
    },
    runtime: { ...runtimeOf(options, name), readAt: new Date('2025-06-01T12:00:00Z') },
  };
}
