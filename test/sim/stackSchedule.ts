// How CloudFormation works through a stack over time: a creation or a deletion becomes a schedule of events,
// three resources a wave, applied as the clock passes each one (every request advances the clock first). A
// failure brings the real sequence: the failing resource, the others of its wave cancelled, the stack's
// ROLLBACK_IN_PROGRESS naming them, every started resource deleted, ROLLBACK_COMPLETE.
import { retainedLogicalIds } from './scenarios/install';
import { digits, physicalSuffix, uuid } from './scenarios/ids';
import type { AutoScalingGroup, PlannedChange, RegionData, ScheduledStep, Stack, StackEvent } from './types';

const waveSize = 3;
const stackType = 'AWS::CloudFormation::Stack';

/** Applies every scheduled step that is due, in every changing stack of the region. */
export function advanceRegion(data: RegionData, now: Date): void {
  if (!data.changing || data.changing.length === 0) return;
  for (const stack of data.changing) advanceStack(data, stack, now);
  data.changing = data.changing.filter((stack) => (stack.schedule?.length ?? 0) > 0);
}

function advanceStack(data: RegionData, stack: Stack, now: Date): void {
  const schedule = stack.schedule ?? [];
  while (schedule.length > 0 && schedule[0].at.getTime() <= now.getTime()) {
    const step = schedule.shift() as ScheduledStep;
    stack.events.push(step.event);
    if (step.event.type !== stackType || step.event.logicalId !== stack.name) updateResource(stack, step.event);
    if (step.stackStatus) {
      stack.status = step.stackStatus;
      stack.reason = step.stackReason;
      if (step.stackStatus === 'DELETE_COMPLETE') stack.deletedAt = step.at;
    }
    step.effect?.(data);
  }
}

function updateResource(stack: Stack, event: StackEvent): void {
  const existing = stack.resources.find((resource) => resource.logicalId === event.logicalId);
  if (event.status === 'DELETE_COMPLETE' || event.status === 'DELETE_SKIPPED') {
    stack.resources = stack.resources.filter((resource) => resource.logicalId !== event.logicalId);
    return;
  }
  if (existing) {
    existing.status = event.status;
    existing.reason = event.reason;
    existing.physicalId = event.physicalId ?? existing.physicalId;
    existing.updatedAt = event.timestamp;
  } else {
    stack.resources.push({
      logicalId: event.logicalId,
      physicalId: event.physicalId,
      type: event.type,
      status: event.status,
      reason: event.reason,
      updatedAt: event.timestamp,
    });
  }
}

function begin(data: RegionData, stack: Stack, steps: ScheduledStep[]): void {
  stack.schedule = steps;
  data.changing = [...(data.changing ?? []).filter((candidate) => candidate !== stack), stack];
}

/** Builds a stack's events, each a millisecond apart at least so that newest-first order is never ambiguous. */
class Steps {
  readonly steps: ScheduledStep[] = [];
  private last = 0;

  constructor(private readonly stack: Stack) {}

  at(time: number): number {
    this.last = Math.max(time, this.last + 1);
    return this.last;
  }

  resource(
    time: number,
    logicalId: string,
    type: string,
    status: string,
    physicalId: string | undefined,
    reason?: string,
    effect?: (data: RegionData) => void,
  ): void {
    const at = new Date(this.at(time));
    const event: StackEvent = {
      eventId: `${logicalId}-${status}-${at.toISOString()}`,
      logicalId,
      physicalId,
      type,
      status,
      reason,
      timestamp: at,
    };
    this.steps.push({ at, event, effect });
  }

  stackStatus(time: number, status: string, reason?: string, effect?: (data: RegionData) => void): void {
    const at = new Date(this.at(time));
    const event: StackEvent = {
      eventId: uuid(this.stack.id, status, at.toISOString()),
      logicalId: this.stack.name,
      physicalId: this.stack.id,
      type: stackType,
      status,
      reason,
      timestamp: at,
    };
    this.steps.push({
      at,
      event,
      stackStatus: status,
      stackReason: status.endsWith('_IN_PROGRESS') ? undefined : reason,
      effect,
    });
  }

  get lastTime(): number {
    return this.last;
  }
}

export interface CreateOptions {
  account: string;
  region: string;
  stepMs: number;
  resources: { logicalId: string; type: string }[];
  /** The resource that fails, and how. */
  failure?: { logicalId: string; reason: string };
  outputs: { key: string; value: string }[];
}

