// CloudFormation's operations for creating and deleting stacks from change sets, as `convox rack install` and
// `convox rack uninstall` use them. Templates come from the simulator's own release server; stacks then change
// over time (see stackSchedule.ts).
import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import { rackTemplate, templateResources, type ParameterDeclaration } from '../scenarios/install';
import { digits, stackArn, uuid } from '../scenarios/ids';
import { scheduleCreate, scheduleDelete } from '../stackSchedule';
import type { ChangeSet, InstallWorld, RegionData, Stack, StackParameter } from '../types';
import { createUpdateChangeSet } from './cloudformationUpdate';
import { paginate } from './paging';
import type { Context } from './service';

const validation = (message: string): ApiError => new ApiError('ValidationError', message);
const changesPageSize = 100;

function installOf(context: Context): InstallWorld {
  if (!context.install) throw new ApiError('InternalFailure', 'the simulator has no install world', 500);
  return context.install;
}

/** The template at `url`: only the simulator's own `…/release/<version>/rack.json` of a listed release exists. */
export function templateAt(context: Context, url: string | undefined): Record<string, unknown> {
  if (url === undefined) throw validation('Either Template URL or Template Body must be specified.');
  const base = context.releasesBase ?? '';
  const match = /^\/release\/([^/]+)\/rack\.json$/.exec(url.startsWith(base) ? url.slice(base.length) : '');
  if (!url.startsWith(`${base}/`) || !match) throw validation('TemplateURL must be a supported URL.');
  const version = decodeURIComponent(match[1]);
  if (!installOf(context).releases.some((release) => release.version === version)) {
    throw validation(
      `S3 error: Unable to get object metadata from S3. Check object key, region and/or access permissions for ${url}.`,
    );
  }
  return rackTemplate(version);
}

const declaredParameters = (template: Record<string, unknown>): Record<string, ParameterDeclaration> =>
  template.Parameters as Record<string, ParameterDeclaration>;

function getTemplateSummary(context: Context, input: QueryInput): XmlObject {
  const template = templateAt(context, input.string('TemplateURL'));
  const resources = Object.values(template.Resources as Record<string, { Type: string }>).map(
    (resource) => resource.Type,
  );
  return {
    Parameters: Object.entries(declaredParameters(template)).map(([key, declared]) => ({
      ParameterKey: key,
      DefaultValue: declared.Default,
      ParameterType: declared.Type,
      NoEcho: declared.NoEcho ?? false,
      Description: declared.Description,
      ParameterConstraints: declared.AllowedValues ? { AllowedValues: declared.AllowedValues } : {},
    })),
    Description: template.Description as string,
    Capabilities: ['CAPABILITY_IAM'],
    CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
    ResourceTypes: [...new Set(resources)],
    Version: '2010-09-09',
  };
}

