import type { Pair } from './pair';

/** What `convox racks` prints in its STATUS column (see `rackStatus` in status.ts), plus `converging`. */
export type RackStatus =
  'new' | 'creating' | 'running' | 'converging' | 'updating' | 'rollback' | 'deleting' | 'failed' | 'unknown';

export interface App {
  name: string;
  /** Rack status vocabulary, mapped from the app stack's CloudFormation status. */
  status: RackStatus;
  cloudformationStatus: string;
  generation: string;
}

export interface Rack extends Pair {
  name: string;
  /** `org/rack`, as `convox racks` prints it; several racks can share it (same stack name in two regions or accounts). */
  fullName: string;
  /** What the rack is shown as: `fullName` while no other rack has it, else qualified (see model/identity.ts). */
  displayName: string;
  /** The rack's identity (see model/identity.ts `RackId`). */
  stackId: string;
  cloudformationStatus: string;
  cloudformationReason?: string;
  status: RackStatus;
  version?: string;
  instanceType?: string;
  instanceCount?: number;
  highAvailability: boolean;
  private: boolean;
  /** The `Domain` output: the app router host. */
  routerHost?: string;
  routerInternalHost?: string;
  /** The `Dashboard` output: the rack API host. */
  apiHost?: string;
  createdAt: Date;
  updatedAt?: Date;
  legacy: boolean;
  apps: App[];
  tags: Record<string, string>;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  /** Only on a local rack (see model/local), which lives in a Kubernetes namespace and has no AWS resources. */
  local?: LocalPlace;
}

/** Where a local rack lives: its namespace, in the kubeconfig's current context. */
export interface LocalPlace {
  namespace: string;
  context: string;
  /**
   * Set for a Convox v3 rack's `<rack>-system` namespace: the rack's name, from its `rack` label. Such a rack is
   * reached by the v3 CLI only, never at `https://rack.<namespace>` as the v2 CLI would try.
   */
  v3Rack?: string;
}

/** `configuration`: the AWS config or a setting is wrong, so retrying cannot help until it is fixed. */
export type DiscoveryErrorKind =
  'expired-credentials' | 'access-denied' | 'throttled' | 'network' | 'configuration' | 'other';

export interface DiscoveryError extends Pair {
  kind: DiscoveryErrorKind;
  message: string;
}

/** A server of the rack, as `convox instances` prints it. */
export interface Instance {
  id: string;
  /** ECS container instance status, lower case (`active`, `draining`); EC2 state when ECS does not know it. */
  status: string;
  started?: Date;
  /** Running tasks on the instance (PS). */
  processes: number;
  /** Share of registered CPU and memory in use, 0–1; undefined when ECS reported no registration. */
  cpu?: number;
  memory?: number;
  publicIp?: string;
  privateIp?: string;
  instanceType?: string;
  availabilityZone?: string;
}

/** A container of the rack's own services, as `convox rack ps` prints it. */
export interface Process {
  id: string;
  app: string;
  service: string;
  status: string;
  release: string;
  started?: Date;
  command: string;
}

/** A running task of one of the rack's own services, before its task definition is read. */
export interface RackTask {
  taskArn: string;
  taskDefinitionArn?: string;
  container: string;
  status: string;
  started?: Date;
  startedBy?: string;
  /** A command or environment given to this task alone (one-off runs), which wins over the definition's. */
  overrideCommand?: string[];
  overrideEnvironment: Record<string, string>;
}

/** What expanding a rack loads: the ECS and EC2 side of it. Processes need task definitions, read later. */
export interface RackDetails {
  instances: Instance[];
  tasks: RackTask[];
  loadedAt: Date;
}

/** The parts of an ECS task definition's container that `convox rack ps` shows. */
export interface ContainerDefinition {
  name: string;
  command: string[];
  environment: Record<string, string>;
  labels: Record<string, string>;
}
