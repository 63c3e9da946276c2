/** One CloudFormation stack event, as DescribeStackEvents returns it (newest first). */
export interface StackEvent {
  id: string;
  at: Date;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
  reason?: string;
}

export const stackType = 'AWS::CloudFormation::Stack';

/** The event is about the stack itself rather than one of its resources (a nested stack is a resource). */
export function isStackEvent(event: StackEvent, stackName: string): boolean {
  return event.resourceType === stackType && event.logicalId === stackName;
}

/** Oldest first, keeping the order AWS gave for events of the same instant. */
export function chronological(newestFirst: readonly StackEvent[]): StackEvent[] {
  return newestFirst
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || b.index - a.index)
    .map(({ event }) => event);
}

/** One line for the log: time, resource, type, status and reason. */
export function eventLine(event: StackEvent): string {
  const reason = event.reason ? ` — ${event.reason}` : '';
  return `${event.at.toISOString()} ${event.logicalId} (${event.resourceType}) ${event.status}${reason}`;
}
