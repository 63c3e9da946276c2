// A Convox rack as it lives in AWS: the rack stack with its
// parameters, outputs, resources and events, its app stacks (each with a nested service stack), its
// resource stacks, and, once created, its servers, ECS cluster, services and tasks.
import type { ContainerDefinition, Ec2Subnet, KeyValue, RegionData, Stack } from '../types';
import { cluster, type Placement, type ServerGroup, type ServicePlan } from './cluster';
import { addSeconds, ecsArn, hex, physicalSuffix, uuid, type Place } from './ids';
import type { Failure } from './lifecycle';
import { currentApi, rackNames, rackResources, type ApiShape, type RackNames, type RackShape } from './rackResources';
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
  /**
   * The app's name where anyone with access to the account can write anything: its stack's Name tag, its tasks'
   * convox.app label and APP variable. `name` when absent; the stack's name is always made from `name`.
   */
  tagName?: string;
}

export interface ResourceStackOptions {
  name: string;
  /** Resource tag, e.g. postgres, redis. */
  kind: string;
  status?: string;
  /** The database's DeletionProtection parameter: its stack cannot be deleted while it is true. */
  deletionProtection?: boolean;
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
  /** No public router and no Domain output: apps are reachable inside the VPC only. */
  internalOnly?: boolean;
  /** The rack API behind an internal load balancer in the private subnets; needs `private`. */
  privateApi?: boolean;
  /** A public network load balancer (NLB=Yes), with an elastic IP per zone. */
  nlb?: boolean;
  /** An internal network load balancer (NLBInternal=Yes). */
  nlbInternal?: boolean;
  /** MaxAvailabilityZones: 3 when absent; a rack without high availability uses 2 whatever this says. */
  zones?: 2 | 3;
  /** SpotInstanceBid: adds the SpotInstances group, whose servers join the rack's cluster. */
  spotInstanceBid?: string;
  /** Servers in the spot group; 2 when absent. */
  spotInstanceCount?: number;
  /** Autoscale: the InstancesAutoscaler function; true when absent. */
  autoscale?: boolean;
  /** Build instance type; '' means no build cluster. */
  buildInstance?: string;
  logDriver?: 'CloudWatch' | 'Syslog' | '';
  /** Installed before 2018: no tags, old parameters and outputs. */
  legacy?: boolean;
  /** How the release builds the rack API (classic ELB, service names, SSM secret); today's when absent. */
  api?: ApiShape;
  /** User tags, added to System=convox Type=rack. */
  tags?: Record<string, string>;
  /** Parameter values added or replaced. */
  parameters?: Record<string, string>;
  /** Output values added or replaced, once the stack has outputs. */
  outputs?: Record<string, string>;
  createdAt?: Date;
  updatedAt?: Date;
  failure?: Failure;
  /**
   * Auto-scaling lifecycle state of each instance (e.g. one `Pending` while converging); its length is the instance
   * count. A rack still being created has none unless this says (e.g. one `Pending`).
   */
  instanceStates?: string[];
  /** While CREATE_IN_PROGRESS: the resources still being created; ApiBalancer and Instances when absent. */
  inProgress?: string[];
  apps?: AppOptions[];
  resources?: ResourceStackOptions[];
  /** Exited tasks kept in the cluster; 1 when absent. */
  stoppedTasks?: number;
}

