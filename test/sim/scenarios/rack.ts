// A Convox rack as it lives in AWS: the rack stack with its
// parameters, outputs, resources and events, its app stacks (each with a nested service stack), its
// resource stacks, and, once created, its servers, ECS cluster, services and tasks.
import type { ContainerDefinition, KeyValue, RegionData, Stack } from '../types';
import { cluster, type ServicePlan } from './cluster';
import { addSeconds, digits, ecsArn, hex, physicalSuffix, uuid, type Place } from './ids';
import type { Failure, ResourceSpec } from './lifecycle';
import { merge } from './region';
import { defaultCreatedAt, neverCompleted, outputs, parameters, stack } from './stack';

export interface ProcessOptions {
  name: string;
  /** Running tasks; 1 when absent. */
  count?: number;
  cpu?: number;
  memory?: number;
  command?: string[];
}

export interface AppOptions {
  name: string;
  status?: string;
  generation?: '1' | '2';
  createdAt?: Date;
  updatedAt?: Date;
  /** One `web` process with 2 tasks when absent. */
  processes?: ProcessOptions[];
  /** Where tasks carry app and release: docker labels (convox.app/convox.release), environment (APP/RELEASE), or both. */
  labels?: 'docker' | 'environment' | 'both';
}

export interface ResourceStackOptions {
  name: string;
  /** Resource tag, e.g. postgres, redis. */
  kind: string;
  status?: string;
}

export interface RackOptions {
  name: string;
  status?: string;
  reason?: string;
  /** Release, e.g. 20250101120000. */
  version?: string;
  instanceType?: string;
  instanceCount?: number;
  noHaInstanceCount?: number;
  highAvailability?: boolean;
  private?: boolean;
  /** Adds the internal router and the DomainInternal output. */
  internal?: boolean;
  /** Build instance type; '' means no build cluster. */
  buildInstance?: string;
  logDriver?: 'CloudWatch' | 'Syslog' | '';
  /** Installed before 2018: no tags, old parameters and outputs. */
  legacy?: boolean;
  /** User tags, added to System=convox Type=rack. */
  tags?: Record<string, string>;
  /** Parameter values added or replaced. */
  parameters?: Record<string, string>;
  createdAt?: Date;
  updatedAt?: Date;
  failure?: Failure;
  /** Auto-scaling lifecycle state of each instance (e.g. one `Pending` while converging); its length is the instance count. */
  instanceStates?: string[];
  apps?: AppOptions[];
  resources?: ResourceStackOptions[];
  /** Exited tasks kept in the cluster; 1 when absent. */
  stoppedTasks?: number;
}

interface RackNames {
  cluster: string;
  buildCluster: string;
  asg: string;
  buildAsg: string;
  vpc: string;
  subnets: string[];
  privateSubnets: string[];
  settingsBucket: string;
  logBucket: string;
  elbLogBucket: string;
  logGroup: string;
  dashboard: string;
  router: string;
  routerInternal: string;
  webService: string;
  monitorService: string;
}

function rackNames(place: Place, name: string): RackNames {
  const key = [place.account, place.region, name];
  const suffix = (what: string): string => physicalSuffix(12, ...key, what);
  const lower = (what: string): string => hex(12, ...key, what);
  return {
    cluster: `${name}-Cluster-${suffix('Cluster')}`,
    buildCluster: `${name}-BuildCluster-${suffix('BuildCluster')}`,
    asg: `${name}-Instances-${suffix('Instances')}`,
    buildAsg: `${name}-BuildInstances-${suffix('BuildInstances')}`,
    vpc: `vpc-0${hex(16, ...key, 'vpc')}`,
    subnets: [0, 1, 2].map((index) => `subnet-0${hex(16, ...key, 'subnet', String(index))}`),
    privateSubnets: [0, 1, 2].map((index) => `subnet-0${hex(16, ...key, 'private-subnet', String(index))}`),
    settingsBucket: `${name}-settings-${lower('Settings')}`,
    logBucket: `${name}-logs-${lower('Logs')}`,
    elbLogBucket: `${name}-elblogs-${lower('ELBLogs')}`,
    logGroup: `${name}-LogGroup-${suffix('LogGroup')}`,
    dashboard: `${name}-${digits(10, ...key, 'api')}.${place.region}.elb.amazonaws.com`,
    router: `${name}-router-${digits(10, ...key, 'router')}.${place.region}.elb.amazonaws.com`,
    routerInternal: `internal-${name}-routerint-${digits(10, ...key, 'router-internal')}.${place.region}.elb.amazonaws.com`,
    webService: `${name}-ServiceWebApi-${suffix('ServiceWebApi')}`,
    monitorService: `${name}-ServiceMonitorApi-${suffix('ServiceMonitorApi')}`,
  };
}

