// The resources of a rack's stack as the rack template creates them: which logical ids exist for which
// parameters (the template's conditions), in creation order, with the physical ids CloudFormation gives them.
// A default public rack has about 90; a private one, or one with internal and network routers, goes past the
// 100 that one DescribeStackResources answer holds.
import { digits, ecsArn, hex, physicalSuffix, publicIpv4, uuid, type Place } from './ids';
import type { ResourceSpec } from './lifecycle';

/** What the template's conditions depend on. */
export interface RackShape {
  /** Availability zones used: 3 with HighAvailability and MaxAvailabilityZones=3, else 2. */
  zones: number;
  private: boolean;
  privateApi: boolean;
  internal: boolean;
  internalOnly: boolean;
  nlb: boolean;
  nlbInternal: boolean;
  spot: boolean;
  /** BuildInstance set: a dedicated build cluster. */
  build: boolean;
  autoscale: boolean;
  cloudWatch: boolean;
  /** How the release reaches the rack API: see `ApiShape`. */
  api: ApiShape;
}

/**
 * The rack API as a release builds it. Since about 20221202 the ELBv2 `ApiBalancer` and the services
 * `ServiceWebApi`/`ServiceMonitorApi`; through 20221201152222 (`classic`) the classic ELB `Balancer`, or no
 * balancer of its own when `ApiRouter=ALB` (the API behind `Router`), and the services `ApiWebService`/
 * `ApiMonitorService`. The SSM parameter `<rack>RackApiSecret` exists since 20230322.
 */
export interface ApiShape {
  classic: boolean;
  /** Only read on a classic release: the API's own classic ELB, or the app router. */
  apiRouter: 'ELB' | 'ALB';
  secret: boolean;
}

export const currentApi: ApiShape = { classic: false, apiRouter: 'ELB', secret: true };

/** The logical ids of the rack's own ECS services in a release. */
export function rackServiceIds(api: ApiShape): { web: string; monitor: string } {
  return api.classic
    ? { web: 'ApiWebService', monitor: 'ApiMonitorService' }
    : { web: 'ServiceWebApi', monitor: 'ServiceMonitorApi' };
}

export interface RackNames {
  cluster: string;
  buildCluster: string;
  asg: string;
  spotAsg: string;
  buildAsg: string;
  vpc: string;
  /** One per possible zone (3); a rack uses the first `zones`. */
  subnets: string[];
  privateSubnets: string[];
  natGateways: string[];
  natAddresses: string[];
  nlbAddresses: string[];
  settingsBucket: string;
  logBucket: string;
  elbLogBucket: string;
  logGroup: string;
  /** The API load balancer's name: the rack's, with `-i` when it is internal (PrivateApi). */
  apiBalancer: string;
  dashboard: string;
  router: string;
  routerInternal: string;
  /** The network load balancers' names, which CloudFormation makes up. */
  nlb: string;
  nlbInternal: string;
  nlbHost: string;
  nlbInternalHost: string;
  webService: string;
  monitorService: string;
}

