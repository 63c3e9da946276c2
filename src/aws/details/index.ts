import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { Pair } from '../../model/pair';
import { chunks } from '../../model/processes';
import type { RackReader } from '../../model/store/ports';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';
import { RackDetailsLoader } from './rackDetails';

/** DescribeAutoScalingGroups takes at most this many names. */
const groupBatch = 100;

/**
 * Reading racks beyond their stacks, from ECS, EC2 and Auto Scaling. This module is its own bundle
 * (dist/awsDetails.js), loaded the first time a rack is expanded or a running rack's servers are checked, so
 * those three SDK clients cost nothing until then.
 */
export function createRackReader(clients: AwsClients, profileOf: (name: string) => AwsProfile): RackReader {
  const loader = new RackDetailsLoader(clients);
  return {
    async lifecycleStates(pair: Pair, groupNames: readonly string[]): Promise<Map<string, string[]>> {
      const client = clients.client('auto_scaling', profileOf(pair.profile), pair.region, (config) => new AutoScalingClient(config));
      const states = new Map<string, string[]>();
      for (const batch of chunks(groupNames, groupBatch)) {
        const answer = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: batch, MaxRecords: groupBatch }));
        for (const group of answer.AutoScalingGroups ?? []) {
          if (group.AutoScalingGroupName) states.set(group.AutoScalingGroupName, (group.Instances ?? []).map((instance) => instance.LifecycleState ?? 'Unknown'));
        }
      }
      return states;
    },
    details: (rack) => loader.load(profileOf(rack.profile), rack),
    processes: (rack, tasks) => loader.processes(profileOf(rack.profile), rack, tasks),
  };
}
