import * as vscode from 'vscode';
import { lazyPorts } from './model/store/lazyPorts';
import { RackStore } from './model/store/rackStore';
import { registerInspectCommands } from './views/inspect/inspectCommands';
import { InspectDocuments, inspectScheme } from './views/inspect/inspectDocuments';
import type { Node as RackNode } from './views/racks/racksTree';
import { RacksView } from './views/racks/racksView';
import { ViewState } from './views/racks/viewState';
import { registerRefreshCommands } from './views/refresh/refreshCommands';
import { registerRegionCommands } from './views/regions/chooseRegions';
import { refreshIntervalSeconds, requestTimeoutSeconds, scanSettings, watchSettings } from './views/settings';
import { CurrentRack } from './views/switch/currentRack';
import { RackStatusBar } from './views/switch/statusBar';
import { registerSwitchCommands } from './views/switch/switchCommands';

/** What activation returns: enough for tests to check what the views show, never a way around them. */
export interface ConvoxApi {
  /** Milliseconds from `activate()` entry to its return, for the host tests' report. */
  activationMs: number;
  store: RackStore;
  racksView: vscode.TreeDataProvider<RackNode>;
  statusBar: RackStatusBar;
  currentRack(): string | undefined;
}

export function activate(context: vscode.ExtensionContext): ConvoxApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Convox', { log: true });
  // The AWS SDK is a bundle of its own (dist/aws.js), loaded by the first refresh, not by activation.
  const ports = lazyPorts(async () => (await import('./aws')).createAwsPorts({ log: (message) => log.warn(message) }));
  const store = new RackStore(ports, scanSettings, { intervalSeconds: refreshIntervalSeconds(), requestTimeoutSeconds: requestTimeoutSeconds(), log: (message) => log.info(message) });
  const current = new CurrentRack(context);
  const documents = new InspectDocuments(store);
  const racksView = new RacksView(store, () => current.name);
  const statusBar = new RackStatusBar(store, current);

  context.subscriptions.push(
    log,
    { dispose: () => store.dispose() },
    { dispose: () => ports.dispose() },
    current,
    documents,
    racksView,
    statusBar,
    new ViewState(store),
    watchSettings(store),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, documents),
    ...registerRefreshCommands(store, log),
    ...registerSwitchCommands(store, racksView.tree, current, log),
    ...registerInspectCommands(store, racksView.tree, current, documents, log),
    ...registerRegionCommands(),
    current.onDidChange(() => racksView.tree.currentChanged()),
  );
  return { activationMs: performance.now() - started, store, racksView: racksView.tree, statusBar, currentRack: () => current.name };
}

export function deactivate(): void {}
