import type { InstallTarget, StackOperations, Timing } from '../store/ports';
import { chronological, isStackEvent, type StackEvent } from '../stackEvents';
import { outcomeOf, stackProgress, type StackOperation, type StackProgress } from './progress';
import { rootCause, type RootCause } from './rootCause';
import { pause } from '../pollUntil';

export interface WatchOptions {
  target: InstallTarget;
  stackId: string;
  operation: StackOperation;
  /** Resources expected: the change set's changes, or the stack's resources before a delete. */
  total: number;
  timing: Timing;
  /** Events up to this one are from before the operation; absent: every event of the stack counts. */
  lastSeenId?: string;
  /** The watch gives up (the stack goes on) after this long. */
  maxMs: number;
  /** Ends the watch, not the stack's change. */
  signal?: AbortSignal;
  /** Each poll's new events, oldest first (for the log). */
  onEvents?(events: StackEvent[]): void;
  onProgress?(progress: StackProgress): void;
}

export interface WatchResult {
  outcome: 'succeeded' | 'failed' | 'stopped' | 'timedOut';
  progress: StackProgress;
  /** Every event of the operation, newest first. */
  events: StackEvent[];
  rootCause?: RootCause;
  polls: number;
  calls: number;
}

/** Consecutive failed polls (throttling, a network blip) tolerated before the watch gives up with the last error. */
const toleratedFailures = 5;

/**
 * Follows a stack's creation, update or deletion through its events, one DescribeStackEvents page per poll in steady state,
 * until it succeeds or fails (with its root cause), the signal stops it, or `maxMs` passes.
 */
export async function watchStack(
  stacks: Pick<StackOperations, 'newEvents'>,
  options: WatchOptions,
): Promise<WatchResult> {
  const { target, stackId, operation, timing } = options;
  const started = Date.now();
  let lastSeenId = options.lastSeenId;
  let events: StackEvent[] = [];
  let polls = 0;
  let calls = 0;
  let failures = 0;
  let progress = stackProgress([], target.name, operation, options.total);
  for (;;) {
    if (options.signal?.aborted) return { outcome: 'stopped', progress, events, polls, calls };
    try {
      const page = await stacks.newEvents(target, stackId, lastSeenId, timing.deadlineMs);
      polls++;
      calls += page.calls;
      failures = 0;
      if (page.events.length > 0) {
        lastSeenId = page.events[0].id;
        events = operationEvents([...page.events, ...events], target.name, operation);
        options.onEvents?.(chronological(page.events));
        progress = stackProgress(events, target.name, operation, options.total);
        options.onProgress?.(progress);
      }
    } catch (error) {
      if (++failures >= toleratedFailures) throw error;
    }
    const outcome = outcomeOf(operation, progress.stackStatus);
    if (outcome !== 'running') {
      const cause = outcome === 'failed' ? rootCause(events, target.name) : undefined;
      return { outcome, progress, events, rootCause: cause, polls, calls };
    }
    if (Date.now() - started > options.maxMs) return { outcome: 'timedOut', progress, events, polls, calls };
    await pause(timing.pollMs, options.signal);
  }
}

/** The events since the operation's own start (a stack's history may hold an earlier create, update or delete). */
function operationEvents(newestFirst: StackEvent[], stackName: string, operation: StackOperation): StackEvent[] {
  const startStatus = { create: 'CREATE_IN_PROGRESS', update: 'UPDATE_IN_PROGRESS', delete: 'DELETE_IN_PROGRESS' }[
    operation
  ];
  const start = newestFirst.findIndex((event) => isStackEvent(event, stackName) && event.status === startStatus);
  return start < 0 ? newestFirst : newestFirst.slice(0, start + 1);
}