/** Checks the values as CloudFormation does when the change set is created; answers every parameter's value. */
export function parameterValues(
  template: Record<string, unknown>,
  given: ReadonlyMap<string, string>,
): StackParameter[] {
  const declared = declaredParameters(template);
  const unknown = [...given.keys()].filter((key) => !Object.hasOwn(declared, key));
  if (unknown.length > 0) throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing = Object.entries(declared)
    .filter(([key, parameter]) => parameter.Default === undefined && !given.has(key))
    .map(([key]) => key);
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`);
  return Object.entries(declared).map(([key, parameter]) => {
    const value = given.get(key) ?? parameter.Default ?? '';
    if (parameter.AllowedValues && !parameter.AllowedValues.includes(value))
      throw validation(`Parameter '${key}' must be one of AllowedValues`);
    if (parameter.AllowedPattern && !new RegExp(`^(?:${parameter.AllowedPattern})$`).test(value))
      throw validation(`Parameter '${key}' must match pattern ${parameter.AllowedPattern}`);
    if (parameter.MinLength !== undefined && value.length < parameter.MinLength)
      throw validation(`Parameter '${key}' must contain at least ${parameter.MinLength} characters`);
    if (parameter.MaxLength !== undefined && value.length > parameter.MaxLength)
      throw validation(`Parameter '${key}' must contain at most ${parameter.MaxLength} characters`);
    if (parameter.Type === 'Number') {
      const number = Number(value);
      if (value === '' || !Number.isFinite(number)) throw validation(`Parameter '${key}' must be a number`);
      if (parameter.MinValue !== undefined && number < parameter.MinValue)
        throw validation(`Parameter '${key}' must be a number not less than ${parameter.MinValue}`);
      if (parameter.MaxValue !== undefined && number > parameter.MaxValue)
        throw validation(`Parameter '${key}' must be a number not greater than ${parameter.MaxValue}`);
    }
    return { key, value, noEcho: parameter.NoEcho };
  });
}

const stackNamePattern = /^[A-Za-z][A-Za-z0-9-]*$/;

function createChangeSet(context: Context, input: QueryInput): XmlObject {
  if (input.string('ChangeSetType') === 'UPDATE') return createUpdateChangeSet(context, input);
  const install = installOf(context);
  const stackName = input.string('StackName') ?? '';
  const name = input.string('ChangeSetName') ?? '';
  if (!stackNamePattern.test(stackName) || stackName.length > 128) {
    throw validation(
      `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  if (input.string('ChangeSetType') !== 'CREATE')
    throw validation('The simulator creates change sets of type CREATE and UPDATE only');
  if (context.data.stacks.some((stack) => stack.name === stackName && stack.status !== 'DELETE_COMPLETE')) {
    throw new ApiError(
      'AlreadyExistsException',
      `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`,
    );
  }
  const templateUrl = input.string('TemplateURL');
  const template = templateAt(context, templateUrl);
  const capabilities = input.strings('Capabilities');
  if (!capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
    throw new ApiError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
  }
  const parameters = parameterValues(
    template,
    new Map(
      input
        .structs('Parameters')
        .map((parameter) => [parameter.string('ParameterKey') ?? '', parameter.string('ParameterValue') ?? '']),
    ),
  );
  const values = Object.fromEntries(parameters.map((parameter) => [parameter.key, parameter.value]));
  const now = new Date();
  const place = { account: context.account, region: context.region };
  // A name used before gets a new stack id, as CloudFormation gives each stack its own.
  const stackId = stackArn(place, stackName).replace(
    /[^/]+$/,
    uuid(context.account, context.region, stackName, now.toISOString()),
  );
  const tags = Object.fromEntries(
    input.structs('Tags').map((tag) => [tag.string('Key') ?? '', tag.string('Value') ?? '']),
  );
  const stack: Stack = {
    name: stackName,
    id: stackId,
    status: 'REVIEW_IN_PROGRESS',
    description: template.Description as string,
    tags,
    parameters,
    outputs: [],
    capabilities,
    createdAt: now,
    resources: [],
    events: [
      {
        eventId: uuid(stackId, 'REVIEW_IN_PROGRESS'),
        logicalId: stackName,
        physicalId: stackId,
        type: 'AWS::CloudFormation::Stack',
        status: 'REVIEW_IN_PROGRESS',
        reason: 'User Initiated',
        timestamp: now,
      },
    ],
  };
  context.data.stacks.push(stack);
  const changeSet: ChangeSet = {
    id: `arn:aws:cloudformation:${context.region}:${context.account}:changeSet/${name}/${uuid(stackId, name)}`,
    name,
    stackId,
    stackName,
    type: 'CREATE',
    createdAt: now,
    readyAt: new Date(now.getTime() + install.changeSetMs),
    failureReason: install.changeSetFailure,
    executionStatus: 'UNAVAILABLE',
    templateUrl: templateUrl ?? '',
    parameters,
    tags,
    capabilities,
    changes: templateResources(template, values),
  };
  install.changeSetFailure = undefined;
  (context.data.changeSets ??= []).push(changeSet);
  return { Id: changeSet.id, StackId: stackId };
}

function findChangeSet(data: RegionData, input: QueryInput): ChangeSet {
  const name = input.string('ChangeSetName') ?? '';
  const stackName = input.string('StackName');
  const found = (data.changeSets ?? []).find((changeSet) =>
    name.startsWith('arn:')
      ? changeSet.id === name
      : changeSet.name === name && (changeSet.stackName === stackName || changeSet.stackId === stackName),
  );
  if (!found) throw new ApiError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
  return found;
}

function changeSetStatus(changeSet: ChangeSet, now: Date): { status: string; reason?: string } {
  if (now.getTime() < changeSet.readyAt.getTime()) return { status: 'CREATE_IN_PROGRESS' };
  if (changeSet.failureReason) return { status: 'FAILED', reason: changeSet.failureReason };
  return { status: 'CREATE_COMPLETE' };
}

function executionStatus(changeSet: ChangeSet, now: Date): string {
  if (changeSet.executionStatus !== 'UNAVAILABLE') return changeSet.executionStatus;
  return changeSetStatus(changeSet, now).status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE';
}

function describeChangeSet({ data }: Context, input: QueryInput): XmlObject {
  const changeSet = findChangeSet(data, input);
  const now = new Date();
  const { status, reason } = changeSetStatus(changeSet, now);
  const changes = status === 'CREATE_COMPLETE' ? changeSet.changes : [];
  const page = paginate(changes, changesPageSize, input.string('NextToken'), `DescribeChangeSet ${changeSet.id}`, () =>
    validation('Invalid NextToken'),
  );
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Parameters: changeSet.parameters.map((parameter) => ({
      ParameterKey: parameter.key,
      ParameterValue: parameter.noEcho ? '****' : parameter.value,
    })),
    CreationTime: changeSet.createdAt,
    ExecutionStatus: executionStatus(changeSet, now),
    Status: status,
    StatusReason: reason,
    Capabilities: changeSet.capabilities,
    Tags: Object.entries(changeSet.tags).map(([Key, Value]) => ({ Key, Value })),
    Changes: page.items.map((change) => ({
      Type: 'Resource',
      ResourceChange: {
        Action: change.action ?? 'Add',
        LogicalResourceId: change.logicalId,
        ResourceType: change.type,
        Replacement: change.action === 'Modify' ? change.replacement : undefined,
        Scope: change.details && change.details.length > 0 ? ['Properties'] : [],
        Details: (change.details ?? []).map((detail) => ({
          Target: { Attribute: 'Properties', Name: detail.name, RequiresRecreation: detail.recreation },
          Evaluation: 'Static',
          ChangeSource: detail.source,
          CausingEntity: detail.causingEntity,
        })),
      },
    })),
    NextToken: page.nextToken,
  };
}

