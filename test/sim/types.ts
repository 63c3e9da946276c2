// The simulator's world as plain, typed data. Scenarios build it; services read it on every request, so a
// test may change it while the simulator runs (e.g. move a stack to another status).

export interface Profile {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Written as aws_session_token next to the keys. */
  sessionToken?: string;
  /** A credential_process command line written instead of the keys. */
  credentialProcess?: string;
  /** `user:password` put in the profile's endpoint_url, as a proxy's credentials would be. */
  endpointUserInfo?: string;
}

export interface Scenario {
  profiles: Profile[];
  /** Suggested `convox.regions` setting. */
  regions: string[];
  /** Suggested `convox.organizations` setting. */
  organizations: Record<string, string[]>;
  accounts: Account[];
  /** Faults that are part of the world (e.g. a key that is always expired); active from startSimulator on. */
  faults: FaultRule[];
  /** Raw lines appended to the credentials file (e.g. a malformed line the SDK ignores). */
  credentialsFileExtra?: string;
  /** Releases, templates, install speed and install faults; defaults when absent (see scenarios/install.ts). */
  install?: InstallWorld;
  /** Racks (stack names) whose `Dashboard` output becomes the simulator's HTTPS rack API, when it listens (option `dashboard`). */
  dashboardRacks?: string[];
}

/** One entry of the release list, as versions.json has it. */
export interface ReleaseEntry {
  version: string;
  description: string;
  published: boolean;
  required: boolean;
}

/**
 * What installs and uninstalls meet in the simulated world. Tests may change any of it while the simulator runs;
 * the next call sees it.
 */
export interface InstallWorld {
  /** versions.json, in publication order (oldest first). Each published version has a template. */
  releases: ReleaseEntry[];
  /** How versions.json answers: `unavailable` is a 503, `malformed` an HTML page with status 200. */
  releaseList: 'ok' | 'unavailable' | 'malformed';
  /** Time between two waves of resources being created or deleted (three resources a wave). */
  stepMs: number;
  /** Time a change set takes to be computed. */
  changeSetMs: number;
  /** The next stack creation fails at this resource (cascade and rollback follow). */
  failure?: { logicalId: string; reason: string };
  /** The next change set fails with this StatusReason, leaving its stack in REVIEW_IN_PROGRESS. */
  changeSetFailure?: string;
  /** Deleting the named stack (any, when absent) fails at this resource. */
  deleteFailure?: { stackName?: string; logicalId: string; reason: string };
  /** The `Dashboard` output of racks created from now on (the simulator's HTTPS listener when it has one). */
  dashboardHost?: string;
  /** The next rack update (through the rack API) fails at this resource, the first changed one when absent, and rolls back. */
  updateFailure?: { logicalId?: string; reason: string };
  /** Releases the rack API recorded on version changes (what `convox rack releases` lists), oldest first. */
  recordedReleases?: { rack: string; version: string; at: Date }[];
}

/** A CloudFormation change set: computed a while after it is created, then executed or deleted. */
export interface ChangeSet {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  createdAt: Date;
  /** When the computation ends: CREATE_COMPLETE, or FAILED with `failureReason`. */
  readyAt: Date;
  failureReason?: string;
  executionStatus:
    'UNAVAILABLE' | 'AVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
  templateUrl: string;
  parameters: StackParameter[];
  tags: Record<string, string>;
  capabilities: string[];
  changes: PlannedChange[];
}

/** One resource a change set adds, or (type UPDATE) modifies or removes, with CloudFormation's Replacement and Details. */
export interface PlannedChange {
  logicalId: string;
  type: string;
  /** Absent: Add. */
  action?: 'Add' | 'Modify' | 'Remove';
  replacement?: 'True' | 'Conditional' | 'False';
  details?: {
    name: string;
    recreation: 'Never' | 'Conditionally' | 'Always';
    source: 'ParameterReference' | 'ResourceReference' | 'DirectModification';
    causingEntity?: string;
  }[];
}

/** An EventBridge rule (the rack's autoscaler timer). */
export interface EventRule {
  name: string;
  arn: string;
  state: 'ENABLED' | 'DISABLED';
}

/**
 * A change CloudFormation will make to a stack at `at`: an event, the resource's new status (and physical id),
 * the stack's new status, and what the resource does to the rest of the world when it appears or goes.
 */
export interface ScheduledStep {
  at: Date;
  event: StackEvent;
  stackStatus?: string;
  stackReason?: string;
  effect?: (data: RegionData) => void;
}

