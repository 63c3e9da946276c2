// The scenario tests assert on and the demo shows: three organisations' worth of profiles, racks in
// every CloudFormation status the extension maps, one expired key and one access-denied region. acme/converge is
// converging; acme/production's database and globex/tidy's tables are protected against deletion.
import type { Scenario } from '../types';
import { addSeconds, type Place } from './ids';
import { rack } from './rack';
import { scenario } from './scenario';
import { outputs, parameters, stack } from './stack';

export const defaultAccounts = {
  acme: '111111111111',
  acmeStaging: '222222222222',
  globex: '333333333333',
  initech: '444444444444',
} as const;

export const defaultKeys = {
  acmeProd: 'AKIAACMEPROD00000001',
  acmeReadonly: 'AKIAACMEREADONLY0001',
  acmeStaging: 'AKIAACMESTAGING00001',
  globex: 'AKIAGLOBEX0000000001',
  initech: 'AKIAINITECH000000001',
} as const;

export interface DefaultScenarioOptions {
  /** Times are relative to this; a fixed date keeps tests deterministic, the demo passes the real time. */
  now?: Date;
}

function cdkToolkit(place: Place, createdAt: Date): ReturnType<typeof stack> {
  const bucket = `cdk-hnb659fds-assets-${place.account}-${place.region}`;
  return stack(place, {
    name: 'CDKToolkit',
    description: 'This stack includes resources needed to deploy AWS CDK apps into this environment',
    createdAt,
    capabilities: ['CAPABILITY_NAMED_IAM'],
    parameters: parameters({
      BootstrapVariant: 'AWS CDK: Default Resources',
      CloudFormationExecutionPolicies: '',
      FileAssetsBucketKmsKeyId: 'AWS_MANAGED_KEY',
      PublicAccessBlockConfiguration: 'true',
      Qualifier: 'hnb659fds',
      TrustedAccounts: '',
    }),
    outputs: outputs({
      BucketName: bucket,
      BucketDomainName: `${bucket}.s3.${place.region}.amazonaws.com`,
      BootstrapVersion: '21',
    }),
    resources: [
      { logicalId: 'StagingBucket', type: 'AWS::S3::Bucket', physicalId: bucket },
      {
        logicalId: 'ContainerAssetsRepository',
        type: 'AWS::ECR::Repository',
        physicalId: `cdk-hnb659fds-container-assets-${place.account}-${place.region}`,
      },
      { logicalId: 'CdkBootstrapVersion', type: 'AWS::SSM::Parameter', physicalId: '/cdk-bootstrap/hnb659fds/version' },
    ],
  });
}