/** The certificate CloudFormation asks for: `*.[internal-]<balancer name>-<number>.<region>.convox.site`. */
function certificateDomain(stack: Stack, region: string, values: Record<string, string>): string {
  const [prefix, suffix] =
    values.Internal === 'Yes' ? ['internal-', '-rti'] : values.PrivateApi === 'Yes' ? ['internal-', '-i'] : ['', ''];
  return `*.${prefix}${stack.name}${suffix}-${digits(10, stack.id)}.${region}.convox.site`;
}

function executeChangeSet(context: Context, input: QueryInput): XmlObject {
  const install = installOf(context);
  const changeSet = findChangeSet(context.data, input);
  const now = new Date();
  const status = executionStatus(changeSet, now);
  if (status !== 'AVAILABLE') {
    throw new ApiError(
      'InvalidChangeSetStatus',
      `ChangeSet [${changeSet.id}] cannot be executed in its current execution status of [${status}]`,
    );
  }
  const stack = context.data.stacks.find((candidate) => candidate.id === changeSet.stackId);
  if (!stack) throw validation(`Stack [${changeSet.stackName}] does not exist`);
  if (changeSet.type === 'UPDATE')
    throw validation(
      'The simulator updates racks through their rack API (PUT /system), as Convox does, not by executing a change set',
    );
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  const values = Object.fromEntries(changeSet.parameters.map((parameter) => [parameter.key, parameter.value]));
  const domain = certificateDomain(stack, context.region, values);
  const failure =
    install.failure ??
    (domain.length > 64
      ? {
          logicalId: 'RouterCertificate',
          reason: `Resource handler returned message: "The first domain name can be no longer than 64 characters. (Service: Acm, Status Code: 400, Request ID: ${uuid(stack.id, 'acm')})" (RequestToken: ${uuid(stack.id, 'token')}, HandlerErrorCode: InvalidRequest)`,
        }
      : undefined);
  install.failure = undefined;
  const host = install.dashboardHost ?? `${stack.name}-${digits(10, stack.id)}.${context.region}.elb.amazonaws.com`;
  const outputs = [
    { key: 'Dashboard', value: host },
    { key: 'RackDomain', value: host },
    { key: 'Rack', value: stack.name },
    { key: 'Version', value: values.Version ?? '' },
    { key: 'AwsRegion', value: context.region },
  ];
  scheduleCreate(
    context.data,
    stack,
    {
      account: context.account,
      region: context.region,
      stepMs: install.stepMs,
      resources: changeSet.changes,
      failure,
      outputs,
    },
    now,
  );
  return {};
}

function deleteChangeSet({ data }: Context, input: QueryInput): XmlObject {
  const changeSet = findChangeSet(data, input);
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new ApiError(
      'InvalidChangeSetStatus',
      `Cannot delete ChangeSet [${changeSet.id}] while it is being executed`,
    );
  }
  data.changeSets = (data.changeSets ?? []).filter((candidate) => candidate !== changeSet);
  return {};
}

function deleteStack(context: Context, input: QueryInput): XmlObject {
  const install = installOf(context);
  const nameOrId = input.string('StackName') ?? '';
  const stack = context.data.stacks.find((candidate) =>
    nameOrId.startsWith('arn:')
      ? candidate.id === nameOrId
      : candidate.name === nameOrId && candidate.status !== 'DELETE_COMPLETE',
  );
  // Deleting a stack that does not exist, or is already going, succeeds and does nothing, as in AWS.
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return {};
  const now = new Date();
  // A creation still running is cancelled: its unfinished resources are deleted with the rest.
  const cancelled = stack.resources.filter((resource) => resource.status === 'CREATE_IN_PROGRESS');
  stack.schedule = [];
  for (const resource of cancelled) {
    resource.status = 'CREATE_FAILED';
    resource.reason = 'Resource creation cancelled';
  }
  const failure =
    install.deleteFailure &&
    (install.deleteFailure.stackName === undefined || install.deleteFailure.stackName === stack.name)
      ? install.deleteFailure
      : undefined;
  if (failure) install.deleteFailure = undefined;
  for (const changeSet of (context.data.changeSets ?? []).filter((candidate) => candidate.stackId === stack.id))
    changeSet.executionStatus = 'OBSOLETE';
  scheduleDelete(context.data, stack, { stepMs: install.stepMs, failure }, now);
  return {};
}

export const installOperations = {
  GetTemplateSummary: getTemplateSummary,
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  DeleteStack: deleteStack,
};
