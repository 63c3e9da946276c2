import * as vscode from 'vscode';
import { AwsRackSource } from './aws/rackSource';
import { AutoRefresh } from './model/autoRefresh';
import { RackStore } from './model/rackStore';
import { Commands, racksViewId } from './views/commands';
import { CurrentRack } from './views/currentRack';
import { InspectDocuments, inspectScheme } from './views/inspectDocument';
import { RacksTree, type Node as RackNode } from './views/racksTree';
import { refreshIntervalSeconds, scanSettings } from './views/settings';
import { RackStatusBar } from './views/statusBar';
import { ViewState } from './views/viewState';

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
  const source = new AwsRackSource();
  const store = new RackStore(source, scanSettings, (message) => log.info(message));
  const current = new CurrentRack(context);
  const documents = new InspectDocuments(store);
  const commands = new Commands(store, current, documents, log);
  const tree = new RacksTree(store, () => current.name);
  const statusBar = new RackStatusBar(store, current);
  const view = vscode.window.createTreeView(racksViewId, { treeDataProvider: tree, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(() => void commands.refreshQuietly(), () => store.lastRefresh, refreshIntervalSeconds());

  context.subscriptions.push(
    log,
    { dispose: () => store.dispose() },
    { dispose: () => source.clients.reset() },
    current,
    documents,
    tree,
    view,
    autoRefresh,
    statusBar,
    new ViewState(store),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, documents),
    ...commands.register(),
    current.onDidChange(() => tree.refresh()),
    view.onDidChangeVisibility((event) => autoRefresh.setVisible(event.visible)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('convox.refreshInterval')) autoRefresh.setInterval(refreshIntervalSeconds());
      if (event.affectsConfiguration('convox.regions') || event.affectsConfiguration('convox.organizations')) void commands.refresh();
    }),
  );
  autoRefresh.setVisible(view.visible);
  return { activationMs: performance.now() - started, store, racksView: tree, statusBar, currentRack: () => current.name };
}

export function deactivate(): void {}
