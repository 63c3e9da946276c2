/** What `convox racks` prints in its STATUS column (reference §2), plus `converging`. */
export type RackStatus =
  | 'new'
  | 'creating'
  | 'running'
  | 'converging'
  | 'updating'
  | 'rollback'
  | 'deleting'
  | 'failed'
  | 'unknown';

/** Where a rack was seen: one AWS profile (or the environment's credentials) in one region. */
export interface Location {
  profile: string;
  region: string;
}

export interface App {
  name: string;
  /** Rack status vocabulary, mapped from the app stack's CloudFormation status. */
  status: RackStatus;
  cloudformationStatus: string;
  generation: string;
}

export interface Rack extends Location {
  organization: string;
  name: string;
  /** `org/rack`, as `convox racks` prints it. */
  fullName: string;
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
}

export type DiscoveryErrorKind = 'expired-credentials' | 'access-denied' | 'throttled' | 'network' | 'other';

export interface DiscoveryError extends Location {
  organization: string;
  kind: DiscoveryErrorKind;
  message: string;
}
