import type { RackStatus } from './rack';

/** CloudFormation StackStatus → the status `convox racks` prints (the table `convox racks` follows). */
const statusByStackStatus: Record<string, RackStatus> = {
  CREATE_IN_PROGRESS: 'creating',
  CREATE_COMPLETE: 'running',
  UPDATE_COMPLETE: 'running',
  UPDATE_ROLLBACK_COMPLETE: 'running',
  DELETE_FAILED: 'running',
  DELETE_IN_PROGRESS: 'deleting',
  ROLLBACK_IN_PROGRESS: 'rollback',
  UPDATE_ROLLBACK_IN_PROGRESS: 'rollback',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'rollback',
  ROLLBACK_COMPLETE: 'failed',
  UPDATE_ROLLBACK_FAILED: 'failed',
  UPDATE_IN_PROGRESS: 'updating',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'updating',
};

export function rackStatus(stackStatus: string | undefined): RackStatus {
  if (!stackStatus) return 'new';
  return statusByStackStatus[stackStatus] ?? 'unknown';
}

/** A server of the rack's `Instances` auto-scaling group and its lifecycle state there (InService, Pending, …). */
export interface ServerLifecycle {
  instanceId: string;
  state: string;
}

/** The servers that are not in service, as `i-… (Pending)`, for a converging rack's warning. */
export function notInServiceServers(servers: readonly ServerLifecycle[]): string[] {
  return servers
    .filter((server) => server.state !== 'InService')
    .map((server) => `${server.instanceId} (${server.state})`);
}

/**
 * A running rack whose `Instances` auto-scaling group has an instance that is not yet (or no longer)
 * InService is rolling its servers: the CLI calls that `converging`.
 */
export function withInstanceLifecycle(status: RackStatus, lifecycleStates: readonly string[]): RackStatus {
  if (status !== 'running') return status;
  return lifecycleStates.some((state) => state !== 'InService') ? 'converging' : status;
}
