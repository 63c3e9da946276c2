import type { Stack, StackOutput, StackParameter } from '../types';
import { addSeconds, stackArn, type Place } from './ids';
import { lifecycle, type Failure, type ResourceSpec } from './lifecycle';

export interface StackOptions {
  name: string;
  /** CloudFormation StackStatus; CREATE_COMPLETE when absent. */
  status?: string;
  /** StackStatusReason; derived from the failing resource when absent. */
  reason?: string;
  description?: string;
  tags?: Record<string, string>;
  parameters?: StackParameter[];
  /** Dropped while the stack has never finished creating, as CloudFormation has none yet. */
  outputs?: StackOutput[];
  capabilities?: string[];
  createdAt?: Date;
  /** When the update or deletion that led to `status` started; 30 days after creation when absent. */
  updatedAt?: Date;
  /** Makes this a nested stack of `parent`. */
  parent?: Stack;
  resources?: ResourceSpec[];
  failure?: Failure;
  /** While CREATE_IN_PROGRESS: the resources still being created; see LifecycleInput. */
  inProgress?: string[];
}

export const defaultCreatedAt = new Date('2025-01-01T00:00:00Z');

/** Statuses of a stack whose creation never completed: no outputs, and its servers do not exist. */
export function neverCompleted(status: string): boolean {
  return status === 'CREATE_IN_PROGRESS' || status === 'CREATE_FAILED' || status.startsWith('ROLLBACK_');
}

/** `{Key: value}` → CloudFormation parameters; `noEcho` names the masked ones. */
export function parameters(values: Record<string, string>, noEcho: string[] = []): StackParameter[] {
  return Object.entries(values).map(([key, value]) => ({ key, value, noEcho: noEcho.includes(key) || undefined }));
}

export function outputs(values: Record<string, string | undefined>): StackOutput[] {
  return Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }]));
}

export function stack(place: Place, options: StackOptions): Stack {
  const status = options.status ?? 'CREATE_COMPLETE';
  const id = stackArn(place, options.name);
  const createdAt = options.createdAt ?? defaultCreatedAt;
  const changedAt = options.updatedAt ?? addSeconds(createdAt, 30 * 24 * 3600);
  const history = lifecycle({
    stackName: options.name,
    stackId: id,
    status,
    createdAt,
    changedAt,
    specs: options.resources ?? [],
    failure: options.failure,
    inProgress: options.inProgress,
  });
  return {
    name: options.name,
    id,
    status,
    reason: options.reason ?? history.reason,
    description: options.description,
    tags: { ...options.tags },
    parameters: options.parameters ?? [],
    outputs: neverCompleted(status) ? [] : (options.outputs ?? []),
    capabilities: options.capabilities ?? [],
    createdAt,
    updatedAt: status.startsWith('UPDATE_') ? changedAt : undefined,
    deletedAt: status.startsWith('DELETE_') ? changedAt : undefined,
    parentId: options.parent?.id,
    rootId: options.parent ? (options.parent.rootId ?? options.parent.id) : undefined,
    resources: history.resources,
    events: history.events,
  };
}
