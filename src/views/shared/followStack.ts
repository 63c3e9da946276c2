import * as vscode from 'vscode';
import { following, type FollowPorts, type ProgressUpdate, type StackFollow } from '../../model/install/follow';
import type { RootCause } from '../../model/install/rootCause';
import type { StackEvent } from '../../model/stackEvents';
import type { RackStore } from '../../model/store/rackStore';
import type { EventsDocuments } from './eventsDocuments';
import { runCommand } from './commands';

export interface FollowOptions {
  /** The progress notification's title; absent: the stack is followed without one (row and log only). */
  title?: string;
  /** Cancel in the notification ends the watch through the signal given to the work; the stack goes on. */
  cancellable?: boolean;
  /** The stack whose Racks-view row shows the progress until the follow ends. */
  row?: string;
  /** When the operation started (epoch ms), for the elapsed time shown; default: now. */
  startedAt?: number;
}

export interface Followed<T> {
  value: T;
  /** The person pressed Cancel. */
  cancelled: boolean;
}

/**
 * Follows a stack operation in a progress notification: `work` reports through the StackFollow (percent, steps,
 * events to the log); the row's progress is set as it goes and cleared at the end, however the work ends.
 */
export async function followStack<T>(
  store: Pick<RackStore, 'setProgress' | 'learnStackStatus'>,
  log: vscode.LogOutputChannel,
  options: FollowOptions,
  work: (follow: StackFollow, signal: AbortSignal) => Promise<T>,
): Promise<Followed<T>> {
  const stop = new AbortController();
  let cancelled = false;
  const run = (report: (update: ProgressUpdate) => void): Promise<T> => {
    const ports: FollowPorts = {
      report,
      row: (label) => {
        if (options.row) store.setProgress(options.row, label);
      },
      log: (line) => log.info(line),
      stackStatus: (stackId, status) => store.learnStackStatus(stackId, status),
      now: () => Date.now(),
    };
    return following(ports, options.startedAt ?? Date.now(), (follow) => work(follow, stop.signal));
  };
  if (options.title === undefined) return { value: await run(() => undefined), cancelled };
  const value = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: options.title,
      cancellable: options.cancellable ?? false,
    },
    (progress, token) => {
      token.onCancellationRequested(() => {
        cancelled = true;
        stop.abort();
      });
      return run((update) => progress.report(update));
    },
  );
  return { value, cancelled };
}

/** A button of a failure notification, after Show Events. */
export interface FailureAction {
  title: string;
  run(): Thenable<unknown>;
}

export interface StackFailure {
  /** The notification's text, its untrusted parts already made inert. */
  message: string;
  /** What Show Events opens: the operation's events, its root cause first. */
  stackName: string;
  operation: string;
  events: readonly StackEvent[];
  cause: RootCause | undefined;
  actions?: readonly FailureAction[];
}

/** A failed stack operation's error notification: Show Events, then the caller's actions, each done when chosen. */
export async function showStackFailure(documents: EventsDocuments, failure: StackFailure): Promise<void> {
  const show = 'Show Events';
  const actions = failure.actions ?? [];
  const choice = await vscode.window.showErrorMessage(failure.message, show, ...actions.map((action) => action.title));
  if (choice === show) await documents.show(failure.stackName, failure.operation, failure.events, failure.cause);
  else await actions.find((action) => action.title === choice)?.run();
}

/** Opens Diagnose Rack on the stack. */
export function diagnoseAction(stackId: string): FailureAction {
  return { title: 'Diagnose', run: () => runCommand('diagnoseRack', stackId) };
}
