/** A top-level stack as the uninstall plan needs it. */
export interface PlanStack {
  name: string;
  stackId: string;
  status: string;
  tags: Readonly<Record<string, string>>;
  parameters: Readonly<Record<string, string>>;
}

/** A stack's resource, by logical id. */
export interface PlanResource {
  logicalId: string;
  physicalId?: string;
  type: string;
}

export interface UninstallPlan {
  /** Deleted one at a time in this order: the app and resource stacks tagged Rack=<rack>, then the rack. */
  stacks: PlanStack[];
  /** What stays after the uninstall, each in words with its name. */
  retained: string[];
  /** Why the uninstall cannot start, when it cannot. */
  refusal?: string;
}

/** Buckets the rack's template keeps when the stack goes (DeletionPolicy Retain). */
const retainedRackBuckets = ['Settings', 'Logs', 'ELBLogs'];

/** The rack's KMS keys, each scheduled for deletion when its stack goes, with the waiting period AWS then keeps it. */
const rackKeys: ReadonlyArray<{ logicalId: string; what: string; waitingDays: number }> = [
  { logicalId: 'CustomerManagedKey', what: 'CustomerManagedKey', waitingDays: 30 },
  { logicalId: 'EncryptionKey', what: "EncryptionKey, made by the rack's function", waitingDays: 7 },
];

/** Resource stacks are `Type=resource`, or `service` on older racks. */
const isResourceStack = (stack: PlanStack): boolean => stack.tags.Type === 'resource' || stack.tags.Type === 'service';

/**
 * Why deleting would fail late, after the apps are gone and the servers force-deleted (§6): deletion protection on
 * the rack's DynamoDB tables or on a database resource. The CLI checks neither.
 */
function deletionProtectionProblems(rack: PlanStack, dependents: readonly PlanStack[]): string[] {
  const problems: string[] = [];
  for (const stack of dependents.filter(
    (candidate) => isResourceStack(candidate) && candidate.parameters.DeletionProtection === 'true',
  )) {
    const name = stack.tags.Name ?? stack.name;
    problems.push(
      `the ${stack.tags.Resource ?? 'database'} resource ${name} (stack ${stack.name}) has DeletionProtection=true, so its stack cannot be deleted: turn it off first (convox rack resources update ${name} DeletionProtection=false)`,
    );
  }
  if (rack.parameters.DynamoDbTableDeletionProtectionEnabled === 'true') {
    problems.push(
      `${rack.name} has DynamoDbTableDeletionProtectionEnabled=true, so its tables ${rack.name}-builds and ${rack.name}-releases cannot be deleted and the rack stack would end DELETE_FAILED after its apps and servers are gone: set it to false first (Set Rack Parameters, or convox rack params set DynamoDbTableDeletionProtectionEnabled=false)`,
    );
  }
  return problems;
}

/**
 * What `convox rack uninstall` would do (§6): delete every top-level stack tagged `Rack=<rack>`, then the rack;
 * keep the rack's and each app's buckets, the rack's KMS keys (scheduled for deletion) and a final snapshot of
 * each database. Refused while an NLB has deletion protection, as the CLI refuses, and while DynamoDB or database
 * deletion protection would make it fail half-way, which the CLI does not check.
 */
export function uninstallPlan(
  rack: PlanStack,
  others: readonly PlanStack[],
  resources: ReadonlyMap<string, readonly PlanResource[]>,
): UninstallPlan {
  const dependents = others.filter(
    (stack) => stack.tags.Rack === rack.name && stack.name !== rack.name && stack.status !== 'DELETE_COMPLETE',
  );
  const retained: string[] = [];
  const resourceOf = (stack: PlanStack, logicalId: string): PlanResource | undefined =>
    resources.get(stack.name)?.find((resource) => resource.logicalId === logicalId);
  const physical = (stack: PlanStack, logicalId: string): string | undefined =>
    resourceOf(stack, logicalId)?.physicalId;
  for (const logicalId of retainedRackBuckets) {
    retained.push(
      `S3 bucket ${physical(rack, logicalId) ?? `${logicalId} of ${rack.name}`} (rack ${logicalId}, retained)`,
    );
  }
  for (const app of dependents.filter((stack) => stack.tags.Type === 'app')) {
    retained.push(
      `S3 bucket ${physical(app, 'Settings') ?? `Settings of ${app.name}`} (settings of app ${app.tags.Name ?? app.name}, retained)`,
    );
  }
  for (const key of rackKeys) {
    const found = resourceOf(rack, key.logicalId);
    if (found)
      retained.push(
        `KMS key ${found.physicalId ?? `${key.logicalId} of ${rack.name}`} (${key.what}; scheduled for deletion, recoverable for ${key.waitingDays} days)`,
      );
  }
  // Database resources are deleted with DeletionPolicy Snapshot: a final snapshot of each stays, and costs.
  for (const stack of dependents.filter(isResourceStack)) {
    for (const database of (resources.get(stack.name) ?? []).filter(
      (resource) => resource.type === 'AWS::RDS::DBInstance' || resource.type === 'AWS::RDS::DBCluster',
    )) {
      retained.push(
        `final snapshot of RDS database ${database.physicalId ?? `${database.logicalId} of ${stack.name}`} (resource ${stack.tags.Name ?? stack.name}, kept until you delete it)`,
      );
    }
  }
  const protectedBalancers = ['NLBDeletionProtection', 'NLBInternalDeletionProtection'].filter(
    (name) => rack.parameters[name] === 'Yes',
  );
  const problems = [
    ...(protectedBalancers.length > 0
      ? [
          `${rack.name} has ${protectedBalancers.join(' and ')}=Yes: its network load balancer cannot be deleted. Set ${protectedBalancers.join(' and ')} to No (convox rack params set) first`,
        ]
      : []),
    ...deletionProtectionProblems(rack, dependents),
  ];
  const refusal = problems.length > 0 ? `${problems.join('; and ')}.` : undefined;
  return { stacks: [...dependents, rack], retained, refusal };
}

/** The resources the uninstall acts on itself before deleting stacks. */
export function autoscalerRule(rackResources: readonly PlanResource[]): string | undefined {
  return rackResources.find((resource) => resource.logicalId === 'InstancesAutoscalerEvent')?.physicalId;
}

export function autoScalingGroups(resources: readonly PlanResource[]): string[] {
  return resources.flatMap((resource) =>
    resource.type === 'AWS::AutoScaling::AutoScalingGroup' && resource.physicalId ? [resource.physicalId] : [],
  );
}
