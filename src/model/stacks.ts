import type { Pair } from './pair';
import type { App, Rack } from './rack';
import { rackStatus } from './status';

/** A CloudFormation stack as the aws/ layer hands it over: SDK shapes already flattened. */
export interface StackDescription {
  stackId: string;
  name: string;
  status: string;
  statusReason?: string;
  tags: Record<string, string>;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  createdAt: Date;
  updatedAt?: Date;
  /** Nested stacks (an app's services, timers, resources) carry a parent id. */
  parentId?: string;
}

function isTaggedRack(stack: StackDescription): boolean {
  return stack.tags.System === 'convox' && stack.tags.Type === 'rack';
}

/** Racks installed before 2018 carry no tags; a Dashboard output and a Version parameter give them away. */
function isLegacyRack(stack: StackDescription): boolean {
  return stack.tags.System === undefined && 'Dashboard' in stack.outputs && 'Version' in stack.parameters;
}

export function isRackStack(stack: StackDescription): boolean {
  return !stack.parentId && (isTaggedRack(stack) || isLegacyRack(stack));
}

/** The rack an app stack belongs to, or undefined when the stack is not a top-level Convox app. */
export function appRackName(stack: StackDescription): string | undefined {
  if (stack.parentId || stack.tags.System !== 'convox' || stack.tags.Type !== 'app') return undefined;
  return stack.tags.Rack;
}

function appFromStack(stack: StackDescription, rackName: string): App {
  const prefix = `${rackName}-`;
  return {
    name: stack.tags.Name ?? (stack.name.startsWith(prefix) ? stack.name.slice(prefix.length) : stack.name),
    status: rackStatus(stack.status),
    cloudformationStatus: stack.status,
    generation: stack.tags.Generation ?? '1',
  };
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function rackFromStack(stack: StackDescription, origin: Pair, apps: App[]): Rack {
  const { parameters, outputs } = stack;
  // Racks predating the parameter ran highly available; `NoHaInstanceCount` only counts when HA is off.
  const highAvailability = parameters.HighAvailability !== 'false';
  const instanceCount = toNumber(highAvailability ? parameters.InstanceCount : parameters.NoHaInstanceCount);
  // Fields one by one: `{ ...origin, … }` with this many more is slow on Node 20, and this runs per page.
  return {
    organization: origin.organization,
    profile: origin.profile,
    region: origin.region,
    name: stack.name,
    fullName: `${origin.organization}/${stack.name}`,
    stackId: stack.stackId,
    cloudformationStatus: stack.status,
    cloudformationReason: stack.statusReason,
    status: rackStatus(stack.status),
    version: parameters.Version ?? outputs.Version,
    instanceType: parameters.InstanceType,
    instanceCount,
    highAvailability,
    private: (parameters.Private ?? outputs.Private) === 'Yes',
    routerHost: outputs.Domain,
    routerInternalHost: outputs.DomainInternal,
    apiHost: outputs.Dashboard,
    createdAt: stack.createdAt,
    updatedAt: stack.updatedAt,
    legacy: !isTaggedRack(stack),
    apps: apps.sort((a, b) => a.name.localeCompare(b.name)),
    tags: stack.tags,
    parameters,
    outputs,
  };
}

/** The racks among one (profile, region)'s stacks, each with the apps tagged as its own. */
export function racksFromStacks(stacks: readonly StackDescription[], origin: Pair): Rack[] {
  const appsByRack = new Map<string, App[]>();
  for (const stack of stacks) {
    const rackName = appRackName(stack);
    if (rackName === undefined) continue;
    const apps = appsByRack.get(rackName) ?? [];
    apps.push(appFromStack(stack, rackName));
    appsByRack.set(rackName, apps);
  }
  return stacks
    .filter(isRackStack)
    .map((stack) => rackFromStack(stack, origin, appsByRack.get(stack.name) ?? []));
}
