import type { ProfileRegion } from '../model/discoveryPlan';
import type { PairResult } from '../model/inventory';
import type { Pair } from '../model/pair';
import type { RackResources } from '../model/architecture/data';
import type { Rack } from '../model/rack';
import type {
  RackInstaller,
  RackPorts,
  RackReader,
  RackSecrets,
  ReleaseCatalog,
  StackOperations,
} from '../model/store/ports';
import type { ChangePreviewer } from '../model/update/ports';
import type { RackDiagnostics } from '../model/diagnose/ports';
import type { RackLogs } from '../model/logs/ports';
import { lazy } from '../model/store/lazyPorts';
import { awsCall, type CallOf } from './calls';
import { AwsClients, type ClientOptions } from './clients';
import { withDeadline } from './deadline';
import { discover } from './discovery';
import { listStackResources } from './architecture/stackResources';
import { readEvidence } from './diagnose/evidence';
import { createInstallPorts } from './install';
import { createSecretsReader } from './secrets';
import { createChangePreviewer } from './update';
import { lifecycleStates } from './lifecycle';
import { loadProfiles, type AwsProfile } from './profiles';

/** How long reading the AWS config files may take (a file on a stalled network share blocks). */
const configReadMs = 10_000;

/**
 * The store's ports on AWS through the SDK. This module is the extension's second bundle (dist/aws.js, installs
 * and uninstalls included), loaded on first use; the ECS/EC2 reader is a third (dist/awsDetails.js), loaded when a rack's details are first read.
 * Every read ends within the deadline it is given, with an error whose message is safe to show.
 */
export interface AwsPortsOptions extends ClientOptions {
  /** Where notes for the log go (config lines the SDK ignores), each once. */
  log?: (message: string) => void;
}

export class AwsPorts implements RackPorts {
  readonly clients: AwsClients;
  readonly reader: RackReader;
  /**
   * Stack operations, releases, installs, uninstalls and update previews, in this bundle: a bundle of their own
   * would carry a second copy of the SDK's core.
   */
  readonly stacks: StackOperations;
  readonly releases: ReleaseCatalog;
  readonly installer: RackInstaller;
  readonly previewer: ChangePreviewer;
  private readonly log: (message: string) => void;
  private readonly logged = new Set<string>();
  private readonly readers = lazy(async () => (await import('./details')).createDetailsReaders(this.clients));
  private readonly secretsReader: ReturnType<typeof createSecretsReader>;
  /** Each rack's stack resources and subnets, with the stack update they were read for. */
  private readonly resources = new Map<string, RackResources>();

  constructor(options: AwsPortsOptions = {}) {
    this.clients = new AwsClients(options);
    const install = createInstallPorts(this.clients);
    this.stacks = install.stacks;
    this.releases = install.releases;
    this.installer = install.installer;
    this.previewer = createChangePreviewer(this.clients);
    this.secretsReader = createSecretsReader(this.clients);
    this.log = options.log ?? (() => undefined);
    const readers = this.readers;
    const instancesAndTasks = "read the rack's instances and tasks (ECS and EC2)";
    this.reader = {
      lifecycleStates: (pair, groupNames, deadlineMs) =>
        this.read(
          pair,
          'auto_scaling',
          'read instance lifecycles (autoscaling:DescribeAutoScalingGroups)',
          deadlineMs,
          (profile, signal) => lifecycleStates(this.clients, profile, pair, groupNames, signal),
        ),
      details: (rack, deadlineMs) =>
        this.read(rack, 'ecs', instancesAndTasks, deadlineMs, async (profile, signal) =>
          (await readers()).details.load(profile, rack, signal),
        ),
      processes: (rack, tasks, deadlineMs) =>
        this.read(
          rack,
          'ecs',
          "read the rack's task definitions (ecs:DescribeTaskDefinition)",
          deadlineMs,
          async (profile, signal) => (await readers()).details.processes(profile, rack, tasks, signal),
        ),
      architecture: (rack, deadlineMs) =>
        this.read(
          rack,
          'cloudformation',
          "read the rack's resources and what runs on it (CloudFormation, ECS and EC2)",
          deadlineMs,
          async (profile, abortSignal) => {
            const { runtime } = await readers();
            const resources = await this.rackResources(profile, rack, abortSignal);
            return { rack, resources, runtime: await runtime.runtime(profile, rack, { abortSignal }) };
          },
        ),
    };
  }

