// What a rack update changes, computed the same way for a preview (CreateChangeSet of type UPDATE) and for the
// update the rack API performs: resources the parameters' conditions add or remove, and the resources each changed
// parameter or a new release modifies, with CloudFormation's Replacement and Details.
import { rackTemplate, templateResources } from './scenarios/install';
import type { PlannedChange, Stack } from './types';

type Detail = NonNullable<PlannedChange['details']>[number];

const byParameter = (name: string, parameter: string, recreation: Detail['recreation'] = 'Never'): Detail => ({
  name,
  recreation,
  source: 'ParameterReference',
  causingEntity: parameter,
});
const byResource = (name: string, resource: string, recreation: Detail['recreation'] = 'Never'): Detail => ({
  name,
  recreation,
  source: 'ResourceReference',
  causingEntity: resource,
});

/** The resources a changed parameter modifies, as the rack template wires them. */
function modifiedBy(parameter: string): Array<Omit<PlannedChange, 'type'>> {
  switch (parameter) {
    case 'InstanceType':
      return [
        {
          logicalId: 'InstancesLaunchTemplate',
          replacement: 'False',
          details: [byParameter('LaunchTemplateData', parameter)],
        },
        {
          logicalId: 'Instances',
          replacement: 'Conditional',
          details: [byResource('LaunchTemplate', 'InstancesLaunchTemplate', 'Conditionally')],
        },
      ];
    case 'InstanceCount':
    case 'NoHaInstanceCount':
      return [
        {
          logicalId: 'Instances',
          replacement: 'False',
          details: [byParameter('DesiredCapacity', parameter), byParameter('MinSize', parameter)],
        },
      ];
    case 'VPCCIDR':
      return [
        { logicalId: 'Vpc', replacement: 'True', details: [byParameter('CidrBlock', parameter, 'Always')] },
        ...['Subnet0', 'Subnet1', 'Subnet2'].map((subnet) => ({
          logicalId: subnet,
          replacement: 'True' as const,
          details: [byResource('VpcId', 'Vpc', 'Always')],
        })),
      ];
    case 'LogRetention':
      return [{ logicalId: 'LogGroup', replacement: 'False', details: [byParameter('RetentionInDays', parameter)] }];
    case 'Version':
      return [
        {
          logicalId: 'InstancesLaunchTemplate',
          replacement: 'False',
          details: [byParameter('LaunchTemplateData', parameter)],
        },
        {
          logicalId: 'Instances',
          replacement: 'Conditional',
          details: [byResource('LaunchTemplate', 'InstancesLaunchTemplate', 'Conditionally')],
        },
        { logicalId: 'ServiceWebApi', replacement: 'False', details: [byParameter('TaskDefinition', parameter)] },
        { logicalId: 'ServiceMonitorApi', replacement: 'False', details: [byParameter('TaskDefinition', parameter)] },
        {
          logicalId: 'CustomTopic',
          replacement: 'False',
          details: [{ name: 'Code', recreation: 'Never', source: 'DirectModification' }],
        },
      ];
    default:
      // Most parameters reach the rack API's environment.
      return [
        { logicalId: 'ServiceWebApi', replacement: 'False', details: [byParameter('TaskDefinition', parameter)] },
      ];
  }
}

export const valuesOf = (stack: Stack): Record<string, string> =>
  Object.fromEntries(stack.parameters.map((parameter) => [parameter.key, parameter.value]));

/** The changes from `before` to `after` (every parameter value, `Version` included) on this stack. */
export function planUpdate(
  stack: Stack,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): PlannedChange[] {
  const has = new Map(stack.resources.map((resource) => [resource.logicalId, resource.type]));
  const oldResources = templateResources(rackTemplate(before.Version ?? ''), before);
  const newResources = templateResources(rackTemplate(after.Version ?? ''), after);
  const added = newResources.filter(
    (resource) => !oldResources.some((old) => old.logicalId === resource.logicalId) && !has.has(resource.logicalId),
  );
  const removed = oldResources.filter(
    (resource) => !newResources.some((next) => next.logicalId === resource.logicalId) && has.has(resource.logicalId),
  );
  const modified = new Map<string, PlannedChange>();
  // A parameter the stack did not have takes its default: not a change the person made.
  for (const key of Object.keys(after).filter((name) => Object.hasOwn(before, name) && after[name] !== before[name])) {
    for (const change of modifiedBy(key)) {
      const type = has.get(change.logicalId);
      if (!type || removed.some((resource) => resource.logicalId === change.logicalId)) continue;
      const known = modified.get(change.logicalId);
      const replacement = [known?.replacement, change.replacement].includes('True')
        ? 'True'
        : [known?.replacement, change.replacement].includes('Conditional')
          ? 'Conditional'
          : 'False';
      modified.set(change.logicalId, {
        logicalId: change.logicalId,
        type,
        action: 'Modify',
        replacement,
        details: [...(known?.details ?? []), ...(change.details ?? [])],
      });
    }
  }
  return [
    ...added.map((resource): PlannedChange => ({ ...resource, action: 'Add' })),
    ...modified.values(),
    ...removed.map((resource): PlannedChange => ({ ...resource, action: 'Remove' })),
  ];
}

/** CloudFormation's refusal to change a stack that is changing. */
export function busyMessage(stack: Stack): string | undefined {
  return stack.status.endsWith('_IN_PROGRESS')
    ? `Stack:${stack.id} is in ${stack.status} state and can not be updated.`
    : undefined;
}
