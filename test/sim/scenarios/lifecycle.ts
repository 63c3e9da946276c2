// The resources and events a stack in a given CloudFormation status would show: a creation, then an
// update or a deletion, ending where the status says, with the failing resource and its reason.
import type { StackEvent, StackResource } from '../types';
import { addSeconds, uuid } from './ids';

export interface ResourceSpec {
  logicalId: string;
  type: string;
  physicalId: string;
}

export interface Failure {
  logicalId: string;
  reason: string;
}

export interface LifecycleInput {
  stackName: string;
  stackId: string;
  status: string;
  createdAt: Date;
  /** When the update or deletion that led to `status` started. */
  changedAt: Date;
  specs: ResourceSpec[];
  failure?: Failure;
  /**
   * While the creation runs: the resources still being created. Those before the last of them (in `specs`, which
   * is creation order) are created, those after it not begun. When absent, the first 60% are created and the next
   * two are being created.
   */
  inProgress?: string[];
}

export interface LifecycleResult {
  resources: StackResource[];
  events: StackEvent[];
  /** The StackStatusReason CloudFormation gives for this status, if any. */
  reason?: string;
}

/** Resources that get their own events in the history; keeps about 25 events per stack. */
const eventedResources = 8;

type Phase = 'create' | 'update' | 'delete';

function phaseOf(status: string): Phase {
  if (status.startsWith('UPDATE_')) return 'update';
  if (status.startsWith('DELETE_')) return 'delete';
  return 'create';
}

/** The resource that fails by default: the instances (signals) or a bucket (deletion); `specs` is not empty. */
function defaultFailure(specs: ResourceSpec[], phase: Phase): Failure {
  const last = specs[specs.length - 1];
  if (phase === 'delete') {
    const bucket = specs.find((spec) => spec.type === 'AWS::S3::Bucket') ?? last;
    return { logicalId: bucket.logicalId, reason: 'The bucket you tried to delete is not empty' };
  }
  const group = specs.find((spec) => spec.logicalId === 'Instances') ?? last;
  const signals =
    phase === 'create' ? 'Received 0 SUCCESS signal(s) out of 1.' : 'Received 1 FAILURE signal(s) out of 3.';
  return {
    logicalId: group.logicalId,
    reason: `${signals} Unable to satisfy 100% MinSuccessfulInstancesPercent requirement`,
  };
}

function defaultFailureSpec(specs: ResourceSpec[], phase: Phase): ResourceSpec {
  const { logicalId } = defaultFailure(specs, phase);
  return specs.find((spec) => spec.logicalId === logicalId) ?? specs[0];
}

/** Builds the history; `current` tracks each resource's latest status as events are appended. */
class History {
  readonly events: StackEvent[] = [];
  readonly current = new Map<string, { status: string; reason?: string; at: Date }>();

  constructor(private readonly input: LifecycleInput) {}

  stack(status: string, at: Date, reason?: string): void {
    const { stackName, stackId } = this.input;
    this.events.push({
      eventId: uuid(stackId, status, at.toISOString()),
      logicalId: stackName,
      physicalId: stackId,
      type: 'AWS::CloudFormation::Stack',
      status,
      reason,
      timestamp: at,
    });
  }

  resource(spec: ResourceSpec, status: string, at: Date, reason?: string): void {
    this.events.push({
      eventId: `${spec.logicalId}-${status}-${at.toISOString()}`,
      logicalId: spec.logicalId,
      // CloudFormation knows the physical id only once creation has started.
      physicalId: status === 'CREATE_IN_PROGRESS' ? undefined : spec.physicalId,
      type: spec.type,
      status,
      reason,
      timestamp: at,
    });
    this.settle(spec, status, at, reason);
  }

  /** Changes a resource's status without an event of its own (keeps histories short). */
  settle(spec: ResourceSpec, status: string, at: Date, reason?: string): void {
    this.current.set(spec.logicalId, { status, reason, at });
  }
}

