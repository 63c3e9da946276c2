import type { StackEvent } from '../../../src/model/stackEvents';
import type { UninstallPorts } from '../../../src/model/install/uninstall';
import type { NewEvents, RackInstaller, StackOperations } from '../../../src/model/store/ports';

/**
 * The stack operations and installer steps a watch and an uninstall call, with the stacks' event histories
 * scripted: each poll of a stack reveals its next batch (newest first, as AWS lists them). Every call is recorded.
 */
export class FakeInstaller
  implements
    Pick<StackOperations, 'newEvents' | 'deleteStack'>,
    Pick<RackInstaller, 'disableRule' | 'forceDeleteAutoScalingGroup'>
{
  readonly calls: string[] = [];
  /** Per stack id: batches of events still to appear, oldest batch first. */
  readonly batches = new Map<string, StackEvent[][]>();
  private readonly seen = new Map<string, StackEvent[]>();
  /** Polls that fail before answering, per stack id. */
  failures = new Map<string, number>();
  /** What a DeleteStack starts: the batches the deleted stack then shows. */
  onDelete = new Map<string, StackEvent[][]>();
  /** This fake as both ports of an uninstall run. */
  readonly ports: UninstallPorts = { installer: this, stacks: this };

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
