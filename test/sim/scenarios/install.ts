// The release list and the rack template the simulator serves, and the install settings a scenario starts with.
// The template keeps the real parameter names and rules (§3 of the reference) and a representative resource
// list in creation order, with the conditions that decide which resources a rack gets (§7).
import type { InstallWorld, ReleaseEntry } from '../types';

export const releaseVersions = ['20250101120000', '20250615093000', '20260421192651'];

export function defaultReleases(): ReleaseEntry[] {
  return [
    { version: releaseVersions[0], description: 'Older release', published: true, required: false },
    { version: releaseVersions[1], description: 'ECS agent update', published: true, required: true },
    { version: '20260301000000', description: 'Withdrawn', published: false, required: false },
    {
      version: releaseVersions[2],
      description: 'Newer instance types and Node.js 22 functions',
      published: true,
      required: false,
    },
  ];
}

/** The password the host test installs with: no file VS Code writes may hold it. */
export const hostInstallPassword = 'HostInstallPasswordHostInstall';

/** Fast enough for tests; a walk or a demo slows it down. */
export function defaultInstallWorld(): InstallWorld {
  return { releases: defaultReleases(), releaseList: 'ok', stepMs: 20, changeSetMs: 30 };
}

/** A parameter as the fixture template declares it, and as GetTemplateSummary reads it back. */
export interface ParameterDeclaration {
  Type: string;
  Default?: string;
  Description: string;
  NoEcho?: boolean;
  AllowedValues?: string[];
  AllowedPattern?: string;
  MinLength?: number;
  MaxLength?: number;
  MinValue?: number;
  MaxValue?: number;
  ConstraintDescription?: string;
}

const yesNo = (description: string, value = 'No'): ParameterDeclaration => ({
  Type: 'String',
  Default: value,
  Description: description,
  AllowedValues: ['Yes', 'No'],
});
const cidr = (value: string, description: string): ParameterDeclaration => ({
  Type: 'String',
  Default: value,
  Description: description,
  AllowedPattern: '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})',
  ConstraintDescription: 'a CIDR block such as 10.0.0.0/16',
});

