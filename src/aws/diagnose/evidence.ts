import type { DiagnoseEvidence, EvidencePart, Unread } from '../../model/diagnose/evidence';
import type { Rack } from '../../model/rack';
import type { AwsClients } from '../clients';
import type { DetailsReaders } from '../details';
import { classifyError } from '../errors';
import type { AwsProfile } from '../profiles';
import { readGroupEvidence, readStackEvidence, type CallCounter, type GroupEvidence } from './stackEvidence';

/**
 * A rack's evidence for a diagnosis: the stack and its group first (2 + 2 calls, at once), then EC2, ECS and
 * the log group (at once; 1 + 2 + 2 + 1 calls for up to 100 servers). A part that fails is reported, not fatal;
 * the stack's own read is, since without it there is nothing to say.
 */
export async function readEvidence(
  clients: AwsClients,
  profile: AwsProfile,
  rack: Rack,
  readers: () => Promise<DetailsReaders>,
  abortSignal: AbortSignal,
): Promise<DiagnoseEvidence> {
  const counter: CallCounter = { calls: 0 };
  const now = new Date();
  const unread: Unread[] = [];
  const failed = (part: EvidencePart, what: string, error: unknown, action: string): void => {
    unread.push({
      part,
      what,
      message: classifyError(error, { profile: rack.profile, region: rack.region, action }).message,
    });
  };
  const groupName = rack.outputs.AutoscalingGroup;
  const emptyGroup: GroupEvidence = { instances: [], activities: [] };
  const [stack, group] = await Promise.all([
    readStackEvidence(clients, profile, rack, counter, abortSignal),
    groupName
      ? readGroupEvidence(clients, profile, rack.region, groupName, counter, abortSignal).catch((error: unknown) => {
          if (abortSignal.aborted) throw error;
          failed(
            'group',
            'the Auto Scaling group',
            error,
            'read the Instances group (autoscaling:DescribeAutoScalingGroups, DescribeScalingActivities)',
          );
          return emptyGroup;
        })
      : emptyGroup,
  ]);
  const instanceIds = group.instances.map((instance) => instance.id);
  const cluster = await (
    await readers()
  ).clusterEvidence(profile, rack, instanceIds, now.getTime(), counter, abortSignal);
  for (const failure of cluster.failures) failed(failure.part, failure.what, failure.error, `read ${failure.what}`);
  return {
    stackName: rack.name,
    displayName: rack.displayName,
    region: rack.region,
    stackId: rack.stackId,
    rackStatus: rack.status,
    stackStatus: stack.stackStatus,
    stackReason: stack.stackReason,
    stackEvents: stack.stackEvents,
    groupName,
    instances: group.instances.map((instance) => ({ ...instance, launchedAt: cluster.launchedAt.get(instance.id) })),
    activities: group.activities,
    clusterName: rack.outputs.Cluster,
    servers: cluster.servers,
    services: cluster.services,
    logGroup: rack.outputs.LogGroup,
    monitorLines: cluster.monitorLines,
    unread,
    calls: counter.calls,
    readAt: now,
  };
}