  readonly discovery = {
    profiles: async (): Promise<ProfileRegion[]> => {
      const { profiles, ignored } = await withDeadline(configReadMs, 'The AWS config files', () => loadProfiles());
      for (const note of ignored.filter((line) => !this.logged.has(line))) {
        this.logged.add(note);
        this.log(note);
      }
      this.clients.useProfiles(profiles);
      return profiles.map(({ name, region }) => ({ name, region }));
    },
    discover: (pairs: readonly Pair[], report: (result: PairResult) => void, deadlineMs: number): Promise<void> =>
      discover(
        pairs.map((pair) => ({ pair, awsProfile: this.clients.profile(pair.profile) })),
        this.clients,
        report,
        deadlineMs,
      ),
  };

  /** The rack's log group, read directly (the logs never go through the rack API). */
  readonly logs: RackLogs = {
    page: (rack, query, deadlineMs) =>
      this.read(
        rack,
        'cloudwatch_logs',
        `read the rack's logs (logs:FilterLogEvents on ${query.logGroup})`,
        deadlineMs,
        async (profile, signal) => (await this.readers()).logPage(profile, rack.region, query, signal),
      ),
  };

  readonly diagnostics: RackDiagnostics = {
    evidence: (rack, deadlineMs) =>
      this.read(
        rack,
        'cloudformation',
        'read the rack for a diagnosis (CloudFormation, Auto Scaling, EC2, ECS, CloudWatch Logs)',
        deadlineMs,
        (profile, signal) => readEvidence(this.clients, profile, rack, this.readers, signal),
      ),
  };

  readonly secrets: RackSecrets = {
    apiPassword: (rack, deadlineMs) =>
      this.read(
        rack,
        'ssm',
        `read the rack API password (ssm:GetParameter on ${rack.name}RackApiSecret)`,
        deadlineMs,
        async (profile, abortSignal) => this.secretsReader.apiPassword(profile, rack, abortSignal),
      ),
  };

  dispose(): void {
    this.clients.reset();
  }

  /**
   * The stack's resources and subnets, read again only when the stack changed since (or is still changing: a
   * stack being created gains resources without a new update time).
   */
  private async rackResources(profile: AwsProfile, rack: Rack, abortSignal: AbortSignal): Promise<RackResources> {
    const stackUpdatedAt = `${(rack.updatedAt ?? rack.createdAt).toISOString()} ${rack.cloudformationStatus}`;
    const known = this.resources.get(rack.stackId);
    if (known?.stackUpdatedAt === stackUpdatedAt && !rack.cloudformationStatus.endsWith('_IN_PROGRESS')) return known;
    const resources = await listStackResources(this.clients, profile, rack, abortSignal);
    const subnetIds = resources.flatMap((resource) =>
      resource.type === 'AWS::EC2::Subnet' && resource.physicalId ? [resource.physicalId] : [],
    );
    const subnets = await (await this.readers()).runtime.subnets(profile, rack.region, subnetIds, { abortSignal });
    const vpcId = rack.outputs.Vpc ?? resources.find((resource) => resource.logicalId === 'Vpc')?.physicalId;
    const read: RackResources = {
      stackUpdatedAt,
      resources,
      subnets,
      vpc: vpcId ? { id: vpcId, cidr: rack.outputs.Vpccidr } : undefined,
    };
    this.resources.set(rack.stackId, read);
    return read;
  }

  /** One read of a pair's resources, within its deadline; any failure becomes an AwsReadError safe to show. */
  private read<T>(...call: CallOf<T>): Promise<T> {
    return awsCall(this.clients, ...call);
  }
}

export function createAwsPorts(options: AwsPortsOptions = {}): AwsPorts {
  return new AwsPorts(options);
}
