import * as vscode from 'vscode';
import {
  defaultSinceMs,
  formatDuration,
  parseDuration,
  streamChoices,
  type StreamChoice,
} from '../../model/logs/options';
import { awsRacksOnly, type RackArguments } from '../shared/rackArgument';
import type { LogsDocuments, LogsSession } from './logsDocuments';
import { registerCommand } from '../shared/commands';

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

const sinceChoices: Choice<number | undefined>[] = [
  { label: '2 minutes', description: 'as convox rack logs', value: defaultSinceMs },
  { label: '15 minutes', value: 15 * 60_000 },
  { label: '1 hour', value: 3_600_000 },
  { label: '1 day', value: 86_400_000 },
  { label: 'Another duration…', description: 'e.g. 30m, 6h, 2d', value: undefined },
];

async function chooseSince(session: LogsSession): Promise<void> {
  const current = session.follower.logOptions.sinceMs;
  const picked = await vscode.window.showQuickPick(
    sinceChoices.map((choice) => ({ ...choice, picked: choice.value === current })),
    {
      title: `Logs of ${session.rack.displayName}: start how far back?`,
      placeHolder: `now ${formatDuration(current)}`,
    },
  );
  if (!picked) return;
  let sinceMs = picked.value;
  if (sinceMs === undefined) {
    const typed = await vscode.window.showInputBox({
      title: 'Logs since',
      prompt: 'A duration back from now: 90s, 30m, 6h, 1h30m, 2d',
      value: formatDuration(current),
      validateInput: (text) =>
        parseDuration(text) === undefined ? 'A duration such as 30m, 6h or 2d (s, m, h, d)' : undefined,
    });
    sinceMs = typed === undefined ? undefined : parseDuration(typed);
  }
  if (sinceMs !== undefined) session.follower.change({ ...session.follower.logOptions, sinceMs });
}

async function chooseFilter(session: LogsSession): Promise<void> {
  const pattern = await vscode.window.showInputBox({
    title: `Logs of ${session.rack.displayName}: filter`,
    prompt: 'A CloudWatch Logs filter pattern: words that must all appear, "a phrase" in quotes; empty for every line',
    value: session.follower.logOptions.filterPattern,
  });
  if (pattern !== undefined) session.follower.change({ ...session.follower.logOptions, filterPattern: pattern.trim() });
}

async function chooseStreams(session: LogsSession): Promise<void> {
  const current = session.follower.logOptions.streams;
  const choices: StreamChoice[] = current.kind === 'names' ? [current, ...streamChoices] : [...streamChoices];
  const picked = await vscode.window.showQuickPick(
    choices.map((choice): Choice<StreamChoice> => ({
      label: choice.label,
      description: choice === current ? 'shown now' : undefined,
      value: choice,
    })),
    { title: `Logs of ${session.rack.displayName}: which streams?` },
  );
  if (picked) session.follower.change({ ...session.follower.logOptions, streams: picked.value });
}

/** Convox: Show Rack Logs, and what a logs editor's title and status bar offer. */
export function registerLogsCommands(
  racks: RackArguments,
  documents: LogsDocuments,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const showRackLogs = async (target?: unknown, streams?: StreamChoice): Promise<void> => {
    const rack = await racks.resolve(target, {
      title: 'Show logs of rack',
      withoutArgument: 'current',
      only: awsRacksOnly('CloudWatch log group to read: kubectl logs reads its pods'),
      reason: 'inspect',
    });
    if (rack) await documents.open(rack, streams);
  };
  const withSession =
    (act: (session: LogsSession) => unknown) =>
    async (uri?: vscode.Uri): Promise<void> => {
      const session = documents.session(uri instanceof vscode.Uri ? uri : undefined);
      if (session) await act(session);
    };
  const options = withSession(async (session) => {
    const following = session.follower.state.kind !== 'paused';
    const actions: Choice<(session: LogsSession) => unknown>[] = [
      { label: '$(history) Since…', value: chooseSince },
      { label: '$(filter) Filter…', value: chooseFilter },
      { label: '$(list-filter) Streams…', value: chooseStreams },
      following
        ? { label: '$(debug-pause) Pause', value: (chosen) => documents.hold(chosen, true) }
        : { label: '$(play) Resume', value: (chosen) => documents.hold(chosen, false) },
    ];
    const picked = await vscode.window.showQuickPick(actions, { title: `Logs of ${session.rack.displayName}` });
    await picked?.value(session);
  });
  return [
    registerCommand('showRackLogs', log, showRackLogs),
    registerCommand('logsSince', log, withSession(chooseSince)),
    registerCommand('logsFilter', log, withSession(chooseFilter)),
    registerCommand('logsStreams', log, withSession(chooseStreams)),
    registerCommand(
      'logsRetry',
      log,
      withSession((session) => session.follower.retry()),
    ),
    registerCommand(
      'logsPause',
      log,
      withSession((session) => documents.hold(session, true)),
    ),
    registerCommand(
      'logsResume',
      log,
      withSession((session) => documents.hold(session, false)),
    ),
    registerCommand('logsOptions', log, options),
  ];
}