/** Physical ids as AWS would name them for this stack. */
export function physicalIdOf(stack: Stack, logicalId: string, type: string, account: string, region: string): string {
  const suffix = physicalSuffix(12, stack.id, logicalId);
  switch (type) {
    case 'AWS::EC2::VPC':
      return `vpc-${digits(17, stack.id, logicalId)}`;
    case 'AWS::EC2::Subnet':
      return `subnet-${digits(17, stack.id, logicalId)}`;
    case 'AWS::S3::Bucket':
      return `${stack.name}-${logicalId.toLowerCase()}-${suffix.toLowerCase()}`;
    case 'AWS::KMS::Key':
    case 'Custom::KMSKey':
      return uuid(stack.id, logicalId);
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/${stack.name}/${digits(16, stack.id, logicalId)}`;
    default:
      return `${stack.name}-${logicalId}-${suffix}`;
  }
}

/** What a resource adds to the world beside the stack when it is created, and takes away when deleted. */
function created(
  stack: Stack,
  logicalId: string,
  type: string,
  physicalId: string,
  options: CreateOptions,
): ((data: RegionData) => void) | undefined {
  if (type === 'AWS::AutoScaling::AutoScalingGroup') {
    const group: AutoScalingGroup = {
      name: physicalId,
      arn: `arn:aws:autoscaling:${options.region}:${options.account}:autoScalingGroup:${uuid(physicalId)}:autoScalingGroupName/${physicalId}`,
      minSize: 1,
      maxSize: 6,
      desiredCapacity: 0,
      availabilityZones: [`${options.region}a`, `${options.region}b`],
      subnets: [],
      createdAt: new Date(),
      tags: {
        Name: stack.name,
        Rack: stack.name,
        'aws:cloudformation:stack-name': stack.name,
        'aws:cloudformation:logical-id': logicalId,
      },
      instances: [],
    };
    return (data) => data.autoScalingGroups.push(group);
  }
  if (type === 'AWS::Events::Rule') {
    return (data) =>
      (data.eventRules ??= []).push({
        name: physicalId,
        arn: `arn:aws:events:${options.region}:${options.account}:rule/${physicalId}`,
        state: 'ENABLED',
      });
  }
  return undefined;
}

function removed(type: string, physicalId: string | undefined): ((data: RegionData) => void) | undefined {
  if (!physicalId) return undefined;
  if (type === 'AWS::AutoScaling::AutoScalingGroup')
    return (data) => (data.autoScalingGroups = data.autoScalingGroups.filter((group) => group.name !== physicalId));
  if (type === 'AWS::Events::Rule')
    return (data) => (data.eventRules = (data.eventRules ?? []).filter((rule) => rule.name !== physicalId));
  return undefined;
}

/** ExecuteChangeSet of type CREATE: the stack is created wave by wave from now on, or fails and rolls back. */
export function scheduleCreate(data: RegionData, stack: Stack, options: CreateOptions, now: Date): void {
  const steps = new Steps(stack);
  const start = now.getTime();
  const step = Math.max(10, options.stepMs);
  steps.stackStatus(start, 'CREATE_IN_PROGRESS', 'User Initiated');
  const started: { logicalId: string; type: string; physicalId: string }[] = [];
  const waves = Math.ceil(options.resources.length / waveSize);
  for (let wave = 0; wave < waves; wave++) {
    const members = options.resources.slice(wave * waveSize, (wave + 1) * waveSize);
    const waveStart = start + (wave + 1) * step;
    for (const member of members) {
      steps.resource(waveStart, member.logicalId, member.type, 'CREATE_IN_PROGRESS', undefined);
      started.push({
        ...member,
        physicalId: physicalIdOf(stack, member.logicalId, member.type, options.account, options.region),
      });
    }
    const failing = members.find((member) => member.logicalId === options.failure?.logicalId);
    if (failing && options.failure) {
      const failedAt = waveStart + step / 2;
      steps.resource(failedAt, failing.logicalId, failing.type, 'CREATE_FAILED', undefined, options.failure.reason);
      const cancelled = members.filter((member) => member !== failing);
      for (const member of cancelled)
        steps.resource(
          failedAt,
          member.logicalId,
          member.type,
          'CREATE_FAILED',
          undefined,
          'Resource creation cancelled',
        );
      const names = members.map((member) => member.logicalId).sort();
      steps.stackStatus(
        failedAt,
        'ROLLBACK_IN_PROGRESS',
        `The following resource(s) failed to create: [${names.join(', ')}]. Rollback requested by user.`,
      );
      rollback(steps, started, step);
      begin(data, stack, steps.steps);
      return;
    }
    for (const member of members) {
      const physicalId = physicalIdOf(stack, member.logicalId, member.type, options.account, options.region);
      steps.resource(
        waveStart + step / 2,
        member.logicalId,
        member.type,
        'CREATE_COMPLETE',
        physicalId,
        undefined,
        created(stack, member.logicalId, member.type, physicalId, options),
      );
    }
  }
  steps.stackStatus(steps.lastTime + step / 2, 'CREATE_COMPLETE', undefined, () => {
    stack.outputs = options.outputs;
  });
  begin(data, stack, steps.steps);
}

function rollback(
  steps: Steps,
  started: { logicalId: string; type: string; physicalId: string }[],
  step: number,
): void {
  let time = steps.lastTime + step / 2;
  for (const resource of [...started].reverse()) {
    const retained = retainedLogicalIds.includes(resource.logicalId) && resource.type === 'AWS::S3::Bucket';
    steps.resource(time, resource.logicalId, resource.type, 'DELETE_IN_PROGRESS', resource.physicalId);
    steps.resource(
      time + step / 4,
      resource.logicalId,
      resource.type,
      retained ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE',
      resource.physicalId,
      undefined,
      removed(resource.type, resource.physicalId),
    );
    time += step / 3;
  }
  steps.stackStatus(steps.lastTime + step / 2, 'ROLLBACK_COMPLETE');
}

export interface DeleteOptions {
  stepMs: number;
  failure?: { logicalId: string; reason: string };
}

/** DeleteStack: every resource deleted in reverse creation order (retained buckets skipped), or DELETE_FAILED at one. */
export function scheduleDelete(data: RegionData, stack: Stack, options: DeleteOptions, now: Date): void {
  const steps = new Steps(stack);
  const step = Math.max(10, options.stepMs);
  steps.stackStatus(now.getTime(), 'DELETE_IN_PROGRESS', 'User Initiated');
  let time = now.getTime() + step;
  for (const resource of [...stack.resources].reverse()) {
    steps.resource(time, resource.logicalId, resource.type, 'DELETE_IN_PROGRESS', resource.physicalId);
    if (resource.logicalId === options.failure?.logicalId) {
      steps.resource(
        time + step / 2,
        resource.logicalId,
        resource.type,
        'DELETE_FAILED',
        resource.physicalId,
        options.failure.reason,
      );
      steps.stackStatus(
        time + step / 2,
        'DELETE_FAILED',
        `The following resource(s) failed to delete: [${resource.logicalId}]. `,
      );
      begin(data, stack, steps.steps);
      return;
    }
    const retained = retainedLogicalIds.includes(resource.logicalId) && resource.type === 'AWS::S3::Bucket';
    steps.resource(
      time + step / 2,
      resource.logicalId,
      resource.type,
      retained ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE',
      resource.physicalId,
      undefined,
      removed(resource.type, resource.physicalId),
    );
    time += step / 3;
  }
  steps.stackStatus(steps.lastTime + step / 2, 'DELETE_COMPLETE');
  begin(data, stack, steps.steps);
}

export interface UpdateOptions {
  account: string;
  region: string;
  stepMs: number;
  changes: PlannedChange[];
  /** Every parameter value after the update. */
  values: Record<string, string>;
  /** The change that fails (the first one when its logical id is absent or not among the changes). */
  failure?: { logicalId?: string; reason: string };
}

/**
 * UpdateStack, as the rack calls it: UPDATE_IN_PROGRESS, each change (added resources created, others updated in
 * place or replaced), cleanup of removed resources, UPDATE_COMPLETE. With a failure: the failing resource
 * UPDATE_FAILED, the others of its wave cancelled, UPDATE_ROLLBACK_IN_PROGRESS naming them, every changed resource
 * back and every added one deleted, UPDATE_ROLLBACK_COMPLETE with the previous values.
 */
export function scheduleUpdate(data: RegionData, stack: Stack, options: UpdateOptions, now: Date): void {
  const steps = new Steps(stack);
  const step = Math.max(10, options.stepMs);
  const previous = stack.parameters.map((parameter) => ({ ...parameter }));
  const next = Object.entries(options.values).map(([key, value]) => ({
    key,
    value,
    noEcho: previous.find((parameter) => parameter.key === key)?.noEcho,
  }));
  steps.stackStatus(now.getTime(), 'UPDATE_IN_PROGRESS', 'User Initiated', () => {
    stack.parameters = next;
    stack.updatedAt = now;
  });
  const working = options.changes.filter((change) => change.action !== 'Remove');
  const failing = options.failure
    ? (working.find((change) => change.logicalId === options.failure?.logicalId) ?? working[0])
    : undefined;
  const done: PlannedChange[] = [];
  const physical = (change: PlannedChange): string | undefined =>
    stack.resources.find((resource) => resource.logicalId === change.logicalId)?.physicalId ??
    physicalIdOf(stack, change.logicalId, change.type, options.account, options.region);
  for (let wave = 0; wave * waveSize < working.length; wave++) {
    const members = working.slice(wave * waveSize, (wave + 1) * waveSize);
    const waveStart = now.getTime() + (wave + 1) * step;
    for (const member of members) {
      const replacing =
        member.replacement === 'True'
          ? 'Requested update requires the creation of a new physical resource; hence creating one.'
          : undefined;
      steps.resource(
        waveStart,
        member.logicalId,
        member.type,
        member.action === 'Add' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS',
        physical(member),
        replacing,
      );
    }
    if (failing && members.includes(failing) && options.failure) {
      const failedAt = waveStart + step / 2;
      const failedStatus = (change: PlannedChange): string =>
        change.action === 'Add' ? 'CREATE_FAILED' : 'UPDATE_FAILED';
      steps.resource(
        failedAt,
        failing.logicalId,
        failing.type,
        failedStatus(failing),
        physical(failing),
        options.failure.reason,
      );
      for (const member of members.filter((candidate) => candidate !== failing)) {
        steps.resource(
          failedAt,
          member.logicalId,
          member.type,
          failedStatus(member),
          physical(member),
          member.action === 'Add' ? 'Resource creation cancelled' : 'Resource update cancelled',
        );
      }
      const names = members.map((member) => member.logicalId).sort();
      steps.stackStatus(
        failedAt,
        'UPDATE_ROLLBACK_IN_PROGRESS',
        `The following resource(s) failed to update: [${names.join(', ')}]. `,
      );
      let time = steps.lastTime + step / 2;
      for (const change of [...done, ...members].reverse()) {
        if (change.action === 'Add') {
          steps.resource(time, change.logicalId, change.type, 'DELETE_IN_PROGRESS', physical(change));
          steps.resource(time + step / 4, change.logicalId, change.type, 'DELETE_COMPLETE', physical(change));
        } else {
          steps.resource(time, change.logicalId, change.type, 'UPDATE_IN_PROGRESS', physical(change));
          steps.resource(time + step / 4, change.logicalId, change.type, 'UPDATE_COMPLETE', physical(change));
        }
        time += step / 3;
      }
      steps.stackStatus(steps.lastTime + step / 2, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
      steps.stackStatus(steps.lastTime + step / 2, 'UPDATE_ROLLBACK_COMPLETE', undefined, () => {
        stack.parameters = previous;
      });
      begin(data, stack, steps.steps);
      return;
    }
    for (const member of members) {
      steps.resource(
        waveStart + step / 2,
        member.logicalId,
        member.type,
        member.action === 'Add' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE',
        physical(member),
      );
      done.push(member);
    }
  }
  steps.stackStatus(steps.lastTime + step / 2, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  let time = steps.lastTime + step / 2;
  for (const change of options.changes.filter((candidate) => candidate.action === 'Remove')) {
    steps.resource(time, change.logicalId, change.type, 'DELETE_IN_PROGRESS', physical(change));
    steps.resource(
      time + step / 4,
      change.logicalId,
      change.type,
      'DELETE_COMPLETE',
      physical(change),
      undefined,
      removed(change.type, physical(change)),
    );
    time += step / 3;
  }
  steps.stackStatus(steps.lastTime + step / 2, 'UPDATE_COMPLETE', undefined, () => {
    stack.outputs = stack.outputs.map((output) =>
      output.key === 'Version' ? { ...output, value: options.values.Version ?? output.value } : output,
    );
  });
  begin(data, stack, steps.steps);
}
