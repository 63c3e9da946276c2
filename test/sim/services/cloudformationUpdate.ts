// CreateChangeSet of type UPDATE on an existing rack stack, as a preview: the stack's own template
// (UsePreviousTemplate) or a release's, every parameter's previous value unless given, and the changes the update
// would make with their Replacement and Details. It is never executed: the rack API updates racks.
import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import { busyMessage, planUpdate, valuesOf } from '../rackUpdate';
import { rackTemplate } from '../scenarios/install';
import { uuid } from '../scenarios/ids';
import type { ChangeSet } from '../types';
import { parameterValues, templateAt } from './cloudformationInstall';
import type { Context } from './service';

const validation = (message: string): ApiError => new ApiError('ValidationError', message);
const noChanges =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export function createUpdateChangeSet(context: Context, input: QueryInput): XmlObject {
  const nameOrId = input.string('StackName') ?? '';
  const name = input.string('ChangeSetName') ?? '';
  const stack = context.data.stacks.find(
    (candidate) =>
      (nameOrId.startsWith('arn:') ? candidate.id === nameOrId : candidate.name === nameOrId) &&
      candidate.status !== 'DELETE_COMPLETE',
  );
  if (!stack) throw validation(`Stack [${nameOrId}] does not exist`);
  const busy = busyMessage(stack);
  if (busy) throw validation(busy);
  const capabilities = input.strings('Capabilities');
  if (!capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM'))
    throw new ApiError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
  const before = valuesOf(stack);
  const usePrevious = input.string('UsePreviousTemplate') === 'true';
  const templateUrl = input.string('TemplateURL');
  if (usePrevious === (templateUrl !== undefined))
    throw validation('Specify exactly one of TemplateURL, TemplateBody and UsePreviousTemplate.');
  const template = usePrevious ? rackTemplate(before.Version ?? '') : templateAt(context, templateUrl);
  const given = new Map<string, string>();
  for (const parameter of input.structs('Parameters')) {
    const key = parameter.string('ParameterKey') ?? '';
    if (parameter.string('UsePreviousValue') === 'true') {
      if (!Object.hasOwn(before, key))
        throw validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      given.set(key, before[key]);
    } else given.set(key, parameter.string('ParameterValue') ?? '');
  }
  const parameters = parameterValues(template, given);
  const after = Object.fromEntries(parameters.map((parameter) => [parameter.key, parameter.value]));
  const changes = planUpdate(stack, before, after);
  const now = new Date();
  const changeSet: ChangeSet = {
    id: `arn:aws:cloudformation:${context.region}:${context.account}:changeSet/${name}/${uuid(stack.id, name, now.toISOString())}`,
    name,
    stackId: stack.id,
    stackName: stack.name,
    type: 'UPDATE',
    createdAt: now,
    readyAt: new Date(now.getTime() + (context.install?.changeSetMs ?? 0)),
    failureReason: changes.length === 0 ? noChanges : undefined,
    executionStatus: 'UNAVAILABLE',
    templateUrl: templateUrl ?? '',
    parameters,
    tags: stack.tags,
    capabilities,
    changes,
  };
  (context.data.changeSets ??= []).push(changeSet);
  return { Id: changeSet.id, StackId: stack.id };
}