export function defaultScenario(options: DefaultScenarioOptions = {}): Scenario {
  const now = options.now ?? new Date('2025-06-01T12:00:00Z');
  const ago = (minutes: number): Date => addSeconds(now, -minutes * 60);
  const days = (count: number): number => count * 24 * 60;

  return scenario({
    profiles: [
      { name: 'acme-prod', account: defaultAccounts.acme, region: 'us-east-1', accessKeyId: defaultKeys.acmeProd },
      {
        name: 'acme-readonly',
        account: defaultAccounts.acme,
        region: 'us-east-1',
        accessKeyId: defaultKeys.acmeReadonly,
      },
      {
        name: 'acme-staging',
        account: defaultAccounts.acmeStaging,
        region: 'us-east-1',
        accessKeyId: defaultKeys.acmeStaging,
      },
      { name: 'globex', account: defaultAccounts.globex, region: 'eu-west-1', accessKeyId: defaultKeys.globex },
      { name: 'initech', account: defaultAccounts.initech, region: 'us-east-1', accessKeyId: defaultKeys.initech },
    ],
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    organizations: { acme: ['acme-prod', 'acme-readonly', 'acme-staging'] },
    faults: [
      { account: defaultAccounts.initech, kind: 'expired' },
      { account: defaultAccounts.acmeStaging, region: 'ap-southeast-2', kind: 'denied' },
    ],
    data: {
      [defaultAccounts.acme]: {
        'us-east-1': (at) => [
          rack(at, {
            name: 'production',
            status: 'UPDATE_COMPLETE',
            version: '20250101120000',
            instanceType: 't3.large',
            instanceCount: 3,
            highAvailability: true,
            private: true,
            internal: true,
            createdAt: ago(days(400)),
            updatedAt: ago(days(3)),
            apps: [
              {
                name: 'web',
                status: 'UPDATE_COMPLETE',
                generation: '2',
                createdAt: ago(days(380)),
                updatedAt: ago(days(1)),
                processes: [{ name: 'web', count: 2, command: ['bin/web'] }],
              },
              {
                name: 'worker',
                status: 'CREATE_COMPLETE',
                generation: '2',
                createdAt: ago(days(90)),
                labels: 'environment',
                processes: [{ name: 'worker', count: 1, cpu: 128, memory: 256, command: ['bin/worker'] }],
              },
              {
                name: 'api',
                status: 'UPDATE_ROLLBACK_COMPLETE',
                generation: '1',
                createdAt: ago(days(700)),
                updatedAt: ago(days(2)),
                labels: 'docker',
                processes: [{ name: 'web', count: 1 }],
              },
            ],
            resources: [{ name: 'db', kind: 'postgres', deletionProtection: true }],
          }),
          rack(at, {
            name: 'sandbox',
            status: 'CREATE_IN_PROGRESS',
            version: '20250301000000',
            highAvailability: false,
            noHaInstanceCount: 1,
            createdAt: ago(6),
          }),
          rack(at, {
            name: 'legacy',
            legacy: true,
            status: 'CREATE_COMPLETE',
            version: '20171201000000',
            instanceType: 'm5.large',
            instanceCount: 3,
            buildInstance: '',
            createdAt: new Date('2017-12-05T16:20:00Z'),
          }),
          { stacks: [cdkToolkit(at, ago(days(500)))] },
          {
            stacks: [
              stack(at, {
                name: 'shared-network',
                tags: { Team: 'infra' },
                createdAt: ago(days(600)),
                parameters: parameters({ CidrBlock: '172.16.0.0/16' }),
                outputs: outputs({ VpcId: 'vpc-0shared000000000001' }),
                resources: [
                  { logicalId: 'Vpc', type: 'AWS::EC2::VPC', physicalId: 'vpc-0shared000000000001' },
                  { logicalId: 'PublicSubnet', type: 'AWS::EC2::Subnet', physicalId: 'subnet-0shared00000000001' },
                ],
              }),
              stack(at, {
                name: 'billing-alarms',
                createdAt: ago(days(300)),
                parameters: parameters({ Threshold: '1000', Email: 'billing@acme.example' }),
                resources: [
                  {
                    logicalId: 'Topic',
                    type: 'AWS::SNS::Topic',
                    physicalId: `arn:aws:sns:us-east-1:${at.account}:billing-alarms-Topic-1ABCDEF`,
                  },
                  { logicalId: 'Alarm', type: 'AWS::CloudWatch::Alarm', physicalId: 'billing-alarms-Alarm-2BCDEFG' },
                ],
              }),
            ],
          },
        ],
        'eu-west-1': (at) => [
          rack(at, {
            name: 'europe',
            status: 'UPDATE_IN_PROGRESS',
            version: '20250215093000',
            createdAt: ago(days(200)),
            updatedAt: ago(10),
          }),
          rack(at, {
            name: 'converge',
            status: 'UPDATE_COMPLETE',
            version: '20250101120000',
            createdAt: ago(days(150)),
            updatedAt: ago(15),
            instanceStates: ['InService', 'InService', 'Pending'],
          }),
        ],
        'ap-southeast-2': () => [],
      },
      [defaultAccounts.acmeStaging]: {
        'us-east-1': (at) => [
          rack(at, {
            name: 'staging',
            status: 'UPDATE_ROLLBACK_FAILED',
            version: '20241115080000',
            createdAt: ago(days(250)),
            updatedAt: ago(120),
            apps: [{ name: 'web', status: 'UPDATE_COMPLETE', createdAt: ago(days(240)), updatedAt: ago(days(5)) }],
          }),
          rack(at, {
            name: 'review',
            status: 'ROLLBACK_IN_PROGRESS',
            version: '20250301000000',
            highAvailability: false,
            createdAt: ago(8),
          }),
          rack(at, {
            name: 'old',
            status: 'DELETE_IN_PROGRESS',
            version: '20230601000000',
            createdAt: ago(days(720)),
            updatedAt: ago(5),
          }),
        ],
        'eu-west-1': () => [],
      },
      [defaultAccounts.globex]: {
        'eu-west-1': (at) => [
          rack(at, {
            name: 'globex-main',
            status: 'ROLLBACK_COMPLETE',
            version: '20250301000000',
            tags: { Environment: 'production' },
            createdAt: ago(days(2)),
          }),
          rack(at, {
            name: 'experiment',
            status: 'CREATE_FAILED',
            version: '20250301000000',
            highAvailability: false,
            createdAt: ago(days(1)),
          }),
          // An uninstall that failed late: its tables are protected against deletion.
          rack(at, {
            name: 'tidy',
            status: 'DELETE_FAILED',
            version: '20240101000000',
            parameters: { DynamoDbTableDeletionProtectionEnabled: 'true' },
            failure: {
              logicalId: 'DynamoBuilds',
              reason:
                'Resource handler returned message: "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first. (Service: DynamoDb, Status Code: 400, Request ID: 7Q1)" (RequestToken: 9b2, HandlerErrorCode: InvalidRequest)',
            },
            createdAt: ago(days(500)),
            updatedAt: ago(days(4)),
          }),
        ],
        'us-east-1': (at) => [
          rack(at, {
            name: 'edge',
            status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
            version: '20250215093000',
            createdAt: ago(days(60)),
            updatedAt: ago(3),
          }),
        ],
        'ap-southeast-2': () => [],
      },
      [defaultAccounts.initech]: {},
    },
  });
}
