import * as vscode from 'vscode';
import { userCliConfigFiles } from './cli/configFiles';
import { lookUpLocalRacks } from './kubernetes/localLookup';
import { helperTimeoutMs } from './model/helperTimeout';
import { lazy, lazyPorts, lazyRackApi } from './model/store/lazyPorts';
import type { RackSecrets } from './model/store/ports';
import type { ChangePreviewer } from './model/update/ports';
import type { RackDiagnostics } from './model/diagnose/ports';
import type { RackLogs } from './model/logs/ports';
import { RackStore } from './model/store/rackStore';
import { registerArchitectureCommands } from './views/architecture/architectureCommands';
import type { ArchitecturePanel } from './views/architecture/architecturePanel';
import { ArchitecturePanels } from './views/architecture/architecturePanels';
import { architectureViewType } from './views/architecture/panelOptions';
import { CliSync } from './views/cli/cliSync';
import { CliLookups } from './views/cli/cliLookups';
import { CliRecords } from './views/cli/cliRecords';
import { CliWatcher } from './views/cli/cliWatcher';
import { RackArguments } from './views/shared/rackArgument';
import { releaseListKeeper } from './views/shared/releaseListKeeper';
import { RackAlerts, registerAlertCommands } from './views/alerts/rackAlerts';
import { DiagnosisDocuments, diagnosisScheme, registerDiagnoseCommands } from './views/diagnose/diagnoseCommands';
import { registerLogsCommands } from './views/logs/logsCommands';
import { LogsDocuments, logsScheme, type LogsSession } from './views/logs/logsDocuments';
import { LogsStatusBar } from './views/logs/logsStatusBar';
import { registerInstallCommands } from './views/install/installCommands';
import { registerInspectCommands } from './views/inspect/inspectCommands';
import { InspectDocuments, inspectScheme } from './views/inspect/inspectDocuments';
import { lastSeenKeeper } from './views/racks/lastSeenKeeper';
import type { Node as RackNode } from './views/racks/racksTree';
import { RacksView } from './views/racks/racksView';
import { ViewState } from './views/racks/viewState';
import { registerRefreshCommands } from './views/refresh/refreshCommands';
import { registerRegionCommands } from './views/regions/chooseRegions';
import {
  architectureRefreshSeconds,
  cacheLastSeen,
  effectiveSettings,
  refreshIntervalSeconds,
  requestTimeoutSeconds,
  scanSettings,
  watchSettings,
} from './views/shared/settings';
import { CurrentRack } from './views/switch/currentRack';
import { RackStatusBar } from './views/switch/statusBar';
import { registerSwitchCommands } from './views/switch/switchCommands';
import { RackPasswords } from './views/terminal/rackPasswords';
import { registerTerminalCommands } from './views/terminal/terminalCommands';
import { TerminalEnvironment } from './views/terminal/terminalEnvironment';
import { registerUpdateCommands } from './views/update/updateCommands';

/** What activation returns: enough for tests to check what the views show, never a way around them. */
export interface ConvoxApi {
  /** Milliseconds from `activate()` entry to its return, for the host tests' report. */
  activationMs: number;
  store: RackStore;
  racksView: vscode.TreeDataProvider<RackNode>;
  statusBar: RackStatusBar;
  /** The current rack's display name. */
  currentRack(): string | undefined;
  /** The current rack's identity (stack id). */
  currentRackId(): string | undefined;
  /** Sets new terminals' variables for the current rack now; resolves once its address was looked up. */
  updateTerminalEnvironment(): Promise<void>;
  /** The open architecture panels (with what each page was last sent), and the serializer that restores them. */
  architecture: { panels(): readonly ArchitecturePanel[]; serializer: vscode.WebviewPanelSerializer };
  /** The settings as every feature reads them (user-only ones without workspace values). */
  settings: typeof effectiveSettings;
  /** The open logs editors, with their followers' lines and state. */
  logs(): readonly LogsSession[];
  /** Watched racks: the notifications told, the episodes needing attention, a poll now. */
  alerts: RackAlerts;
  /** The Racks view's badge now. */
  racksBadge(): vscode.ViewBadge | undefined;
}