const env = (values: Record<string, string>): KeyValue[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

/** The rack's `Password` parameter, as its installer chose it. */
export const rackPassword = (place: Place, name: string): string =>
  physicalSuffix(30, place.account, place.region, name, 'password');

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const failureStatuses = (status: string): boolean => /FAILED|ROLLBACK/.test(status);

/** An app stack with one nested service stack per process, and the ECS services those stacks run. */
function app(
  place: Place,
  rackName: string,
  version: string,
  names: RackNames,
  options: AppOptions,
): { stacks: Stack[]; services: ServicePlan[] } {
  const name = `${rackName}-${options.name}`;
  const status = options.status ?? 'CREATE_COMPLETE';
  const generation = options.generation ?? '2';
  const key = [place.account, place.region, name];
  const release = `R${physicalSuffix(10, ...key, 'release')}`;
  const registry = `${place.account}.dkr.ecr.${place.region}.amazonaws.com/${name}-${hex(8, ...key, 'registry')}`;
  const processes = options.processes ?? [{ name: 'web', count: 2 }];
  const labels = options.labels ?? 'both';
  const shownName = options.tagName ?? options.name;
  const tags = {
    System: 'convox',
    Type: 'app',
    Rack: rackName,
    Name: shownName,
    Generation: generation,
    Version: version,
  };
  const nestedNames = processes.map(
    (process) => `${name}-Service${capitalized(process.name)}-${physicalSuffix(6, ...key, process.name)}`,
  );
  const appStack = stack(place, {
    name,
    status,
    tags,
    createdAt: options.createdAt,
    updatedAt: options.updatedAt,
    capabilities: ['CAPABILITY_IAM'],
    parameters: parameters({
      LogBucket: names.logBucket,
      LogRetention: '',
      Private: 'No',
      Rack: rackName,
      Release: release,
    }),
    outputs: outputs({
      LogGroup: `${name}-LogGroup-${physicalSuffix(12, ...key, 'LogGroup')}`,
      Registry: registry,
      Release: release,
    }),
    resources: [
      { logicalId: 'Registry', type: 'AWS::ECR::Repository', physicalId: registry.split('/')[1] },
      { logicalId: 'Settings', type: 'AWS::S3::Bucket', physicalId: `${name}-settings-${hex(12, ...key, 'settings')}` },
      {
        logicalId: 'LogGroup',
        type: 'AWS::Logs::LogGroup',
        physicalId: `${name}-LogGroup-${physicalSuffix(12, ...key, 'LogGroup')}`,
      },
      {
        logicalId: 'ExecutionRole',
        type: 'AWS::IAM::Role',
        physicalId: `${name}-ExecutionRole-${physicalSuffix(12, ...key, 'role')}`,
      },
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
    'convox.app': shownName,
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
      environment:
        labels === 'docker' ? [] : env({ APP: shownName, RACK: rackName, RELEASE: release, SERVICE: process.name }),
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
        {
          logicalId: 'BalancerTargetGroup',
          type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          physicalId: `arn:aws:elasticloadbalancing:${place.region}:${place.account}:targetgroup/${hex(20, nestedNames[index])}/${hex(16, nestedNames[index], 'tg')}`,
        },
        {
          logicalId: 'BalancerListenerRule',
          type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          physicalId: `arn:aws:elasticloadbalancing:${place.region}:${place.account}:listener-rule/app/${rackName}-router/${hex(16, nestedNames[index], 'rule')}`,
        },
        {
          logicalId: 'Service',
          type: 'AWS::ECS::Service',
          physicalId: ecsArn(place, 'service', `${names.cluster}/${services[index].serviceName}`),
        },
      ],
      failure: failureStatuses(status)
        ? {
            logicalId: 'Service',
            reason: `Resource handler returned message: "Service ${services[index].serviceName} did not stabilize."`,
          }
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
    parameters: parameters(
      {
        Class: 'db.t3.micro',
        DeletionProtection: String(options.deletionProtection ?? false),
        Encrypted: 'false',
        Password: physicalSuffix(20, ...key, 'password'),
        Storage: '20',
        Version: '13',
      },
      ['Password'],
    ),
    outputs: outputs({ Port: '5432', EnvPostgresHost: host }),
    resources: [
      { logicalId: 'SecurityGroup', type: 'AWS::EC2::SecurityGroup', physicalId: `sg-0${hex(16, ...key, 'sg')}` },
      {
        logicalId: 'SubnetGroup',
        type: 'AWS::RDS::DBSubnetGroup',
        physicalId: `${name}-subnetgroup-${hex(12, ...key, 'sng')}`,
      },
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
  const internalOnly = options.internalOnly ?? false;
  const privateApi = options.privateApi ?? false;
  const nlb = options.nlb ?? false;
  const nlbInternal = options.nlbInternal ?? false;
  const spotInstanceBid = options.spotInstanceBid ?? '';
  const autoscale = options.autoscale ?? true;
  const buildInstance = options.buildInstance ?? 't3.small';
  const logDriver = options.logDriver ?? 'CloudWatch';
  const createdAt = options.createdAt ?? defaultCreatedAt;
  const zoneCount = highAvailability ? (options.zones ?? 3) : 2;
  const api = options.api ?? currentApi;
  const names = rackNames(place, name, privateApi, api);
  const yesNo = (flag: boolean): string => (flag ? 'Yes' : 'No');
  const inZones = <T>(items: T[]): T[] => items.slice(0, zoneCount);
  const zones = inZones(['a', 'b', 'c']).map((letter) => `${place.region}${letter}`);
  const subnets = inZones(names.subnets);
  const privateSubnets = isPrivate ? inZones(names.privateSubnets) : [];

  const values: Record<string, string> = {
    Ami: '',
    ApiCpu: '128',
    ApiMonitorMemory: '64',
    ApiRouter: api.apiRouter,
    ApiWebMemory: '256',
    Autoscale: yesNo(autoscale),
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
    InternalOnly: yesNo(internalOnly),
    Key: '',
    LogDriver: logDriver,
    LogRetention: '7',
    MaxAvailabilityZones: String(options.zones ?? 3),
    NLB: yesNo(nlb),
    NLBInternal: yesNo(nlbInternal),
    NoHaInstanceCount: String(noHaInstanceCount),
    Password: rackPassword(place, name),
    Private: yesNo(isPrivate),
    PrivateApi: yesNo(privateApi),
    SpotInstanceBid: spotInstanceBid,
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
  };
  const legacyParameters = parameters(
    {
      Ami: '',
      ClientId: 'dev@convox.com',
      Development: 'No',
      Encryption: 'Yes',
      InstanceCount: String(instanceCount),
      InstanceType: instanceType,
      Key: '',
      Password: rackPassword(place, name),
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
    Domain: internalOnly ? undefined : names.router,
    DomainInternal: internal ? names.routerInternal : undefined,
    NLBHost: nlb ? names.nlbHost : undefined,
    NLBInternalHost: nlbInternal ? names.nlbInternalHost : undefined,
    NLBEIP0: nlb ? names.nlbAddresses[0] : undefined,
    NLBEIP1: nlb ? names.nlbAddresses[1] : undefined,
    NLBEIP2: nlb && zoneCount === 3 ? names.nlbAddresses[2] : undefined,
    Cluster: names.cluster,
    BuildCluster: buildInstance ? names.buildCluster : undefined,
    AutoscalingGroup: names.asg,
    Vpc: names.vpc,
    Vpccidr: values.VPCCIDR,
    Subnets: subnets.join(','),
    Subnet0: subnets[0],
    Subnet1: subnets[1],
    Subnet2: subnets.at(2),
    SubnetsPrivate: isPrivate ? privateSubnets.join(',') : undefined,
    SubnetPrivate0: privateSubnets.at(0),
    SubnetPrivate1: privateSubnets.at(1),
    SubnetPrivate2: privateSubnets.at(2),
    NatGateways: isPrivate ? inZones(names.natGateways).join(',') : undefined,
    NatIPs: isPrivate ? inZones(names.natAddresses).join(',') : undefined,
    AvailabilityZones: zones.join(','),
    SettingsBucket: names.settingsBucket,
    LogBucket: names.logBucket,
    ELBLogBucket: names.elbLogBucket,
    LogGroup: logDriver === 'CloudWatch' ? names.logGroup : undefined,
    DynamoBuilds: `${name}-builds`,
    DynamoReleases: `${name}-releases`,
    Private: yesNo(isPrivate),
    Internal: yesNo(internal),
    SpotInstances: yesNo(spotInstanceBid !== ''),
    ...options.outputs,
  });
  const legacyOutputs = outputs({
    Dashboard: names.dashboard,
    Cluster: names.cluster,
    Vpc: names.vpc,
    Subnets: subnets.join(','),
    SettingsBucket: names.settingsBucket,
  });

  const shape: RackShape = {
    zones: zoneCount,
    private: isPrivate,
    privateApi,
    internal,
    internalOnly,
    nlb,
    nlbInternal,
    spot: spotInstanceBid !== '',
    build: buildInstance !== '',
    autoscale,
    cloudWatch: logDriver === 'CloudWatch',
    api,
  };
  const rackStack = stack(place, {
    name,
    status,
    reason: options.reason,
    tags: options.legacy ? {} : { System: 'convox', Type: 'rack', ...options.tags },
    parameters: options.legacy ? legacyParameters : parameters(values, ['Password', 'HttpProxy']),
    outputs: options.legacy ? legacyOutputs : currentOutputs,
    capabilities: ['CAPABILITY_IAM'],
    createdAt,
    updatedAt: options.updatedAt,
    resources: rackResources(place, name, names, shape),
    failure: options.failure,
    inProgress: options.inProgress ?? [api.classic ? 'Balancer' : 'ApiBalancer', 'Instances'],
  });

  const apps = (options.apps ?? []).map((appOptions) => app(place, name, version, names, appOptions));
  const resourceStacks = (options.resources ?? []).map((resource) => resourceStack(place, name, resource));
  const parts: Partial<RegionData>[] = [
    { stacks: [rackStack, ...apps.flatMap((entry) => entry.stacks), ...resourceStacks] },
  ];

  // What EC2 and ECS hold is what the stack's resources say exists: begun, and not deleted.
  const begun = (logicalId: string): boolean =>
    rackStack.resources.some((resource) => resource.logicalId === logicalId && resource.status !== 'DELETE_COMPLETE');
  const created = (logicalId: string): boolean =>
    rackStack.resources.some(
      (resource) =>
        resource.logicalId === logicalId && resource.physicalId !== undefined && resource.status !== 'DELETE_COMPLETE',
    );
  const cloudFormationTags = (logicalId: string): Record<string, string> => ({
    ...rackStack.tags,
    'aws:cloudformation:stack-name': name,
    'aws:cloudformation:stack-id': rackStack.id,
    'aws:cloudformation:logical-id': logicalId,
  });
  const subnet = (kind: 'public' | 'private', index: number): Ec2Subnet => {
    const logicalId = kind === 'public' ? `Subnet${index}` : `SubnetPrivate${index}`;
    return {
      id: (kind === 'public' ? subnets : privateSubnets)[index],
      vpcId: names.vpc,
      availabilityZone: zones[index],
      cidr: values[`${logicalId}CIDR`],
      mapPublicIpOnLaunch: false,
      tags: { ...cloudFormationTags(logicalId), Name: `${name} ${kind} ${index}` },
    };
  };
  const publicNetwork = subnets.map((_, index) => subnet('public', index));
  const privateNetwork = privateSubnets.map((_, index) => subnet('private', index));
  parts.push({
    vpcs: created('Vpc')
      ? [{ id: names.vpc, cidr: values.VPCCIDR, tags: { ...cloudFormationTags('Vpc'), Name: name } }]
      : [],
    subnets: [...publicNetwork, ...privateNetwork].filter((found) =>
      created(found.tags['aws:cloudformation:logical-id']),
    ),
  });

  const launchedAt = rackStack.updatedAt ?? addSeconds(createdAt, 600);
  const placements: Placement[] = (isPrivate ? privateNetwork : publicNetwork).map((found) => ({
    subnetId: found.id,
    availabilityZone: found.availabilityZone,
    cidr: found.cidr,
  }));
  const shared = {
    stackName: name,
    stackId: rackStack.id,
    stackTags: rackStack.tags,
    vpcId: names.vpc,
    private: isPrivate,
    launchedAt,
    placements,
  };
  const instancesGroup = (instanceStates: string[]): ServerGroup => ({
    asgName: names.asg,
    logicalId: 'Instances',
    instanceType,
    instanceStates,
  });

  // A rack being created has its cluster once that resource is done, and its group's servers as they launch.
  if (status === 'CREATE_IN_PROGRESS' && created('Cluster')) {
    parts.push(
      cluster(place, {
        ...shared,
        clusterName: names.cluster,
        groups: begun('Instances') ? [instancesGroup(options.instanceStates ?? [])] : [],
        services: [],
        stoppedTasks: 0,
        terminatedInstances: 0,
      }),
    );
  }

  // Servers exist from the end of creation until the deletion removes them.
  const serversExist = !neverCompleted(status) && status !== 'DELETE_FAILED' && status !== 'DELETE_COMPLETE';
  if (serversExist) {
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
      {
        serviceName: names.webService,
        family: `${name}-api-web`,
        count: highAvailability ? 2 : 1,
        createdAt,
        container: rackContainer('web', 128, 256),
      },
      {
        serviceName: names.monitorService,
        family: `${name}-api-monitor`,
        count: 1,
        createdAt,
        container: rackContainer('monitor', 64, 64),
      },
    ];
    const groups = [
      instancesGroup(
        options.instanceStates ?? Array<string>(highAvailability ? instanceCount : noHaInstanceCount).fill('InService'),
      ),
    ];
    if (spotInstanceBid) {
      groups.push({
        asgName: names.spotAsg,
        logicalId: 'SpotInstances',
        instanceType,
        instanceStates: Array<string>(options.spotInstanceCount ?? 2).fill('InService'),
        spot: true,
      });
    }
    parts.push(
      cluster(place, {
        ...shared,
        clusterName: names.cluster,
        groups,
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
          groups: [
            {
              asgName: names.buildAsg,
              logicalId: 'BuildInstances',
              instanceType: buildInstance,
              instanceStates: ['InService'],
              tags: { Name: `${name}-build`, Purpose: 'Build' },
            },
          ],
          services: [],
          stoppedTasks: 0,
          terminatedInstances: 0,
        }),
      );
    }
  }
  return merge(...parts);
}