function parameters(version: string): Record<string, ParameterDeclaration> {
  return {
    Password: {
      Type: 'String',
      Description: '(REQUIRED) API HTTP password',
      NoEcho: true,
      MinLength: 1,
      MaxLength: 50,
    },
    Version: { Type: 'String', Default: version, Description: '(REQUIRED) Convox release version', MinLength: 1 },
    ClientId: { Type: 'String', Default: 'dev@convox.com', Description: 'Anonymous identifier' },
    ApiRouter: { Type: 'String', Default: 'ALB', Description: 'Unused', AllowedValues: ['ALB', 'ELB'] },
    Encryption: yesNo('Unused', 'Yes'),
    InstanceType: {
      Type: 'String',
      Default: 't3.small',
      Description: 'Instance type for the rack servers',
      AllowedPattern: '[a-z0-9-]+\\.[a-z0-9]+',
      ConstraintDescription: 'an EC2 instance type such as t3.small',
    },
    HighAvailability: {
      Type: 'String',
      Default: 'true',
      Description:
        'Whether the rack runs across several zones with at least 3 servers; cannot be changed after install',
      AllowedValues: ['true', 'false'],
    },
    InstanceCount: {
      Type: 'Number',
      Default: '3',
      Description: 'Servers when HighAvailability is true',
      MinValue: 3,
      ConstraintDescription: 'at least 3',
    },
    NoHaInstanceCount: {
      Type: 'Number',
      Default: '1',
      Description: 'Servers when HighAvailability is false',
      MinValue: 1,
    },
    Private: yesNo('Put the servers in private subnets behind NAT gateways'),
    PrivateApi: yesNo('Put the rack API behind an internal load balancer'),
    Internal: yesNo('Add an internal router for apps'),
    InternalOnly: yesNo('Only the internal router: no public one'),
    Autoscale: yesNo('Scale the servers to what the apps need', 'Yes'),
    VPCCIDR: cidr('10.0.0.0/16', 'VPC address range'),
    Subnet0CIDR: cidr('10.0.1.0/24', 'Public subnet 0'),
    Subnet1CIDR: cidr('10.0.2.0/24', 'Public subnet 1'),
    Subnet2CIDR: cidr('10.0.3.0/24', 'Public subnet 2'),
    SubnetPrivate0CIDR: cidr('10.0.4.0/24', 'Private subnet 0'),
    SubnetPrivate1CIDR: cidr('10.0.5.0/24', 'Private subnet 1'),
    SubnetPrivate2CIDR: cidr('10.0.6.0/24', 'Private subnet 2'),
    ExistingVpc: {
      Type: 'String',
      Default: '',
      Description: 'An existing VPC id to install into (empty: a new VPC)',
      AllowedPattern: '(vpc-[0-9a-f]+)?',
    },
    MaxAvailabilityZones: {
      Type: 'Number',
      Default: '3',
      Description: 'Availability zones to use',
      AllowedValues: ['2', '3'],
    },
    BuildInstance: {
      Type: 'String',
      Default: 't3.small',
      Description: 'Instance type of the build servers (empty: no build cluster)',
    },
    BuildMethod: { Type: 'String', Default: 'ec2', Description: 'Where builds run', AllowedValues: ['ec2', 'fargate'] },
    LogDriver: {
      Type: 'String',
      Default: 'CloudWatch',
      Description: 'Where app logs go',
      AllowedValues: ['CloudWatch', 'Syslog', ''],
    },
    SyslogDestination: {
      Type: 'String',
      Default: '',
      Description: 'Syslog address when LogDriver is Syslog, e.g. tcp+tls://logs.example.com:12345',
    },
    LogRetention: { Type: 'Number', Default: '7', Description: 'Days to keep logs', MinValue: 1 },
    Tenancy: {
      Type: 'String',
      Default: 'default',
      Description: 'Server tenancy',
      AllowedValues: ['default', 'dedicated'],
    },
    VolumeSize: { Type: 'Number', Default: '50', Description: 'Server disk size in GB', MinValue: 20, MaxValue: 16384 },
    ScheduleRackScaleDown: {
      Type: 'String',
      Default: '',
      Description: 'Cron expression to scale the rack down (with ScheduleRackScaleUp)',
    },
    ScheduleRackScaleUp: {
      Type: 'String',
      Default: '',
      Description: 'Cron expression to scale the rack up (with ScheduleRackScaleDown)',
    },
    NLB: yesNo('A public network load balancer'),
    NLBInternal: yesNo('An internal network load balancer'),
    NLBDeletionProtection: yesNo('Protect the public network load balancer from deletion'),
    NLBInternalDeletionProtection: yesNo('Protect the internal network load balancer from deletion'),
    Key: { Type: 'String', Default: '', Description: 'SSH key name for the servers' },
    SpotInstanceBid: { Type: 'String', Default: '', Description: 'Maximum spot price (empty: no spot servers)' },
  };
}

