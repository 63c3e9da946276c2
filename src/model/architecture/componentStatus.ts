import type { RackStatus } from '../rack';
import { stateStyles, statusStates, type StatusState } from './statusStates';

/**
 * A component's status as the diagram draws it: its state's word, codicon and theme colour (statusStates.ts).
 * What AWS itself said (`ACTIVE`, `CREATE_COMPLETE`) is kept in the component's details.
 */
export interface ComponentStatus {
  state: StatusState;
  text: string;
  /** A codicon id. */
  icon: string;
  /** A VS Code theme colour id. */
  color: string;
  /** Higher needs attention sooner. */
  severity: number;
}

export function componentStatus(state: StatusState): ComponentStatus {
  const style = stateStyles[state];
  return { state, text: style.word, icon: style.icon, color: style.color, severity: style.severity };
}

/** The rack's own status (the stack, the banner) in the diagram's states. */
const rackStates: Record<RackStatus, StatusState> = {
  running: 'running',
  new: 'pending',
  creating: 'pending',
  updating: 'updating',
  // Servers are rolling: the stack is being changed, one server after another.
  converging: 'updating',
  rollback: 'rollingBack',
  failed: 'failed',
  deleting: 'stopping',
  unknown: 'unknown',
};

export function rackComponentStatus(status: RackStatus): ComponentStatus {
  return componentStatus(rackStates[status]);
}

/** CloudFormation ResourceStatus → state. DELETE_COMPLETE is absent: such a resource is no longer there. */
const resourceStates: Record<string, StatusState> = {
  CREATE_IN_PROGRESS: 'pending',
  CREATE_COMPLETE: 'running',
  CREATE_FAILED: 'failed',
  UPDATE_IN_PROGRESS: 'updating',
  UPDATE_COMPLETE: 'running',
  UPDATE_FAILED: 'failed',
  UPDATE_ROLLBACK_IN_PROGRESS: 'rollingBack',
  UPDATE_ROLLBACK_COMPLETE: 'running',
  UPDATE_ROLLBACK_FAILED: 'failed',
  ROLLBACK_IN_PROGRESS: 'rollingBack',
  ROLLBACK_COMPLETE: 'failed',
  ROLLBACK_FAILED: 'failed',
  DELETE_IN_PROGRESS: 'stopping',
  DELETE_FAILED: 'failed',
  // Retained resources (the buckets) outlive a deleted stack and still work.
  DELETE_SKIPPED: 'running',
  IMPORT_IN_PROGRESS: 'updating',
  IMPORT_COMPLETE: 'running',
  IMPORT_FAILED: 'failed',
  IMPORT_ROLLBACK_IN_PROGRESS: 'rollingBack',
  IMPORT_ROLLBACK_FAILED: 'failed',
};

export function resourceStatus(cloudformationStatus: string): ComponentStatus {
  return componentStatus(resourceStates[cloudformationStatus] ?? 'unknown');
}

/** ECS container instance statuses, and the EC2 states used when ECS does not know the server. */
const serverStates: Record<string, StatusState> = {
  active: 'running',
  running: 'running',
  registering: 'pending',
  pending: 'pending',
  draining: 'draining',
  deregistering: 'stopping',
  stopping: 'stopping',
  'shutting-down': 'stopping',
  inactive: 'stopped',
  stopped: 'stopped',
  terminated: 'stopped',
  registration_failed: 'failed',
};

export function serverStatus(status: string): ComponentStatus {
  return componentStatus(serverStates[status.toLowerCase()] ?? 'unknown');
}

/** ECS task last statuses. */
const containerStates: Record<string, StatusState> = {
  provisioning: 'pending',
  pending: 'pending',
  activating: 'pending',
  running: 'running',
  deactivating: 'stopping',
  stopping: 'stopping',
  deprovisioning: 'stopping',
  stopped: 'stopped',
};

export function containerStatus(status: string): ComponentStatus {
  return componentStatus(containerStates[status.toLowerCase()] ?? 'unknown');
}

/** How many are in each state, in the legend's order: `2 running, 1 draining`; '' for none. */
export function statusTally(statuses: readonly ComponentStatus[]): string {
  const counts = new Map<StatusState, number>();
  for (const status of statuses) counts.set(status.state, (counts.get(status.state) ?? 0) + 1);
  let tally = '';
  for (const state of statusStates) {
    const count = counts.get(state);
    if (count !== undefined) tally += `${tally === '' ? '' : ', '}${count} ${stateStyles[state].word}`;
  }
  return tally;
}
