import type { Rack } from '../rack';
import type { LogPage, LogQuery } from './events';

/**
 * Reading a rack's CloudWatch log group directly, never through the rack API. Each call ends within
 * `deadlineMs`; a failure's message is safe to show, and its `kind` says `throttled` when AWS throttled it.
 */
export interface RackLogs {
  page(rack: Rack, query: LogQuery, deadlineMs: number): Promise<LogPage>;
}