export function activate(context: vscode.ExtensionContext): ConvoxApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Convox', { log: true });
  // The AWS SDK is a bundle of its own (dist/aws.js), loaded by the first refresh, not by activation.
  const aws = lazy(async () =>
    (await import('./aws')).createAwsPorts({
      log: (message) => log.warn(message),
      helperTimeoutMs: () => helperTimeoutMs(requestTimeoutSeconds() * 1000),
    }),
  );
  const ports = lazyPorts(aws);
  const secrets: RackSecrets = { apiPassword: async (...args) => (await aws()).secrets.apiPassword(...args) };
  const rackApi = lazyRackApi(lazy(async () => (await import('./rackApi')).rackApi));
  const previewer: ChangePreviewer = { preview: async (...args) => (await aws()).previewer.preview(...args) };
  const rackLogs: RackLogs = { page: async (...args) => (await aws()).logs.page(...args) };
  const diagnostics: RackDiagnostics = { evidence: async (...args) => (await aws()).diagnostics.evidence(...args) };
  const store = new RackStore(ports, scanSettings, {
    intervalSeconds: refreshIntervalSeconds(),
    requestTimeoutSeconds: requestTimeoutSeconds(),
    log: (message) => log.info(message),
    localRacks: () => lookUpLocalRacks(helperTimeoutMs(requestTimeoutSeconds() * 1000)),
    releaseListKeeper: releaseListKeeper(context.globalState),
    lastSeen: { keeper: lastSeenKeeper(context.globalState), enabled: cacheLastSeen() },
  });
  const current = new CurrentRack(context, store, log);
  const documents = new InspectDocuments(store);
  const racksView = new RacksView(store, () => current.id);
  const logsDocuments = new LogsDocuments(rackLogs, log);
  const diagnosisDocuments = new DiagnosisDocuments(diagnostics);
  const statusBar = new RackStatusBar(store, current);
  const cli = new CliLookups(userCliConfigFiles, log);
  const passwords = new RackPasswords(secrets, (host) => cli.password(host), log);
  const terminals = new TerminalEnvironment(context.environmentVariableCollection, current, store, passwords, (host) =>
    cli.nameForHost(host),
  );
  const architecture = new ArchitecturePanels({
    store,
    extensionUri: context.extensionUri,
    refreshSeconds: architectureRefreshSeconds,
    revealInTree: (rack) => racksView.reveal(rack),
    log,
  });

  const racks = new RackArguments(store, racksView.tree, current, log);
  const alerts = new RackAlerts({ context, store, ports, diagnostics, current, racksView, statusBar, log });
  context.subscriptions.push(
    log,
    { dispose: () => store.dispose() },
    { dispose: () => ports.dispose() },
    current,
    documents,
    racksView,
    statusBar,
    terminals,
    new CliSync(current, store, passwords, userCliConfigFiles, log),
    new CliWatcher(userCliConfigFiles, current, store, log),
    architecture,
    new ViewState(store),
    watchSettings(store),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, documents),
    logsDocuments,
    new LogsStatusBar(logsDocuments),
    diagnosisDocuments,
    vscode.workspace.registerTextDocumentContentProvider(logsScheme, logsDocuments),
    vscode.workspace.registerTextDocumentContentProvider(diagnosisScheme, diagnosisDocuments),
    ...registerLogsCommands(racks, logsDocuments, log),
    ...registerDiagnoseCommands(racks, diagnosisDocuments, log),
    alerts,
    ...registerAlertCommands(alerts, racks, log),
    ...registerRefreshCommands(store, log),
    ...registerSwitchCommands(racks, current, log),
    ...registerTerminalCommands(racks, passwords, log),
    ...registerInspectCommands(racks, documents, log),
    ...registerArchitectureCommands(racks, architecture, log),
    ...registerInstallCommands(context, store, racks, current, new CliRecords(userCliConfigFiles, passwords, log), log),
    ...registerUpdateCommands(context, store, racks, passwords, previewer, rackApi, log),
    vscode.window.registerWebviewPanelSerializer(architectureViewType, architecture),
    ...registerRegionCommands(log),
    current.onDidChange(() => racksView.tree.currentChanged()),
  );
  return {
    activationMs: performance.now() - started,
    store,
    racksView: racksView.tree,
    statusBar,
    currentRack: () => current.name,
    currentRackId: () => current.id,
    updateTerminalEnvironment: () => terminals.update(),
    architecture: { panels: () => architecture.list(), serializer: architecture },
    settings: effectiveSettings,
    logs: () => logsDocuments.list(),
    alerts,
    racksBadge: () => racksView.badge,
  };
}

export function deactivate(): void {}
