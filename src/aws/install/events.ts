import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type StackEvent as AwsStackEvent,
} from '@aws-sdk/client-cloudformation';
import type { StackEvent } from '../../model/stackEvents';
import type { NewEvents } from '../../model/store/ports';

/** A rack's whole history is a few hundred events, a handful of pages; past this the endpoint is broken. */
const maxEventPages = 20;

/** The model's event from DescribeStackEvents' (every reader of stack events maps them here). */
export function stackEvent(event: AwsStackEvent): StackEvent {
  return {
    id: event.EventId ?? `${event.LogicalResourceId}-${event.ResourceStatus}-${event.Timestamp?.toISOString()}`,
    at: event.Timestamp ?? new Date(0),
    logicalId: event.LogicalResourceId ?? '',
    physicalId: event.PhysicalResourceId,
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    reason: event.ResourceStatusReason,
  };
}

/**
 * The stack's events newer than `lastSeenId`, newest first. AWS lists newest first, so paging stops at the page
 * holding the last seen event: one page per poll while a stack changes at its usual pace.
 */
export async function newStackEvents(
  client: CloudFormationClient,
  stackId: string,
  lastSeenId: string | undefined,
  abortSignal: AbortSignal,
  maxPages = maxEventPages,
): Promise<NewEvents> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  let calls = 0;
  do {
    const page = await client.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }), {
      abortSignal,
    });
    calls++;
    for (const event of (page.StackEvents ?? []).map(stackEvent)) {
      if (event.id === lastSeenId) return { events, calls };
      events.push(event);
    }
    token = page.NextToken === token ? undefined : page.NextToken;
  } while (token && calls < Math.min(maxPages, maxEventPages));
  return { events, calls };
}
