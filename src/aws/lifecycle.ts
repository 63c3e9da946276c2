import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { Pair } from '../model/pair';
import { chunks } from '../model/processes';
import type { ServerLifecycle } from '../model/status';
import type { AwsClients } from './clients';
import type { AwsProfile } from './profiles';

/** DescribeAutoScalingGroups takes at most this many names. */
const groupBatch = 100;

/**
 * The instances of each named auto-scaling group with their lifecycle states, in one call per pair for up to 100 groups.
 * Discovery needs it to tell `converging` racks from `running` ones, so it lives in the discovery bundle.
 */
export async function lifecycleStates(
  clients: AwsClients,
  profile: AwsProfile,
  pair: Pair,
  groupNames: readonly string[],
  abortSignal: AbortSignal,
): Promise<Map<string, ServerLifecycle[]>> {
  const client = clients.client('auto_scaling', profile, pair.region, (config) => new AutoScalingClient(config));
  const states = new Map<string, ServerLifecycle[]>();
  for (const batch of chunks(groupNames, groupBatch)) {
    const answer = await client.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: batch, MaxRecords: groupBatch }),
      { abortSignal },
    );
    for (const group of answer.AutoScalingGroups ?? []) {
      if (!group.AutoScalingGroupName) continue;
      states.set(
        group.AutoScalingGroupName,
        (group.Instances ?? []).map((instance) => ({
          instanceId: instance.InstanceId ?? 'an instance without an id',
          state: instance.LifecycleState ?? 'Unknown',
        })),
      );
    }
  }
  return states;
}
