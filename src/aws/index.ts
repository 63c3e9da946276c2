import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { ProfileRegion } from '../model/discoveryPlan';
import type { PairResult } from '../model/inventory';
import type { Pair } from '../model/pair';
import type { Rack, StackEvent } from '../model/rack';
import type { RackPorts, RackReader } from '../model/store/ports';
import { lazy } from '../model/store/lazyPorts';
import { AwsClients, type ClientOptions } from './clients';
import { discover } from './discovery';
import { lifecycleStates } from './lifecycle';
import { loadProfiles, type AwsProfile } from './profiles';

/**
 * The store's ports on AWS through the SDK. This module is the extension's second bundle (dist/aws.js), loaded on
 * first use; the ECS/EC2 reader is a third (dist/awsDetails.js), loaded when a rack's details are first read.
 */
export class AwsPorts implements RackPorts {
  readonly clients: AwsClients;
  private profilesByName = new Map<string, AwsProfile>();
  readonly reader: RackReader;

  constructor(options: ClientOptions = {}) {
    this.clients = new AwsClients(options);
    const profileOf = (name: string): AwsProfile => this.profile(name);
    const details = lazy(async () => (await import('./details')).createDetailsReader(this.clients, profileOf));
    this.reader = {
      lifecycleStates: (pair, groupNames) => lifecycleStates(this.clients, this.profile(pair.profile), pair, groupNames),
      details: async (rack) => (await details()).details(rack),
      processes: async (rack, tasks) => (await details()).processes(rack, tasks),
    };
  }

  readonly discovery = {
    profiles: async (): Promise<ProfileRegion[]> => {
      const profiles = await loadProfiles();
      this.profilesByName = new Map(profiles.map((profile) => [profile.name, profile]));
      return profiles;
    },
    discover: (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> =>
      discover(
        pairs.map((pair) => ({ pair, awsProfile: this.profile(pair.profile) })),
        this.clients,
        report,
      ),
  };

  readonly stacks = {
    events: async (rack: Rack, limit: number): Promise<StackEvent[]> => {
      const client = this.clients.cloudFormation(this.profile(rack.profile), rack.region);
      const answer = await client.send(new DescribeStackEventsCommand({ StackName: rack.stackId }));
      return (answer.StackEvents ?? []).slice(0, limit).map((event) => ({
        at: event.Timestamp ?? new Date(0),
        resource: event.LogicalResourceId ?? '',
        resourceType: event.ResourceType ?? '',
        status: event.ResourceStatus ?? '',
        reason: event.ResourceStatusReason,
      }));
    },
  };

  dispose(): void {
    this.clients.reset();
  }

  private profile(name: string): AwsProfile {
    const profile = this.profilesByName.get(name);
    if (!profile) throw new Error(`AWS profile "${name}" is no longer in your AWS config; refresh the racks.`);
    return profile;
  }
}

export function createAwsPorts(options: ClientOptions = {}): RackPorts {
  return new AwsPorts(options);
}