/** Logical id, type, and the condition (a parameter that must be Yes) it needs, in creation order. */
const resources: Array<[string, string, string?]> = [
  ['Vpc', 'AWS::EC2::VPC'],
  ['Gateway', 'AWS::EC2::InternetGateway'],
  ['GatewayAttachment', 'AWS::EC2::VPCGatewayAttachment'],
  ['Subnet0', 'AWS::EC2::Subnet'],
  ['Subnet1', 'AWS::EC2::Subnet'],
  ['Subnet2', 'AWS::EC2::Subnet'],
  ['SubnetPrivate0', 'AWS::EC2::Subnet', 'Private'],
  ['SubnetPrivate1', 'AWS::EC2::Subnet', 'Private'],
  ['NatAddress0', 'AWS::EC2::EIP', 'Private'],
  ['Nat0', 'AWS::EC2::NatGateway', 'Private'],
  ['Settings', 'AWS::S3::Bucket'],
  ['Logs', 'AWS::S3::Bucket'],
  ['ELBLogs', 'AWS::S3::Bucket'],
  ['DynamoBuilds', 'AWS::DynamoDB::Table'],
  ['DynamoReleases', 'AWS::DynamoDB::Table'],
  ['EncryptionKey', 'Custom::KMSKey'],
  ['CustomerManagedKey', 'AWS::KMS::Key'],
  ['LogGroup', 'AWS::Logs::LogGroup'],
  ['ServiceRole', 'AWS::IAM::Role'],
  ['ApiRole', 'AWS::IAM::Role'],
  ['InstancesRole', 'AWS::IAM::Role'],
  ['CustomTopic', 'AWS::Lambda::Function'],
  ['HostedZone', 'AWS::Route53::HostedZone'],
  ['Cluster', 'AWS::ECS::Cluster'],
  ['BuildCluster', 'AWS::ECS::Cluster'],
  ['VolumeFilesystem', 'AWS::EFS::FileSystem'],
  ['RackApiSecret', 'AWS::SSM::Parameter'],
  ['RouterCertificate', 'AWS::CertificateManager::Certificate'],
  ['ApiBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
  ['ApiTargetGroup', 'AWS::ElasticLoadBalancingV2::TargetGroup'],
  ['ApiListener443', 'AWS::ElasticLoadBalancingV2::Listener'],
  ['Router', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
  ['RouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Internal'],
  ['InstancesLaunchTemplate', 'AWS::EC2::LaunchTemplate'],
  ['InstancesLifecycleHandler', 'AWS::Lambda::Function'],
  ['Instances', 'AWS::AutoScaling::AutoScalingGroup'],
  ['BuildInstances', 'AWS::AutoScaling::AutoScalingGroup'],
  ['InstancesAutoscaler', 'AWS::Lambda::Function', 'Autoscale'],
  ['InstancesAutoscalerEvent', 'AWS::Events::Rule', 'Autoscale'],
  ['ServiceWebApi', 'AWS::ECS::Service'],
  ['ServiceMonitorApi', 'AWS::ECS::Service'],
];

/** The retained buckets (DeletionPolicy Retain): a delete skips them. */
export const retainedLogicalIds = ['Settings', 'Logs', 'ELBLogs'];

/** `rack.json` of `version`, as the release server has it. */
export function rackTemplate(version: string): Record<string, unknown> {
  const conditions = Object.fromEntries(
    ['Private', 'Internal', 'Autoscale'].map((name) => [name, { 'Fn::Equals': [{ Ref: name }, 'Yes'] }]),
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Convox rack ${version}`,
    Conditions: conditions,
    Parameters: parameters(version),
    Resources: Object.fromEntries(
      resources.map(([logicalId, type, condition]) => [
        logicalId,
        {
          Type: type,
          ...(condition ? { Condition: condition } : {}),
          ...(retainedLogicalIds.includes(logicalId) ? { DeletionPolicy: 'Retain' } : {}),
          Properties: {},
        },
      ]),
    ),
    Outputs: {
      Dashboard: { Value: { 'Fn::GetAtt': ['ApiBalancer', 'DNSName'] } },
      Version: { Value: { Ref: 'Version' } },
    },
  };
}

/** The template's resources that a stack with these parameter values gets, in creation order. */
export function templateResources(
  template: Record<string, unknown>,
  values: Readonly<Record<string, string>>,
): { logicalId: string; type: string }[] {
  const declared = template.Resources as Record<string, { Type: string; Condition?: string }>;
  return Object.entries(declared)
    .filter(([, resource]) => resource.Condition === undefined || values[resource.Condition] === 'Yes')
    .map(([logicalId, resource]) => ({ logicalId, type: resource.Type }));
}