export function rackNames(place: Place, name: string, privateApi: boolean, api: ApiShape = currentApi): RackNames {
  const key = [place.account, place.region, name];
  const suffix = (what: string): string => physicalSuffix(12, ...key, what);
  const lower = (what: string): string => hex(12, ...key, what);
  const each = (make: (index: string) => string): string[] => ['0', '1', '2'].map(make);
  const elb = (host: string, what: string): string =>
    `${host}-${digits(10, ...key, what)}.${place.region}.elb.amazonaws.com`;
  const nlbHost = (balancer: string): string =>
    `${balancer}-${hex(16, ...key, balancer)}.elb.${place.region}.amazonaws.com`;
  const apiBalancer = privateApi ? `${name}-i` : name;
  const nlb = `${name}-NLBRo-${suffix('NLBRouter')}`.slice(0, 32);
  const nlbInternal = `${name}-NLBRo-${suffix('NLBRouterInternal')}`.slice(0, 32);
  const router = elb(`${name}-router`, 'router');
  const services = rackServiceIds(api);
  // Behind the app router, the API answers on a name of the router's own certificate.
  const dashboard =
    api.classic && api.apiRouter === 'ALB'
      ? `rack.${router.replace(/\.elb\.amazonaws\.com$/, '')}.convox.site`
      : elb(privateApi ? `internal-${apiBalancer}` : apiBalancer, 'api');
  return {
    cluster: `${name}-Cluster-${suffix('Cluster')}`,
    buildCluster: `${name}-BuildCluster-${suffix('BuildCluster')}`,
    asg: `${name}-Instances-${suffix('Instances')}`,
    spotAsg: `${name}-SpotInstances-${suffix('SpotInstances')}`,
    buildAsg: `${name}-BuildInstances-${suffix('BuildInstances')}`,
    vpc: `vpc-0${hex(16, ...key, 'vpc')}`,
    subnets: each((index) => `subnet-0${hex(16, ...key, 'subnet', index)}`),
    privateSubnets: each((index) => `subnet-0${hex(16, ...key, 'private-subnet', index)}`),
    natGateways: each((index) => `nat-0${hex(16, ...key, 'nat', index)}`),
    natAddresses: each((index) => publicIpv4(...key, 'nat-eip', index)),
    nlbAddresses: each((index) => publicIpv4(...key, 'nlb-eip', index)),
    settingsBucket: `${name}-settings-${lower('Settings')}`,
    logBucket: `${name}-logs-${lower('Logs')}`,
    elbLogBucket: `${name}-elblogs-${lower('ELBLogs')}`,
    logGroup: `${name}-LogGroup-${suffix('LogGroup')}`,
    apiBalancer,
    dashboard,
    router,
    routerInternal: elb(`internal-${name}-rti`, 'router-internal'),
    nlb,
    nlbInternal,
    nlbHost: nlbHost(nlb),
    nlbInternalHost: `internal-${nlbHost(nlbInternal)}`,
    webService: `${name}-${services.web}-${suffix(services.web)}`,
    monitorService: `${name}-${services.monitor}-${suffix(services.monitor)}`,
  };
}

