import * as vscode from 'vscode';
import {
  AlertEpisodes,
  severityOf,
  type Alert,
  type EpisodeKeeper,
  type Resolution,
  type RackLook,
  type ToldEpisode,
} from '../../model/alerts/episodes';
import { alertsMessage, attentionLine, resolvedMessage, rootCauseLine } from '../../model/alerts/messages';
import { AlertWatcher, type PollSummary, type WatchedRack, type WatcherPorts } from '../../model/alerts/watcher';
import type { RackDiagnostics } from '../../model/diagnose/ports';
import { diagnose } from '../../model/diagnose/rules';
import { messageOf } from '../../model/errorMessage';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { realTimers } from '../../model/store/refreshPolicy';
import { inertText } from '../../model/untrustedText';
import type { RacksView } from '../racks/racksView';
import { registerCommand, runCommand } from '../shared/commands';
import { awsRacksOnly, type RackArguments } from '../shared/rackArgument';
import { alertsIntervalSeconds, alertsWatch, convergingLimitMinutes, requestTimeoutSeconds } from '../shared/settings';
import { StoredList } from '../shared/storedList';
import type { CurrentRack } from '../switch/currentRack';
import type { RackStatusBar } from '../switch/statusBar';

/** Kept in globalState, which VS Code keeps per machine unless a key is marked for Settings Sync (none of these is). */
const markedKey = 'convox.alerts.marked';
const ignoredKey = 'convox.alerts.ignored';
const toldKey = 'convox.alerts.told';
/** Where the current rack lives, so that it is watched before the Racks view ever lists it. */
const currentPlaceKey = 'convox.alerts.currentPlace';

const placeFields = ['stackId', 'displayName', 'organization', 'profile', 'region'] as const;

/** The actions of an alert, in the order shown. */
export const alertActions = ['Diagnose', 'Show Logs', 'Show Architecture', 'Stop Watching'] as const;

/** One notification told, for tests and the log. */
export interface Told {
  severity: 'error' | 'warning' | 'information';
  message: string;
  actions: readonly string[];
  at: number;
}

function placeOf(rack: Rack): WatchedRack {
  return {
    stackId: rack.stackId,
    displayName: rack.displayName,
    organization: rack.organization,
    profile: rack.profile,
    region: rack.region,
  };
}

/** Told episodes in globalState, each entry checked when read back. */
function episodeKeeper(state: vscode.Memento): EpisodeKeeper {
  const list = new StoredList<ToldEpisode>(state, toldKey, ['stackId', 'displayName', 'kind'], ['since', 'toldAt']);
  return {
    load: () => list.all().filter((episode) => Object.hasOwn(severityOf, episode.kind)),
    save: (episodes) => void state.update(toldKey, episodes),
  };
}

export interface RackAlertsOptions {
  context: vscode.ExtensionContext;
  store: RackStore;
  ports: WatcherPorts;
  diagnostics: RackDiagnostics;
  current: CurrentRack;
  racksView: RacksView;
  statusBar: RackStatusBar;
  log: vscode.LogOutputChannel;
}

/**
 * Watches racks for trouble, on its own timer whatever view is shown: the current rack, the racks marked with Watch
 * Rack, or all of them (`convox.alerts.watch`). Tells each episode once (several racks in one notification) with
 * Diagnose's root cause, shows the number of racks needing attention on the Racks view, colours the current rack's
 * status bar item, and adds since when to the rows' tooltips.
 */
export class RackAlerts implements vscode.Disposable {
  readonly episodes: AlertEpisodes;
  private readonly watcher: AlertWatcher;
  private readonly marked: StoredList<WatchedRack>;
  private readonly ignored: StoredList<WatchedRack>;
  private readonly currentPlace: StoredList<WatchedRack>;
  private readonly disposables: vscode.Disposable[] = [];
  private drawn = new Set<string>();
  private watchedIds = new Set<string>();
  /** The notifications told in this session (the last 100), newest last, for tests. */
  readonly told: Told[] = [];

