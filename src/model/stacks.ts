import { validApiHost } from './apiHost';
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
    displayName: `${origin.organization}/${stack.name}`,
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
    apiHost: validApiHost(outputs.Dashboard),
    createdAt: stack.createdAt,
    updatedAt: stack.updatedAt,
    legacy: !isTaggedRack(stack),
    apps: apps.sort((a, b) => a.name.localeCompare(b.name)),
    tags: stack.tags,
    parameters,
    outputs,
  };
}

/**
 * One pair's racks, assembled page by page as its stacks are listed: each stack is read once, and a rack is
 * built again only when a stack of its own or of one of its apps arrives, so a long listing costs no re-work.
 */
export class RackCollector {
  private readonly rackStacks = new Map<string, StackDescription>();
  private readonly appsByRack = new Map<string, App[]>();
  /** Built racks by stack id; a rack whose apps changed since is built again. */
  private readonly built = new Map<string, Rack>();
  private readonly appsChanged = new Set<string>();

  constructor(private readonly origin: Pair) {}

  add(stacks: readonly StackDescription[]): this {
    for (const stack of stacks) {
      const rackName = appRackName(stack);
      if (rackName !== undefined) {
        const apps = this.appsByRack.get(rackName) ?? [];
        apps.push(appFromStack(stack, rackName));
        this.appsByRack.set(rackName, apps);
        this.appsChanged.add(rackName);
      }
      if (isRackStack(stack)) {
        this.rackStacks.set(stack.stackId, stack);
        this.built.delete(stack.stackId);
      }
    }
    return this;
  }

  racks(): Rack[] {
    const racks = [...this.rackStacks.values()].map((stack) => {
      let rack = this.built.get(stack.stackId);
      if (!rack || this.appsChanged.has(stack.name)) {
        rack = rackFromStack(stack, this.origin, [...(this.appsByRack.get(stack.name) ?? [])]);
        this.built.set(stack.stackId, rack);
      }
      return rack;
    });
    this.appsChanged.clear();
    return racks;
  }
}

/** The racks among one (profile, region)'s stacks, each with the apps tagged as its own. */
export function racksFromStacks(stacks: readonly StackDescription[], origin: Pair): Rack[] {
  return new RackCollector(origin).add(stacks).racks();
}
