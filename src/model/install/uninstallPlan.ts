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

/**
 * What `convox rack uninstall` would do (§6): delete every top-level stack tagged `Rack=<rack>`, then the rack;
 * keep the rack's and each app's buckets and the KMS key (scheduled for deletion). Refused while an NLB has
 * deletion protection.
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
  const physical = (stack: PlanStack, logicalId: string): string | undefined =>
    resources.get(stack.name)?.find((resource) => resource.logicalId === logicalId)?.physicalId;
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
  const keys = (resources.get(rack.name) ?? []).filter((resource) => resource.type === 'AWS::KMS::Key');
  for (const key of keys.length > 0 ? keys : [{ logicalId: 'EncryptionKey', physicalId: undefined }]) {
    retained.push(
      `KMS key ${key.physicalId ?? `${key.logicalId} of ${rack.name}`} (scheduled for deletion, recoverable for its waiting period)`,
    );
  }
  const protectedBalancers = ['NLBDeletionProtection', 'NLBInternalDeletionProtection'].filter(
    (name) => rack.parameters[name] === 'Yes',
  );
  const refusal =
    protectedBalancers.length > 0
      ? `${rack.name} has ${protectedBalancers.join(' and ')}=Yes: its network load balancer cannot be deleted. Set ${protectedBalancers.join(' and ')} to No (convox rack params set) first.`
      : undefined;
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
