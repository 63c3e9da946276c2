import type { StackEvent } from '../stackEvents';

/** A server of the rack's `Instances` group, as Auto Scaling and EC2 see it. */
export interface GroupInstance {
  id: string;
  lifecycleState: string;
  healthStatus: string;
  /** From EC2; absent when EC2 did not say. */
  launchedAt?: Date;
}

/** One scaling activity of the `Instances` group (newest first, as Auto Scaling lists them). */
export interface ScalingActivity {
  description: string;
  cause: string;
  statusCode: string;
  statusMessage?: string;
  startedAt: Date;
}

/** A server registered in the rack's ECS cluster. */
export interface ClusterServer {
  ec2InstanceId: string;
  status: string;
  agentConnected: boolean;
  runningTasks: number;
}

/** One of the rack's own ECS services (`ServiceWebApi`, `ServiceMonitorApi`), with its latest events. */
export interface RackService {
  name: string;
  desired: number;
  running: number;
  pending: number;
  /** Newest first, as ECS keeps them. */
  events: { at: Date; message: string }[];
}

export interface MonitorLine {
  at: Date;
  stream: string;
  message: string;
}

/** The parts of the evidence read on their own, each of which can fail alone. */
export type EvidencePart = 'group' | 'launch times' | 'servers' | 'services' | 'monitor';

/** Something that could not be read: the diagnosis says so rather than guessing. */
export interface Unread {
  part: EvidencePart;
  what: string;
  message: string;
}

/** What AWS says about one rack, read for a diagnosis; a part that could not be read is empty and in `unread`. */
export interface DiagnoseEvidence {
  stackName: string;
  /** `org/rack`, qualified where another rack has the same (see model/identity.ts). */
  displayName: string;
  region: string;
  stackId: string;
  rackStatus: string;
  stackStatus: string;
  stackReason?: string;
  /** Newest first. */
  stackEvents: StackEvent[];
  /** Undefined when the rack has no `Instances` group the read could find. */
  groupName?: string;
  instances: GroupInstance[];
  activities: ScalingActivity[];
  clusterName?: string;
  servers: ClusterServer[];
  services: RackService[];
  logGroup?: string;
  monitorLines: MonitorLine[];
  unread: Unread[];
  /** AWS calls the read made. */
  calls: number;
  readAt: Date;
}