/** The rack's resources in creation order. */
export function rackResources(place: Place, name: string, names: RackNames, shape: RackShape): ResourceSpec[] {
  const key = [place.account, place.region, name];
  const specs: ResourceSpec[] = [];
  const add = (logicalId: string, type: string, physicalId: string): void => {
    specs.push({ logicalId, type, physicalId });
  };
  const when = (condition: boolean, adding: () => void): void => {
    if (condition) adding();
  };
  const zones = ['0', '1', '2'].slice(0, shape.zones);
  const zoneIndex = (index: string): number => Number(index);
  // CloudFormation names what a template leaves unnamed after the stack and the logical id.
  const generated = (logicalId: string): string => `${name}-${logicalId}-${physicalSuffix(12, ...key, logicalId)}`;
  const ec2Id = (prefix: string, logicalId: string): string => `${prefix}-0${hex(16, ...key, logicalId)}`;
  const arn = (service: string, resource: string): string =>
    `arn:aws:${service}:${place.region}:${place.account}:${resource}`;
  const balancerArn = (kind: 'app' | 'net', balancer: string): string =>
    arn('elasticloadbalancing', `loadbalancer/${kind}/${balancer}/${hex(16, ...key, balancer)}`);
  const listenerArn = (balancer: string, logicalId: string): string =>
    arn('elasticloadbalancing', `listener/app/${balancer}/${hex(16, ...key, balancer)}/${hex(16, ...key, logicalId)}`);
  const certificate = (logicalId: string): string => arn('acm', `certificate/${uuid(...key, logicalId)}`);
  const role = (logicalId: string): void => add(logicalId, 'AWS::IAM::Role', generated(logicalId));
  const securityGroup = (logicalId: string): void => add(logicalId, 'AWS::EC2::SecurityGroup', ec2Id('sg', logicalId));
  const ingress = (logicalId: string): void =>
    add(logicalId, 'AWS::EC2::SecurityGroupIngress', ec2Id('sgr', logicalId));
  const topic = (logicalId: string): void => add(logicalId, 'AWS::SNS::Topic', arn('sns', generated(logicalId)));
  const lambda = (logicalId: string): void => add(logicalId, 'AWS::Lambda::Function', generated(logicalId));
  const custom = (logicalId: string, type: string): void => add(logicalId, type, uuid(...key, logicalId));
  const routeTable = (logicalId: string): void => add(logicalId, 'AWS::EC2::RouteTable', ec2Id('rtb', logicalId));
  const route = (logicalId: string): void => add(logicalId, 'AWS::EC2::Route', generated(logicalId));
  const association = (logicalId: string): void =>
    add(logicalId, 'AWS::EC2::SubnetRouteTableAssociation', ec2Id('rtbassoc', logicalId));
  const bucket = (logicalId: string, bucketName: string): void => {
    add(logicalId, 'AWS::S3::Bucket', bucketName);
    add(`${logicalId}Policy`, 'AWS::S3::BucketPolicy', bucketName);
  };
  const queue = (logicalId: string): void => {
    add(
      logicalId,
      'AWS::SQS::Queue',
      `https://sqs.${place.region}.amazonaws.com/${place.account}/${generated(logicalId)}`,
    );
    add(`${logicalId}Policy`, 'AWS::SQS::QueuePolicy', generated(`${logicalId}Policy`));
  };
  const launchTemplate = (logicalId: string): void =>
    add(logicalId, 'AWS::EC2::LaunchTemplate', ec2Id('lt', logicalId));
  const group = (logicalId: string, groupName: string): void =>
    add(logicalId, 'AWS::AutoScaling::AutoScalingGroup', groupName);
  const hook = (logicalId: string): void => add(logicalId, 'AWS::AutoScaling::LifecycleHook', generated(logicalId));
  const taskDefinition = (logicalId: string, family: string): void =>
    add(logicalId, 'AWS::ECS::TaskDefinition', ecsArn(place, 'task-definition', `${family}:1`));
  const router = (logicalId: string, balancer: string, certificateId: string): void => {
    securityGroup(`${logicalId}Security`);
    add(certificateId, 'AWS::CertificateManager::Certificate', certificate(logicalId));
    add(logicalId, 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('app', balancer));
    for (const port of ['80', '443'])
      add(
        `${logicalId}Listener${port}`,
        'AWS::ElasticLoadBalancingV2::Listener',
        listenerArn(balancer, `${logicalId}Listener${port}`),
      );
  };
  // One allowed CIDR (slot 0): the public NLB's default 0.0.0.0/0, or the VPC's for the internal one.
  const networkRouter = (prefix: 'NLB' | 'NLBInternal', balancer: string): void => {
    securityGroup(`${prefix}Security`);
    ingress(`${prefix}AllowCIDRSlot0Ingress`);
    ingress(`InstancesSecurity${prefix}Ingress`);
    add(
      prefix === 'NLB' ? 'NLBRouter' : 'NLBRouterInternal',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      balancerArn('net', balancer),
    );
  };

  // Network: the VPC and its public subnets, then the private ones behind one NAT gateway per zone.
  add('Vpc', 'AWS::EC2::VPC', names.vpc);
  add('Gateway', 'AWS::EC2::InternetGateway', `igw-0${hex(16, ...key, 'igw')}`);
  add(
    'GatewayAttachment',
    'AWS::EC2::VPCGatewayAttachment',
    `${name}-Gatew-${physicalSuffix(12, ...key, 'GatewayAttachment')}`,
  );
  zones.forEach((index) => add(`Subnet${index}`, 'AWS::EC2::Subnet', names.subnets[zoneIndex(index)]));
  when(shape.private, () =>
    zones.forEach((index) => add(`SubnetPrivate${index}`, 'AWS::EC2::Subnet', names.privateSubnets[zoneIndex(index)])),
  );
  routeTable('Routes');
  route('RouteDefault');
  zones.forEach((index) => association(`Subnet${index}Routes`));
  when(shape.private, () =>
    zones.forEach((index) => {
      add(`NatAddress${index}`, 'AWS::EC2::EIP', names.natAddresses[zoneIndex(index)]);
      add(`Nat${index}`, 'AWS::EC2::NatGateway', names.natGateways[zoneIndex(index)]);
      routeTable(`RouteTablePrivate${index}`);
      route(`RouteDefaultPrivate${index}`);
      association(`SubnetPrivate${index}Routes`);
    }),
  );

  // Keys, certificates for the servers' Docker daemons, logs and notifications.
  role('CustomTopicRole');
  lambda('CustomTopic');
  custom('EncryptionKey', 'Custom::KMSKey');
  add('EncryptionKeyAlias', 'AWS::KMS::Alias', `alias/convox-${name}`);
  add('CustomerManagedKey', 'AWS::KMS::Key', uuid(...key, 'CustomerManagedKey'));
  add('CMKPolicy', 'AWS::IAM::ManagedPolicy', `arn:aws:iam::${place.account}:policy/convox/${generated('CMKPolicy')}`);
  custom('DockertTLSCertGenerate', 'Custom::SelfSignedCertificate');
  for (const part of ['CA', 'CAKey', 'Cert', 'Key']) custom(`DockertTLS${part}`, 'Custom::SelfSignedCertificateGetter');
  when(shape.cloudWatch, () => add('LogGroup', 'AWS::Logs::LogGroup', names.logGroup));
  topic('NotificationTopic');
  role('SecureEnvironmentRole');

  // Storage: buckets, tables and the shared volume with a mount target per zone.
  bucket('Logs', names.logBucket);
  bucket('Settings', names.settingsBucket);
  bucket('ELBLogs', names.elbLogBucket);
  add('DynamoBuilds', 'AWS::DynamoDB::Table', `${name}-builds`);
  add('DynamoReleases', 'AWS::DynamoDB::Table', `${name}-releases`);
  securityGroup('VolumeSecurity');
  add('VolumeFilesystem', 'AWS::EFS::FileSystem', ec2Id('fs', 'VolumeFilesystem'));
  zones.forEach((index) => add(`VolumeTarget${index}`, 'AWS::EFS::MountTarget', ec2Id('fsmt', `VolumeTarget${index}`)));

  add('HostedZone', 'AWS::Route53::HostedZone', `Z${physicalSuffix(13, ...key, 'zone')}`);
  queue('AccountEvents');
  add('AccountEventsRule', 'AWS::Events::Rule', generated('AccountEventsRule'));
  topic('CloudformationTopic');
  queue('CloudformationEvents');

  // Who may do what.
  securityGroup('InstancesSecurity');
  role('InstancesRole');
  add('InstancesProfile', 'AWS::IAM::InstanceProfile', generated('InstancesProfile'));
  role('ServiceRole');
  role('ApiRole');
  add(
    'ApiPolicyV2',
    'AWS::IAM::ManagedPolicy',
    `arn:aws:iam::${place.account}:policy/convox/${generated('ApiPolicyV2')}`,
  );
  add(
    'SecurityGroupPolicy',
    'AWS::IAM::ManagedPolicy',
    `arn:aws:iam::${place.account}:policy/convox/${generated('SecurityGroupPolicy')}`,
  );
  when(shape.api.secret, () => add('RackApiSecret', 'AWS::SSM::Parameter', `${name}RackApiSecret`));
  role('SpotFleetRole');

  // Load balancers: the rack API, the app routers, the network load balancers.
  when(!shape.api.classic, () => {
    securityGroup('ApiBalancerSecurity');
    custom('WhiteListSGIngresses', 'Custom::SGIngresses');
    add('ApiBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', balancerArn('app', names.apiBalancer));
    add('ApiBalancerCertificate', 'AWS::CertificateManager::Certificate', certificate('ApiBalancer'));
    add(
      'ApiBalancerTargetGroup',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      arn('elasticloadbalancing', `targetgroup/${name}-api/${hex(16, ...key, 'tg')}`),
    );
    add(
      'ApiBalancerListener443',
      'AWS::ElasticLoadBalancingV2::Listener',
      listenerArn(names.apiBalancer, 'ApiBalancerListener443'),
    );
    for (const rule of ['ApiBalancerListenerRule', 'ApiBalancerListenerRuleInternal']) {
      add(
        rule,
        'AWS::ElasticLoadBalancingV2::ListenerRule',
        `${listenerArn(names.apiBalancer, 'ApiBalancerListener443').replace(':listener/', ':listener-rule/')}/${hex(16, ...key, rule)}`,
      );
    }
  });
  // A classic ELB is known by its name: TCP 443 passed through to the rack API, which ends TLS itself.
  when(shape.api.classic && shape.api.apiRouter === 'ELB', () => {
    securityGroup('BalancerSecurity');
    add('Balancer', 'AWS::ElasticLoadBalancing::LoadBalancer', names.apiBalancer);
  });
  when(!shape.internalOnly, () => router('Router', `${name}-router`, 'RouterApiCertificate'));
  when(shape.internal, () => router('RouterInternal', `${name}-rti`, 'RouterInternalCertificate'));
  when(shape.nlb, () => {
    zones.forEach((index) => add(`NLBAddress${index}`, 'AWS::EC2::EIP', names.nlbAddresses[zoneIndex(index)]));
    networkRouter('NLB', names.nlb);
  });
  when(shape.nlbInternal, () => networkRouter('NLBInternal', names.nlbInternal));
  add('RecordSetGateway', 'AWS::Route53::RecordSet', `gateway.${name}.convox`);
  add('RecordSetRack', 'AWS::Route53::RecordSet', `rack.${name}.convox`);

  // The servers: a rack still being created waits here, on the Instances group's signals.
  add('Cluster', 'AWS::ECS::Cluster', names.cluster);
  launchTemplate('InstancesLaunchTemplate');
  launchTemplate('SpotFleetLT');
  group('Instances', names.asg);
  topic('InstancesLifecycleTopic');
  add('InstancesLifecycleTopicPolicy', 'AWS::SNS::TopicPolicy', generated('InstancesLifecycleTopicPolicy'));
  role('InstancesLifecycleRole');
  role('InstancesLifecycleHandlerRole');
  lambda('InstancesLifecycleHandler');
  add(
    'InstancesLifecycleHandlerPermission',
    'AWS::Lambda::Permission',
    generated('InstancesLifecycleHandlerPermission'),
  );
  hook('InstancesLifecycleLaunching');
  hook('InstancesLifecycleTerminating');
  when(shape.spot, () => {
    launchTemplate('SpotInstanceLaunchTemplate');
    group('SpotInstances', names.spotAsg);
    hook('SpotInstancesLifecycleLaunching');
    hook('SpotInstancesLifecycleTerminating');
  });
  when(shape.build, () => {
    add('BuildCluster', 'AWS::ECS::Cluster', names.buildCluster);
    launchTemplate('BuildLaunchTemplate');
    group('BuildInstances', names.buildAsg);
  });
  when(shape.autoscale, () => {
    lambda('InstancesAutoscaler');
    add('InstancesAutoscalerPermission', 'AWS::Lambda::Permission', generated('InstancesAutoscalerPermission'));
    add('InstancesAutoscalerEvent', 'AWS::Events::Rule', generated('InstancesAutoscalerEvent'));
  });

  // The rack API itself, last.
  taskDefinition('ApiBuildTasks', `${name}-api-build`);
  taskDefinition('ApiMonitorTasks', `${name}-api-monitor`);
  taskDefinition('ApiWebTasks', `${name}-api-web`);
  const services = rackServiceIds(shape.api);
  add(services.monitor, 'AWS::ECS::Service', ecsArn(place, 'service', `${names.cluster}/${names.monitorService}`));
  add(services.web, 'AWS::ECS::Service', ecsArn(place, 'service', `${names.cluster}/${names.webService}`));
  return specs;
}
