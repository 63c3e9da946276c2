// CloudWatch Logs (awsJson1_1, `Logs_20140328`): FilterLogEvents over a group's streams, interleaved in time order,
// paged by an opaque token that remembers the last event returned, filtered by plain terms as CloudWatch's filter
// patterns take them. An event with `visibleAt` in the future is not returned yet: CloudWatch's late events.
import { ApiError } from '../errors';
import type { JsonInput, JsonObject } from '../protocols/json';
import type { LogEventData, LogGroup, RegionData } from '../types';
import type { Context, JsonService } from './service';

const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', message);
const maxLimit = 10_000;
let nextEventId = 1;

type StoredEvent = LogEventData & { id: string };

/** Gives every event of the group an id, as CloudWatch does when it stores one: unique, numeric, time-led. */
function stamped(group: LogGroup): StoredEvent[] {
  return group.events.map((event) => {
    event.id ??= `${event.timestamp.getTime()}${String(nextEventId++).padStart(12, '0')}`;
    return event as StoredEvent;
  });
}

function findGroup(data: RegionData, name: string | undefined): LogGroup {
  if (!name)
    throw invalidParameter(
      "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
    );
  const group = data.logGroups?.find((candidate) => candidate.name === name);
  if (!group) throw new ApiError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

/**
 * The terms of a filter pattern: words, or phrases in double quotes; every one must be in the message (case
 * sensitive, as CloudWatch matches). JSON and space-delimited patterns are not simulated.
 */
export function filterTerms(pattern: string): string[] {
  if (/^\s*[{[]/.test(pattern)) throw invalidParameter('Only plain-term filter patterns are simulated.');
  return [...pattern.matchAll(/"([^"]*)"|(\S+)/g)]
    .map((match) => match[1] ?? match[2])
    .filter((term) => term.length > 0);
}

interface Cursor {
  timestamp: number;
  id: string;
}

const after = (event: StoredEvent, cursor: Cursor): boolean =>
  event.timestamp.getTime() > cursor.timestamp ||
  (event.timestamp.getTime() === cursor.timestamp && event.id > cursor.id);

function readToken(token: string, group: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === group && typeof parsed[1] === 'number' && typeof parsed[2] === 'string')
      return { timestamp: parsed[1], id: parsed[2] };
  } catch {
    // Falls through to the error below.
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

function filterLogEvents({ data }: Context, input: JsonInput): JsonObject {
  const group = findGroup(data, input.string('logGroupName'));
  const prefix = input.string('logStreamNamePrefix');
  const names = input.strings('logStreamNames');
  if (prefix !== undefined && names !== undefined)
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive');
  if (names !== undefined && names.length > 100) throw invalidParameter('logStreamNames can hold at most 100 names');
  const limit = input.integer('limit') ?? maxLimit;
  if (limit < 1 || limit > maxLimit) throw invalidParameter(`limit must be between 1 and ${maxLimit}`);
  const start = input.integer('startTime') ?? 0;
  const end = input.integer('endTime') ?? Number.MAX_SAFE_INTEGER;
  const terms = filterTerms(input.string('filterPattern') ?? '');
  const token = input.string('nextToken');
  const cursor = token === undefined ? undefined : readToken(token, group.name);
  const now = Date.now();
  const matching = stamped(group)
    .filter(
      (event) =>
        (event.visibleAt === undefined || event.visibleAt.getTime() <= now) &&
        event.timestamp.getTime() >= start &&
        event.timestamp.getTime() <= end &&
        (prefix === undefined || event.stream.startsWith(prefix)) &&
        (names === undefined || names.includes(event.stream)) &&
        terms.every((term) => event.message.includes(term)) &&
        (cursor === undefined || after(event, cursor)),
    )
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = matching.slice(0, Math.min(limit, group.pageSize ?? maxLimit));
  const last = page[page.length - 1];
  const nextToken =
    page.length < matching.length && last
      ? Buffer.from(JSON.stringify([group.name, last.timestamp.getTime(), last.id])).toString('base64')
      : undefined;
  const streams = [...new Set(page.map((event) => event.stream))];
  return {
    events: page.map((event) => ({
      logStreamName: event.stream,
      timestamp: event.timestamp.getTime(),
      message: event.message,
      ingestionTime: (event.visibleAt ?? event.timestamp).getTime(),
      eventId: event.id,
    })),
    searchedLogStreams: streams.map((logStreamName) => ({ logStreamName, searchedCompletely: true })),
    nextToken,
  };
}

export const logs: JsonService = {
  wire: 'awsJson1_1',
  signingName: 'logs',
  targetPrefix: 'Logs_20140328',
  operations: { FilterLogEvents: filterLogEvents },
};
