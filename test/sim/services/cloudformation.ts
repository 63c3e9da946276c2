import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import { RenderedXml, xmlContent, type XmlObject } from '../protocols/xml';
import type { RegionData, Stack, StackResource } from '../types';
import { installOperations } from './cloudformationInstall';
import { paginate } from './paging';
import type { Context, QueryService } from './service';

const pageSize = 100;
/** DescribeStackResources answers at most this many resources, as AWS does. */
const describeResourcesLimit = 100;

const validation = (message: string): ApiError => new ApiError('ValidationError', message);
const invalidToken = (): ApiError => validation('Invalid NextToken');

const isDeleted = (stack: Stack): boolean => stack.status === 'DELETE_COMPLETE';

/** By stack id any stack, even a deleted one; by name only a live one — as CloudFormation resolves names. */
function findStack(data: RegionData, nameOrId: string): Stack {
  const stack = nameOrId.startsWith('arn:')
    ? data.stacks.find((candidate) => candidate.id === nameOrId)
    : data.stacks.find((candidate) => candidate.name === nameOrId && !isDeleted(candidate));
  if (!stack) throw validation(`Stack with id ${nameOrId} does not exist`);
  return stack;
}

function requiredStackName(input: QueryInput): string {
  const name = input.string('StackName');
  if (name === undefined)
    throw validation(
      "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null",
    );
  return name;
}

export function stackXml(stack: Stack): XmlObject {
  return {
    StackId: stack.id,
    StackName: stack.name,
    Description: stack.description,
    Parameters: stack.parameters.map((parameter) => ({
      ParameterKey: parameter.key,
      ParameterValue: parameter.noEcho ? '****' : parameter.value,
    })),
    CreationTime: stack.createdAt,
    DeletionTime: stack.deletedAt,
    LastUpdatedTime: stack.updatedAt,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.reason,
    DisableRollback: false,
    NotificationARNs: [],
    Capabilities: stack.capabilities,
    // CloudFormation leaves Outputs out entirely while a stack has none (e.g. during its creation).
    Outputs:
      stack.outputs.length === 0
        ? undefined
        : stack.outputs.map((output) => ({
            OutputKey: output.key,
            OutputValue: output.value,
            Description: output.description,
            ExportName: output.exportName,
          })),
    Tags: Object.entries(stack.tags).map(([Key, Value]) => ({ Key, Value })),
    EnableTerminationProtection: false,
    ParentId: stack.parentId,
    RootId: stack.rootId,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/**
 * Listing answers render each stack once and reuse it while the stack stays as it was, so that serving a big
 * account costs the simulator little: in the benchmark it shares the machine with the code being measured,
 * where real AWS would not. Any change CloudFormation makes to a stack changes its status or update time.
 */
const renderedStacks = new WeakMap<Stack, { version: string; rendered: RenderedXml }>();

function renderedStack(stack: Stack): RenderedXml {
  const version = [stack.status, stack.reason, stack.updatedAt?.getTime(), stack.deletedAt?.getTime()].join('\u0000');
  const cached = renderedStacks.get(stack);
  if (cached?.version === version) return cached.rendered;
  const rendered = new RenderedXml(xmlContent(stackXml(stack), 'member'));
  renderedStacks.set(stack, { version, rendered });
  return rendered;
}

function resourceXml(resource: StackResource): XmlObject {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.reason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

function describeStacks({ data, paging }: Context, input: QueryInput): XmlObject {
  const name = input.string('StackName');
  if (name !== undefined) return { Stacks: [stackXml(findStack(data, name))] };
  const live = data.stacks.filter((stack) => !isDeleted(stack));
  const page = paginate(live, pageSize, input.string('NextToken'), 'DescribeStacks', invalidToken, paging);
  return { Stacks: page.items.map(renderedStack), NextToken: page.nextToken };
}

function describeStackEvents({ data }: Context, input: QueryInput): XmlObject {
  const stack = findStack(data, requiredStackName(input));
  const newestFirst = [...stack.events].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
  const page = paginate(
    newestFirst,
    pageSize,
    input.string('NextToken'),
    `DescribeStackEvents ${stack.id}`,
    invalidToken,
  );
  return {
    StackEvents: page.items.map((event) => ({
      StackId: stack.id,
      EventId: event.eventId,
      StackName: stack.name,
      LogicalResourceId: event.logicalId,
      PhysicalResourceId: event.physicalId,
      ResourceType: event.type,
      Timestamp: event.timestamp,
      ResourceStatus: event.status,
      ResourceStatusReason: event.reason,
    })),
    NextToken: page.nextToken,
  };
}

function listStackResources({ data }: Context, input: QueryInput): XmlObject {
  const stack = findStack(data, requiredStackName(input));
  const page = paginate(
    stack.resources,
    pageSize,
    input.string('NextToken'),
    `ListStackResources ${stack.id}`,
    invalidToken,
  );
  return {
    StackResourceSummaries: page.items.map((resource) => ({
      ...resourceXml(resource),
      LastUpdatedTimestamp: resource.updatedAt,
    })),
    NextToken: page.nextToken,
  };
}

function describeStackResources({ data }: Context, input: QueryInput): XmlObject {
  const name = input.string('StackName');
  const physicalId = input.string('PhysicalResourceId');
  let stack: Stack;
  if (name !== undefined) {
    stack = findStack(data, name);
  } else if (physicalId !== undefined) {
    const owner = data.stacks.find((candidate) =>
      candidate.resources.some((resource) => resource.physicalId === physicalId),
    );
    if (!owner) throw validation(`Stack for ${physicalId} does not exist`);
    stack = owner;
  } else {
    throw validation('Either StackName or PhysicalResourceId must be specified.');
  }
  const logicalId = input.string('LogicalResourceId');
  const resources = stack.resources
    .filter((resource) => logicalId === undefined || resource.logicalId === logicalId)
    .filter((resource) => physicalId === undefined || resource.physicalId === physicalId)
    .slice(0, describeResourcesLimit);
  return {
    StackResources: resources.map((resource) => ({
      StackName: stack.name,
      StackId: stack.id,
      ...resourceXml(resource),
      Timestamp: resource.updatedAt,
    })),
  };
}

export const cloudFormation: QueryService = {
  wire: 'awsQuery',
  signingName: 'cloudformation',
  xmlns: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  operations: {
    DescribeStacks: describeStacks,
    DescribeStackEvents: describeStackEvents,
    ListStackResources: listStackResources,
    DescribeStackResources: describeStackResources,
    ...installOperations,
  },
};