export function lifecycle(input: LifecycleInput): LifecycleResult {
  const { specs, status, createdAt, changedAt } = input;
  const phase = phaseOf(status);
  const history = new History(input);
  if (specs.length === 0) {
    history.stack('CREATE_IN_PROGRESS', createdAt, 'User Initiated');
    history.stack(status, phase === 'create' ? addSeconds(createdAt, 5) : changedAt, input.failure?.reason);
    return { resources: [], events: history.events, reason: input.failure?.reason };
  }
  const failure = input.failure ?? defaultFailure(specs, phase);
  const failing = specs.find((spec) => spec.logicalId === failure.logicalId) ?? defaultFailureSpec(specs, phase);
  const evented = specs.slice(0, eventedResources);
  let clock = createdAt;
  const tick = (seconds: number): Date => (clock = addSeconds(clock, seconds));
  let reason: string | undefined;

  // Creation: every resource, or part of them when the creation is still running or failed.
  history.stack('CREATE_IN_PROGRESS', clock, 'User Initiated');
  const creating = phase === 'create' && status !== 'CREATE_COMPLETE';
  const named =
    status === 'CREATE_IN_PROGRESS' && input.inProgress
      ? specs.filter((spec) => input.inProgress?.includes(spec.logicalId))
      : [];
  const lastNamed = named.at(-1);
  const createdCount = !creating
    ? specs.length
    : lastNamed
      ? specs.indexOf(lastNamed) + 1
      : Math.ceil(specs.length * 0.6);
  const inProgress = lastNamed ? named : specs.slice(createdCount, createdCount + 2);
  const failedCreate = status === 'CREATE_FAILED' || status.startsWith('ROLLBACK_');
  const completed = specs
    .slice(0, createdCount)
    .filter((spec) => !(failedCreate && spec === failing) && !named.includes(spec));
  const step = (spec: ResourceSpec, next: string, seconds: number): void => {
    if (evented.includes(spec)) history.resource(spec, next, tick(seconds));
    else history.settle(spec, next, clock);
  };
  completed.forEach((spec) => {
    if (evented.includes(spec)) history.resource(spec, 'CREATE_IN_PROGRESS', tick(3));
    step(spec, 'CREATE_COMPLETE', 4);
  });

  if (phase === 'create') {
    if (status === 'CREATE_COMPLETE') {
      history.stack('CREATE_COMPLETE', tick(5));
    } else if (status === 'CREATE_IN_PROGRESS') {
      inProgress.forEach((spec) => history.resource(spec, 'CREATE_IN_PROGRESS', tick(2)));
    } else if (failedCreate) {
      history.resource(failing, 'CREATE_IN_PROGRESS', tick(2));
      history.resource(failing, 'CREATE_FAILED', tick(600), failure.reason);
      reason = `The following resource(s) failed to create: [${failing.logicalId}]. `;
      if (status === 'CREATE_FAILED') {
        history.stack('CREATE_FAILED', tick(1), reason);
      } else {
        history.stack('ROLLBACK_IN_PROGRESS', tick(1), reason);
        const created = [...completed].reverse();
        const removed = status === 'ROLLBACK_IN_PROGRESS' ? created.slice(0, Math.floor(created.length / 2)) : created;
        removed.forEach((spec) => step(spec, 'DELETE_COMPLETE', 2));
        if (status === 'ROLLBACK_IN_PROGRESS') {
          created
            .slice(removed.length, removed.length + 1)
            .forEach((spec) => history.resource(spec, 'DELETE_IN_PROGRESS', tick(2)));
        } else if (status === 'ROLLBACK_FAILED') {
          history.resource(failing, 'DELETE_FAILED', tick(2), 'Resource could not be deleted');
          reason = `The following resource(s) failed to delete: [${failing.logicalId}]. `;
          history.stack(status, tick(2), reason);
        } else {
          history.resource(failing, 'DELETE_COMPLETE', tick(2));
          history.stack(status, tick(2));
        }
      }
    } else {
      history.stack(status, tick(5));
    }
  }

  if (phase === 'update') {
    clock = changedAt;
    history.stack('UPDATE_IN_PROGRESS', clock, 'User Initiated');
    const changed = evented.slice(-3);
    changed.forEach((spec) => history.resource(spec, 'UPDATE_IN_PROGRESS', tick(3)));
    if (status.startsWith('UPDATE_ROLLBACK')) {
      const failed = failing;
      history.resource(failed, 'UPDATE_FAILED', tick(900), failure.reason);
      reason = `The following resource(s) failed to update: [${failed.logicalId}]. `;
      history.stack('UPDATE_ROLLBACK_IN_PROGRESS', tick(1), reason);
      if (status === 'UPDATE_ROLLBACK_FAILED') {
        history.resource(failed, 'UPDATE_FAILED', tick(600), `${failure.reason} (rollback)`);
        reason = `The following resource(s) failed to update: [${failed.logicalId}]. `;
        history.stack('UPDATE_ROLLBACK_FAILED', tick(1), reason);
      } else if (status !== 'UPDATE_ROLLBACK_IN_PROGRESS') {
        changed.forEach((spec) => history.resource(spec, 'UPDATE_COMPLETE', tick(4)));
        history.stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', tick(2));
        if (status === 'UPDATE_ROLLBACK_COMPLETE') history.stack('UPDATE_ROLLBACK_COMPLETE', tick(30));
      }
    } else if (status !== 'UPDATE_IN_PROGRESS') {
      changed.forEach((spec) => history.resource(spec, 'UPDATE_COMPLETE', tick(4)));
      history.stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', tick(2));
      if (status === 'UPDATE_COMPLETE') history.stack('UPDATE_COMPLETE', tick(30));
    }
  }

  if (phase === 'delete') {
    clock = changedAt;
    history.stack('DELETE_IN_PROGRESS', clock, 'User Initiated');
    // Deletion undoes the creation from its end: the rack's services go long before its network.
    const reversed = [...specs].reverse();
    if (status === 'DELETE_IN_PROGRESS') {
      reversed.slice(0, 4).forEach((spec) => history.resource(spec, 'DELETE_COMPLETE', tick(5)));
      reversed.slice(4, 5).forEach((spec) => history.resource(spec, 'DELETE_IN_PROGRESS', tick(2)));
    } else {
      const failed = failing;
      specs
        .filter((spec) => spec !== failed)
        .reverse()
        .forEach((spec) => step(spec, 'DELETE_COMPLETE', 2));
      if (status === 'DELETE_FAILED') {
        history.resource(failed, 'DELETE_FAILED', tick(3), failure.reason);
        reason = `The following resource(s) failed to delete: [${failed.logicalId}]. `;
        history.stack('DELETE_FAILED', tick(1), reason);
      } else {
        history.resource(failed, 'DELETE_COMPLETE', tick(3));
        history.stack('DELETE_COMPLETE', tick(1));
      }
    }
  }

  const resources: StackResource[] = specs.flatMap((spec) => {
    const state = history.current.get(spec.logicalId);
    if (!state) return [];
    const unnamed = state.status === 'CREATE_IN_PROGRESS' || (state.status === 'CREATE_FAILED' && phase === 'create');
    return [
      {
        logicalId: spec.logicalId,
        physicalId: unnamed ? undefined : spec.physicalId,
        type: spec.type,
        status: state.status,
        reason: state.reason,
        updatedAt: state.at,
      },
    ];
  });
  return { resources, events: history.events, reason };
}
