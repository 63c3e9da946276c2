import * as vscode from 'vscode';
import type { FollowState } from '../../model/logs/follower';
import { describeOptions } from '../../model/logs/options';
import type { LogsDocuments, LogsSession } from './logsDocuments';
import { commands } from '../../model/commands';

function stateText(state: FollowState): { icon: string; text: string } {
  switch (state.kind) {
    case 'following':
      return { icon: '$(sync~spin)', text: 'Following' };
    case 'paused':
      return { icon: '$(debug-pause)', text: 'Paused' };
    case 'throttled':
      return { icon: '$(watch)', text: `Throttled, again in ${Math.round(state.retryInMs / 1000)} s` };
    case 'error':
      return { icon: '$(error)', text: 'Stopped: Retry' };
  }
}

/** The state of the active logs editor: following, paused, throttled, or stopped with a click to Retry. */
export class LogsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('convox.logs', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly documents: LogsDocuments) {
    this.item.name = 'Convox Rack Logs';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      documents.onDidChangeSession(() => this.update()),
    ];
  }

  private update(): void {
    const session: LogsSession | undefined = this.documents.session();
    if (!session) {
      this.item.hide();
      return;
    }
    const { follower, rack } = session;
    const { icon, text } = stateText(follower.state);
    const lines = follower.stats().bufferedLines;
    this.item.text = `${icon} Logs ${text} · ${lines.toLocaleString('en-US')} lines`;
    this.item.tooltip = `${rack.displayName}: ${describeOptions(follower.logOptions)}${follower.state.kind === 'error' ? `\n${follower.state.message}` : ''}`;
    this.item.command = commands[follower.state.kind === 'error' ? 'logsRetry' : 'logsOptions'].id;
    this.item.backgroundColor =
      follower.state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}
