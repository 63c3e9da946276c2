import { eventLine, type StackEvent } from '../stackEvents';
import { deletedLine, percent, progressLine, type StackProgress } from './progress';
import { rootCauseSentence, type RootCause } from './rootCause';
import type { StackOperations } from '../store/ports';
import { watchStack, type WatchOptions, type WatchResult } from './watch';

/** One update of a progress notification; VS Code adds the increments up into its bar. */
export interface ProgressUpdate {
  message: string;
  increment?: number;
}

/** A watch of one stack, without the callbacks: the follow gives those. */
export type StackWatch = Omit<WatchOptions, 'onEvents' | 'onProgress'>;

/** Where a followed stack operation shows. */
export interface FollowPorts {
  /** The notification (nothing when the stack is followed without one). */
  report(update: ProgressUpdate): void;
  /** The stack's row in the Racks view; undefined clears it. */
  row(label: string | undefined): void;
  /** The log, one line per stack event. */
  log(line: string): void;
  /** A watched stack's own CloudFormation status, as its events tell it: the store shows it on every view. */
  stackStatus(stackId: string, cloudformationStatus: string): void;
  now(): number;
}

/**
 * What a followed stack operation shows as it goes. One watch moves the bar and the row with its percentage; a run of
 * steps (an uninstall) moves them step by step, and each stack's percentage goes in the message after the step.
 */
export class StackFollow {
  /** The percentage the bar shows: each report adds the difference. */
  private shown = 0;
  private currentStep: string | undefined;

  constructor(
    private readonly ports: FollowPorts,
    private readonly startedAt: number,
  ) {}

  message(text: string): void {
    this.ports.report({ message: text });
  }

  /** Logs a poll's events (oldest first), each under the name of its stack. */
  events(stackName: string): (events: readonly StackEvent[]) => void {
    return (events) => events.forEach((event) => this.ports.log(`${stackName}: ${eventLine(event)}`));
  }

  /**
   * Follows one stack to its end: its events to the log, its progress shown as a percentage, or as a `deletion` when
   * its resources were not counted.
   */
  watch(
    stacks: Pick<StackOperations, 'newEvents'>,
    options: StackWatch,
    shown: 'percent' | 'deletion' = 'percent',
  ): Promise<WatchResult> {
    return watchStack(stacks, {
      ...options,
      onEvents: this.events(options.target.name),
      onProgress: (state) => {
        // Before the notification moves: no view may show an older status than the notification does.
        if (state.stackStatus !== undefined) this.ports.stackStatus(options.stackId, state.stackStatus);
        if (shown === 'percent') this.progress(state);
        else this.deletion(state);
      },
    });
  }

  /** A creation's or update's progress: `42% · 12/40 resources · Instances CREATE_IN_PROGRESS · 3m 05s`. */
  progress(state: StackProgress): void {
    const now = percent(state);
    const line = `${now}% · ${progressLine(state, this.elapsed())}`;
    if (this.currentStep !== undefined) {
      this.ports.report({ message: `${this.currentStep} · ${line}` });
      return;
    }
    this.ports.row(`${now}%`);
    this.move(now, line);
  }

  /** A deletion whose resources were not counted, so without a percentage: what went, the latest event, the time. */
  deletion(state: StackProgress): void {
    this.ports.report({ message: deletedLine(state, this.elapsed()) });
  }

  /** Step `index` (from 1) of `count` begins: the bar at its start, the row `${verb} index/count`. */
  step(text: string, index: number, count: number, verb: string): void {
    this.currentStep = text;
    this.ports.row(`${verb} ${index}/${count}`);
    this.move(Math.floor(((index - 1) * 100) / count), text);
  }

  private move(now: number, message: string): void {
    this.ports.report({ increment: now - this.shown, message });
    this.shown = now;
  }

  private elapsed(): number {
    return this.ports.now() - this.startedAt;
  }
}

/** Runs `work` with a StackFollow; the row's progress is cleared however the work ends. */
export async function following<T>(
  ports: FollowPorts,
  startedAt: number,
  work: (follow: StackFollow) => Promise<T>,
): Promise<T> {
  try {
    return await work(new StackFollow(ports, startedAt));
  } finally {
    ports.row(undefined);
  }
}

/** Why a stack operation failed, for its notification and the log. */
export function failureReason(cause: RootCause | undefined): string {
  return cause ? rootCauseSentence(cause) : 'CloudFormation gave no reason';
}
