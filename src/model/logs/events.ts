/** One event of a CloudWatch log group, as FilterLogEvents gives it. */
export interface LogEvent {
  /** Unique within the group: what deduplication keys on. */
  id: string;
  /** Milliseconds since the epoch: when the event happened, as its writer said. */
  timestamp: number;
  stream: string;
  message: string;
}

/** One FilterLogEvents request over the rack's log group. */
export interface LogQuery {
  logGroup: string;
  /** Milliseconds since the epoch; events before it are not read. */
  startTime: number;
  filterPattern?: string;
  streamPrefix?: string;
  streamNames?: readonly string[];
  nextToken?: string;
}

export interface LogPage {
  events: LogEvent[];
  nextToken?: string;
}

/** The line `convox rack logs` prints: `<RFC3339 time> <stream> <message>`, the time in UTC to the second. */
export function logLine(event: LogEvent): string {
  const time = new Date(event.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${time} ${event.stream} ${event.message.replace(/\r?\n$/, '')}`;
}