export interface Account {
  id: string;
  /** Every key id here answers as this account (two profiles may share an account). */
  accessKeyIds: string[];
  regions: Record<string, RegionData>;
}

export interface RegionData {
  stacks: Stack[];
  vpcs: Ec2Vpc[];
  subnets: Ec2Subnet[];
  instances: Ec2Instance[];
  autoScalingGroups: AutoScalingGroup[];
  clusters: EcsCluster[];
  taskDefinitions: TaskDefinition[];
  changeSets?: ChangeSet[];
  eventRules?: EventRule[];
  /** Stacks whose creation or deletion is under way, each with its `schedule`. */
  changing?: Stack[];
  /** CloudWatch Logs groups (see scenarios/logs.ts). */
  logGroups?: LogGroup[];
}

/** One event of a log group; `id` is given when it is stored. */
export interface LogEventData {
  id?: string;
  stream: string;
  timestamp: Date;
  message: string;
  /** When FilterLogEvents first returns it: CloudWatch makes some events searchable late. Now when absent. */
  visibleAt?: Date;
}

export interface LogGroup {
  name: string;
  /** In the order they were put; FilterLogEvents answers in time order. */
  events: LogEventData[];
  /** The most events a FilterLogEvents page holds, whatever the request's limit: small, to make paging happen. */
  pageSize?: number;
}

export interface StackParameter {
  key: string;
  value: string;
  /** Answered as `****`, as CloudFormation does for NoEcho parameters. */
  noEcho?: boolean;
}

