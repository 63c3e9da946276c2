import type { StackEvent } from '../../../src/model/stackEvents';
import type { PlanResource, UninstallPlan } from '../../../src/model/install/uninstallPlan';
import type { NewEvents, RackInstaller } from '../../../src/model/store/ports';

/**
 * An installer whose stacks' event histories are scripted: each poll of a stack reveals its next batch (newest
 * first, as AWS lists them). Every call is recorded.
 */
export class FakeInstaller implements RackInstaller {
  readonly calls: string[] = [];
  /** Per stack id: batches of events still to appear, oldest batch first. */
  readonly batches = new Map<string, StackEvent[][]>();
  private readonly seen = new Map<string, StackEvent[]>();
  /** Polls that fail before answering, per stack id. */
  failures = new Map<string, number>();
  /** What a DeleteStack starts: the batches the deleted stack then shows. */
  onDelete = new Map<string, StackEvent[][]>();

  checkName = async (): Promise<never> => Promise.reject(new Error('not scripted'));
  releases = async (): Promise<never> => Promise.reject(new Error('not scripted'));
  templateParameters = async (): Promise<never> => Promise.reject(new Error('not scripted'));
  create = async (): Promise<never> => Promise.reject(new Error('not scripted'));
  stackStatus = async (): Promise<undefined> => undefined;
  uninstallPlan = async (): Promise<{ plan: UninstallPlan; resources: Map<string, PlanResource[]> }> =>
    Promise.reject(new Error('not scripted'));
  apiAnswers = async (): Promise<boolean> => true;

  async newEvents(_target: unknown, stackId: string, lastSeenId: string | undefined): Promise<NewEvents> {
    this.calls.push(`newEvents ${stackId} ${lastSeenId ?? '-'}`);
    const failing = this.failures.get(stackId) ?? 0;
    if (failing > 0) {
      this.failures.set(stackId, failing - 1);
      throw new Error('Rate exceeded');
    }
    const next = this.batches.get(stackId)?.shift() ?? [];
    const history = [...next, ...(this.seen.get(stackId) ?? [])];
    this.seen.set(stackId, history);
    const index = lastSeenId === undefined ? history.length : history.findIndex((event) => event.id === lastSeenId);
    return { events: history.slice(0, index < 0 ? history.length : index), calls: 1 };
  }

  async deleteStack(_target: unknown, stackId: string): Promise<void> {
    this.calls.push(`deleteStack ${stackId}`);
    this.batches.set(stackId, this.onDelete.get(stackId) ?? []);
  }

  async disableRule(_target: unknown, rule: string): Promise<void> {
    this.calls.push(`disableRule ${rule}`);
  }

  async forceDeleteAutoScalingGroup(_target: unknown, group: string): Promise<void> {
    this.calls.push(`forceDeleteAutoScalingGroup ${group}`);
  }
}

let clock = Date.parse('2026-01-01T10:00:00Z');
export function event(
  logicalId: string,
  status: string,
  reason?: string,
  resourceType = 'AWS::EC2::Subnet',
): StackEvent {
  clock += 1000;
  return { id: `${logicalId}-${status}-${clock}`, at: new Date(clock), logicalId, resourceType, status, reason };
}
export const stackEvent = (name: string, status: string, reason?: string): StackEvent =>
  event(name, status, reason, 'AWS::CloudFormation::Stack');
/** Events in the order they happened, as AWS lists them: newest first. */
export const batch = (...events: StackEvent[]): StackEvent[] => events.reverse();
