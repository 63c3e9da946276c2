import type { Rack } from '../rack';
import type { RackInstaller, StackOperations, Timing } from '../store/ports';
import type { StackEvent } from '../stackEvents';
import type { StackProgress } from './progress';
import type { RootCause } from './rootCause';
import {
  autoScalingGroups,
  autoscalerRule,
  type PlanResource,
  type PlanStack,
  type UninstallPlan,
} from './uninstallPlan';
import { watchStack } from './watch';

export interface UninstallReport {
  /** A step in words: "Disabling the autoscaler", "Deleting prod-web (2 of 3)". */
  step(text: string, index: number, count: number): void;
  events(stack: PlanStack, events: StackEvent[]): void;
  progress(stack: PlanStack, progress: StackProgress): void;
}

export type UninstallResult =
  | { outcome: 'succeeded'; deleted: string[] }
  | { outcome: 'failed'; deleted: string[]; stack: PlanStack; rootCause?: RootCause; events: StackEvent[] }
  | { outcome: 'stopped' | 'timedOut'; deleted: string[]; stack: PlanStack };

/** What an uninstall run calls: the autoscaler's rule and groups, then each stack's deletion. */
export interface UninstallPorts {
  installer: Pick<RackInstaller, 'disableRule' | 'forceDeleteAutoScalingGroup'>;
  stacks: Pick<StackOperations, 'newEvents' | 'deleteStack'>;
}

/** How long one stack's deletion is followed before the run gives up on it (a rack takes 10–30 minutes). */
const stackDeleteMaxMs = 90 * 60_000;

/**
 * `convox rack uninstall`, step by step: disable the autoscaler's rule, force-delete every auto-scaling group
 * of the stacks (instances first, or ECS services never finish deleting), then delete the stacks one at a time,
 * the rack last. A stack that ends DELETE_FAILED stops the run with its root cause: nothing is retried here.
 */
export async function runUninstall(
  { installer, stacks }: UninstallPorts,
  rack: Rack,
  plan: UninstallPlan,
  resources: ReadonlyMap<string, readonly PlanResource[]>,
  timing: Timing,
  report: UninstallReport,
  signal?: AbortSignal,
): Promise<UninstallResult> {
  if (plan.refusal) throw new Error(plan.refusal);
  const target = (stack: PlanStack): { profile: string; region: string; name: string } => ({
    profile: rack.profile,
    region: rack.region,
    name: stack.name,
  });
  const count = plan.stacks.length + 2;
  const rule = autoscalerRule(resources.get(rack.name) ?? []);
  report.step(rule ? `Disabling the autoscaler (${rule})` : 'No autoscaler to disable', 1, count);
  if (rule) await installer.disableRule(target(plan.stacks[plan.stacks.length - 1]), rule, timing.deadlineMs);
  const groups = plan.stacks.flatMap((stack) =>
    autoScalingGroups(resources.get(stack.name) ?? []).map((group) => ({ stack, group })),
  );
  report.step(
    groups.length > 0
      ? `Deleting ${groups.length} auto-scaling group(s) and their instances`
      : 'No auto-scaling groups to delete',
    2,
    count,
  );
  for (const { stack, group } of groups)
    await installer.forceDeleteAutoScalingGroup(target(stack), group, timing.deadlineMs);
  const deleted: string[] = [];
  for (const [index, stack] of plan.stacks.entries()) {
    report.step(`Deleting ${stack.name} (${index + 1} of ${plan.stacks.length})`, index + 3, count);
    const newest = await stacks.newEvents(target(stack), stack.stackId, undefined, timing.deadlineMs, 1);
    await stacks.deleteStack(target(stack), stack.stackId, timing.deadlineMs);
    const result = await watchStack(stacks, {
      target: target(stack),
      stackId: stack.stackId,
      operation: 'delete',
      total: resources.get(stack.name)?.length ?? 0,
      timing,
      lastSeenId: newest.events[0]?.id,
      maxMs: stackDeleteMaxMs,
      signal,
      onEvents: (events) => report.events(stack, events),
      onProgress: (progress) => report.progress(stack, progress),
    });
    if (result.outcome === 'failed')
      return { outcome: 'failed', deleted, stack, rootCause: result.rootCause, events: result.events };
    if (result.outcome !== 'succeeded') return { outcome: result.outcome, deleted, stack };
    deleted.push(stack.name);
  }
  return { outcome: 'succeeded', deleted };
}
