import * as vscode from 'vscode';
import { LogFollower, type FollowState } from '../../model/logs/follower';
import { defaultLogOptions, type LogOptions, type StreamChoice } from '../../model/logs/options';
import type { RackLogs } from '../../model/logs/ports';
import type { Rack } from '../../model/rack';
import { realTimers } from '../../model/store/refreshPolicy';
import { inertText } from '../../model/untrustedText';
import { logsBufferLines, requestTimeoutSeconds } from '../shared/settings';

export const logsScheme = 'convox-logs';
export const logsLanguage = 'convox-log';
/** Read by the editor title's buttons: the active logs' state. */
const stateContextKey = 'convox.logsState';
/** An unfocused window keeps following this long (a glance at another app), then pauses until it is back. */
const unfocusedGraceMs = 30_000;
/** How long a closed logs document may take to open again before its session ends. */
const reopenGraceMs = 2_000;

/** One open logs editor: a rack, what it shows, and the follower reading it. */
export interface LogsSession {
  uri: vscode.Uri;
  rack: Rack;
  follower: LogFollower;
}

interface SessionState extends LogsSession {
  /** The editor shows the last line: new lines scroll it along. False once the user scrolls up. */
  atEnd: boolean;
  /** Paused by the person: stays paused when shown again, until Resume. */
  held: boolean;
  /** The error a notification was shown for, so one error gets one notification. */
  notified?: FollowState;
}

/**
 * Read-only `convox-logs:` documents, one per Show Rack Logs, each following its rack's log group while an editor
 * shows it and the window is in use; hidden, it pauses, and catches up when shown again.
 */
export class LogsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly sessions = new Map<string, SessionState>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly sessionChanged = new vscode.EventEmitter<LogsSession>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private opened = 0;
  private focused = vscode.window.state.focused;
  private unfocusedTimer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.changed.event;
  /** A session's lines or state changed. */
  readonly onDidChangeSession = this.sessionChanged.event;

  constructor(
    private readonly logs: RackLogs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.pauseOrResume()),
      vscode.window.onDidChangeWindowState((state) => this.windowFocus(state.focused)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.visibleRangesChanged(event)),
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.close(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('convox.logs.bufferLines'))
          for (const session of this.sessions.values()) session.follower.setBufferLines(logsBufferLines());
      }),
    );
  }

  /** Opens a new logs editor on the rack's group and starts following it. */
  async open(rack: Rack, streams?: StreamChoice): Promise<LogsSession> {
    const logGroup = rack.outputs.LogGroup;
    if (!logGroup)
      throw new Error(
        `${rack.displayName} has no CloudWatch log group (its LogDriver is ${rack.parameters.LogDriver || 'not CloudWatch'}): its logs go elsewhere`,
      );
    this.opened++;
    const label = streams ? ` (${streams.label})` : '';
    const uri = vscode.Uri.from({
      scheme: logsScheme,
      path: `/${rack.organization}\u2215${rack.name} logs${label.replace(/\//g, '\u2215')}`,
      query: new URLSearchParams({ stack: rack.stackId, session: String(this.opened) }).toString(),
    });
    const options: LogOptions = { ...defaultLogOptions, streams: streams ?? defaultLogOptions.streams };
    const session: SessionState = {
      uri,
      rack,
      atEnd: true,
      held: false,
      follower: new LogFollower((query, deadlineMs) => this.logs.page(rack, query, deadlineMs), {
        logGroup,
        options,
        bufferLines: logsBufferLines(),
        deadlineMs: requestTimeoutSeconds() * 1000,
        timers: realTimers,
        changed: () => this.followerChanged(session),
      }),
    };
    this.sessions.set(uri.toString(), session);
    const document = await vscode.languages.setTextDocumentLanguage(
      await vscode.workspace.openTextDocument(uri),
      logsLanguage,
    );
    await vscode.window.showTextDocument(document, { preview: false });
    session.follower.start();
    this.updateContext();
    return session;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const session = this.sessions.get(uri.toString());
    if (!session) return 'These logs were closed. Run Convox: Show Rack Logs to follow the rack again.\n';
    return session.follower.lines().join('\n');
  }

  /** The session of the active editor, or of `uri`. */
  session(uri?: vscode.Uri): LogsSession | undefined {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    return target ? this.sessions.get(target.toString()) : undefined;
  }

  /** Pause (held until resumed) or Resume, as the person asked. */
  hold(session: LogsSession, held: boolean): void {
    const state = this.sessions.get(session.uri.toString());
    if (!state) return;
    state.held = held;
    if (held) state.follower.pause();
    else this.pauseOrResume();
  }

  list(): LogsSession[] {
    return [...this.sessions.values()];
  }

  dispose(): void {
    clearTimeout(this.unfocusedTimer);
    for (const session of this.sessions.values()) session.follower.dispose();
    this.sessions.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
    this.sessionChanged.dispose();
  }

  private followerChanged(session: SessionState): void {
    this.changed.fire(session.uri);
    this.sessionChanged.fire(session);
    this.updateContext();
    const state = session.follower.state;
    if (state.kind === 'error' && session.notified !== state) {
      session.notified = state;
      this.log.error(`Logs of ${session.rack.displayName}: ${state.message}`);
      const retry = 'Retry';
      void vscode.window
        .showErrorMessage(`Convox: the logs of ${session.rack.displayName} stopped: ${inertText(state.message)}`, retry)
        .then((choice) => {
          if (choice === retry) session.follower.retry();
        });
    }
  }

  private shown(session: SessionState): boolean {
    return vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === session.uri.toString());
  }

  private pauseOrResume(): void {
    for (const session of this.sessions.values()) {
      if (this.focused && this.shown(session) && !session.held) session.follower.resume();
      else session.follower.pause();
    }
  }

  private windowFocus(focused: boolean): void {
    clearTimeout(this.unfocusedTimer);
    if (focused) {
      this.focused = true;
      this.pauseOrResume();
      return;
    }
    this.unfocusedTimer = setTimeout(() => {
      this.focused = false;
      this.pauseOrResume();
    }, unfocusedGraceMs);
  }

  private visibleRangesChanged(event: vscode.TextEditorVisibleRangesChangeEvent): void {
    const session = this.sessions.get(event.textEditor.document.uri.toString());
    const last = event.visibleRanges[event.visibleRanges.length - 1];
    if (session && last) session.atEnd = last.end.line >= event.textEditor.document.lineCount - 2;
  }

  /** New lines: every editor of a session left at its end moves to the new end. */
  private documentChanged(document: vscode.TextDocument): void {
    const session = this.sessions.get(document.uri.toString());
    if (!session?.atEnd) return;
    const end = new vscode.Range(document.lineCount - 1, 0, document.lineCount - 1, 0);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document === document) editor.revealRange(end, vscode.TextEditorRevealType.Default);
    }
  }

  /**
   * A closed document ends its session, unless it opens again at once: giving a document its language closes
   * and reopens it.
   */
  private close(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.sessions.has(key)) return;
    setTimeout(() => {
      const session = this.sessions.get(key);
      if (!session || vscode.workspace.textDocuments.some((document) => document.uri.toString() === key)) return;
      session.follower.dispose();
      this.sessions.delete(key);
      this.updateContext();
    }, reopenGraceMs);
  }

  private updateContext(): void {
    const state = this.session()?.follower.state.kind ?? '';
    void vscode.commands.executeCommand('setContext', stateContextKey, state);
  }
}
