import { chronological, isStackEvent, type StackEvent } from '../stackEvents';

export type StackOperation = 'create' | 'update' | 'delete';

/** How far a stack's creation or deletion has got, counted from its events. */
export interface StackProgress {
  /** Resources done: CREATE_COMPLETE (create), UPDATE_COMPLETE or an addition or removal done (update), DELETE_COMPLETE / DELETE_SKIPPED (delete). */
  complete: number;
  total: number;
  /** The newest resource event. */
  latest?: StackEvent;
  /** The stack's own newest status, from its events. */
  stackStatus?: string;
}

const doneStatuses: Record<StackOperation, readonly string[]> = {
  create: ['CREATE_COMPLETE'],
  update: ['UPDATE_COMPLETE', 'CREATE_COMPLETE', 'DELETE_COMPLETE'],
  delete: ['DELETE_COMPLETE', 'DELETE_SKIPPED'],
};

/**
 * Progress of `operation` from every event since it began (newest first, as AWS lists them). `total` is the number
 * of resources expected (a change set's changes, or the stack's resources before a delete); it grows when events
 * name more resources than that.
 */
export function stackProgress(
  newestFirst: readonly StackEvent[],
  stackName: string,
  operation: StackOperation,
  total: number,
): StackProgress {
  const latestByResource = new Map<string, StackEvent>();
  let stackStatus: string | undefined;
  let latest: StackEvent | undefined;
  for (const event of chronological(newestFirst)) {
    if (isStackEvent(event, stackName)) {
      stackStatus = event.status;
      continue;
    }
    latestByResource.set(event.logicalId, event);
    latest = event;
  }
  const complete = [...latestByResource.values()].filter((event) =>
    doneStatuses[operation].includes(event.status),
  ).length;
  return { complete, total: Math.max(total, latestByResource.size, complete), latest, stackStatus };
}

/** Whole percent of the work done, 0–100. */
export function percent(progress: StackProgress): number {
  if (progress.total === 0) return 0;
  return Math.min(100, Math.floor((progress.complete * 100) / progress.total));
}

/** `12/40 resources · Instances CREATE_IN_PROGRESS · 3m 05s` */
export function progressLine(progress: StackProgress, elapsedMs: number): string {
  return `${progress.complete}/${progress.total} resources${latestPart(progress)} · ${elapsed(elapsedMs)}`;
}

/** `12 resources deleted · Instances DELETE_IN_PROGRESS · 3m 05s`: a deletion whose resources were not counted. */
export function deletedLine(progress: StackProgress, elapsedMs: number): string {
  return `${progress.complete} resources deleted${latestPart(progress)} · ${elapsed(elapsedMs)}`;
}

function latestPart(progress: StackProgress): string {
  return progress.latest ? ` · ${progress.latest.logicalId} ${progress.latest.status}` : '';
}

export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** Where a stack's status leaves the operation. */
export type StackOutcome = 'running' | 'succeeded' | 'failed';

export function outcomeOf(operation: StackOperation, stackStatus: string | undefined): StackOutcome {
  if (stackStatus === undefined) return 'running';
  if (operation === 'create') {
    if (stackStatus === 'CREATE_COMPLETE') return 'succeeded';
    if (stackStatus === 'CREATE_IN_PROGRESS' || stackStatus === 'REVIEW_IN_PROGRESS') return 'running';
    // ROLLBACK_*, DELETE_*, CREATE_FAILED: the rack will not be created (the CLI stops there too).
    return 'failed';
  }
  if (operation === 'update') {
    if (stackStatus === 'UPDATE_COMPLETE') return 'succeeded';
    // A rollback is followed to its end, so that the outcome says where the rack is left.
    if (stackStatus.endsWith('_IN_PROGRESS')) return 'running';
    return 'failed';
  }
  if (stackStatus === 'DELETE_COMPLETE') return 'succeeded';
  if (stackStatus === 'DELETE_FAILED') return 'failed';
  return 'running';
}
