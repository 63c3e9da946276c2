import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { GroupInstance, ScalingActivity } from '../../model/diagnose/evidence';
import type { Rack } from '../../model/rack';
import type { StackEvent } from '../../model/stackEvents';
import type { AwsClients } from '../clients';
import { stackEvent } from '../install/events';
import type { AwsProfile } from '../profiles';

/** Counts the calls of one diagnosis: its budget is 12. */
export interface CallCounter {
  calls: number;
}

export interface StackEvidence {
  stackStatus: string;
  stackReason?: string;
  /** Newest first: one page (the latest 100), which holds the last update of a rack. */
  stackEvents: StackEvent[];
}

/** The stack's status and its latest page of events: two calls. */
export async function readStackEvidence(
  clients: AwsClients,
  profile: AwsProfile,
  rack: Rack,
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<StackEvidence> {
  const client = clients.cloudFormation(profile, rack.region);
  counter.calls += 2;
  const [stacks, events] = await Promise.all([
    client.send(new DescribeStacksCommand({ StackName: rack.stackId }), { abortSignal }),
    client.send(new DescribeStackEventsCommand({ StackName: rack.stackId }), { abortSignal }),
  ]);
  const stack = stacks.Stacks?.[0];
  return {
    stackStatus: stack?.StackStatus ?? rack.cloudformationStatus,
    stackReason: stack?.StackStatusReason,
    stackEvents: (events.StackEvents ?? []).map(stackEvent),
  };
}

export interface GroupEvidence {
  instances: Omit<GroupInstance, 'launchedAt'>[];
  /** Newest first. */
  activities: ScalingActivity[];
}

/** Activities worth reading: the newest ones tell what the group does now. */
const activityPage = 20;

/** The `Instances` group's servers and its latest scaling activities: two calls. */
export async function readGroupEvidence(
  clients: AwsClients,
  profile: AwsProfile,
  region: string,
  groupName: string,
  counter: CallCounter,
  abortSignal: AbortSignal,
): Promise<GroupEvidence> {
  const client = clients.client('auto_scaling', profile, region, (config) => new AutoScalingClient(config));
  counter.calls += 2;
  const [groups, activities] = await Promise.all([
    client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }), { abortSignal }),
    client.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: groupName, MaxRecords: activityPage }), {
      abortSignal,
    }),
  ]);
  const group = groups.AutoScalingGroups?.[0];
  return {
    instances: (group?.Instances ?? []).map((instance) => ({
      id: instance.InstanceId ?? '',
      lifecycleState: instance.LifecycleState ?? 'Unknown',
      healthStatus: instance.HealthStatus ?? 'Unknown',
    })),
    activities: (activities.Activities ?? []).map((activity) => ({
      description: activity.Description ?? '',
      cause: activity.Cause ?? '',
      statusCode: activity.StatusCode ?? '',
      statusMessage: activity.StatusMessage,
      startedAt: activity.StartTime ?? new Date(0),
    })),
  };
}
