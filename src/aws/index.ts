import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { ProfileRegion } from '../model/discoveryPlan';
import type { PairResult } from '../model/inventory';
import type { Pair } from '../model/pair';
import type { Rack, StackEvent } from '../model/rack';
import type { RackPorts, RackReader } from '../model/store/ports';
import { lazy } from '../model/store/lazyPorts';
import { AwsClients, type ClientOptions } from './clients';
import { withDeadline } from './deadline';
import { discover } from './discovery';
import { AwsReadError, classifyError } from './errors';
import { lifecycleStates } from './lifecycle';
import { endpointLabel, loadProfiles, type AwsProfile, type ServiceKey } from './profiles';

/** How long reading the AWS config files may take (a file on a stalled network share blocks). */
const configReadMs = 10_000;

/**
 * The store's ports on AWS through the SDK. This module is the extension's second bundle (dist/aws.js), loaded on
 * first use; the ECS/EC2 reader is a third (dist/awsDetails.js), loaded when a rack's details are first read.
 * Every read ends within the deadline it is given, with an error whose message is safe to show.
 */
export interface AwsPortsOptions extends ClientOptions {
  /** Where notes for the log go (config lines the SDK ignores), each once. */
  log?: (message: string) => void;
}

export class AwsPorts implements RackPorts {
  readonly clients: AwsClients;
  readonly reader: RackReader;
  private readonly log: (message: string) => void;
  private readonly logged = new Set<string>();

  constructor(options: AwsPortsOptions = {}) {
    this.clients = new AwsClients(options);
    this.log = options.log ?? (() => undefined);
    const loader = lazy(async () => (await import('./details')).createDetailsLoader(this.clients));
    const instancesAndTasks = "read the rack's instances and tasks (ECS and EC2)";
    this.reader = {
      lifecycleStates: (pair, groupNames, deadlineMs) =>
        this.read(pair, 'auto_scaling', 'read instance lifecycles (autoscaling:DescribeAutoScalingGroups)', deadlineMs, (profile, signal) =>
          lifecycleStates(this.clients, profile, pair, groupNames, signal),
        ),
      details: (rack, deadlineMs) => this.read(rack, 'ecs', instancesAndTasks, deadlineMs, async (profile, signal) => (await loader()).load(profile, rack, signal)),
      processes: (rack, tasks, deadlineMs) =>
        this.read(rack, 'ecs', "read the rack's task definitions (ecs:DescribeTaskDefinition)", deadlineMs, async (profile, signal) =>
          (await loader()).processes(profile, rack, tasks, signal),
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

  readonly stacks = {
    events: (rack: Rack, limit: number, deadlineMs: number): Promise<StackEvent[]> =>
      this.read(rack, 'cloudformation', 'read stack events (cloudformation:DescribeStackEvents)', deadlineMs, async (profile, abortSignal) => {
        const client = this.clients.cloudFormation(profile, rack.region);
        const answer = await client.send(new DescribeStackEventsCommand({ StackName: rack.stackId }), { abortSignal });
        return (answer.StackEvents ?? []).slice(0, limit).map((event) => ({
          at: event.Timestamp ?? new Date(0),
          resource: event.LogicalResourceId ?? '',
          resourceType: event.ResourceType ?? '',
          status: event.ResourceStatus ?? '',
          reason: event.ResourceStatusReason,
        }));
      }),
  };

  dispose(): void {
    this.clients.reset();
  }

  /** One read of a pair's resources, within its deadline; any failure becomes an AwsReadError safe to show. */
  private async read<T>(pair: Pair, service: ServiceKey, action: string, deadlineMs: number, work: (profile: AwsProfile, signal: AbortSignal) => Promise<T>): Promise<T> {
    const profile = this.clients.profile(pair.profile);
    const endpoint = endpointLabel(profile, service, pair.region);
    try {
      return await withDeadline(deadlineMs, endpoint, (signal) => work(profile, signal));
    } catch (error) {
      const waitingForCredentials = this.clients.isResolvingCredentials(pair.profile);
      throw new AwsReadError(classifyError(error, { profile: pair.profile, region: pair.region, endpoint, action, waitingForCredentials }));
    }
  }
}

export function createAwsPorts(options: AwsPortsOptions = {}): RackPorts {
  return new AwsPorts(options);
}
