import type { Rack } from '../rack';

/** One resource of the rack's stack, as ListStackResources lists it. */
export interface StackResource {
  logicalId: string;
  physicalId?: string;
  /** CloudFormation resource type, e.g. `AWS::EC2::Subnet`. */
  type: string;
  /** CloudFormation resource status, e.g. `CREATE_COMPLETE`. */
  status: string;
  statusReason?: string;
}

export interface Subnet {
  id: string;
  availabilityZone: string;
  cidr?: string;
}

/**
 * What the architecture needs of the rack's stack beyond its row. It changes only when the stack does, so it is
 * read again only when `stackUpdatedAt` (the stack's last-updated, else creation, time) changes.
 */
export interface RackResources {
  stackUpdatedAt: string;
  resources: StackResource[];
  /** The subnets the stack's `Subnet*` resources name, with their zones. */
  subnets: Subnet[];
  vpc?: { id: string; cidr?: string };
}

/** What a server is for: running apps, running apps on spot capacity, or building. */
export type ServerRole = 'rack' | 'spot' | 'build';

/** A server of the rack, as the architecture draws it. */
export interface Server {
  id: string;
  /** ECS container instance status, lower case (`active`, `draining`); the EC2 state when ECS does not know it. */
  status: string;
  role: ServerRole;
  instanceType?: string;
  availabilityZone?: string;
  subnetId?: string;
  /** Share of registered CPU and memory in use, 0–1. */
  cpu?: number;
  memory?: number;
  launchedAt?: Date;
}

/** A running container of any app or of the rack itself. */
export interface Container {
  taskArn: string;
  /** The EC2 instance it runs on, when ECS says. */
  serverId?: string;
  /** The app, or the rack's name for its own services (`web`, `monitor`). */
  app: string;
  service: string;
  /** ECS last status, lower case. */
  status: string;
  startedAt?: Date;
}

/** The rack's servers and containers at one moment. */
export interface RackRuntime {
  servers: Server[];
  containers: Container[];
  readAt: Date;
}

/** Everything the architecture view is drawn from. */
export interface ArchitectureData {
  rack: Rack;
  resources: RackResources;
  runtime: RackRuntime;
}
