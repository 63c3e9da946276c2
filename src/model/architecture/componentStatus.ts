import type { RackStatus } from '../rack';
import { statusStyle } from '../statusStyle';

/**
 * A component's status as the diagram draws it: the component's own word for it (`active`, `draining`), and the
 * rack status whose style it borrows, so the diagram and the Racks view colour the same trouble the same way.
 */
export interface ComponentStatus {
  text: string;
  key: RackStatus;
  /** A codicon id, as `statusStyle` gives it. */
  icon: string;
  /** A VS Code theme colour id; absent means the default foreground. */
  color?: string;
  /** Higher needs attention sooner (`statusStyle` severity). */
  severity: number;
}

export function componentStatus(key: RackStatus, text: string): ComponentStatus {
  const style = statusStyle(key);
  const status: ComponentStatus = { text, key, icon: style.icon, severity: style.severity };
  if (style.color !== undefined) status.color = style.color;
  return status;
}

function spoken(raw: string): string {
  return raw.toLowerCase().replace(/_/g, ' ');
}

/** CloudFormation ResourceStatus → style and words. DELETE_COMPLETE is absent: such a resource is no longer there. */
const resourceStatuses: Record<string, [RackStatus, string]> = {
  CREATE_IN_PROGRESS: ['creating', 'creating'],
  CREATE_COMPLETE: ['running', 'active'],
  CREATE_FAILED: ['failed', 'create failed'],
  UPDATE_IN_PROGRESS: ['updating', 'updating'],
  UPDATE_COMPLETE: ['running', 'active'],
  UPDATE_FAILED: ['failed', 'update failed'],
  UPDATE_ROLLBACK_IN_PROGRESS: ['rollback', 'rolling back'],
  UPDATE_ROLLBACK_COMPLETE: ['running', 'active'],
  UPDATE_ROLLBACK_FAILED: ['failed', 'rollback failed'],
  ROLLBACK_IN_PROGRESS: ['rollback', 'rolling back'],
  ROLLBACK_COMPLETE: ['failed', 'rolled back'],
  ROLLBACK_FAILED: ['failed', 'rollback failed'],
  DELETE_IN_PROGRESS: ['deleting', 'deleting'],
  DELETE_FAILED: ['failed', 'delete failed'],
  // Retained resources (the buckets) outlive a deleted stack and still work.
  DELETE_SKIPPED: ['running', 'kept'],
  IMPORT_IN_PROGRESS: ['updating', 'importing'],
  IMPORT_COMPLETE: ['running', 'active'],
  IMPORT_FAILED: ['failed', 'import failed'],
  IMPORT_ROLLBACK_IN_PROGRESS: ['rollback', 'rolling back'],
  IMPORT_ROLLBACK_FAILED: ['failed', 'rollback failed'],
};

export function resourceStatus(cloudformationStatus: string): ComponentStatus {
  const [key, text] = resourceStatuses[cloudformationStatus] ?? ['unknown', spoken(cloudformationStatus)];
  return componentStatus(key, text);
}

/** ECS container instance statuses, and the EC2 states used when ECS does not know the server. */
const serverStatuses: Record<string, RackStatus> = {
  active: 'running',
  running: 'running',
  registering: 'creating',
  pending: 'creating',
  // A draining server is being rolled out of service, as in a converging rack.
  draining: 'converging',
  deregistering: 'deleting',
  inactive: 'deleting',
  stopping: 'deleting',
  stopped: 'deleting',
  'shutting-down': 'deleting',
  terminated: 'deleting',
  registration_failed: 'failed',
};

export function serverStatus(status: string): ComponentStatus {
  const lower = status.toLowerCase();
  return componentStatus(serverStatuses[lower] ?? 'unknown', spoken(lower));
}

/** ECS task last statuses. */
const containerStatuses: Record<string, RackStatus> = {
  provisioning: 'creating',
  pending: 'creating',
  activating: 'creating',
  running: 'running',
  deactivating: 'deleting',
  stopping: 'deleting',
  deprovisioning: 'deleting',
  stopped: 'deleting',
};

export function containerStatus(status: string): ComponentStatus {
  const lower = status.toLowerCase();
  return componentStatus(containerStatuses[lower] ?? 'unknown', spoken(lower));
}