  constructor(private readonly options: RackAlertsOptions) {
    const state = options.context.globalState;
    this.marked = new StoredList<WatchedRack>(state, markedKey, [...placeFields], []);
    this.ignored = new StoredList<WatchedRack>(state, ignoredKey, [...placeFields], []);
    this.currentPlace = new StoredList<WatchedRack>(state, currentPlaceKey, [...placeFields], []);
    this.episodes = new AlertEpisodes(episodeKeeper(state), convergingLimitMinutes() * 60_000);
    this.watcher = new AlertWatcher(options.ports, this.episodes, {
      intervalMs: alertsIntervalSeconds() * 1000,
      deadlineMs: requestTimeoutSeconds() * 1000,
      timers: realTimers,
      watched: () => this.watched(),
      report: (observed, summary, looks) => this.report(observed.alerts, observed.resolved, summary, looks),
      log: (message) => options.log.info(message),
    });
    options.racksView.tree.setWatchState((stackId) => {
      const attention = this.episodes.needingAttention().get(stackId);
      return { watched: this.watchedIds.has(stackId), attention: attention && attentionLine(attention) };
    });
    options.statusBar.setAttention((stackId) => {
      const attention = this.episodes.needingAttention().get(stackId);
      return attention && { severity: attention.severity, line: attentionLine(attention) };
    });
    const unsubscribe = options.store.onDidChange(() => this.rememberCurrentPlace());
    this.disposables.push(
      { dispose: unsubscribe },
      vscode.window.onDidChangeWindowState((state) => this.watcher.setFocused(state.focused)),
      // A switch redraws the rows it left and reached itself; only the badge and the status bar follow here.
      options.current.onDidChange(() => this.watchListChanged(false)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('convox.alerts.interval'))
          this.watcher.setInterval(alertsIntervalSeconds() * 1000);
        if (event.affectsConfiguration('convox.alerts.convergingLimit'))
          this.episodes.setConvergingLimit(convergingLimitMinutes() * 60_000);
        if (event.affectsConfiguration('convox.alerts.watch')) this.watchListChanged();
      }),
    );
    this.watcher.setFocused(vscode.window.state.focused);
    this.showAttention();
    this.watcher.start();
  }

  /** The racks watched now, by the setting: never a local rack, never one the person stopped watching. */
  watched(): WatchedRack[] {
    const mode = alertsWatch();
    if (mode === 'off') return [];
    const ignored = new Set(this.ignored.all().map((rack) => rack.stackId));
    const found = new Map<string, WatchedRack>();
    const add = (rack: WatchedRack): void => {
      if (!ignored.has(rack.stackId) && !found.has(rack.stackId)) found.set(rack.stackId, rack);
    };
    const currentId = this.options.current.id;
    const current = this.options.current.rack();
    if (current && !current.local) add(placeOf(current));
    else if (currentId) this.currentPlace.all().forEach((place) => place.stackId === currentId && add(place));
    if (mode !== 'current') this.marked.all().forEach(add);
    if (mode === 'all') this.options.store.racks().forEach((rack) => !rack.local && add(placeOf(rack)));
    this.watchedIds = new Set(found.keys());
    return [...found.values()];
  }

  /** Polls now (a test, a changed watch list). */
  poll(): Promise<void> {
    return this.watcher.poll();
  }

  async watch(rack: Rack): Promise<void> {
    await this.ignored.replace((entry) => entry.stackId !== rack.stackId);
    await this.marked.replace((entry) => entry.stackId !== rack.stackId, [placeOf(rack)]);
    this.options.log.info(`Watching ${rack.displayName} for alerts.`);
    this.watchListChanged();
  }

  /** Stops watching a rack, whether marked, current or listed: until Watch Rack again. */
  async stopWatching(place: WatchedRack): Promise<void> {
    await this.marked.replace((entry) => entry.stackId !== place.stackId);
    await this.ignored.replace((entry) => entry.stackId !== place.stackId, [place]);
    this.episodes.forget(place.stackId);
    this.options.log.info(`Stopped watching ${place.displayName}.`);
    this.watchListChanged();
  }

  /** A watched rack by stack id, even one no longer listed (a stack gone). */
  watchedPlace(stackId: string): WatchedRack | undefined {
    return this.watched().find((rack) => rack.stackId === stackId);
  }

  dispose(): void {
    this.watcher.stop();
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private watchListChanged(redrawRows = true): void {
    const before = this.watchedIds;
    const now = new Set(this.watched().map((rack) => rack.stackId));
    for (const stackId of this.episodes.needingAttention().keys()) if (!now.has(stackId)) this.episodes.forget(stackId);
    this.showAttention(redrawRows ? [...before, ...now] : undefined, redrawRows);
    void this.watcher.poll();
  }

  private rememberCurrentPlace(): void {
    const current = this.options.current.rack();
    if (!current || current.local) return;
    const saved = this.currentPlace.all()[0];
    const place = placeOf(current);
    if (saved && placeFields.every((field) => saved[field] === place[field])) return;
    void this.currentPlace.replace(() => false, [place]);
  }

  private report(
    alerts: readonly Alert[],
    resolved: readonly Resolution[],
    summary: PollSummary,
    looks: readonly RackLook[],
  ): void {
    for (const stackId of this.episodes.needingAttention().keys())
      if (!this.watchedIds.has(stackId)) this.episodes.forget(stackId);
    // What a look read is newer than the list: rows and the status bar show it before the notification does.
    for (const look of looks)
      if (look.rack) this.options.store.learnStackStatus(look.stackId, look.rack.cloudformationStatus);
    this.showAttention();
    if (summary.throttled) this.options.log.warn(`Watch: AWS throttled; next look in ${summary.nextInMs / 1000} s.`);
    // The rows and the status bar show what the store listed: a change worth telling is worth listing again.
    if (alerts.length > 0 || resolved.length > 0) this.options.store.requestRefresh('alert');
    if (alerts.length > 0 || resolved.length > 0)
      this.tell(alerts, resolved, looks).catch((error: unknown) =>
        this.options.log.error(`Watch: could not tell an alert: ${messageOf(error)}`),
      );
  }

  /** The badge, the status bar and the rows of racks whose attention changed. */
  private showAttention(also: Iterable<string> = [], redrawRows = true): void {
    const attention = this.episodes.needingAttention();
    const count = attention.size;
    this.options.racksView.setBadge(count, `${count} watched rack${count === 1 ? ' needs' : 's need'} attention`);
    this.options.statusBar.update();
    const now = new Set(attention.keys());
    if (redrawRows) this.options.racksView.tree.watchChanged(new Set([...this.drawn, ...now, ...also]));
    this.drawn = now;
  }

  /** Diagnose's root cause of each alert, read once per episode; CloudFormation's words when it cannot say. */
  private async causeOf(alert: Alert, look: RackLook | undefined): Promise<string | undefined> {
    if (alert.kind === 'gone' || !look?.rack) return undefined;
    try {
      const evidence = await this.options.diagnostics.evidence(look.rack, requestTimeoutSeconds() * 1000);
      return rootCauseLine(diagnose(evidence));
    } catch (error) {
      this.options.log.warn(`Watch: could not diagnose ${alert.displayName}: ${messageOf(error)}`);
      return undefined;
    }
  }

  private async tell(
    alerts: readonly Alert[],
    resolved: readonly Resolution[],
    looks: readonly RackLook[],
  ): Promise<void> {
    if (resolved.length > 0) {
      const message = inertText(resolvedMessage(resolved));
      this.record('information', message, []);
      void vscode.window.showInformationMessage(message);
    }
    if (alerts.length === 0) return;
    const byId = new Map(looks.map((look) => [look.stackId, look]));
    const causes = new Map<string, string | undefined>();
    await Promise.all(
      alerts.map(async (alert) => causes.set(alert.stackId, await this.causeOf(alert, byId.get(alert.stackId)))),
    );
    const message = inertText(alertsMessage(alerts, causes));
    const allGone = alerts.every((alert) => alert.kind === 'gone');
    const actions: string[] = allGone ? ['Stop Watching'] : [...alertActions];
    const error = alerts.some((alert) => alert.severity === 'error');
    this.record(error ? 'error' : 'warning', message, actions);
    this.options.log.info(`Watch: told "${message}"`);
    const shown = error
      ? vscode.window.showErrorMessage(message, ...actions)
      : vscode.window.showWarningMessage(message, ...actions);
    void shown.then(async (choice) => {
      if (choice) await this.act(choice, alerts);
    });
  }

  private record(severity: Told['severity'], message: string, actions: readonly string[]): void {
    this.told.push({ severity, message, actions, at: Date.now() });
    if (this.told.length > 100) this.told.shift();
  }

  /** An alert's action, on its rack, or on the one picked when the alert named several. */
  private async act(choice: string, alerts: readonly Alert[]): Promise<void> {
    const target =
      alerts.length === 1
        ? alerts[0]
        : (
            await vscode.window.showQuickPick(
              alerts.map((alert) => ({ label: alert.displayName, alert })),
              { title: `${choice}: which rack?` },
            )
          )?.alert;
    if (!target) return;
    const commandOf: Partial<Record<string, 'diagnoseRack' | 'showRackLogs' | 'showArchitecture'>> = {
      Diagnose: 'diagnoseRack',
      'Show Logs': 'showRackLogs',
      'Show Architecture': 'showArchitecture',
    };
    const command = commandOf[choice];
    if (command) {
      await runCommand(command, target.stackId);
      return;
    }
    const place = this.watchedPlace(target.stackId);
    if (place) await this.stopWatching(place);
  }
}

/** Convox: Watch Rack and Stop Watching Rack (a row, a stack id from a notification, the current rack, a pick). */
export function registerAlertCommands(
  alerts: RackAlerts,
  racks: RackArguments,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const only = awsRacksOnly('CloudFormation stack to watch');
  return [
    registerCommand('watchRack', log, async (target?: unknown) => {
      const rack = await racks.resolve(target, { title: 'Watch rack', withoutArgument: 'ask', only, reason: 'manual' });
      if (rack) await alerts.watch(rack);
    }),
    registerCommand('stopWatchingRack', log, async (target?: unknown) => {
      const gone = typeof target === 'string' ? alerts.watchedPlace(target) : undefined;
      if (gone) return alerts.stopWatching(gone);
      const rack = await racks.resolve(target, {
        title: 'Stop watching rack',
        withoutArgument: 'ask',
        only,
        reason: 'manual',
      });
      if (rack) await alerts.stopWatching(placeOf(rack));
    }),
  ];
}