export interface StackOutput {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

export interface StackResource {
  logicalId: string;
  /** Absent while the resource is being created. */
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
  updatedAt: Date;
}

export interface StackEvent {
  eventId: string;
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
  timestamp: Date;
}

export interface Stack {
  name: string;
  /** `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID` */
  id: string;
  status: string;
  reason?: string;
  description?: string;
  tags: Record<string, string>;
  parameters: StackParameter[];
  outputs: StackOutput[];
  capabilities: string[];
  createdAt: Date;
  updatedAt?: Date;
  deletedAt?: Date;
  parentId?: string;
  rootId?: string;
  resources: StackResource[];
  events: StackEvent[];
  /** What CloudFormation has yet to do to this stack, oldest first; applied as time passes. */
  schedule?: ScheduledStep[];
}

export interface Ec2Vpc {
  id: string;
  cidr: string;
  tags: Record<string, string>;
}

export interface Ec2Subnet {
  id: string;
  vpcId: string;
  availabilityZone: string;
  cidr: string;
  /** False for a rack's subnets, public ones included: its launch templates give servers their public addresses. */
  mapPublicIpOnLaunch: boolean;
  tags: Record<string, string>;
}

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface Ec2Instance {
  id: string;
  type: string;
  state: InstanceStateName;
  launchTime: Date;
  availabilityZone: string;
  imageId: string;
  privateIp: string;
  publicIp?: string;
  subnetId?: string;
  vpcId?: string;
  /** EC2's InstanceLifecycle: absent for on-demand servers. */
  lifecycle?: 'spot';
  tags: Record<string, string>;
}

export interface AsgInstance {
  id: string;
  type: string;
  lifecycleState: string;
  healthStatus: string;
  availabilityZone: string;
}

export interface AutoScalingGroup {
  name: string;
  arn: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  subnets: string[];
  createdAt: Date;
  tags: Record<string, string>;
  instances: AsgInstance[];
  /** Newest first, as DescribeScalingActivities lists them. */
  activities?: ScalingActivity[];
}

export interface ScalingActivity {
  id: string;
  description: string;
  cause: string;
  statusCode: 'Successful' | 'Failed' | 'Cancelled' | 'InProgress';
  statusMessage?: string;
  startTime: Date;
}

export interface CpuMemory {
  cpu: number;
  memory: number;
}

export interface ContainerInstance {
  arn: string;
  ec2InstanceId: string;
  status: string;
  agentConnected: boolean;
  registered: CpuMemory;
  remaining: CpuMemory;
  runningTasksCount: number;
  pendingTasksCount: number;
  registeredAt: Date;
  agentVersion: string;
}

export interface KeyValue {
  name: string;
  value: string;
}

export interface ContainerOverride {
  name: string;
  command?: string[];
  environment?: KeyValue[];
}

export interface EcsTask {
  arn: string;
  taskDefinitionArn: string;
  containerInstanceArn?: string;
  lastStatus: string;
  desiredStatus: string;
  createdAt: Date;
  startedAt?: Date;
  stoppedAt?: Date;
  stoppedReason?: string;
  /** `service:NAME` for service tasks, `family:NAME` otherwise. */
  group: string;
  startedBy?: string;
  launchType: string;
  containers: { name: string; lastStatus: string; exitCode?: number }[];
  overrides: { containerOverrides: ContainerOverride[] };
}

export interface ContainerDefinition {
  name: string;
  image: string;
  cpu: number;
  memory: number;
  essential: boolean;
  command?: string[];
  environment: KeyValue[];
  dockerLabels: Record<string, string>;
}

export interface TaskDefinition {
  arn: string;
  family: string;
  revision: number;
  status: string;
  containerDefinitions: ContainerDefinition[];
  registeredAt: Date;
}

export interface EcsService {
  name: string;
  arn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinitionArn: string;
  launchType: string;
  createdAt: Date;
  /** Newest first, as ECS keeps them (the latest 100). */
  events?: { id: string; at: Date; message: string }[];
}

export interface EcsCluster {
  name: string;
  arn: string;
  status: string;
  containerInstances: ContainerInstance[];
  tasks: EcsTask[];
  services: EcsService[];
}

/**
 * `repeatingToken` answers every page with the NextToken it was sent; `endlessToken` always has another page;
 * `silence` accepts the request and never answers.
 *
 * The rest break the answer on its way to the client, after the service has made it:
 * - `stalledBody` sends the status line, the headers (with the whole answer's content-length) and the first half of
 *   the body, then nothing more until the client gives up or the simulator stops.
 * - `trickle` sends the answer `bytesPerWrite` bytes at a time (default 1), `gapMs` apart (default 50), so the
 *   socket is never silent for long but the whole answer takes far longer than any deadline.
 * - `hugeAnswer` streams a well-formed answer of `sizeBytes` (default 50 MB) in 64 KB writes, never holding more
 *   than one of them, waiting whenever the client's socket is full, and stopping when the client goes away. It has
 *   a content-length of the full size, or none (chunked) when the rule sets `chunked`. For DescribeStacks it is one
 *   Convox rack stack whose `Padding` output value takes up the size; any other operation gets its real answer
 *   followed by spaces, which XML and JSON both allow after the document.
 * - `html` answers `status` (default 500) with a small `text/html` error page, as a proxy in front of AWS would.
 */
export type FaultKind =
  | 'throttle'
  | 'expired'
  | 'denied'
  | 'internal'
  | 'malformed'
  | 'latency'
  | 'repeatingToken'
  | 'endlessToken'
  | 'silence'
  | 'stalledBody'
  | 'trickle'
  | 'hugeAnswer'
  | 'html';

/** An absent field matches everything. */
export interface FaultRule {
  account?: string;
  accessKeyId?: string;
  region?: string;
  /** The SigV4 signing name: cloudformation, ecs, ec2, autoscaling, events. */
  service?: string;
  operation?: string;
  kind: FaultKind;
  /** Applies to the first N matching calls only; forever when absent. */
  times?: number;
  /** For kind `latency`. */
  latencyMs?: number;
  /** For kind `trickle`: the pause between two writes; 50 when absent. */
  gapMs?: number;
  /** For kind `trickle`: bytes per write; 1 when absent. */
  bytesPerWrite?: number;
  /** For kind `hugeAnswer`: the answer's size in bytes (at least the unpadded answer's); 50 MB when absent. */
  sizeBytes?: number;
  /**
   * For kind `hugeAnswer`: send no content-length, the body chunked, so that a client learns the size only by
   * reading; when absent or false the content-length is the full size.
   */
  chunked?: boolean;
  /** For kind `html`: the HTTP status; 500 when absent. */
  status?: number;
}

/** How the simulator's answers went onto the wire, so a test can see how a fault streamed one. */
export interface WriteStats {
  /** Body bytes handed to the sockets. */
  bytes: number;
  /** The largest single write of body bytes. */
  largestWrite: number;
  /** The most bytes one answer had waiting for its client's socket, after any write. */
  mostQueued: number;
  /** Answers begun and not yet written to the end or given up (client gone, simulator stopping). */
  open: number;
}

export interface Call {
  /** Empty when the access key id belongs to no account of the scenario. */
  account: string;
  region: string;
  service: string;
  operation: string;
  accessKeyId: string;
  at: Date;
}
