import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { Inventory, type PairResult } from '../model/inventory';
import { chunks } from '../model/processes';
import type { Location, Process, Rack, RackDetails, RackTask, StackEvent } from '../model/rack';
import type { DiscoveryRun, RackSource, ScanSettings } from '../model/source';
import { AwsClients, type ClientOptions } from './clients';
import { discover, planDiscovery } from './discovery';
import { loadProfiles, type AwsProfile } from './profiles';
import { RackDetailsLoader } from './rackDetails';

/** DescribeAutoScalingGroups takes at most this many names. */
const groupBatch = 100;

/** Racks from AWS through the SDK: the store's source in the extension. */
export class AwsRackSource implements RackSource {
  readonly clients: AwsClients;
  private profiles = new Map<string, AwsProfile>();
  private readonly detailsLoader: RackDetailsLoader;

  constructor(options: ClientOptions = {}) {
    this.clients = new AwsClients(options);
    this.detailsLoader = new RackDetailsLoader(this.clients);
  }

  async startDiscovery(settings: ScanSettings, previous: Inventory | undefined, onChange: (result: PairResult) => void): Promise<DiscoveryRun> {
    const profiles = await loadProfiles();
    this.profiles = new Map(profiles.map((profile) => [profile.name, profile]));
    const plan = planDiscovery(profiles, settings.regions, settings.organizations);
    const inventory = new Inventory(plan.targets, previous);
    for (const problem of plan.problems) inventory.update({ ...problem, racks: [], done: true, error: problem });
    const finished = discover(plan.targets, this.clients, (result) => {
      inventory.update(result);
      onChange(result);
    });
    return { inventory, hasProfiles: profiles.length > 0, finished };
  }

  async lifecycleStates(location: Location, groupNames: readonly string[]): Promise<Map<string, string[]>> {
    const client = this.clients.autoScaling(this.profile(location.profile), location.region);
    const states = new Map<string, string[]>();
    for (const batch of chunks(groupNames, groupBatch)) {
      const answer = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: batch, MaxRecords: groupBatch }));
      for (const group of answer.AutoScalingGroups ?? []) {
        if (group.AutoScalingGroupName) states.set(group.AutoScalingGroupName, (group.Instances ?? []).map((instance) => instance.LifecycleState ?? 'Unknown'));
      }
    }
    return states;
  }

  details(rack: Rack): Promise<RackDetails> {
    return this.detailsLoader.load(this.profile(rack.profile), rack);
  }

  processes(rack: Rack, tasks: readonly RackTask[]): Promise<Process[]> {
    return this.detailsLoader.processes(this.profile(rack.profile), rack, tasks);
  }

  async events(rack: Rack, limit: number): Promise<StackEvent[]> {
    const client = this.clients.cloudFormation(this.profile(rack.profile), rack.region);
    const answer = await client.send(new DescribeStackEventsCommand({ StackName: rack.stackId }));
    return (answer.StackEvents ?? []).slice(0, limit).map((event) => ({
      at: event.Timestamp ?? new Date(0),
      resource: event.LogicalResourceId ?? '',
      resourceType: event.ResourceType ?? '',
      status: event.ResourceStatus ?? '',
      reason: event.ResourceStatusReason,
    }));
  }

  private profile(name: string): AwsProfile {
    const profile = this.profiles.get(name);
    if (!profile) throw new Error(`AWS profile "${name}" is no longer in your AWS config; refresh the racks.`);
    return profile;
  }
}