/** A rack's resources in creation order, with the physical ids CloudFormation would give them. */
function rackResources(place: Place, name: string, names: RackNames, options: Required<Pick<RackOptions, 'private' | 'internal' | 'buildInstance' | 'logDriver'>>): ResourceSpec[] {
  const key = [place.account, place.region, name];
  const arnOf = (service: string, resource: string): string => `arn:aws:${service}:${place.region}:${place.account}:${resource}`;
  const balancer = (kind: string, logical: string): string =>
    arnOf('elasticloadbalancing', `loadbalancer/${kind}/${name}-${logical.toLowerCase()}/${hex(16, ...key, logical)}`);
  const spec = (logicalId: string, type: string, physicalId: string): ResourceSpec => ({ logicalId, type, physicalId });
  const zones = [0, 1, 2];
  return [
    spec('Vpc', 'AWS::EC2::VPC', names.vpc),
    spec('Gateway', 'AWS::EC2::InternetGateway', `igw-0${hex(16, ...key, 'igw')}`),
    spec('GatewayAttachment', 'AWS::EC2::VPCGatewayAttachment', `${name}-Gatew-${physicalSuffix(12, ...key, 'GatewayAttachment')}`),
    ...zones.map((index) => spec(`Subnet${index}`, 'AWS::EC2::Subnet', names.subnets[index])),
    ...(options.private
      ? zones.flatMap((index) => [
          spec(`SubnetPrivate${index}`, 'AWS::EC2::Subnet', names.privateSubnets[index]),
          spec(`NatAddress${index}`, 'AWS::EC2::EIP', `eipalloc-0${hex(16, ...key, 'eip', String(index))}`),
          spec(`Nat${index}`, 'AWS::EC2::NatGateway', `nat-0${hex(16, ...key, 'nat', String(index))}`),
        ])
      : []),
    spec('EncryptionKey', 'AWS::KMS::Key', uuid(...key, 'kms')),
    spec('Settings', 'AWS::S3::Bucket', names.settingsBucket),
    spec('Logs', 'AWS::S3::Bucket', names.logBucket),
    spec('ELBLogs', 'AWS::S3::Bucket', names.elbLogBucket),
    spec('DynamoBuilds', 'AWS::DynamoDB::Table', `${name}-builds`),
    spec('DynamoReleases', 'AWS::DynamoDB::Table', `${name}-releases`),
    ...(options.logDriver === 'CloudWatch' ? [spec('LogGroup', 'AWS::Logs::LogGroup', names.logGroup)] : []),
    spec('HostedZone', 'AWS::Route53::HostedZone', `Z${physicalSuffix(13, ...key, 'zone')}`),
    spec('ApiRole', 'AWS::IAM::Role', `${name}-ApiRole-${physicalSuffix(12, ...key, 'ApiRole')}`),
    spec('ServiceRole', 'AWS::IAM::Role', `${name}-ServiceRole-${physicalSuffix(12, ...key, 'ServiceRole')}`),
    spec('InstancesRole', 'AWS::IAM::Role', `${name}-InstancesRole-${physicalSuffix(12, ...key, 'InstancesRole')}`),
    spec('InstancesSecurity', 'AWS::EC2::SecurityGroup', `sg-0${hex(16, ...key, 'sg')}`),
    spec('InstancesLaunchTemplate', 'AWS::EC2::LaunchTemplate', `lt-0${hex(16, ...key, 'lt')}`),
    spec('Cluster', 'AWS::ECS::Cluster', names.cluster),
    spec('Instances', 'AWS::AutoScaling::AutoScalingGroup', names.asg),
    ...(options.buildInstance
      ? [
          spec('BuildCluster', 'AWS::ECS::Cluster', names.buildCluster),
          spec('BuildInstances', 'AWS::AutoScaling::AutoScalingGroup', names.buildAsg),
        ]
      : []),
    spec('ApiBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancer('app', 'api')),
    spec('ApiTargetGroup', 'AWS::ElasticLoadBalancingV2::TargetGroup', arnOf('elasticloadbalancing', `targetgroup/${name}-api/${hex(16, ...key, 'tg')}`)),
    spec('ApiListener443', 'AWS::ElasticLoadBalancingV2::Listener', arnOf('elasticloadbalancing', `listener/app/${name}-api/${hex(16, ...key, 'api')}/${hex(16, ...key, 'listener')}`)),
    spec('Router', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancer('app', 'router')),
    ...(options.internal ? [spec('RouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancer('app', 'routerint'))] : []),
    spec('RackApiSecret', 'AWS::SSM::Parameter', `${name}RackApiSecret`),
    spec('InstancesLifecycleHandler', 'AWS::Lambda::Function', `${name}-InstancesLifecycleHandler-${physicalSuffix(12, ...key, 'lifecycle')}`),
    spec('InstancesAutoscaler', 'AWS::Lambda::Function', `${name}-InstancesAutoscaler-${physicalSuffix(12, ...key, 'autoscaler')}`),
    spec('CustomTopic', 'AWS::Lambda::Function', `${name}-CustomTopic-${physicalSuffix(12, ...key, 'topic')}`),
    spec('ServiceWebApi', 'AWS::ECS::Service', ecsArn(place, 'service', `${names.cluster}/${names.webService}`)),
    spec('ServiceMonitorApi', 'AWS::ECS::Service', ecsArn(place, 'service', `${names.cluster}/${names.monitorService}`)),
  ];
}

const env = (values: Record<string, string>): KeyValue[] => Object.entries(values).map(([name, value]) => ({ name, value }));

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const failureStatuses = (status: string): boolean => /FAILED|ROLLBACK/.test(status);

/** An app stack with one nested service stack per process, and the ECS services those stacks run. */
function app(place: Place, rackName: string, version: string, names: RackNames, options: AppOptions): { stacks: Stack[]; services: ServicePlan[] } {
  const name = `${rackName}-${options.name}`;
  const status = options.status ?? 'CREATE_COMPLETE';
  const generation = options.generation ?? '2';
  const key = [place.account, place.region, name];
  const release = `R${physicalSuffix(10, ...key, 'release')}`;
  const registry = `${place.account}.dkr.ecr.${place.region}.amazonaws.com/${name}-${hex(8, ...key, 'registry')}`;
  const processes = options.processes ?? [{ name: 'web', count: 2 }];
  const labels = options.labels ?? 'both';
  const tags = { System: 'convox', Type: 'app', Rack: rackName, Name: options.name, Generation: generation, Version: version };
  const nestedNames = processes.map((process) => `${name}-Service${capitalized(process.name)}-${physicalSuffix(6, ...key, process.name)}`);
  const appStack = stack(place, {
    name,
    status,
    tags,
    createdAt: options.createdAt,
    updatedAt: options.updatedAt,
    capabilities: ['CAPABILITY_IAM'],
    parameters: parameters({ LogBucket: names.logBucket, LogRetention: '', Private: 'No', Rack: rackName, Release: release }),
    outputs: outputs({ LogGroup: `${name}-LogGroup-${physicalSuffix(12, ...key, 'LogGroup')}`, Registry: registry, Release: release }),
    resources: [
      { logicalId: 'Registry', type: 'AWS::ECR::Repository', physicalId: registry.split('/')[1] },
      { logicalId: 'Settings', type: 'AWS::S3::Bucket', physicalId: `${name}-settings-${hex(12, ...key, 'settings')}` },
      { logicalId: 'LogGroup', type: 'AWS::Logs::LogGroup', physicalId: `${name}-LogGroup-${physicalSuffix(12, ...key, 'LogGroup')}` },
      { logicalId: 'ExecutionRole', type: 'AWS::IAM::Role', physicalId: `${name}-ExecutionRole-${physicalSuffix(12, ...key, 'role')}` },
      ...processes.map((process, index) => ({
        logicalId: `Service${capitalized(process.name)}`,
        type: 'AWS::CloudFormation::Stack',
        physicalId: `arn:aws:cloudformation:${place.region}:${place.account}:stack/${nestedNames[index]}/${uuid(place.account, place.region, 'stack', nestedNames[index])}`,
      })),
    ],
    failure: failureStatuses(status)
      ? {
          logicalId: `Service${capitalized(processes[0]?.name ?? 'web')}`,
          reason: status.startsWith('UPDATE_')
            ? `Embedded stack ${nestedNames[0]} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Service].`
            : `Embedded stack ${nestedNames[0]} was not successfully created: The following resource(s) failed to create: [Service].`,
        }
      : undefined,
  });
  const dockerLabels = (service: string): Record<string, string> => ({
    'convox.app': options.name,
    'convox.generation': generation,
    'convox.release': release,
    'convox.service': service,
    'convox.type': 'service',
  });
  const services: ServicePlan[] = processes.map((process, index) => ({
    serviceName: nestedNames[index],
    family: `${name}-${process.name}`,
    count: process.count ?? 1,
    createdAt: appStack.createdAt,
    container: {
      name: process.name,
      image: `${registry}:${process.name}.B${physicalSuffix(10, ...key, 'build')}`,
      cpu: process.cpu ?? 256,
      memory: process.memory ?? 512,
      essential: true,
      command: process.command,
      environment: labels === 'docker' ? [] : env({ APP: options.name, RACK: rackName, RELEASE: release, SERVICE: process.name }),
      dockerLabels: labels === 'environment' ? {} : dockerLabels(process.name),
    },
  }));
  const nested = processes.map((process, index) =>
    stack(place, {
      name: nestedNames[index],
      status,
      tags,
      parent: appStack,
      createdAt: addSeconds(appStack.createdAt, 60),
      updatedAt: options.updatedAt && addSeconds(options.updatedAt, 20),
      parameters: parameters({ Count: String(process.count ?? 1), Rack: rackName, Release: release }),
      outputs: outputs({ Service: ecsArn(place, 'service', `${names.cluster}/${services[index].serviceName}`) }),
      resources: [
        { logicalId: 'BalancerTargetGroup', type: 'AWS::ElasticLoadBalancingV2::TargetGroup', physicalId: `arn:aws:elasticloadbalancing:${place.region}:${place.account}:targetgroup/${hex(20, nestedNames[index])}/${hex(16, nestedNames[index], 'tg')}` },
        { logicalId: 'BalancerListenerRule', type: 'AWS::ElasticLoadBalancingV2::ListenerRule', physicalId: `arn:aws:elasticloadbalancing:${place.region}:${place.account}:listener-rule/app/${rackName}-router/${hex(16, nestedNames[index], 'rule')}` },
        { logicalId: 'Service', type: 'AWS::ECS::Service', physicalId: ecsArn(place, 'service', `${names.cluster}/${services[index].serviceName}`) },
      ],
      failure: failureStatuses(status)
        ? { logicalId: 'Service', reason: `Resource handler returned message: "Service ${services[index].serviceName} did not stabilize."` }
        : undefined,
    }),
  );
  return { stacks: [appStack, ...nested], services: neverCompleted(status) ? [] : services };
}

function resourceStack(place: Place, rackName: string, options: ResourceStackOptions): Stack {
  const name = `${rackName}-${options.name}`;
  const key = [place.account, place.region, name];
  const host = `${name}.c${hex(12, ...key, 'rds')}.${place.region}.rds.amazonaws.com`;
  return stack(place, {
    name,
    status: options.status,
    tags: { System: 'convox', Type: 'resource', Rack: rackName, Name: options.name, Resource: options.kind },
    parameters: parameters({ Class: 'db.t3.micro', Encrypted: 'false', Password: physicalSuffix(20, ...key, 'password'), Storage: '20', Version: '13' }, ['Password']),
    outputs: outputs({ Port: '5432', EnvPostgresHost: host }),
    resources: [
      { logicalId: 'SecurityGroup', type: 'AWS::EC2::SecurityGroup', physicalId: `sg-0${hex(16, ...key, 'sg')}` },
      { logicalId: 'SubnetGroup', type: 'AWS::RDS::DBSubnetGroup', physicalId: `${name}-subnetgroup-${hex(12, ...key, 'sng')}` },
      { logicalId: 'Instance', type: 'AWS::RDS::DBInstance', physicalId: name },
    ],
  });
}

export function rack(place: Place, options: RackOptions): RegionData {
  const { name } = options;
  const status = options.status ?? 'CREATE_COMPLETE';
  const version = options.version ?? '20250101120000';
  const highAvailability = options.highAvailability ?? true;
  const instanceCount = options.instanceCount ?? 3;
  const noHaInstanceCount = options.noHaInstanceCount ?? 1;
  const instanceType = options.instanceType ?? 't3.small';
  const isPrivate = options.private ?? false;
  const internal = options.internal ?? false;
  const buildInstance = options.buildInstance ?? 't3.small';
  const logDriver = options.logDriver ?? 'CloudWatch';
  const createdAt = options.createdAt ?? defaultCreatedAt;
  const names = rackNames(place, name);
  const key = [place.account, place.region, name];
  const yesNo = (flag: boolean): string => (flag ? 'Yes' : 'No');

  const current = parameters(
    {
      Ami: '',
      ApiCpu: '128',
      ApiMonitorMemory: '64',
      ApiRouter: 'ELB',
      ApiWebMemory: '256',
      Autoscale: 'Yes',
      BuildInstance: buildInstance,
      BuildMethod: 'ec2',
      ClientId: 'dev@convox.com',
      Development: 'No',
      Encryption: 'Yes',
      ExistingVpc: '',
      HighAvailability: String(highAvailability),
      HttpProxy: '',
      InstanceBootCommand: '',
      InstanceCount: String(instanceCount),
      InstanceType: instanceType,
      Internal: yesNo(internal),
      InternalOnly: 'No',
      Key: '',
      LogDriver: logDriver,
      LogRetention: '7',
      MaxAvailabilityZones: '3',
      NoHaInstanceCount: String(noHaInstanceCount),
      Password: physicalSuffix(30, ...key, 'password'),
      Private: yesNo(isPrivate),
      PrivateApi: 'No',
      Subnet0CIDR: '10.0.1.0/24',
      Subnet1CIDR: '10.0.2.0/24',
      Subnet2CIDR: '10.0.3.0/24',
      SubnetPrivate0CIDR: '10.0.4.0/24',
      SubnetPrivate1CIDR: '10.0.5.0/24',
      SubnetPrivate2CIDR: '10.0.6.0/24',
      Tenancy: 'default',
      Version: version,
      VolumeSize: '50',
      VPCCIDR: '10.0.0.0/16',
      ...options.parameters,
    },
    ['Password', 'HttpProxy'],
  );
  const legacyParameters = parameters(
    {
      Ami: '',
      ClientId: 'dev@convox.com',
      Development: 'No',
      Encryption: 'Yes',
      InstanceCount: String(instanceCount),
      InstanceType: instanceType,
      Key: '',
      Password: physicalSuffix(30, ...key, 'password'),
      Private: yesNo(isPrivate),
      Tenancy: 'default',
      Version: version,
      VPCCIDR: '10.0.0.0/16',
      ...options.parameters,
    },
    ['Password'],
  );
  const currentOutputs = outputs({
    Rack: name,
    Version: version,
    AwsRegion: place.region,
    Dashboard: names.dashboard,
    Domain: names.router,
    DomainInternal: internal ? names.routerInternal : undefined,
    Cluster: names.cluster,
    BuildCluster: buildInstance ? names.buildCluster : undefined,
    AutoscalingGroup: names.asg,
    Vpc: names.vpc,
    Vpccidr: '10.0.0.0/16',
    Subnets: names.subnets.join(','),
    Subnet0: names.subnets[0],
    Subnet1: names.subnets[1],
    Subnet2: names.subnets[2],
    SubnetsPrivate: isPrivate ? names.privateSubnets.join(',') : undefined,
    SubnetPrivate0: isPrivate ? names.privateSubnets[0] : undefined,
    SubnetPrivate1: isPrivate ? names.privateSubnets[1] : undefined,
    SubnetPrivate2: isPrivate ? names.privateSubnets[2] : undefined,
    AvailabilityZones: ['a', 'b', 'c'].map((letter) => `${place.region}${letter}`).join(','),
    SettingsBucket: names.settingsBucket,
    LogBucket: names.logBucket,
    ELBLogBucket: names.elbLogBucket,
    LogGroup: logDriver === 'CloudWatch' ? names.logGroup : undefined,
    DynamoBuilds: `${name}-builds`,
    DynamoReleases: `${name}-releases`,
    Private: yesNo(isPrivate),
    Internal: yesNo(internal),
  });
  const legacyOutputs = outputs({
    Dashboard: names.dashboard,
    Cluster: names.cluster,
    Vpc: names.vpc,
    Subnets: names.subnets.join(','),
    SettingsBucket: names.settingsBucket,
  });

  const rackStack = stack(place, {
    name,
    status,
    reason: options.reason,
    tags: options.legacy ? {} : { System: 'convox', Type: 'rack', ...options.tags },
    parameters: options.legacy ? legacyParameters : current,
    outputs: options.legacy ? legacyOutputs : currentOutputs,
    capabilities: ['CAPABILITY_IAM'],
    createdAt,
    updatedAt: options.updatedAt,
    resources: rackResources(place, name, names, { private: isPrivate, internal, buildInstance, logDriver }),
    failure: options.failure,
  });

  const apps = (options.apps ?? []).map((appOptions) => app(place, name, version, names, appOptions));
  const resourceStacks = (options.resources ?? []).map((resource) => resourceStack(place, name, resource));
  const parts: Partial<RegionData>[] = [{ stacks: [rackStack, ...apps.flatMap((entry) => entry.stacks), ...resourceStacks] }];

  // Servers exist from the end of creation until the deletion removes them.
  const serversExist = !neverCompleted(status) && status !== 'DELETE_FAILED' && status !== 'DELETE_COMPLETE';
  if (serversExist) {
    const launchedAt = rackStack.updatedAt ?? addSeconds(createdAt, 600);
    const rackContainer = (containerName: string, cpu: number, memory: number): ContainerDefinition => ({
      name: containerName,
      image: `convox/rack:${version}`,
      cpu,
      memory,
      essential: true,
      command: [containerName === 'web' ? 'api' : 'monitor'],
      environment: env({ AWS_REGION: place.region, PROVIDER: 'aws', RACK: name, RELEASE: version }),
      dockerLabels: {},
    });
    const rackServices: ServicePlan[] = [
      { serviceName: names.webService, family: `${name}-api-web`, count: highAvailability ? 2 : 1, createdAt, container: rackContainer('web', 128, 256) },
      { serviceName: names.monitorService, family: `${name}-api-monitor`, count: 1, createdAt, container: rackContainer('monitor', 64, 64) },
    ];
    const shared = { stackName: name, stackId: rackStack.id, vpcId: names.vpc, private: isPrivate, launchedAt };
    const subnets = isPrivate ? names.privateSubnets : names.subnets;
    parts.push(
      cluster(place, {
        ...shared,
        clusterName: names.cluster,
        asgName: names.asg,
        instanceType,
        instanceStates: options.instanceStates ?? Array<string>(highAvailability ? instanceCount : noHaInstanceCount).fill('InService'),
        subnets,
        services: [...rackServices, ...apps.flatMap((entry) => entry.services)],
        stoppedTasks: options.stoppedTasks ?? 1,
        terminatedInstances: status.startsWith('UPDATE_') ? 1 : 0,
      }),
    );
    if (buildInstance) {
      parts.push(
        cluster(place, {
          ...shared,
          clusterName: names.buildCluster,
          asgName: names.buildAsg,
          instanceType: buildInstance,
          instanceStates: ['InService'],
          subnets,
          services: [],
          stoppedTasks: 0,
          terminatedInstances: 0,
          tags: { Name: `${name}-build`, Purpose: 'Build' },
        }),
      );
    }
  }
  return merge(...parts);
}
