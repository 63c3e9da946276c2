import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import type { AutoScalingGroup } from '../types';
import { paginate } from './paging';
import type { Context, QueryService } from './service';

const validation = (message: string): ApiError => new ApiError('ValidationError', message);

function tagMatcher(name: string, values: string[]): (group: AutoScalingGroup) => boolean {
  const tags = (group: AutoScalingGroup): [string, string][] => Object.entries(group.tags);
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (group) => values.includes(group.tags[key]);
  }
  if (name === 'tag-key') return (group) => tags(group).some(([key]) => values.includes(key));
  if (name === 'tag-value') return (group) => tags(group).some(([, value]) => values.includes(value));
  throw validation(`Filter name '${name}' is not supported`);
}

function groupXml(group: AutoScalingGroup, account: string): XmlObject {
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: 300,
    AvailabilityZones: group.availabilityZones,
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 300,
    Instances: group.instances.map((instance) => ({
      InstanceId: instance.id,
      InstanceType: instance.type,
      AvailabilityZone: instance.availabilityZone,
      LifecycleState: instance.lifecycleState,
      HealthStatus: instance.healthStatus,
      ProtectedFromScaleIn: false,
    })),
    CreatedTime: group.createdAt,
    SuspendedProcesses: [],
    VPCZoneIdentifier: group.subnets.join(','),
    EnabledMetrics: [],
    Tags: Object.entries(group.tags).map(([Key, Value]) => ({
      ResourceId: group.name,
      ResourceType: 'auto-scaling-group',
      Key,
      Value,
      PropagateAtLaunch: true,
    })),
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false,
  };
}

function describeAutoScalingGroups({ account, data }: Context, input: QueryInput): XmlObject {
  const names = input.strings('AutoScalingGroupNames');
  const maxRecords = input.integer('MaxRecords') ?? 50;
  if (maxRecords < 1 || maxRecords > 100) {
    throw validation(
      `1 validation error detected: Value '${maxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100`,
    );
  }
  const matchers = input
    .structs('Filters')
    .map((filter) => tagMatcher(filter.string('Name') ?? '', filter.strings('Values')));
  // Unknown names are left out of the answer, not reported.
  const groups = data.autoScalingGroups.filter(
    (group) => (names.length === 0 || names.includes(group.name)) && matchers.every((match) => match(group)),
  );
  const page = paginate(
    groups,
    maxRecords,
    input.string('NextToken'),
    'DescribeAutoScalingGroups',
    () => new ApiError('InvalidNextToken', 'The token is invalid.'),
  );
  return { AutoScalingGroups: page.items.map((group) => groupXml(group, account)), NextToken: page.nextToken };
}

function deleteAutoScalingGroup({ data }: Context, input: QueryInput): XmlObject {
  const name = input.string('AutoScalingGroupName') ?? '';
  const group = data.autoScalingGroups.find((candidate) => candidate.name === name);
  if (!group) throw validation(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
  if (group.instances.length > 0 && input.string('ForceDelete') !== 'true') {
    throw new ApiError(
      'ResourceInUse',
      'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
    );
  }
  data.autoScalingGroups = data.autoScalingGroups.filter((candidate) => candidate !== group);
  return {};
}

function describeScalingActivities({ data }: Context, input: QueryInput): XmlObject {
  const name = input.string('AutoScalingGroupName');
  const maxRecords = input.integer('MaxRecords') ?? 100;
  if (maxRecords < 1 || maxRecords > 100)
    throw validation(
      `1 validation error detected: Value '${maxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100`,
    );
  const groups = data.autoScalingGroups.filter((group) => name === undefined || group.name === name);
  const activities = groups.flatMap((group) => (group.activities ?? []).map((activity) => ({ group, activity })));
  const page = paginate(
    activities,
    maxRecords,
    input.string('NextToken'),
    'DescribeScalingActivities',
    () => new ApiError('InvalidNextToken', 'The token is invalid.'),
  );
  return {
    Activities: page.items.map(({ group, activity }) => ({
      ActivityId: activity.id,
      AutoScalingGroupName: group.name,
      Description: activity.description,
      Cause: activity.cause,
      StartTime: activity.startTime,
      StatusCode: activity.statusCode,
      StatusMessage: activity.statusMessage,
      Progress: activity.statusCode === 'InProgress' ? 50 : 100,
    })),
    NextToken: page.nextToken,
  };
}

export const autoScaling: QueryService = {
  wire: 'awsQuery',
  signingName: 'autoscaling',
  xmlns: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  operations: {
    DescribeAutoScalingGroups: describeAutoScalingGroups,
    DescribeScalingActivities: describeScalingActivities,
    DeleteAutoScalingGroup: deleteAutoScalingGroup,
  },
};
